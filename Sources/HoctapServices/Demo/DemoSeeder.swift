import Foundation
import HoctapDomain
import HoctapStorage

/// A demo account, printed when the demo starts.
public struct DemoAccount: Sendable {
    public var username: String
    public var password: String
    public var role: Role
    public var areaName: String
}

/// Fills an empty database with a small, realistic country and one account for every role.
public struct DemoSeeder: Sendable {
    let environment: ServiceEnvironment

    /// Every demo account shares this password (it satisfies the password policy).
    public static let password = "demo-hoctap-2026"

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Whether the database already holds accounts (then the demo leaves it as it is).
    public func isSeeded() async throws -> Bool {
        try await environment.database.read { try await AccountRepository($0).count() } > 0
    }

    /// Builds the demo country and accounts; returns the accounts to print. `progress` adds Sóc
    /// Sơn's totals, past results and a cycle under way (tests that open cycles themselves leave it
    /// out); without `registries` the country has its areas, villages, criteria sets and accounts
    /// but no households, units, citizens or clans (a target for imports).
    @discardableResult
    /// - Parameter portal: also publish the demo's articles and documents (needs the evidence
    ///   store for their files); tests that count portal content start without them.
    /// - Parameter network: also set up the community learning centres (with the registries and progress).
    public func seed(progress: Bool = true, registries: Bool = true, portal: Bool = true, network: Bool = true) async throws -> [DemoAccount] {
        try await seedAreas()
        try await CriteriaService(environment).installShipped()
        try await PlanService(environment).installShipped()
        let admin = try await AccountService(environment).create(
            AccountDraft(username: "admin", displayName: Self.plan[0].displayName, password: Self.password,
                         role: .nationalAdmin, areaID: try await area(.nation, "VN").id),
            by: nil)
        try await seedVillages(by: admin.actor)
        if registries { try await DemoRegistry(environment: environment).seed(by: admin.actor) }

        let service = AccountService(environment)
        for planned in Self.plan.dropFirst() {
            let area = try await area(planned.level, planned.areaCode)
            _ = try await service.create(
                AccountDraft(username: planned.username, displayName: planned.displayName, password: Self.password,
                             role: planned.role, areaID: area.id),
                by: admin.actor)
        }
        if progress && registries { try await DemoProgress(environment: environment).seed() }
        if progress && registries && network { try await DemoNetwork(environment: environment).seed(by: admin.actor) }
        if portal { try await DemoPortal(environment: environment).seed(by: admin.actor) }
        return Self.accounts
    }

    struct PlannedAccount {
        var username: String
        var displayName: String
        var role: Role
        var level: AreaLevel
        var areaCode: String
        var areaName: String
    }

    /// One account per role, most of them in xã Sóc Sơn (Hà Nội) so that the whole commune
    /// workflow can be tried; one officer in Nghệ An shows that communes do not see each other.
    static let plan: [PlannedAccount] = [
        .init(username: "admin", displayName: "Bùi Quốc Trung", role: .nationalAdmin, level: .nation, areaCode: "VN", areaName: "Toàn quốc"),
        .init(username: "hanoi.tinh", displayName: "Nguyễn Thị Hà", role: .provinceOfficer, level: .province, areaCode: "01", areaName: "Thành phố Hà Nội"),
        .init(username: "socson.hoi", displayName: "Trần Văn Sơn", role: .communeOfficer, level: .commune, areaCode: "00376", areaName: "Xã Sóc Sơn"),
        .init(username: "socson.ubnd", displayName: "Lê Minh Đức", role: .communeAuthority, level: .commune, areaCode: "00376", areaName: "Xã Sóc Sơn"),
        .init(username: "socson.hoidong", displayName: "Phạm Thu Hương", role: .councilMember, level: .commune, areaCode: "00376", areaName: "Xã Sóc Sơn"),
        .init(username: "socson.thon", displayName: "Đỗ Văn Đông", role: .villageOfficer, level: .village, areaCode: "00376-01", areaName: "Thôn Đông, xã Sóc Sơn"),
        .init(username: "nghean.xem", displayName: "Hoàng Thị Lan", role: .viewer, level: .province, areaCode: "40", areaName: "Tỉnh Nghệ An"),
        .init(username: "quephong.hoi", displayName: "Lò Văn Phong", role: .communeOfficer, level: .commune, areaCode: "16738", areaName: "Xã Quế Phong"),
    ]

    /// The demo accounts as printed at start.
    public static var accounts: [DemoAccount] {
        plan.map { DemoAccount(username: $0.username, password: password, role: $0.role, areaName: $0.areaName) }
    }

    private func seedAreas() async throws {
        var provinces: [OfficialUnit] = []
        var communes: [OfficialUnit] = []
        for province in DemoCountry.provinces {
            provinces.append(OfficialUnit(code: province.code, kind: province.kind, name: province.name,
                                          fullName: "\(province.kind.label) \(province.name)", parentCode: nil,
                                          file: "demo", line: provinces.count + 1))
            for commune in province.communes {
                communes.append(OfficialUnit(code: commune.code, kind: commune.kind, name: commune.name,
                                             fullName: "\(commune.kind.label) \(commune.name)", parentCode: province.code,
                                             file: "demo", line: communes.count + 1))
            }
        }
        _ = try await OfficialAreaImporter(database: environment.database, clock: environment.clock)
            .importCurrent(provinces: provinces, communes: communes, effectiveFrom: .twoLevelReform)
    }

    /// Five villages per commune, named the way each region names them.
    private func seedVillages(by admin: Actor) async throws {
        var csv = "commune_code,code,kind,name\n"
        for province in DemoCountry.provinces {
            for commune in province.communes {
                for (index, name) in Self.villageNames(province: province.code, commune: commune).enumerated() {
                    csv += "\(commune.code),\(String(format: "%02d", index + 1)),\(name.kind.rawValue),\(name.name)\n"
                }
            }
        }
        _ = try await VillageService(environment).importCSV(Array(csv.utf8), fileName: "demo.csv", intoCommune: nil, by: admin)
    }

    static func villageNames(province: String, commune: DemoCountry.Commune) -> [(kind: AreaKind, name: String)] {
        if commune.kind == .ward { return (1...5).map { (.toDanPho, "\($0)") } }
        let directions = ["Đông", "Tây", "Nam", "Bắc", "Trung"]
        let mountainNorth: Set = ["04", "08", "11", "12", "14", "15", "20"]
        let south: Set = ["75", "79", "80", "82", "86", "91", "92", "96"]
        let highlands: Set = ["52", "66", "68"]
        if mountainNorth.contains(province) {
            return ["Nà Pồng", "Pác Bó", "Nà Khau", "Khuổi Mỵ", "Pò Ngà"].map { (.ban, $0) }
        }
        if south.contains(province) {
            return ["Tân Hòa", "Long Thạnh", "Phú Lợi", "Bình An", "Mỹ Thuận"].map { (.ap, $0) }
        }
        if highlands.contains(province) {
            return [(.buon, "Ea Sinh"), (.buon, "Kô Siêr"), (.thon, "Đông"), (.thon, "Tây"), (.lang, "Plei Ring")]
        }
        return directions.map { (.thon, $0) }
    }

    private func area(_ level: AreaLevel, _ code: String) async throws -> Area {
        guard let area = try await environment.database.read({ try await AreaRepository($0).current(level: level, code: code) }) else {
            throw ServiceError.notFound("Dữ liệu demo thiếu đơn vị \(code).")
        }
        return area
    }
}
