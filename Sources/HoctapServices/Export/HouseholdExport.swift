import Foundation
import HoctapDomain
import HoctapStorage

/// A registry export of households and their members, in the layout `hoctap import households`
/// reads (so an export of one database imports into another), produced a page at a time by
/// key, never by offset: the first bytes leave at once and memory holds one page, whatever the
/// size of the area.
public struct HouseholdExport: Sendable {
    public static let columns = ["village", "household", "address", "full_name", "relation", "birth_year", "sex", "schooling", "literate", "studying"]
    public static let columnWidths = [12, 9, 24, 28, 12, 10, 8, 22, 9, 11]

    public let area: Area
    let environment: ServiceEnvironment
    let pageSize: Int

    /// Calls `body` with each page of rows, each row the fields of `columns`.
    public func forEachPage(_ body: ([[String]]) async throws -> Void) async throws {
        var after: Int64 = 0
        while true {
            let page = try await environment.database.read {
                try await RegistryRepository($0).exportHouseholds(within: area.position, after: after, limit: pageSize)
            }
            guard let last = page.last else { return }
            var previous: Int64?
            try await body(page.rows.map { row in
                defer { previous = row.householdID }
                return Self.fields(row, first: previous != row.householdID)
            })
            after = last
        }
    }

    static func fields(_ row: HouseholdExportRow, first: Bool) -> [String] {
        let member = row.member
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "Có" : "Không" } ?? "" }
        return [row.villageCode, String(row.number), first ? row.address : "", member.fullName, member.relation?.label ?? "",
                member.birthYear.map(String.init) ?? "", member.sex?.label ?? "", member.schooling?.label ?? "", yesNo(member.literate), yesNo(member.studying)]
    }
}

extension RegistryService {
    /// The households of an area the actor sees, for download; the export itself is audited,
    /// since it carries personal data of many families.
    public func exportHouseholds(in areaID: Area.ID, format: String, by actor: Actor, pageSize: Int = 1_000) async throws -> HouseholdExport {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Authorization.require(actor, .viewSubject(area.position), notFound: "Không tìm thấy địa bàn này.")
        try await environment.database.transaction { db in
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "household.export", entityType: "area", entityID: String(area.id), area: area.position,
                summary: "Tải danh sách hộ gia đình và thành viên của \(area.fullName) (\(format.uppercased()))"), at: environment.clock.now())
        }
        return HouseholdExport(area: area, environment: environment, pageSize: max(1, pageSize))
    }
}
