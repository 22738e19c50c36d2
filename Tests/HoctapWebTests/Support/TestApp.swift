import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HoctapWeb
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The demo country as test data: 34 provinces, three communes each, five villages per commune,
/// and one account per role (see `DemoSeeder.plan`), all with `DemoSeeder.password`.
enum DemoData {
    static let seed = TestSeed(name: "demo") { database in
        let environment = ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: TestApp.hasher,
                                             logger: TestDatabases.logger, personalData: TestApp.personalData)
        try await DemoSeeder(environment).seed(progress: false, portal: false)
    }
}

/// Starts the real application on a fresh database and a free port, and gives the test an HTTP
/// client that talks to it over the loopback network.
enum TestApp {
    /// bcrypt at its minimum cost: the same algorithm and code path, fast enough for hundreds of logins.
    static let hasher = BcryptPasswordHasher(cost: 4)
    /// A fixed key for citizen ID numbers, so seeded templates and the application agree.
    static let personalData = try! PersonalDataProtector.load(base64Key: Data(repeating: 7, count: 32).base64EncodedString(), dataDirectory: "")

    static func run(
        _ engine: DatabaseEngine, clock: TestClock = TestClock(),
        configure: (inout AppConfig) -> Void = { _ in },
        prepare: (ServiceEnvironment) async throws -> Void = { _ in },
        _ test: @escaping @Sendable (Browser, Fixture) async throws -> Void
    ) async throws {
        try await TestDatabases.with(engine, seed: DemoData.seed) { database, url in
            // Data a test needs beyond the demo, written through the services before the server starts.
            try await prepare(ServiceEnvironment(database: database, clock: clock, passwordHasher: hasher, logger: TestDatabases.logger, personalData: personalData))
            // Evidence files and keys go to a directory of this test, removed afterwards.
            let files = try TemporaryFiles()
            var config = AppConfig(databaseURL: url, host: "127.0.0.1", port: 0, dataDirectory: files.directory.path, logLevel: .warning, bcryptCost: 4)
            configure(&config)
            var loaded = try await Fixture.load(database)
            loaded.databaseURL = url
            let fixture = loaded
            var logger = Logger(label: "hoctap.test")
            logger.logLevel = .warning
            let app = try await buildApplication(
                config: config, dependencies: AppDependencies(database: database, clock: clock, passwordHasher: hasher, personalData: personalData),
                logger: logger)
            try await app.test(.live) { live in
                try await PatientClient.around(live) { client in
                    try await test(Browser(client: client), fixture)
                }
            }
            withExtendedLifetime(files) {}
        }
    }
}

/// Identifiers of the demo areas and accounts that tests refer to.
struct Fixture: Sendable {
    var nation: Area
    var hanoi: Area
    var nghean: Area
    /// Xã Sóc Sơn, Hà Nội: the commune with an account for every commune role.
    var socSon: Area
    /// Xã Kim Anh, Hà Nội: a sibling commune in the same province.
    var kimAnh: Area
    /// Xã Quế Phong, Nghệ An: a commune in another province.
    var quePhong: Area
    /// Thôn Đông, Sóc Sơn (the village officer's village) and Thôn Tây, its sibling.
    var thonDong: Area
    var thonTay: Area
    /// A village of Kim Anh.
    var kimAnhVillage: Area
    /// A village of Quế Phong.
    var quePhongVillage: Area
    /// Where the application's database is, for commands run next to the server.
    var databaseURL: DatabaseURL?

    static func load(_ database: any Database) async throws -> Fixture {
        try await database.read { db in
            let areas = AreaRepository(db)
            func area(_ level: AreaLevel, _ code: String) async throws -> Area {
                try #require(try await areas.current(level: level, code: code), "demo area \(code)")
            }
            return Fixture(
                nation: try await areas.nation(), hanoi: try await area(.province, "01"), nghean: try await area(.province, "40"),
                socSon: try await area(.commune, "00376"), kimAnh: try await area(.commune, "00382"),
                quePhong: try await area(.commune, "16738"), thonDong: try await area(.village, "00376-01"),
                thonTay: try await area(.village, "00376-02"), kimAnhVillage: try await area(.village, "00382-01"),
                quePhongVillage: try await area(.village, "16738-01"))
        }
    }
}

/// Demo user names by role, as `DemoSeeder.plan` creates them.
enum DemoUser {
    static let admin = "admin"
    static let province = "hanoi.tinh"
    static let communeOfficer = "socson.hoi"
    static let communeAuthority = "socson.ubnd"
    static let council = "socson.hoidong"
    static let village = "socson.thon"
    static let viewer = "nghean.xem"
    static let otherProvinceCommune = "quephong.hoi"
}
