import Foundation
import HoctapDomain
import SQLKit

/// SQL for the registries, on a plain connection or inside the caller's transaction. Every read
/// takes the actor's scope and filters in SQL.
public struct RegistryRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static func place(_ row: any SQLRow) throws -> SubjectPlace {
        SubjectPlace(provinceID: try row.decode(column: "province_id", as: Int64.self),
                     communeID: try row.decode(column: "commune_id", as: Int64.self),
                     villageID: try row.decode(column: "village_id", as: Int64?.self))
    }

    static func search(_ text: String) -> String { "%" + likeEscaped(VietnameseText.fold(text)) + "%" }

    // MARK: Households

    static let householdColumns: SQLQueryString = """
        h.id, h.province_id, h.commune_id, h.village_id, v.full_name AS village_name, h.code, h.head_name, h.address, h.version,
        (SELECT COUNT(*) FROM persons p WHERE p.household_id = h.id) AS member_count
        """

    static func household(_ row: any SQLRow) throws -> HouseholdRecord {
        HouseholdRecord(id: try row.decode(column: "id", as: Int64.self), place: try place(row),
                        villageName: try row.decode(column: "village_name", as: String.self),
                        code: try row.decode(column: "code", as: String.self), headName: try row.decode(column: "head_name", as: String.self),
                        address: try row.decode(column: "address", as: String.self),
                        memberCount: try row.decode(column: "member_count", as: Int.self), version: try row.decode(column: "version", as: Int.self))
    }

    public func insertHousehold(_ draft: HouseholdDraft, village: Area, at moment: Date) async throws -> HouseholdRecord.ID {
        let sequence = try await db.raw("SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM households WHERE village_id = \(bind: village.id)")
            .first(decodingColumn: "next", as: Int.self) ?? 1
        let code = Self.householdCode(villageCode: village.code, sequence: sequence)
        let head = VietnameseText.normalized(draft.headName), address = VietnameseText.normalized(draft.address)
        let id = try await db.raw("""
            INSERT INTO households (province_id, commune_id, village_id, sequence, code, head_name, address, search_text, version, created_at, updated_at)
            VALUES (\(bind: village.provinceID ?? -1), \(bind: village.communeID ?? -1), \(bind: village.id), \(bind: sequence), \(bind: code),
                    \(bind: head), \(bind: address), \(bind: Self.householdSearch(code: code, head: head, address: address)), 1,
                    \(bind: moment.epochSeconds), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã hộ mới.") }
        return id
    }

    /// "<village code>-<number, four digits at least>", printed on the forms.
    static func householdCode(villageCode: String, sequence: Int) -> String {
        let digits = String(sequence)
        return "\(villageCode)-\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)"
    }

    static func householdSearch(code: String, head: String, address: String) -> String {
        VietnameseText.fold("\(head) | \(code) | \(address)")
    }

    public func household(_ id: HouseholdRecord.ID, within scope: AreaPosition) async throws -> HouseholdRecord? {
        try await db.raw("""
            SELECT \(Self.householdColumns) FROM households h JOIN areas v ON v.id = h.village_id
            WHERE h.id = \(bind: id) AND \(ScopeFilter.subjects(scope, alias: "h"))
            """).first().map(Self.household)
    }

    public func household(code: String, within scope: AreaPosition) async throws -> HouseholdRecord? {
        try await db.raw("""
            SELECT \(Self.householdColumns) FROM households h JOIN areas v ON v.id = h.village_id
            WHERE h.code = \(bind: code) AND \(ScopeFilter.subjects(scope, alias: "h"))
            """).first().map(Self.household)
    }

    /// Households inside `scope` (a village, a commune…), optionally matching `search` (diacritics
    /// ignored), by commune and code: the order of the `(commune_id, code)` and
    /// `(province_id, commune_id, code)` indexes, so every page is an index seek. Inside one
    /// commune the key is the code alone (unique there), which lets SQLite seek on
    /// `commune_id = ? AND code > ?` rather than filter the commune from its start.
    public func households(within scope: AreaPosition, search: String = "", start: PageStart = .first, limit: Int = 50) async throws -> PagedRows<HouseholdRecord> {
        var filter: SQLQueryString = "\(ScopeFilter.subjects(scope, alias: "h"))"
        if !search.isEmpty { filter = "\(filter) AND h.search_text LIKE \(bind: Self.search(search)) ESCAPE '\\'" }
        let list = KeysetList(select: "SELECT \(Self.householdColumns) FROM households h JOIN areas v ON v.id = h.village_id", countFrom: "households h",
                              table: "households", alias: "h", filter: filter,
                              keys: [.commune, .village].contains(scope.level) ? ["code"] : ["commune_id", "code"])
        return try await list.page(start, limit: limit, on: db, Self.household)
    }

    public func updateHousehold(_ id: HouseholdRecord.ID, _ draft: HouseholdDraft, expectedVersion: Int, at moment: Date) async throws {
        guard let code = try await db.raw("SELECT code FROM households WHERE id = \(bind: id)").first(decodingColumn: "code", as: String.self) else {
            throw VersionConflict(entity: "Hộ gia đình")
        }
        let head = VietnameseText.normalized(draft.headName), address = VietnameseText.normalized(draft.address)
        let updated = try await db.raw("""
            UPDATE households SET head_name = \(bind: head), address = \(bind: address),
                search_text = \(bind: Self.householdSearch(code: code, head: head, address: address)),
                version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Hộ gia đình \(code)") }
    }
}
