import Foundation
import HoctapDomain
import HoctapStorage

/// Everything hoctap holds about one person, in one open JSON document: what a person asks for
/// under the personal-data rules (their record, the evaluations naming them or their household,
/// and who changed their record when). The export itself is in the audit trail.
public struct PersonDataExport: Codable, Sendable {
    public struct Person: Codable, Sendable {
        public var id: Int64
        public var fullName: String
        public var birthYear: Int?
        public var sex: String?
        public var relation: String?
        public var schooling: String?
        public var literate: Bool?
        public var studying: Bool?
        public var targetGroup: String?
        /// All digits for those who may read them, masked otherwise.
        public var personalID: String?
        public var household: String?
        public var village: String?
        public var commune: String
        public var province: String
    }

    public struct Evaluation: Codable, Sendable {
        public var subject: String
        public var year: Int
        public var model: String
        public var state: String
        public var verdict: String?
    }

    public struct Change: Codable, Sendable {
        public var at: Date
        public var by: String
        public var action: String
        public var summary: String
    }

    public var exportedAt: Date
    public var exportedBy: String
    public var person: Person
    public var evaluations: [Evaluation]
    public var history: [Change]
    /// Who opened the person's record (or their household's) and why, from the access log.
    public var accesses: [PersonalDataRead]
}

extension RegistryService {
    /// One person's data for the person who asked: only by an official who manages their record.
    public func exportPerson(_ id: PersonRecord.ID, by actor: Actor) async throws -> PersonDataExport {
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let record = try await repository.person(id, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy người này.") }
            try Authorization.require(actor, .manageSubject(record.place.position), notFound: "Không tìm thấy người này.")
            let view = try self.view(record, by: actor)
            let areas = AreaRepository(db)
            func name(_ id: Area.ID?) async throws -> String? { try await id.asyncMap { try await areas.find(id: $0)?.fullName } ?? nil }
            let evaluations = EvaluationRepository(db)
            var rows = try await evaluations.history(subjectKind: .person, subjectID: id).map {
                PersonDataExport.Evaluation(subject: "person", year: $0.year, model: $0.model, state: $0.state.rawValue, verdict: $0.verdict)
            }
            if let household = record.householdID {
                rows += try await evaluations.history(subjectKind: .household, subjectID: household).map {
                    PersonDataExport.Evaluation(subject: "household", year: $0.year, model: $0.model, state: $0.state.rawValue, verdict: $0.verdict)
                }
            }
            let history = try await AuditRepository(db).history(entityType: "person", entityID: String(id)).map {
                PersonDataExport.Change(at: $0.occurredAt, by: $0.actorLabel, action: $0.action, summary: $0.summary)
            }
            try await PersonalDataReadRepository(db).append(.person(id), purpose: .personExport, place: record.place.position,
                                                           accountID: AuditActor(actor).accountID, actorLabel: AuditActor(actor).label, at: moment)
            let accesses = try await PersonalDataReadRepository(db).recent(Self.subjects(of: record), limit: 10_000)
            try await audit(db, actor, "person.export", "person", id, record.place,
                            "Xuất toàn bộ dữ liệu của \(record.fullName) theo yêu cầu của người đó")
            return PersonDataExport(
                exportedAt: moment, exportedBy: actor.username,
                person: .init(id: record.id, fullName: record.fullName, birthYear: record.birthYear, sex: record.sex?.rawValue,
                              relation: record.relation?.rawValue, schooling: record.schooling?.rawValue, literate: record.literate,
                              studying: record.studying, targetGroup: record.targetGroup?.rawValue, personalID: view.personalID,
                              household: record.householdCode, village: try await name(record.place.villageID),
                              commune: try await name(record.place.communeID) ?? "", province: try await name(record.place.provinceID) ?? ""),
                evaluations: rows, history: history, accesses: accesses)
        }
    }
}
