import Foundation
import HoctapDomain
import SQLKit

public struct CouncilMeetingRecord: Hashable, Sendable {
    public var id: Int64
    public var cycleID: CycleRecord.ID
    public var heldOn: Day
    public var members: String
    public var minutes: String
    public var recordedBy: String
    public var outcomes: [Outcome]

    public struct Outcome: Hashable, Sendable {
        public var evaluationID: EvaluationRecord.ID
        public var subjectName: String
        public var approved: Bool
        public var reason: String?
    }
}

public struct DecisionRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var cycleID: CycleRecord.ID
    public var communeID: Area.ID
    public var number: String
    public var signedOn: Day
    public var signerName: String
    public var signerTitle: String
    public var legalBasis: String
    public var validUntil: Day?
    public var amendsID: ID?
    public var issuedBy: String
    public var subjects: [Subject]

    public struct Subject: Hashable, Sendable {
        public var evaluationID: EvaluationRecord.ID
        public var subjectName: String
        public var verdictLabel: String

        public init(evaluationID: EvaluationRecord.ID, subjectName: String, verdictLabel: String) {
            self.evaluationID = evaluationID
            self.subjectName = subjectName
            self.verdictLabel = verdictLabel
        }
    }
}

public struct NewDecision: Sendable {
    public var cycleID: CycleRecord.ID
    public var communeID: Area.ID
    public var number: String
    public var signedOn: Day
    public var signerName: String
    public var signerTitle: String
    public var legalBasis: String
    public var validUntil: Day?
    public var amendsID: DecisionRecord.ID?
    public var subjects: [DecisionRecord.Subject]

    public init(cycleID: CycleRecord.ID, communeID: Area.ID, number: String, signedOn: Day, signerName: String, signerTitle: String,
                legalBasis: String, validUntil: Day?, amendsID: DecisionRecord.ID?, subjects: [DecisionRecord.Subject]) {
        self.cycleID = cycleID
        self.communeID = communeID
        self.number = number
        self.signedOn = signedOn
        self.signerName = signerName
        self.signerTitle = signerTitle
        self.legalBasis = legalBasis
        self.validUntil = validUntil
        self.amendsID = amendsID
        self.subjects = subjects
    }
}

public struct DecisionRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func insertMeeting(cycleID: CycleRecord.ID, heldOn: Day, members: String, minutes: String,
                              outcomes: [(evaluationID: EvaluationRecord.ID, approved: Bool, reason: String?)],
                              by label: String, at moment: Date) async throws -> Int64 {
        guard let id = try await db.raw("""
            INSERT INTO council_meetings (cycle_id, held_on, members, minutes, recorded_by_label, recorded_at)
            VALUES (\(bind: cycleID), \(bind: heldOn.iso), \(bind: members), \(bind: minutes), \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self) else { throw StoredValueError(description: "Không nhận được mã biên bản.") }
        for outcome in outcomes {
            try await db.raw("""
                INSERT INTO council_outcomes (meeting_id, evaluation_id, approved, reason)
                VALUES (\(bind: id), \(bind: outcome.evaluationID), \(bind: outcome.approved ? 1 : 0), \(bind: outcome.reason))
                """).run()
        }
        return id
    }

    public func meetings(of cycleID: CycleRecord.ID) async throws -> [CouncilMeetingRecord] {
        var meetings: [CouncilMeetingRecord] = []
        for row in try await db.raw("SELECT id, cycle_id, held_on, members, minutes, recorded_by_label FROM council_meetings WHERE cycle_id = \(bind: cycleID) ORDER BY id").all() {
            let id = try row.decode(column: "id", as: Int64.self)
            let outcomes = try await db.raw("""
                SELECT o.evaluation_id, e.subject_name, o.approved, o.reason FROM council_outcomes o JOIN evaluations e ON e.id = o.evaluation_id
                WHERE o.meeting_id = \(bind: id) ORDER BY e.subject_name
                """).all().map {
                CouncilMeetingRecord.Outcome(evaluationID: try $0.decode(column: "evaluation_id", as: Int64.self),
                                             subjectName: try $0.decode(column: "subject_name", as: String.self),
                                             approved: try $0.decode(column: "approved", as: Int.self) != 0,
                                             reason: try $0.decode(column: "reason", as: String?.self))
            }
            meetings.append(CouncilMeetingRecord(id: id, cycleID: try row.decode(column: "cycle_id", as: Int64.self),
                                                 heldOn: try row.day("held_on") ?? Day(2000, 1, 1)!, members: try row.decode(column: "members", as: String.self),
                                                 minutes: try row.decode(column: "minutes", as: String.self),
                                                 recordedBy: try row.decode(column: "recorded_by_label", as: String.self), outcomes: outcomes))
        }
        return meetings
    }

    public func numberTaken(_ number: String, communeID: Area.ID) async throws -> Bool {
        try await db.raw("SELECT 1 AS x FROM decisions WHERE commune_id = \(bind: communeID) AND number_key = \(bind: VietnameseText.fold(number))").first() != nil
    }

    public func insert(_ new: NewDecision, by label: String, at moment: Date) async throws -> DecisionRecord.ID {
        guard let id = try await db.raw("""
            INSERT INTO decisions (cycle_id, commune_id, number, number_key, signed_on, signer_name, signer_title, legal_basis, valid_until, amends_id,
                                   issued_by_label, issued_at)
            VALUES (\(bind: new.cycleID), \(bind: new.communeID), \(bind: new.number), \(bind: VietnameseText.fold(new.number)), \(bind: new.signedOn.iso), \(bind: new.signerName),
                    \(bind: new.signerTitle), \(bind: new.legalBasis), \(bind: new.validUntil?.iso), \(bind: new.amendsID), \(bind: label),
                    \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self) else { throw StoredValueError(description: "Không nhận được mã quyết định.") }
        for subject in new.subjects {
            try await db.raw("""
                INSERT INTO decision_subjects (decision_id, evaluation_id, subject_name, verdict_label)
                VALUES (\(bind: id), \(bind: subject.evaluationID), \(bind: subject.subjectName), \(bind: subject.verdictLabel))
                """).run()
        }
        return id
    }

    public func decision(_ id: DecisionRecord.ID) async throws -> DecisionRecord? {
        guard let row = try await db.raw("""
            SELECT id, cycle_id, commune_id, number, signed_on, signer_name, signer_title, legal_basis, valid_until, amends_id, issued_by_label
            FROM decisions WHERE id = \(bind: id)
            """).first() else { return nil }
        return try await record(row)
    }

    public func decisions(of cycleID: CycleRecord.ID) async throws -> [DecisionRecord] {
        var records: [DecisionRecord] = []
        for row in try await db.raw("""
            SELECT id, cycle_id, commune_id, number, signed_on, signer_name, signer_title, legal_basis, valid_until, amends_id, issued_by_label
            FROM decisions WHERE cycle_id = \(bind: cycleID) ORDER BY id
            """).all() { records.append(try await record(row)) }
        return records
    }

    func record(_ row: any SQLRow) async throws -> DecisionRecord {
        let id = try row.decode(column: "id", as: Int64.self)
        let subjects = try await db.raw("SELECT evaluation_id, subject_name, verdict_label FROM decision_subjects WHERE decision_id = \(bind: id) ORDER BY subject_name")
            .all().map {
                DecisionRecord.Subject(evaluationID: try $0.decode(column: "evaluation_id", as: Int64.self),
                                       subjectName: try $0.decode(column: "subject_name", as: String.self),
                                       verdictLabel: try $0.decode(column: "verdict_label", as: String.self))
            }
        return DecisionRecord(id: id, cycleID: try row.decode(column: "cycle_id", as: Int64.self), communeID: try row.decode(column: "commune_id", as: Int64.self),
                              number: try row.decode(column: "number", as: String.self), signedOn: try row.day("signed_on") ?? Day(2000, 1, 1)!,
                              signerName: try row.decode(column: "signer_name", as: String.self),
                              signerTitle: try row.decode(column: "signer_title", as: String.self),
                              legalBasis: try row.decode(column: "legal_basis", as: String.self), validUntil: try row.day("valid_until"),
                              amendsID: try row.decode(column: "amends_id", as: Int64?.self), issuedBy: try row.decode(column: "issued_by_label", as: String.self),
                              subjects: subjects)
    }
}
