import Foundation
import HoctapDomain
import SQLKit

/// A person to store, with where they live and their sealed ID number if any.
public struct NewPerson: Sendable {
    public var draft: PersonDraft
    public var householdID: HouseholdRecord.ID?
    public var place: SubjectPlace
    /// Lookup hash and sealed digits of the ID number.
    public var personalID: (hash: String, sealed: String)?

    public init(draft: PersonDraft, householdID: HouseholdRecord.ID?, place: SubjectPlace, personalID: (hash: String, sealed: String)?) {
        self.draft = draft
        self.householdID = householdID
        self.place = place
        self.personalID = personalID
    }
}

extension RegistryRepository {
    static let personColumns: SQLQueryString = """
        p.id, p.household_id, h.code AS household_code, p.province_id, p.commune_id, p.village_id, p.full_name, p.birth_year, p.sex,
        p.relation, p.schooling, p.literate, p.studying, p.target_group, p.version, i.sealed, i.id_hash
        """
    static let personFrom: SQLQueryString = "persons p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN personal_ids i ON i.person_id = p.id"

    static func person(_ row: any SQLRow) throws -> PersonRecord {
        func flag(_ column: String) throws -> Bool? { try row.decode(column: column, as: Int?.self).map { $0 != 0 } }
        func choice<T: RawRepresentable>(_ column: String, _ type: T.Type) throws -> T? where T.RawValue == String {
            try row.decode(column: column, as: String?.self).flatMap(T.init(rawValue:))
        }
        return PersonRecord(
            id: try row.decode(column: "id", as: Int64.self), householdID: try row.decode(column: "household_id", as: Int64?.self),
            householdCode: try row.decode(column: "household_code", as: String?.self), place: try place(row),
            fullName: try row.decode(column: "full_name", as: String.self), birthYear: try row.decode(column: "birth_year", as: Int?.self),
            sex: try choice("sex", Sex.self), relation: try choice("relation", HouseholdRelation.self),
            schooling: try choice("schooling", Schooling.self), literate: try flag("literate"), studying: try flag("studying"),
            targetGroup: try choice("target_group", TargetGroup.self), sealedID: try row.decode(column: "sealed", as: String?.self),
            personalIDHash: try row.decode(column: "id_hash", as: String?.self), version: try row.decode(column: "version", as: Int.self))
    }

    /// Who holds an ID number already, anywhere in the country.
    public func personalIDHolder(hash: String) async throws -> PersonalIDHolder? {
        try await db.raw("""
            SELECT p.id, p.province_id, p.commune_id, p.village_id FROM personal_ids i JOIN persons p ON p.id = i.person_id
            WHERE i.id_hash = \(bind: hash)
            """).first().map { PersonalIDHolder(personID: try $0.decode(column: "id", as: Int64.self), place: try Self.place($0)) }
    }

    public func insertPerson(_ new: NewPerson, at moment: Date) async throws -> PersonRecord.ID {
        let draft = new.draft
        let name = VietnameseText.normalized(draft.fullName)
        let id = try await db.raw("""
            INSERT INTO persons (household_id, province_id, commune_id, village_id, full_name, search_name, birth_year, sex, relation,
                                 schooling, literate, studying, target_group, version, created_at, updated_at)
            VALUES (\(bind: new.householdID), \(bind: new.place.provinceID), \(bind: new.place.communeID), \(bind: new.place.villageID),
                    \(bind: name), \(bind: VietnameseText.fold(name)), \(bind: draft.birthYear), \(bind: draft.sex?.rawValue),
                    \(bind: draft.relation?.rawValue), \(bind: draft.schooling?.rawValue), \(bind: draft.literate.map { $0 ? 1 : 0 }),
                    \(bind: draft.studying.map { $0 ? 1 : 0 }), \(bind: draft.targetGroup?.rawValue), 1,
                    \(bind: moment.epochSeconds), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã người mới.") }
        if let personalID = new.personalID { try await setPersonalID(of: id, personalID) }
        return id
    }

    public func setPersonalID(of personID: PersonRecord.ID, _ personalID: (hash: String, sealed: String)?) async throws {
        try await db.raw("DELETE FROM personal_ids WHERE person_id = \(bind: personID)").run()
        if let personalID {
            try await db.raw("INSERT INTO personal_ids (id_hash, person_id, sealed) VALUES (\(bind: personalID.hash), \(bind: personID), \(bind: personalID.sealed))").run()
        }
    }

    public func person(_ id: PersonRecord.ID, within scope: AreaPosition) async throws -> PersonRecord? {
        try await db.raw("SELECT \(Self.personColumns) FROM \(Self.personFrom) WHERE p.id = \(bind: id) AND \(ScopeFilter.subjects(scope, alias: "p"))")
            .first().map(Self.person)
    }

    public func members(of householdID: HouseholdRecord.ID) async throws -> [PersonRecord] {
        try await db.raw("""
            SELECT \(Self.personColumns) FROM \(Self.personFrom) WHERE p.household_id = \(bind: householdID)
            ORDER BY CASE WHEN p.relation = 'head' THEN 0 ELSE 1 END, p.birth_year, p.id
            """).all().map(Self.person)
    }

    /// Learning citizens (persons with a target group) inside `scope`.
    public func citizens(within scope: AreaPosition, group: TargetGroup? = nil, search: String = "", start: PageStart = .first, limit: Int = 50) async throws -> PagedRows<PersonRecord> {
        var filter: SQLQueryString = "p.target_group IS NOT NULL AND \(ScopeFilter.subjects(scope, alias: "p"))"
        if let group { filter = "\(filter) AND p.target_group = \(bind: group.rawValue)" }
        if !search.isEmpty { filter = "\(filter) AND p.search_name LIKE \(bind: Self.search(search)) ESCAPE '\\'" }
        let list = KeysetList(select: "SELECT \(Self.personColumns) FROM \(Self.personFrom)", countFrom: "persons p", table: "persons", alias: "p", filter: filter, keys: ["search_name", "id"])
        return try await list.page(start, limit: limit, on: db, Self.person)
    }

    public func updatePerson(_ id: PersonRecord.ID, _ draft: PersonDraft, expectedVersion: Int, at moment: Date) async throws {
        let name = VietnameseText.normalized(draft.fullName)
        let updated = try await db.raw("""
            UPDATE persons SET full_name = \(bind: name), search_name = \(bind: VietnameseText.fold(name)), birth_year = \(bind: draft.birthYear),
                sex = \(bind: draft.sex?.rawValue), relation = \(bind: draft.relation?.rawValue), schooling = \(bind: draft.schooling?.rawValue),
                literate = \(bind: draft.literate.map { $0 ? 1 : 0 }), studying = \(bind: draft.studying.map { $0 ? 1 : 0 }),
                target_group = \(bind: draft.targetGroup?.rawValue), version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Thông tin của \(name)") }
    }

    public func deletePerson(_ id: PersonRecord.ID) async throws {
        try await db.raw("DELETE FROM persons WHERE id = \(bind: id)").run()
    }
}
