import Foundation
import HoctapDomain
import SQLKit

public struct DigitalSkillRecord: Hashable, Sendable {
    public var personID: Int64
    public var year: Int
    public var level: DigitalSkillLevel
    public var note: String
    public var recordedBy: String
    public var version: Int
}

public struct LearningEntryRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var personID: Int64
    public var draft: LearningEntryDraft
    public var recordedBy: String
}

/// SQL for digital skills, lifelong-learning record entries, and the digital-skill figures of
/// the year's learning citizens.
public struct LearningRecordRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    // MARK: Digital skills

    public func digitalSkills(of personID: Int64) async throws -> [DigitalSkillRecord] {
        try await db.raw("""
            SELECT person_id, year, level, note, recorded_by_label, version FROM digital_skills WHERE person_id = \(bind: personID) ORDER BY year DESC
            """).all().map { row in
            DigitalSkillRecord(personID: try row.decode(column: "person_id", as: Int64.self), year: try row.decode(column: "year", as: Int.self),
                               level: try row.enumValue("level", as: DigitalSkillLevel.self), note: try row.decode(column: "note", as: String.self),
                               recordedBy: try row.decode(column: "recorded_by_label", as: String.self), version: try row.decode(column: "version", as: Int.self))
        }
    }

    /// Records the year's result: a new one when `expectedVersion` is nil, else only over that version.
    /// Returns false when someone else changed (or created) it first.
    public func setDigitalSkill(person: PersonRecord, year: Int, level: DigitalSkillLevel, note: String, expectedVersion: Int?,
                                by label: String, at moment: Date) async throws -> Bool {
        if let expectedVersion {
            return !(try await db.raw("""
                UPDATE digital_skills SET level = \(bind: level.rawValue), note = \(bind: note), recorded_by_label = \(bind: label),
                    recorded_at = \(bind: moment.epochSeconds), version = version + 1
                WHERE person_id = \(bind: person.id) AND year = \(bind: year) AND version = \(bind: expectedVersion) RETURNING person_id
                """).all()).isEmpty
        }
        return !(try await db.raw("""
            INSERT INTO digital_skills (person_id, year, province_id, commune_id, level, note, recorded_by_label, recorded_at)
            VALUES (\(bind: person.id), \(bind: year), \(bind: person.place.provinceID), \(bind: person.place.communeID), \(bind: level.rawValue),
                    \(bind: note), \(bind: label), \(bind: moment.epochSeconds))
            ON CONFLICT (person_id, year) DO NOTHING RETURNING person_id
            """).all()).isEmpty
    }

    // MARK: Entries

    static func entry(_ row: any SQLRow) throws -> LearningEntryRecord {
        let starts = try row.decode(column: "starts_on", as: String.self)
        guard let startsOn = Day(iso: starts) else { throw StoredValueError(description: "Ngày \(starts) của hồ sơ học tập không hợp lệ.") }
        return LearningEntryRecord(
            id: try row.decode(column: "id", as: Int64.self), personID: try row.decode(column: "person_id", as: Int64.self),
            draft: LearningEntryDraft(kind: try row.enumValue("kind", as: LearningEntryKind.self), title: try row.decode(column: "title", as: String.self),
                                      provider: try row.decode(column: "provider", as: String.self), startsOn: startsOn,
                                      endsOn: try row.decode(column: "ends_on", as: String?.self).flatMap(Day.init(iso:)),
                                      hours: try row.decode(column: "hours", as: Double?.self), certificate: try row.decode(column: "certificate", as: String.self)),
            recordedBy: try row.decode(column: "recorded_by_label", as: String.self))
    }

    static let entryColumns: SQLQueryString = "id, person_id, kind, title, provider, starts_on, ends_on, hours, certificate, recorded_by_label"

    public func entries(of personID: Int64) async throws -> [LearningEntryRecord] {
        try await db.raw("SELECT \(Self.entryColumns) FROM learning_entries WHERE person_id = \(bind: personID) ORDER BY starts_on DESC, id DESC")
            .all().map(Self.entry)
    }

    public func entry(id: LearningEntryRecord.ID) async throws -> LearningEntryRecord? {
        try await db.raw("SELECT \(Self.entryColumns) FROM learning_entries WHERE id = \(bind: id)").first().map(Self.entry)
    }

    public func insertEntry(person: Int64, _ draft: LearningEntryDraft, by label: String, at moment: Date) async throws -> LearningEntryRecord.ID {
        let id = try await db.raw("""
            INSERT INTO learning_entries (person_id, kind, title, provider, starts_on, ends_on, hours, certificate, recorded_by_label, created_at)
            VALUES (\(bind: person), \(bind: draft.kind.rawValue), \(bind: draft.title), \(bind: draft.provider), \(bind: draft.startsOn.iso),
                    \(bind: draft.endsOn?.iso), \(bind: draft.hours), \(bind: draft.certificate), \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã mục hồ sơ học tập mới.") }
        return id
    }

    public func deleteEntry(_ id: LearningEntryRecord.ID) async throws {
        try await db.raw("DELETE FROM learning_entries WHERE id = \(bind: id)").run()
    }

    // MARK: Figures

    /// The digital-skill counts of the learning citizens recognised in `year`, per child of
    /// `parent` (provinces of the nation, communes of a province or the commune itself): each
    /// holder counts with the latest result recorded up to that year.
    public func digitalFigures(children parent: AreaPosition, year: Int) async throws -> [Area.ID: DigitalSkillCounts] {
        guard let grouping = ChildGrouping(parent) else { return [:] }
        var figures: [Area.ID: DigitalSkillCounts] = [:]
        try await grouping.collect("""
            SELECT \(grouping.child("e")) AS area_id, COUNT(*) AS holders,
                   SUM(CASE WHEN s.level IN ('co-ban', 'thanh-thao') THEN 1 ELSE 0 END) AS skilled,
                   SUM(CASE WHEN s.level = 'thanh-thao' THEN 1 ELSE 0 END) AS proficient,
                   SUM(CASE WHEN s.level IS NULL THEN 0 ELSE 1 END) AS assessed
            FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id
            LEFT JOIN digital_skills s ON s.person_id = e.subject_id
                AND s.year = (SELECT MAX(l.year) FROM digital_skills l WHERE l.person_id = e.subject_id AND l.year <= \(bind: year))
            WHERE c.year = \(bind: year) AND c.model = 'citizen' AND e.subject_kind = 'person' AND e.state = 'recognised'
              AND \(grouping.inside("e"))
            GROUP BY \(grouping.child("e"))
            """, on: db, into: &figures, empty: DigitalSkillCounts()) { counts, row in
            counts = DigitalSkillCounts(
                holders: try row.decode(column: "holders", as: Int.self), skilled: try row.decode(column: "skilled", as: Int?.self) ?? 0,
                proficient: try row.decode(column: "proficient", as: Int?.self) ?? 0, assessed: try row.decode(column: "assessed", as: Int?.self) ?? 0)
        }
        return figures
    }
}
