import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// A migrated database with the demo country, and the environment services run in.
func withDemo(_ engine: DatabaseEngine, clock: TestClock = TestClock(),
              _ body: @escaping @Sendable (ServiceEnvironment) async throws -> Void) async throws {
    let seed = TestSeed(name: "demo_services") { database in
        try await DemoSeeder(ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: BcryptPasswordHasher(cost: 4),
                                                logger: TestDatabases.logger)).seed(progress: false, portal: false)
    }
    try await TestDatabases.with(engine, seed: seed) { database, _ in
        try await body(ServiceEnvironment(database: database, clock: clock, passwordHasher: BcryptPasswordHasher(cost: 4),
                                          logger: TestDatabases.logger))
    }
}

func actor(_ username: String, _ environment: ServiceEnvironment) async throws -> Actor {
    try #require(try await environment.database.read { try await AccountRepository($0).find(username: username) }).actor
}

func area(_ level: AreaLevel, _ code: String, _ environment: ServiceEnvironment) async throws -> Area {
    try #require(try await environment.database.read { try await AreaRepository($0).current(level: level, code: code) })
}

@Suite("Account service")
struct AccountServiceTests {
    @Test("creating an account writes it and its audit entry in one transaction, never the password", arguments: TestDatabases.engines)
    func create(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment)
            let village = try await area(.village, "00376-03", environment)
            let account = try await AccountService(environment).create(
                AccountDraft(username: " SocSon.Nam ", displayName: "  Lê  Thị Nam ", password: "mat-khau-thon-nam",
                             role: .villageOfficer, areaID: village.id), by: officer)
            #expect(account.username == "socson.nam" && account.displayName == "Lê Thị Nam")
            #expect(account.passwordHash.hasPrefix("$2"))
            let trail = try await environment.database.read {
                try await AuditRepository($0).history(entityType: "account", entityID: String(account.id))
            }
            #expect(trail.map(\.action) == ["account.create"])
            #expect(trail[0].actorLabel == "socson.hoi")
            #expect(trail[0].after?.contains("mat-khau") == false && trail[0].after?.contains("$2") == false)
        }
    }

    @Test("a failed insert leaves no audit entry behind", arguments: TestDatabases.engines)
    func atomic(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let hanoi = try await area(.province, "01", environment)
            let before = try await environment.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events").first(decodingColumn: "n", as: Int.self)
            }
            await #expect(throws: ServiceError.self) {
                try await AccountService(environment).create(
                    AccountDraft(username: "hanoi.tinh", displayName: "Trùng", password: "mat-khau-dai-du", role: .provinceOfficer,
                                 areaID: hanoi.id), by: admin)
            }
            let after = try await environment.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events").first(decodingColumn: "n", as: Int.self)
            }
            #expect(before == after)
        }
    }
}

@Suite("Authentication service")
struct AuthServiceTests {
    @Test("tokens are stored only as digests and slide their expiry with use", arguments: TestDatabases.engines)
    func tokens(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await withDemo(engine, clock: clock) { environment in
            let auth = AuthService(environment)
            let session = try await auth.login(username: "admin", password: DemoSeeder.password, kind: .api,
                                               clientAddress: "10.0.0.1", userAgent: "test")
            let token = try #require(session.token)
            let stored = try await environment.database.read { db in
                try await db.raw("SELECT token_hash FROM sessions").all(decodingColumn: "token_hash", as: String.self)
            }
            #expect(stored == [Secrets.digest(token)])
            #expect(!stored.contains(token))
            clock.advance(by: 29 * 86_400)
            #expect(try await auth.authenticate(token: token) != nil)
            clock.advance(by: 29 * 86_400)
            #expect(try await auth.authenticate(token: token) != nil, "use extended the 30-day idle limit")
            clock.advance(by: 31 * 86_400)
            #expect(try await auth.authenticate(token: token) == nil)
            #expect(try await auth.authenticate(token: "not-a-token") == nil)
        }
    }

    @Test("failures are counted per account and per address; a success clears the account's count", arguments: TestDatabases.engines)
    func throttle(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let auth = AuthService(environment)
            for _ in 0..<4 {
                await #expect(throws: ServiceError.self) {
                    try await auth.login(username: "socson.thon", password: "sai", kind: .browser, clientAddress: "10.0.0.2", userAgent: nil)
                }
            }
            _ = try await auth.login(username: "socson.thon", password: DemoSeeder.password, kind: .browser, clientAddress: "10.0.0.2", userAgent: nil)
            // The count restarted: four more failures still do not lock.
            for _ in 0..<4 {
                do {
                    _ = try await auth.login(username: "socson.thon", password: "sai", kind: .browser, clientAddress: "10.0.0.3", userAgent: nil)
                } catch ServiceError.unauthenticated {
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            // An address that tries many accounts is locked as a whole.
            var locked = false
            for index in 0..<40 where !locked {
                do {
                    _ = try await auth.login(username: "user\(index)", password: "sai", kind: .browser, clientAddress: "10.9.9.9", userAgent: nil)
                } catch ServiceError.throttled {
                    locked = true
                } catch {}
            }
            #expect(locked)
            await #expect(throws: ServiceError.self) {
                try await auth.login(username: "admin", password: DemoSeeder.password, kind: .browser, clientAddress: "10.9.9.9", userAgent: nil)
            }
        }
    }
}

@Suite("Village service")
struct VillageServiceTests {
    @Test("a national CSV with commune codes fills several communes in one transaction", arguments: TestDatabases.engines)
    func nationalImport(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let csv = "commune_code,name,kind\n00376,Mới Một,thon\n16738,Mới Hai,ban\n"
            let report = try await VillageService(environment).importCSV(Array(csv.utf8), fileName: "x.csv", intoCommune: nil, by: admin)
            #expect(report.created == 2)
            let bad = "commune_code,name,kind\n00376,Mới Ba,thon\n99999,Mới Bốn,thon\n,Mới Năm,thon\n"
            do {
                _ = try await VillageService(environment).importCSV(Array(bad.utf8), fileName: "y.csv", intoCommune: nil, by: admin)
                Issue.record("must fail")
            } catch ServiceError.importRejected(let failure) {
                #expect(failure.issues.map(\.line) == [3, 4])
            }
            let socSon = try await area(.commune, "00376", environment)
            let count = try await environment.database.read { try await AreaRepository($0).childCount(of: socSon.id) }
            #expect(count == 6, "Mới Ba was not written")
        }
    }

    @Test("a province officer cannot import into another province's commune by code", arguments: TestDatabases.engines)
    func scopedImport(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("hanoi.tinh", environment)
            let csv = "commune_code,name,kind\n16738,Lén,thon\n"
            do {
                _ = try await VillageService(environment).importCSV(Array(csv.utf8), fileName: "x.csv", intoCommune: nil, by: officer)
                Issue.record("must fail")
            } catch ServiceError.importRejected(let failure) {
                #expect(failure.issues.first?.message.contains("trong phạm vi của bạn") == true)
            }
        }
    }
}
