import Foundation
import HoctapDomain
import SQLKit

extension RegistryRepository {
    static let unitColumns: SQLQueryString = "u.id, u.province_id, u.commune_id, u.village_id, u.name, u.kind, u.staff_count, u.version"

    static func unit(_ row: any SQLRow) throws -> UnitRecord {
        UnitRecord(id: try row.decode(column: "id", as: Int64.self), place: try place(row), name: try row.decode(column: "name", as: String.self),
                   kind: try row.enumValue("kind", as: UnitKind.self), staffCount: try row.decode(column: "staff_count", as: Int?.self),
                   version: try row.decode(column: "version", as: Int.self))
    }

    public func insertUnit(_ draft: UnitDraft, place: SubjectPlace, at moment: Date) async throws -> UnitRecord.ID {
        let name = VietnameseText.normalized(draft.name)
        let id = try await db.raw("""
            INSERT INTO units (province_id, commune_id, village_id, name, search_name, kind, staff_count, version, created_at, updated_at)
            VALUES (\(bind: place.provinceID), \(bind: place.communeID), \(bind: place.villageID), \(bind: name), \(bind: VietnameseText.fold(name)),
                    \(bind: draft.kind.rawValue), \(bind: draft.staffCount), 1, \(bind: moment.epochSeconds), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã đơn vị mới.") }
        return id
    }

    public func unit(_ id: UnitRecord.ID, within scope: AreaPosition) async throws -> UnitRecord? {
        try await db.raw("SELECT \(Self.unitColumns) FROM units u WHERE u.id = \(bind: id) AND \(ScopeFilter.subjects(scope, alias: "u"))")
            .first().map(Self.unit)
    }

    public func units(within scope: AreaPosition, search: String = "", start: PageStart = .first, limit: Int = 50) async throws -> PagedRows<UnitRecord> {
        var filter: SQLQueryString = "\(ScopeFilter.subjects(scope, alias: "u"))"
        if !search.isEmpty { filter = "\(filter) AND u.search_name LIKE \(bind: Self.search(search)) ESCAPE '\\'" }
        let list = KeysetList(select: "SELECT \(Self.unitColumns) FROM units u", countFrom: "units u", table: "units", alias: "u", filter: filter, keys: ["search_name", "id"])
        return try await list.page(start, limit: limit, on: db, Self.unit)
    }

    public func updateUnit(_ id: UnitRecord.ID, _ draft: UnitDraft, expectedVersion: Int, at moment: Date) async throws {
        let name = VietnameseText.normalized(draft.name)
        let updated = try await db.raw("""
            UPDATE units SET name = \(bind: name), search_name = \(bind: VietnameseText.fold(name)), kind = \(bind: draft.kind.rawValue),
                staff_count = \(bind: draft.staffCount), version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Đơn vị \(name)") }
    }

    // MARK: Clans

    static let clanColumns: SQLQueryString = """
        c.id, c.province_id, c.commune_id, c.village_id, c.name, c.head_name, c.version,
        (SELECT COUNT(*) FROM clan_households ch WHERE ch.clan_id = c.id) AS household_count
        """

    static func clan(_ row: any SQLRow) throws -> ClanRecord {
        ClanRecord(id: try row.decode(column: "id", as: Int64.self), place: try place(row), name: try row.decode(column: "name", as: String.self),
                   headName: try row.decode(column: "head_name", as: String.self),
                   householdCount: try row.decode(column: "household_count", as: Int.self), version: try row.decode(column: "version", as: Int.self))
    }

    public func insertClan(_ draft: ClanDraft, place: SubjectPlace, at moment: Date) async throws -> ClanRecord.ID {
        let name = VietnameseText.normalized(draft.name)
        let id = try await db.raw("""
            INSERT INTO clans (province_id, commune_id, village_id, name, search_name, head_name, version, created_at, updated_at)
            VALUES (\(bind: place.provinceID), \(bind: place.communeID), \(bind: place.villageID), \(bind: name), \(bind: VietnameseText.fold(name)),
                    \(bind: VietnameseText.normalized(draft.headName)), 1, \(bind: moment.epochSeconds), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã dòng họ mới.") }
        return id
    }

    /// The clan of a commune with this name, diacritics and case aside (to refuse importing it twice).
    public func clan(named name: String, inCommune communeID: Area.ID) async throws -> ClanRecord? {
        try await db.raw("""
            SELECT \(Self.clanColumns) FROM clans c WHERE c.commune_id = \(bind: communeID)
            AND c.search_name = \(bind: VietnameseText.fold(VietnameseText.normalized(name)))
            """).first().map(Self.clan)
    }

    public func clan(_ id: ClanRecord.ID, within scope: AreaPosition) async throws -> ClanRecord? {
        try await db.raw("SELECT \(Self.clanColumns) FROM clans c WHERE c.id = \(bind: id) AND \(ScopeFilter.subjects(scope, alias: "c"))")
            .first().map(Self.clan)
    }

    public func clans(within scope: AreaPosition, search: String = "", start: PageStart = .first, limit: Int = 50) async throws -> PagedRows<ClanRecord> {
        var filter: SQLQueryString = "\(ScopeFilter.subjects(scope, alias: "c"))"
        if !search.isEmpty { filter = "\(filter) AND c.search_name LIKE \(bind: Self.search(search)) ESCAPE '\\'" }
        let list = KeysetList(select: "SELECT \(Self.clanColumns) FROM clans c", countFrom: "clans c", table: "clans", alias: "c", filter: filter, keys: ["search_name", "id"])
        return try await list.page(start, limit: limit, on: db, Self.clan)
    }

    public func addHousehold(_ householdID: HouseholdRecord.ID, toClan clanID: ClanRecord.ID) async throws -> Bool {
        let existing = try await db.raw("SELECT 1 AS x FROM clan_households WHERE clan_id = \(bind: clanID) AND household_id = \(bind: householdID)").first()
        if existing != nil { return false }
        try await db.raw("INSERT INTO clan_households (clan_id, household_id) VALUES (\(bind: clanID), \(bind: householdID))").run()
        return true
    }

    public func removeHousehold(_ householdID: HouseholdRecord.ID, fromClan clanID: ClanRecord.ID) async throws {
        try await db.raw("DELETE FROM clan_households WHERE clan_id = \(bind: clanID) AND household_id = \(bind: householdID)").run()
    }

    /// The clan's households; those outside `scope` are counted but not listed.
    public func clanHouseholds(_ clanID: ClanRecord.ID, within scope: AreaPosition) async throws -> [HouseholdRecord] {
        try await db.raw("""
            SELECT \(Self.householdColumns) FROM clan_households ch JOIN households h ON h.id = ch.household_id JOIN areas v ON v.id = h.village_id
            WHERE ch.clan_id = \(bind: clanID) AND \(ScopeFilter.subjects(scope, alias: "h")) ORDER BY h.code
            """).all().map(Self.household)
    }
}
