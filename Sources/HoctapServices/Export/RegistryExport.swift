import Foundation
import HoctapDomain
import HoctapStorage

/// What a download holds: a registry, or the final results of evaluation cycles. Each is
/// written in the layout its `hoctap import` reads (unknown columns are ignored there), so an
/// export of one database imports into another.
public enum ExportKind: String, CaseIterable, Sendable {
    case households, units, citizens, clans, results

    public var columns: [String] {
        switch self {
        case .households: ["village", "household", "address", "full_name", "relation", "birth_year", "sex", "schooling", "literate", "studying", "target_group"]
        case .units: ["commune", "village", "name", "kind", "staff_count"]
        case .citizens: ["commune", "village", "full_name", "target_group", "birth_year", "sex"]
        case .clans: ["commune", "village", "clan", "head_name", "household"]
        case .results: ["year", "model", "commune", "village", "subject", "household", "verdict", "grade", "decision_number", "decided_on"]
        }
    }

    public var columnWidths: [Int] {
        switch self {
        case .households: [12, 9, 24, 28, 12, 10, 8, 22, 9, 11, 30]
        case .units: [9, 12, 36, 30, 12]
        case .citizens: [9, 12, 28, 30, 10, 8]
        case .clans: [9, 12, 24, 24, 16]
        case .results: [6, 22, 9, 12, 36, 16, 16, 16, 18, 12]
        }
    }

    /// The sheet's name and the title above its table.
    public var sheetName: String {
        switch self {
        case .households: "Hộ gia đình"
        case .units: "Đơn vị"
        case .citizens: "Công dân học tập"
        case .clans: "Dòng họ"
        case .results: "Kết quả"
        }
    }

    public var heading: String {
        switch self {
        case .households: "Danh sách hộ gia đình và thành viên"
        case .units: "Danh sách cơ quan, đơn vị"
        case .citizens: "Danh sách công dân học tập không thuộc hộ đã đăng ký (thành viên hộ có trong danh sách hộ gia đình)"
        case .clans: "Danh sách dòng họ và hộ thành viên"
        case .results: "Kết quả đánh giá, công nhận"
        }
    }

    /// The start of the downloaded file's name (Vietnamese, without diacritics).
    public var fileStem: String {
        switch self {
        case .households: "ho-gia-dinh"
        case .units: "don-vi"
        case .citizens: "cong-dan-hoc-tap"
        case .clans: "dong-ho"
        case .results: "ket-qua"
        }
    }
}

/// Which results a results export holds; registries ignore it.
public struct ResultFilter: Sendable, Hashable {
    public var year: Int?
    public var model: LearningModel?

    public init(year: Int? = nil, model: LearningModel? = nil) {
        self.year = year
        self.model = model
    }
}

/// A download being produced a page at a time by key, never by offset: the first bytes leave at
/// once and memory holds one page, whatever the size of the area.
public struct RegistryExport: Sendable {
    public let kind: ExportKind
    public let area: Area
    public let filter: ResultFilter
    let environment: ServiceEnvironment
    let scope: AreaPosition
    let pageSize: Int

    public var columns: [String] { kind.columns }

    /// Calls `body` with each page of rows, each row the fields of `columns`.
    public func forEachPage(_ body: ([[String]]) async throws -> Void) async throws {
        switch kind {
        case .households:
            var previous: Int64?
            try await byID({ try await $0.exportHouseholds(within: area.position, after: $1, limit: $2) }) { row in
                defer { previous = row.householdID }
                return [Self.fields(row, first: previous != row.householdID)]
            } body: { try await body($0) }
        case .units:
            try await byID({ try await $0.exportUnits(within: area.position, after: $1, limit: $2) }) { row in
                [[row.communeCode, row.villageCode ?? "", row.name, row.kind.label, row.staffCount.map(String.init) ?? ""]]
            } body: { try await body($0) }
        case .citizens:
            try await byID({ try await $0.exportCitizens(within: area.position, after: $1, limit: $2) }) { row in
                let person = row.person
                return [[row.communeCode, row.villageCode ?? "", person.fullName, person.targetGroup?.label ?? "",
                         person.birthYear.map(String.init) ?? "", person.sex?.label ?? ""]]
            } body: { try await body($0) }
        case .clans:
            try await byID({ try await $0.exportClans(within: area.position, after: $1, limit: $2) }) { row in
                // One row per member household, as the import reads them; a clan without one still has its row.
                (row.householdCodes.isEmpty ? [""] : row.householdCodes).map { [row.communeCode, row.villageCode ?? "", row.name, row.headName, $0] }
            } body: { try await body($0) }
        case .results:
            try await forEachResultPage(body)
        }
    }

    /// Pages of a table read by id, `fields` giving each row's lines.
    private func byID<Row: Sendable>(_ fetch: @escaping @Sendable (RegistryRepository, Int64, Int) async throws -> (rows: [Row], last: Int64?), fields: (Row) -> [[String]],
                           body: ([[String]]) async throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let page = try await environment.database.read { try await fetch(RegistryRepository($0), after, pageSize) }
            guard let last = page.last else { return }
            try await body(page.rows.flatMap(fields))
            after = last
        }
    }

    /// The final results (recognised or not) of each cycle; results still in progress are the
    /// cycle pages' business, not a record of what was decided.
    private func forEachResultPage(_ body: ([[String]]) async throws -> Void) async throws {
        let cycles = try await environment.database.read { try await RegistryRepository($0).exportCycles(within: scope, year: filter.year, model: filter.model) }
        for cycle in cycles {
            try await byID({ try await $0.exportResults(of: cycle, within: scope, after: $1, limit: $2) }) { row in
                [[String(row.year), row.model.label, row.communeCode, row.villageCode ?? "", row.subjectName, row.householdCode ?? "",
                  row.state == .recognised ? "Công nhận" : "Không công nhận", row.verdictLabel ?? "", row.decisionNumber ?? "",
                  row.decidedOn?.iso ?? ""]]
            } body: { try await body($0) }
        }
    }

    static func fields(_ row: HouseholdExportRow, first: Bool) -> [String] {
        let member = row.member
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "Có" : "Không" } ?? "" }
        return [row.villageCode, String(row.number), first ? row.address : "", member.fullName, member.relation?.label ?? "",
                member.birthYear.map(String.init) ?? "", member.sex?.label ?? "", member.schooling?.label ?? "", yesNo(member.literate), yesNo(member.studying),
                member.targetGroup?.label ?? ""]
    }
}

extension RegistryService {
    /// A registry or the results of an area the actor sees, for download. The export itself is
    /// audited, since it carries personal data of many families.
    public func export(_ kind: ExportKind, in areaID: Area.ID, filter: ResultFilter = ResultFilter(), format: String, by actor: Actor,
                       pageSize: Int = 1_000) async throws -> RegistryExport {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Authorization.require(actor, .viewSubject(area.position), notFound: "Không tìm thấy địa bàn này.")
        var what = "\(kind.heading.prefix(1).lowercased())\(kind.heading.dropFirst())"
        if kind == .results {
            what += [filter.model.map { " \($0.label)" }, filter.year.map { " năm \($0)" }].compactMap { $0 }.joined()
        }
        try await environment.database.transaction { db in
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "\(kind.rawValue).export", entityType: "area", entityID: String(area.id), area: area.position,
                summary: "Tải \(what) của \(area.fullName) (\(format.uppercased()))"), at: environment.clock.now())
        }
        return RegistryExport(kind: kind, area: area, filter: filter, environment: environment, scope: area.position, pageSize: max(1, pageSize))
    }
}
