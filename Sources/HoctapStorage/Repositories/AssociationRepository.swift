import Foundation
import HoctapDomain
import SQLKit

public struct AssociationBodyRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var place: SubjectPlace
    public var kind: AssociationBodyKind
    public var unitID: Int64?
    public var clanID: Int64?
    public var draft: AssociationBodyDraft
    /// The figures of the year asked for, and their version; nil when not entered.
    public var figures: AssociationYearFigures?
    public var figuresVersion: Int?
    public var officers: Int
}

public struct AssociationOfficerRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var bodyID: AssociationBodyRecord.ID
    public var communeID: Area.ID
    public var draft: AssociationOfficerDraft
    /// "Hội Khuyến học Xã Sóc Sơn", for lists across communes.
    public var bodyName: String
}

public struct TrainingCourseRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var areaID: Area.ID
    public var position: AreaPosition
    public var draft: TrainingCourseDraft
    public var attended: Int
    public var createdBy: String
}

/// SQL for the association's network, its officers, and the training courses they attend.
public struct AssociationRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    // MARK: Bodies

    static func body(_ row: any SQLRow) throws -> AssociationBodyRecord {
        let members = try row.decode(column: "members", as: Int?.self)
        return AssociationBodyRecord(
            id: try row.decode(column: "id", as: Int64.self),
            place: SubjectPlace(provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: try row.decode(column: "commune_id", as: Int64.self),
                                villageID: try row.decode(column: "village_id", as: Int64?.self)),
            kind: try row.enumValue("kind", as: AssociationBodyKind.self), unitID: try row.decode(column: "unit_id", as: Int64?.self),
            clanID: try row.decode(column: "clan_id", as: Int64?.self),
            draft: AssociationBodyDraft(kind: try row.enumValue("kind", as: AssociationBodyKind.self), name: try row.decode(column: "name", as: String.self),
                                        foundedYear: try row.decode(column: "founded_year", as: Int?.self)),
            figures: try members.map { AssociationYearFigures(members: $0, studied: try row.decode(column: "studied", as: Int.self),
                                                                 active: try row.decode(column: "active", as: Int.self) == 1) },
            figuresVersion: try row.decode(column: "figures_version", as: Int?.self), officers: try row.decode(column: "officers", as: Int.self))
    }

    static func bodySelect(year: Int) -> SQLQueryString {
        """
        SELECT b.id, b.province_id, b.commune_id, b.village_id, b.kind, b.unit_id, b.clan_id, b.name, b.founded_year,
               y.members, y.studied, y.active, y.version AS figures_version,
               (SELECT COUNT(*) FROM association_officers o WHERE o.body_id = b.id) AS officers
        FROM association_bodies b LEFT JOIN association_years y ON y.body_id = b.id AND y.year = \(bind: year)
        """
    }

    /// A commune's bodies with their figures of `year`: the association first, then by kind and name.
    public func bodies(ofCommune communeID: Area.ID, year: Int) async throws -> [AssociationBodyRecord] {
        try await db.raw("\(Self.bodySelect(year: year)) WHERE b.commune_id = \(bind: communeID) ORDER BY b.kind = 'hoi-xa' DESC, b.kind, b.name, b.id")
            .all().map(Self.body)
    }

    public func body(id: AssociationBodyRecord.ID, year: Int) async throws -> AssociationBodyRecord? {
        try await db.raw("\(Self.bodySelect(year: year)) WHERE b.id = \(bind: id)").first().map(Self.body)
    }

    public func insertBody(place: SubjectPlace, unitID: Int64?, clanID: Int64?, _ draft: AssociationBodyDraft, at moment: Date) async throws -> AssociationBodyRecord.ID {
        let id = try await db.raw("""
            INSERT INTO association_bodies (province_id, commune_id, village_id, kind, unit_id, clan_id, name, founded_year, created_at)
            VALUES (\(bind: place.provinceID), \(bind: place.communeID), \(bind: place.villageID), \(bind: draft.kind.rawValue), \(bind: unitID),
                    \(bind: clanID), \(bind: draft.name), \(bind: draft.foundedYear), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã tổ chức hội mới.") }
        return id
    }

    /// Writes a body's figures for a year: new when `expectedVersion` is nil, else over that version only.
    public func setYear(_ body: AssociationBodyRecord, year: Int, _ figures: AssociationYearFigures, expectedVersion: Int?) async throws -> Bool {
        if let expectedVersion {
            return !(try await db.raw("""
                UPDATE association_years SET members = \(bind: figures.members), studied = \(bind: figures.studied), active = \(bind: figures.active ? 1 : 0),
                    version = version + 1
                WHERE body_id = \(bind: body.id) AND year = \(bind: year) AND version = \(bind: expectedVersion) RETURNING body_id
                """).all()).isEmpty
        }
        return !(try await db.raw("""
            INSERT INTO association_years (body_id, year, province_id, commune_id, members, studied, active)
            VALUES (\(bind: body.id), \(bind: year), \(bind: body.place.provinceID), \(bind: body.place.communeID), \(bind: figures.members),
                    \(bind: figures.studied), \(bind: figures.active ? 1 : 0))
            ON CONFLICT (body_id, year) DO NOTHING RETURNING body_id
            """).all()).isEmpty
    }

    // MARK: Officers

    static func officer(_ row: any SQLRow) throws -> AssociationOfficerRecord {
        AssociationOfficerRecord(
            id: try row.decode(column: "id", as: Int64.self), bodyID: try row.decode(column: "body_id", as: Int64.self),
            communeID: try row.decode(column: "commune_id", as: Int64.self),
            draft: AssociationOfficerDraft(fullName: try row.decode(column: "full_name", as: String.self), position: try row.decode(column: "position", as: String.self)),
            bodyName: try row.decode(column: "body_name", as: String.self))
    }

    static let officerSelect: SQLQueryString = """
        SELECT o.id, o.body_id, o.commune_id, o.full_name, o.position, b.name AS body_name
        FROM association_officers o JOIN association_bodies b ON b.id = o.body_id
        """

    public func officers(ofCommune communeID: Area.ID) async throws -> [AssociationOfficerRecord] {
        try await db.raw("\(Self.officerSelect) WHERE o.commune_id = \(bind: communeID) ORDER BY b.kind = 'hoi-xa' DESC, b.name, o.id").all().map(Self.officer)
    }

    public func officer(id: AssociationOfficerRecord.ID) async throws -> AssociationOfficerRecord? {
        try await db.raw("\(Self.officerSelect) WHERE o.id = \(bind: id)").first().map(Self.officer)
    }

    public func insertOfficer(_ body: AssociationBodyRecord, _ draft: AssociationOfficerDraft, at moment: Date) async throws -> AssociationOfficerRecord.ID {
        let id = try await db.raw("""
            INSERT INTO association_officers (body_id, province_id, commune_id, full_name, search_name, position, created_at)
            VALUES (\(bind: body.id), \(bind: body.place.provinceID), \(bind: body.place.communeID), \(bind: draft.fullName),
                    \(bind: VietnameseText.fold(draft.fullName)), \(bind: draft.position), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã cán bộ hội mới.") }
        return id
    }

    public func deleteOfficer(_ id: AssociationOfficerRecord.ID) async throws {
        try await db.raw("DELETE FROM association_officers WHERE id = \(bind: id)").run()
    }

    /// Commune associations' officers inside `scope` whose folded name or commune name contains `search`.
    public func officerCandidates(within scope: AreaPosition, search: String, limit: Int) async throws -> [AssociationOfficerRecord] {
        let folded = VietnameseText.fold(search)
        guard !folded.isEmpty else { return [] }
        let pattern = "%" + likeEscaped(folded) + "%"
        return try await db.raw("""
            \(Self.officerSelect) JOIN areas c ON c.id = o.commune_id
            WHERE \(ScopeFilter.subjects(scope, alias: "o")) AND (o.search_name LIKE \(bind: pattern) ESCAPE '\\' OR c.search_name LIKE \(bind: pattern) ESCAPE '\\')
            ORDER BY o.commune_id, o.id LIMIT \(bind: limit)
            """).all().map(Self.officer)
    }

    /// Which of `officers` lie inside `scope`.
    public func officers(_ officers: [Int64], within scope: AreaPosition) async throws -> Set<Int64> {
        guard !officers.isEmpty else { return [] }
        let list = SQLQueryString(Set(officers).sorted().map(String.init).joined(separator: ", "))
        return Set(try await db.raw("SELECT o.id FROM association_officers o WHERE o.id IN (\(list)) AND \(ScopeFilter.subjects(scope, alias: "o"))").all()
            .map { try $0.decode(column: "id", as: Int64.self) })
    }

    // MARK: Training

    static func course(_ row: any SQLRow) throws -> TrainingCourseRecord {
        func day(_ column: String) throws -> Day {
            let text = try row.decode(column: column, as: String.self)
            guard let day = Day(iso: text) else { throw StoredValueError(description: "Ngày \(text) của lớp tập huấn không hợp lệ.") }
            return day
        }
        let areaID = try row.decode(column: "area_id", as: Int64.self)
        let level = try row.enumValue("level", as: AreaLevel.self)
        return TrainingCourseRecord(
            id: try row.decode(column: "id", as: Int64.self), areaID: areaID,
            position: AreaPosition(level: level, areaID: level == .nation ? nil : areaID, provinceID: try row.decode(column: "province_id", as: Int64?.self),
                                   communeID: try row.decode(column: "commune_id", as: Int64?.self)),
            draft: TrainingCourseDraft(topic: try row.enumValue("topic", as: TrainingTopic.self), title: try row.decode(column: "title", as: String.self),
                                       organiser: try row.decode(column: "organiser", as: String.self), startsOn: try day("starts_on"), endsOn: try day("ends_on"),
                                       hours: try row.decode(column: "hours", as: Double.self)),
            attended: try row.decode(column: "attended", as: Int.self), createdBy: try row.decode(column: "created_by_label", as: String.self))
    }

    static let courseSelect: SQLQueryString = """
        SELECT t.id, t.area_id, a.level, t.province_id, t.commune_id, t.topic, t.title, t.organiser, t.starts_on, t.ends_on, t.hours, t.created_by_label,
               (SELECT COUNT(*) FROM training_attendance x WHERE x.course_id = t.id) AS attended
        FROM training_courses t JOIN areas a ON a.id = t.area_id
        """

    /// Courses organised by `area` itself, or by the areas above it, in `year`.
    public func courses(visibleFrom area: AreaPosition, year: Int) async throws -> [TrainingCourseRecord] {
        let filter: SQLQueryString = switch area.level {
        case .nation: "a.level = 'nation'"
        case .province: "(a.level = 'nation' OR t.area_id = \(bind: area.provinceID ?? -1))"
        default: "(a.level = 'nation' OR t.area_id = \(bind: area.provinceID ?? -1) OR t.area_id = \(bind: area.communeID ?? -1))"
        }
        return try await db.raw("\(Self.courseSelect) WHERE t.year = \(bind: year) AND \(filter) ORDER BY t.starts_on DESC, t.id DESC").all().map(Self.course)
    }

    public func course(id: TrainingCourseRecord.ID) async throws -> TrainingCourseRecord? {
        try await db.raw("\(Self.courseSelect) WHERE t.id = \(bind: id)").first().map(Self.course)
    }

    public func insertCourse(organisedBy area: Area, _ draft: TrainingCourseDraft, by label: String, at moment: Date) async throws -> TrainingCourseRecord.ID {
        let id = try await db.raw("""
            INSERT INTO training_courses (area_id, province_id, commune_id, year, topic, title, organiser, starts_on, ends_on, hours, created_by_label, created_at)
            VALUES (\(bind: area.id), \(bind: area.level == .nation ? nil : area.provinceID), \(bind: area.level == .commune ? area.id : nil), \(bind: draft.year),
                    \(bind: draft.topic.rawValue), \(bind: draft.title), \(bind: draft.organiser), \(bind: draft.startsOn.iso), \(bind: draft.endsOn.iso),
                    \(bind: draft.hours), \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã lớp tập huấn mới.") }
        return id
    }

    /// The course's attendees visible from `scope` (a commune sees only its own officers at a national course).
    public func attendees(of courseID: TrainingCourseRecord.ID, within scope: AreaPosition) async throws -> [AssociationOfficerRecord] {
        try await db.raw("""
            \(Self.officerSelect) JOIN training_attendance x ON x.officer_id = o.id
            WHERE x.course_id = \(bind: courseID) AND \(ScopeFilter.subjects(scope, alias: "o")) ORDER BY o.commune_id, o.search_name, o.id
            """).all().map(Self.officer)
    }

    public func addAttendance(_ courseID: TrainingCourseRecord.ID, officers: [Int64]) async throws -> Int {
        var added = 0
        for officer in Set(officers).sorted() {
            let inserted = try await db.raw("""
                INSERT INTO training_attendance (course_id, officer_id) VALUES (\(bind: courseID), \(bind: officer))
                ON CONFLICT (course_id, officer_id) DO NOTHING RETURNING officer_id
                """).all()
            added += inserted.count
        }
        return added
    }

    public func removeAttendance(_ courseID: TrainingCourseRecord.ID, officer: Int64) async throws -> Bool {
        !(try await db.raw("DELETE FROM training_attendance WHERE course_id = \(bind: courseID) AND officer_id = \(bind: officer) RETURNING officer_id").all()).isEmpty
    }

    // MARK: Figures

    /// The network's counts of each child of `parent` for `year` (see `MovementCounts`).
    public func figures(children parent: AreaPosition, year: Int) async throws -> [Area.ID: MovementCounts] {
        guard let grouping = ChildGrouping(parent) else { return [:] }
        var rows: [Area.ID: MovementCounts] = [:]
        func update(_ sql: SQLQueryString, _ apply: (inout MovementCounts, any SQLRow) throws -> Void) async throws {
            try await grouping.collect(sql, on: db, into: &rows, empty: MovementCounts(), apply)
        }
        // Villages are areas: their commune_id and province_id say where they lie.
        try await update("""
            SELECT \(grouping.child("r")) AS area_id, COUNT(*) AS n FROM areas r
            WHERE r.level = 'village' AND r.valid_to IS NULL AND \(grouping.inside("r")) GROUP BY \(grouping.child("r"))
            """) { $0.villages = try $1.decode(column: "n", as: Int.self) }
        try await update("SELECT \(grouping.child("u")) AS area_id, COUNT(*) AS n FROM units u WHERE \(grouping.inside("u")) GROUP BY \(grouping.child("u"))") {
            $0.units = try $1.decode(column: "n", as: Int.self)
        }
        try await update("SELECT \(grouping.child("c")) AS area_id, COUNT(*) AS n FROM clans c WHERE \(grouping.inside("c")) GROUP BY \(grouping.child("c"))") {
            $0.clans = try $1.decode(column: "n", as: Int.self)
        }
        // Bodies that ran the movement in the year, and the members of every body in the year.
        try await update("""
            SELECT \(grouping.child("b")) AS area_id,
                   SUM(CASE WHEN b.kind = 'chi-hoi-thon' AND y.active = 1 THEN 1 ELSE 0 END) AS branches,
                   SUM(CASE WHEN b.kind = 'ban-don-vi' AND y.active = 1 THEN 1 ELSE 0 END) AS unit_boards,
                   SUM(CASE WHEN b.kind = 'ban-dong-ho' AND y.active = 1 THEN 1 ELSE 0 END) AS clan_boards,
                   SUM(y.members) AS members, SUM(y.studied) AS studied
            FROM association_bodies b JOIN association_years y ON y.body_id = b.id AND y.year = \(bind: year)
            WHERE \(grouping.inside("b")) GROUP BY \(grouping.child("b"))
            """) { counts, row in
            counts.villageBranches = try row.decode(column: "branches", as: Int?.self) ?? 0
            counts.unitBoards = try row.decode(column: "unit_boards", as: Int?.self) ?? 0
            counts.clanBoards = try row.decode(column: "clan_boards", as: Int?.self) ?? 0
            counts.officersAndMembers = try row.decode(column: "members", as: Int?.self) ?? 0
            counts.studied = try row.decode(column: "studied", as: Int?.self) ?? 0
        }
        // The commune associations' officers, and those who attended an IT course by the end of the year.
        try await update("""
            SELECT \(grouping.child("o")) AS area_id, COUNT(*) AS n,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM training_attendance x JOIN training_courses t ON t.id = x.course_id
                                         WHERE x.officer_id = o.id AND t.topic = 'cntt' AND t.year <= \(bind: year)) THEN 1 ELSE 0 END) AS trained
            FROM association_officers o JOIN association_bodies b ON b.id = o.body_id
            WHERE b.kind = 'hoi-xa' AND \(grouping.inside("o")) GROUP BY \(grouping.child("o"))
            """) { counts, row in
            counts.communeOfficers = try row.decode(column: "n", as: Int.self)
            counts.officersTrainedIT = try row.decode(column: "trained", as: Int?.self) ?? 0
        }
        return rows
    }
}
