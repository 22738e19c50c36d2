import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// A person's lifelong-learning record as the record page shows it.
public struct LearningRecordView: Sendable {
    public var person: PersonRecord
    public var skills: [DigitalSkillRecord]
    public var entries: [LearningEntryRecord]
    /// Classes at the community learning centre, from its attendance lists.
    public var centreClasses: [CentreAttendanceRecord]
    public var canManage: Bool
}

/// The open document a person's learning record is exported as, for the person and for a future
/// national learning-record system: plain JSON, dates in ISO 8601, hours as numbers, each entry
/// saying where it comes from.
public struct LearningRecordExport: Codable, Sendable {
    public static let format = "hoctap-learning-record/1"

    public struct Learner: Codable, Sendable {
        public var id: Int64
        public var fullName: String
        public var birthYear: Int?
        public var commune: String
        public var province: String
    }

    public struct Skill: Codable, Sendable {
        public var year: Int
        public var level: String
        public var label: String
    }

    public struct Entry: Codable, Sendable {
        public var kind: String
        public var title: String
        public var provider: String
        public var startDate: String
        public var endDate: String?
        public var hours: Double?
        public var certificate: String?
        /// "officer" (entered in the record) or "centre-attendance" (the centre's lists).
        public var source: String
    }

    public var format: String
    public var exportedAt: Date
    public var exportedBy: String
    public var learner: Learner
    public var digitalSkills: [Skill]
    public var entries: [Entry]
    public var totalHours: Double
}

/// Digital skills and the lifelong-learning record of the people in the register, kept by the
/// officials who manage their records; the classes attended at the centre join the record by themselves.
public struct LearningRecordService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var today: Day { Day(containing: environment.clock.now()) }

    public func record(_ personID: PersonRecord.ID, by actor: Actor) async throws -> LearningRecordView {
        try await environment.database.read { db in
            let person = try await Self.visiblePerson(personID, actor: actor, db: db)
            let records = LearningRecordRepository(db)
            return LearningRecordView(
                person: person, skills: try await records.digitalSkills(of: person.id), entries: try await records.entries(of: person.id),
                centreClasses: try await LearningCentreRepository(db).attendance(ofPerson: person.id, year: nil),
                canManage: AccessPolicy.decide(actor, .manageSubject(person.place.position)) == .allow)
        }
    }

    /// The record opened for reading on its page: logged in the personal-data access log.
    public func open(_ personID: PersonRecord.ID, by actor: Actor) async throws -> LearningRecordView {
        let view = try await record(personID, by: actor)
        try await RegistryService(environment).logRead(.person(personID), .learningRecord, place: view.person.place.position, by: actor)
        return view
    }

    /// Records the person's digital skills for a year (a second result for the same year needs the version it replaces).
    public func setDigitalSkill(_ personID: PersonRecord.ID, year: Int, level: DigitalSkillLevel, note: String, expectedVersion: Int?,
                                by actor: Actor) async throws {
        guard (2021...today.year).contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Năm đánh giá kỹ năng số phải từ 2021 đến \(today.year).")])
        }
        let note = VietnameseText.normalized(note)
        guard note.count <= 300 else { throw ServiceError.invalid([FieldIssue("note", "Ghi chú dài quá 300 ký tự.")]) }
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let person = try await Self.visiblePerson(personID, actor: actor, db: db)
            try Authorization.require(actor, .manageSubject(person.place.position), notFound: "Không tìm thấy người này.")
            let records = LearningRecordRepository(db)
            let before = try await records.digitalSkills(of: person.id).first { $0.year == year }
            guard try await records.setDigitalSkill(person: person, year: year, level: level, note: note, expectedVersion: expectedVersion,
                                                    by: actor.username, at: moment) else {
                throw ServiceError.conflict("Kết quả kỹ năng số năm \(year) của \(person.fullName) vừa được người khác ghi; tải lại trang để xem.")
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "person.digital_skill", entityType: "person", entityID: String(person.id), area: person.place.position,
                summary: "Ghi kỹ năng số năm \(year) của \(person.fullName): \(level.label)", before: before?.level.rawValue, after: level.rawValue), at: moment)
        }
    }

    public func addEntry(_ personID: PersonRecord.ID, _ draft: LearningEntryDraft, by actor: Actor) async throws {
        let problems = draft.problems(today: today)
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let person = try await Self.visiblePerson(personID, actor: actor, db: db)
            try Authorization.require(actor, .manageSubject(person.place.position), notFound: "Không tìm thấy người này.")
            let id = try await LearningRecordRepository(db).insertEntry(person: person.id, draft, by: actor.username, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "person.learning_add", entityType: "person", entityID: String(person.id), area: person.place.position,
                summary: "Thêm vào hồ sơ học tập của \(person.fullName): \(draft.kind.label.lowercased()) \"\(draft.title)\"",
                after: AuditEntry.json(["entry": String(id), "title": draft.title, "startsOn": draft.startsOn.iso])), at: moment)
        }
    }

    /// Removes an entry; returns the person it belonged to.
    public func removeEntry(_ id: LearningEntryRecord.ID, by actor: Actor) async throws -> PersonRecord.ID {
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let records = LearningRecordRepository(db)
            guard let entry = try await records.entry(id: id) else { throw ServiceError.notFound("Không có mục này trong hồ sơ học tập.") }
            let person = try await Self.visiblePerson(entry.personID, actor: actor, db: db, notFound: "Không có mục này trong hồ sơ học tập.")
            try Authorization.require(actor, .manageSubject(person.place.position), notFound: "Không có mục này trong hồ sơ học tập.")
            try await records.deleteEntry(id)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "person.learning_remove", entityType: "person", entityID: String(person.id), area: person.place.position,
                summary: "Bỏ khỏi hồ sơ học tập của \(person.fullName): \"\(entry.draft.title)\"",
                before: AuditEntry.json(["entry": String(id), "title": entry.draft.title, "startsOn": entry.draft.startsOn.iso])), at: moment)
            return person.id
        }
    }

    /// The record as an open JSON document, by an official who manages it; the export is audited.
    public func export(_ personID: PersonRecord.ID, by actor: Actor) async throws -> LearningRecordExport {
        let view = try await record(personID, by: actor)
        try Authorization.require(actor, .manageSubject(view.person.place.position), notFound: "Không tìm thấy người này.")
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let areas = AreaRepository(db)
            let person = view.person
            var entries = view.entries.map { entry in
                LearningRecordExport.Entry(kind: entry.draft.kind.rawValue, title: entry.draft.title, provider: entry.draft.provider,
                                           startDate: entry.draft.startsOn.iso, endDate: entry.draft.endsOn?.iso, hours: entry.draft.hours,
                                           certificate: entry.draft.certificate.isEmpty ? nil : entry.draft.certificate, source: "officer")
            }
            let centre = try await areas.find(id: person.place.communeID)
            entries += view.centreClasses.map { record in
                LearningRecordExport.Entry(kind: LearningEntryKind.centreClass.rawValue, title: record.activity.draft.topic,
                                           provider: "Trung tâm học tập cộng đồng \(centre?.fullName ?? "")", startDate: record.activity.draft.startsOn.iso,
                                           endDate: record.activity.draft.endsOn.iso, hours: record.activity.draft.hours, certificate: nil, source: "centre-attendance")
            }
            entries.sort { ($0.startDate, $0.title) < ($1.startDate, $1.title) }
            try await PersonalDataReadRepository(db).append(.person(person.id), purpose: .learningRecordExport, place: person.place.position,
                                                           accountID: AuditActor(actor).accountID, actorLabel: AuditActor(actor).label, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "person.learning_export", entityType: "person", entityID: String(person.id), area: person.place.position,
                summary: "Xuất hồ sơ học tập suốt đời của \(person.fullName) (\(entries.count) mục)"), at: moment)
            return LearningRecordExport(
                format: LearningRecordExport.format, exportedAt: moment, exportedBy: actor.username,
                learner: .init(id: person.id, fullName: person.fullName, birthYear: person.birthYear, commune: centre?.fullName ?? "",
                               province: try await areas.find(id: person.place.provinceID)?.fullName ?? ""),
                digitalSkills: view.skills.map { .init(year: $0.year, level: $0.level.rawValue, label: $0.level.label) },
                entries: entries, totalHours: entries.compactMap(\.hours).reduce(0, +))
        }
    }

    /// The digital-skill counts of the year's title holders, per child of an area and in total.
    public func digitalFigures(_ area: Area, year: Int) async throws -> (total: DigitalSkillCounts, children: [Area.ID: DigitalSkillCounts]) {
        let children = try await environment.database.read { try await LearningRecordRepository($0).digitalFigures(children: area.position, year: year) }
        return (children.values.reduce(DigitalSkillCounts(), +), children)
    }

    static func visiblePerson(_ id: PersonRecord.ID, actor: Actor, db: any SQLDatabase, notFound: String = "Không tìm thấy người này.") async throws -> PersonRecord {
        guard let person = try await RegistryRepository(db).person(id, within: actor.scope) else { throw ServiceError.notFound(notFound) }
        return person
    }
}
