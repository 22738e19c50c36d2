import Foundation
import HoctapDomain
import SQLKit

public struct CentreRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var provinceID: Area.ID
    public var communeID: Area.ID
    public var draft: CentreDraft
    public var version: Int
    public var updatedAt: Date

    public var position: AreaPosition { AreaPosition(level: .commune, areaID: communeID, provinceID: provinceID, communeID: communeID) }
}

public struct CentreManagerRecord: Hashable, Sendable {
    public var id: Int64
    public var centreID: CentreRecord.ID
    public var draft: CentreManagerDraft
}

public struct CentreActivityRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var centreID: CentreRecord.ID
    public var provinceID: Area.ID
    public var communeID: Area.ID
    public var draft: CentreActivityDraft
    /// People of the register recorded as attending.
    public var attended: Int
    public var createdBy: String
    public var version: Int

    public var position: AreaPosition { AreaPosition(level: .commune, areaID: communeID, provinceID: provinceID, communeID: communeID) }
}

/// A person of the register who attended an activity, as the attendance list shows them.
public struct CentreAttendee: Hashable, Sendable {
    public var personID: Int64
    public var fullName: String
    public var householdCode: String?
    public var villageName: String?
}

/// One person's attendance at one activity: what an assessment suggests as evidence.
public struct CentreAttendanceRecord: Hashable, Sendable {
    public var personID: Int64
    public var personName: String
    public var activity: CentreActivityRecord
}

/// A child area's centre figures for one year.
public struct CentreFigureRow: Hashable, Sendable {
    public var areaID: Area.ID
    public var communes = 0
    public var centres = 0
    /// Centres whose management includes the association's chair or vice-chair.
    public var ledByAssociation = 0
    public var activities = 0
    public var hours = 0.0
    public var participants = 0
    /// Distinct people of the register who attended at least once.
    public var attendees = 0

    public init(areaID: Area.ID) { self.areaID = areaID }
}

/// SQL for community learning centres, their managers, activities and attendance.
public struct LearningCentreRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    // MARK: Centres

    static func centre(_ row: any SQLRow) throws -> CentreRecord {
        CentreRecord(
            id: try row.decode(column: "id", as: Int64.self), provinceID: try row.decode(column: "province_id", as: Int64.self),
            communeID: try row.decode(column: "commune_id", as: Int64.self),
            draft: CentreDraft(name: try row.decode(column: "name", as: String.self), establishedYear: try row.decode(column: "established_year", as: Int?.self),
                               address: try row.decode(column: "address", as: String.self), resources: try row.decode(column: "resources", as: String.self)),
            version: try row.decode(column: "version", as: Int.self), updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self)))
    }

    static let centreColumns: SQLQueryString = "id, province_id, commune_id, name, established_year, address, resources, version, updated_at"

    public func centre(ofCommune communeID: Area.ID) async throws -> CentreRecord? {
        try await db.raw("SELECT \(Self.centreColumns) FROM learning_centres WHERE commune_id = \(bind: communeID)").first().map(Self.centre)
    }

    public func centre(id: CentreRecord.ID) async throws -> CentreRecord? {
        try await db.raw("SELECT \(Self.centreColumns) FROM learning_centres WHERE id = \(bind: id)").first().map(Self.centre)
    }

    public func insertCentre(provinceID: Area.ID, communeID: Area.ID, _ draft: CentreDraft, at moment: Date) async throws -> CentreRecord.ID {
        let id = try await db.raw("""
            INSERT INTO learning_centres (province_id, commune_id, name, established_year, address, resources, created_at, updated_at)
            VALUES (\(bind: provinceID), \(bind: communeID), \(bind: draft.name), \(bind: draft.establishedYear), \(bind: draft.address),
                    \(bind: draft.resources), \(bind: moment.epochSeconds), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã trung tâm mới.") }
        return id
    }

    public func updateCentre(_ id: CentreRecord.ID, expectedVersion: Int, _ draft: CentreDraft, at moment: Date) async throws {
        let updated = try await db.raw("""
            UPDATE learning_centres SET name = \(bind: draft.name), established_year = \(bind: draft.establishedYear), address = \(bind: draft.address),
                resources = \(bind: draft.resources), version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion)
            RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Thông tin trung tâm") }
    }

    // MARK: Managers

    public func managers(of centreID: CentreRecord.ID) async throws -> [CentreManagerRecord] {
        try await db.raw("SELECT id, centre_id, full_name, position, office FROM centre_managers WHERE centre_id = \(bind: centreID) ORDER BY id")
            .all().map(Self.manager)
    }

    static func manager(_ row: any SQLRow) throws -> CentreManagerRecord {
        CentreManagerRecord(
            id: try row.decode(column: "id", as: Int64.self), centreID: try row.decode(column: "centre_id", as: Int64.self),
            draft: CentreManagerDraft(fullName: try row.decode(column: "full_name", as: String.self), position: try row.decode(column: "position", as: String.self),
                                      office: try row.enumValue("office", as: AssociationOffice.self)))
    }

    public func manager(id: Int64) async throws -> CentreManagerRecord? {
        try await db.raw("SELECT id, centre_id, full_name, position, office FROM centre_managers WHERE id = \(bind: id)").first().map(Self.manager)
    }

    public func insertManager(centre: CentreRecord.ID, _ draft: CentreManagerDraft, at moment: Date) async throws -> Int64 {
        let id = try await db.raw("""
            INSERT INTO centre_managers (centre_id, full_name, position, office, created_at)
            VALUES (\(bind: centre), \(bind: draft.fullName), \(bind: draft.position), \(bind: draft.office.rawValue), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã người quản lý mới.") }
        return id
    }

    public func deleteManager(_ id: Int64) async throws {
        try await db.raw("DELETE FROM centre_managers WHERE id = \(bind: id)").run()
    }

    // MARK: Activities

    static let activityColumns: SQLQueryString = """
        a.id, a.centre_id, a.province_id, a.commune_id, a.kind, a.topic, a.starts_on, a.ends_on, a.hours, a.participants, a.created_by_label, a.version,
        (SELECT COUNT(*) FROM centre_attendance t WHERE t.activity_id = a.id) AS attended
        """

    static func activity(_ row: any SQLRow) throws -> CentreActivityRecord {
        func day(_ column: String) throws -> Day {
            let text = try row.decode(column: column, as: String.self)
            guard let day = Day(iso: text) else { throw StoredValueError(description: "Ngày \(text) của hoạt động không hợp lệ.") }
            return day
        }
        return CentreActivityRecord(
            id: try row.decode(column: "id", as: Int64.self), centreID: try row.decode(column: "centre_id", as: Int64.self),
            provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: try row.decode(column: "commune_id", as: Int64.self),
            draft: CentreActivityDraft(kind: try row.enumValue("kind", as: CentreActivityKind.self), topic: try row.decode(column: "topic", as: String.self),
                                       startsOn: try day("starts_on"), endsOn: try day("ends_on"), hours: try row.decode(column: "hours", as: Double.self),
                                       participants: try row.decode(column: "participants", as: Int.self)),
            attended: try row.decode(column: "attended", as: Int.self), createdBy: try row.decode(column: "created_by_label", as: String.self),
            version: try row.decode(column: "version", as: Int.self))
    }

    /// A commune's activities of one year, in the order they happened.
    public func activities(ofCommune communeID: Area.ID, year: Int) async throws -> [CentreActivityRecord] {
        try await db.raw("""
            SELECT \(Self.activityColumns) FROM centre_activities a WHERE a.commune_id = \(bind: communeID) AND a.year = \(bind: year)
            ORDER BY a.starts_on, a.id
            """).all().map(Self.activity)
    }

    public func activity(id: CentreActivityRecord.ID) async throws -> CentreActivityRecord? {
        try await db.raw("SELECT \(Self.activityColumns) FROM centre_activities a WHERE a.id = \(bind: id)").first().map(Self.activity)
    }

    public func insertActivity(_ centre: CentreRecord, _ draft: CentreActivityDraft, by label: String, at moment: Date) async throws -> CentreActivityRecord.ID {
        let id = try await db.raw("""
            INSERT INTO centre_activities (centre_id, province_id, commune_id, year, kind, topic, starts_on, ends_on, hours, participants, created_by_label, created_at)
            VALUES (\(bind: centre.id), \(bind: centre.provinceID), \(bind: centre.communeID), \(bind: draft.year), \(bind: draft.kind.rawValue),
                    \(bind: draft.topic), \(bind: draft.startsOn.iso), \(bind: draft.endsOn.iso), \(bind: draft.hours), \(bind: draft.participants),
                    \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã hoạt động mới.") }
        return id
    }

    // MARK: Attendance

    public func attendees(of activityID: CentreActivityRecord.ID) async throws -> [CentreAttendee] {
        try await db.raw("""
            SELECT p.id, p.full_name, h.code, v.full_name AS village_name FROM centre_attendance t
            JOIN persons p ON p.id = t.person_id LEFT JOIN households h ON h.id = p.household_id LEFT JOIN areas v ON v.id = p.village_id
            WHERE t.activity_id = \(bind: activityID) ORDER BY p.search_name, p.id
            """).all().map { row in
            CentreAttendee(personID: try row.decode(column: "id", as: Int64.self), fullName: try row.decode(column: "full_name", as: String.self),
                           householdCode: try row.decode(column: "code", as: String?.self), villageName: try row.decode(column: "village_name", as: String?.self))
        }
    }

    /// People of a commune whose folded name contains `search`, or the members of the household
    /// with that register code: the candidates an officer ticks on the attendance form.
    public func candidates(inCommune communeID: Area.ID, search: String, limit: Int) async throws -> [CentreAttendee] {
        let folded = VietnameseText.fold(search)
        guard !folded.isEmpty else { return [] }
        return try await db.raw("""
            SELECT p.id, p.full_name, h.code, v.full_name AS village_name FROM persons p
            LEFT JOIN households h ON h.id = p.household_id LEFT JOIN areas v ON v.id = p.village_id
            WHERE p.commune_id = \(bind: communeID)
              AND (h.code = \(bind: search.uppercased()) OR p.search_name LIKE \(bind: "%" + likeEscaped(folded) + "%") ESCAPE '\\')
            ORDER BY h.code, p.id LIMIT \(bind: limit)
            """).all().map { row in
            CentreAttendee(personID: try row.decode(column: "id", as: Int64.self), fullName: try row.decode(column: "full_name", as: String.self),
                           householdCode: try row.decode(column: "code", as: String?.self), villageName: try row.decode(column: "village_name", as: String?.self))
        }
    }

    /// Adds people to the attendance; people already on it are left as they are. Returns those added.
    public func addAttendance(_ activityID: CentreActivityRecord.ID, persons: [Int64]) async throws -> [Int64] {
        var added: [Int64] = []
        for person in Set(persons).sorted() {
            let inserted = try await db.raw("""
                INSERT INTO centre_attendance (activity_id, person_id) VALUES (\(bind: activityID), \(bind: person))
                ON CONFLICT (activity_id, person_id) DO NOTHING RETURNING person_id
                """).all()
            if !inserted.isEmpty { added.append(person) }
        }
        return added
    }

    public func removeAttendance(_ activityID: CentreActivityRecord.ID, person: Int64) async throws -> Bool {
        !(try await db.raw("DELETE FROM centre_attendance WHERE activity_id = \(bind: activityID) AND person_id = \(bind: person) RETURNING person_id").all()).isEmpty
    }

    /// Which of `persons` live in `communeID` (attendance is recorded for the centre's own commune).
    public func persons(_ persons: [Int64], inCommune communeID: Area.ID) async throws -> Set<Int64> {
        guard !persons.isEmpty else { return [] }
        let list = SQLQueryString(Set(persons).sorted().map(String.init).joined(separator: ", "))
        return Set(try await db.raw("SELECT id FROM persons WHERE commune_id = \(bind: communeID) AND id IN (\(list))").all()
            .map { try $0.decode(column: "id", as: Int64.self) })
    }

    /// The attendance of a household's members at activities that started in `year`, for the
    /// evidence its assessment suggests.
    public func attendance(ofHousehold householdID: Int64, year: Int) async throws -> [CentreAttendanceRecord] {
        try await attendance(where: "p.household_id = \(bind: householdID)", year: year)
    }

    /// The attendance of one person at activities that started in `year` (every year when nil).
    public func attendance(ofPerson personID: Int64, year: Int?) async throws -> [CentreAttendanceRecord] {
        try await attendance(where: "p.id = \(bind: personID)", year: year)
    }

    private func attendance(where filter: SQLQueryString, year: Int?) async throws -> [CentreAttendanceRecord] {
        let yearFilter: SQLQueryString = year.map { "a.year = \(bind: $0)" } ?? "1 = 1"
        return try await db.raw("""
            SELECT \(Self.activityColumns), p.id AS person_id, p.full_name AS person_name FROM persons p
            JOIN centre_attendance t ON t.person_id = p.id JOIN centre_activities a ON a.id = t.activity_id
            WHERE \(filter) AND \(yearFilter)
            ORDER BY a.starts_on, a.id, p.id
            """).all().map { row in
            CentreAttendanceRecord(personID: try row.decode(column: "person_id", as: Int64.self), personName: try row.decode(column: "person_name", as: String.self),
                                   activity: try Self.activity(row))
        }
    }

    // MARK: Figures

    /// The figures of each child of `parent` (provinces of the nation, communes of a province)
    /// for `year`, counted from the centres' own tables: one row per commune at most, so a
    /// grouped count over indexed columns is exact and needs no stored rollup.
    public func figures(children parent: AreaPosition, year: Int) async throws -> [Area.ID: CentreFigureRow] {
        guard let grouping = ChildGrouping(parent) else { return [:] }
        var rows: [Area.ID: CentreFigureRow] = [:]
        func update(_ sql: SQLQueryString, _ apply: (inout CentreFigureRow, any SQLRow) throws -> Void) async throws {
            try await grouping.collect(sql, on: db, into: &rows, empty: CentreFigureRow(areaID: 0)) { row, sqlRow in
                row.areaID = try sqlRow.decode(column: "area_id", as: Int64.self)
                try apply(&row, sqlRow)
            }
        }
        // Communes are areas: their own commune_id is themselves.
        try await update("""
            SELECT \(grouping.child("r")) AS area_id, COUNT(*) AS n FROM areas r
            WHERE r.level = 'commune' AND r.valid_to IS NULL AND \(grouping.inside("r")) GROUP BY \(grouping.child("r"))
            """) { $0.communes = try $1.decode(column: "n", as: Int.self) }
        try await update("""
            SELECT \(grouping.child("c")) AS area_id, COUNT(*) AS n, COUNT(l.centre_id) AS led FROM learning_centres c
            LEFT JOIN (SELECT DISTINCT centre_id FROM centre_managers WHERE office <> '') l ON l.centre_id = c.id
            WHERE \(grouping.inside("c")) GROUP BY \(grouping.child("c"))
            """) { figure, row in
            figure.centres = try row.decode(column: "n", as: Int.self)
            figure.ledByAssociation = try row.decode(column: "led", as: Int.self)
        }
        try await update("""
            SELECT \(grouping.child("a")) AS area_id, COUNT(*) AS n, SUM(a.hours) AS hours, SUM(a.participants) AS participants FROM centre_activities a
            WHERE a.year = \(bind: year) AND \(grouping.inside("a")) GROUP BY \(grouping.child("a"))
            """) { figure, row in
            figure.activities = try row.decode(column: "n", as: Int.self)
            figure.hours = try row.decode(column: "hours", as: Double?.self) ?? 0
            figure.participants = try row.decode(column: "participants", as: Int?.self) ?? 0
        }
        try await update("""
            SELECT \(grouping.child("a")) AS area_id, COUNT(DISTINCT t.person_id) AS n FROM centre_attendance t
            JOIN centre_activities a ON a.id = t.activity_id WHERE a.year = \(bind: year) AND \(grouping.inside("a")) GROUP BY \(grouping.child("a"))
            """) { $0.attendees = try $1.decode(column: "n", as: Int.self) }
        return rows
    }
}
