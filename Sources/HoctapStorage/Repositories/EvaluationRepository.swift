import Foundation
import HoctapDomain
import SQLKit

public struct CycleRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var provinceID: Area.ID
    public var communeID: Area.ID
    public var year: Int
    public var model: LearningModel
    public var setID: String
    public var setVersion: Int
    public var openedAt: Date
    public var openedBy: String

    public var communePosition: AreaPosition {
        AreaPosition(level: .commune, areaID: communeID, provinceID: provinceID, communeID: communeID)
    }
}

/// What kind of record an evaluation is about.
public enum SubjectKind: String, CaseIterable, Codable, Sendable {
    case household, clan, village, commune, unit, person

    /// The subject of each learning model.
    public static func of(_ model: LearningModel) -> SubjectKind {
        switch model {
        case .family: .household
        case .clan: .clan
        case .communityVillage: .village
        case .communityCommune: .commune
        case .unit: .unit
        case .citizen: .person
        }
    }

    public var label: String {
        switch self {
        case .household: "Hộ gia đình"
        case .clan: "Dòng họ"
        case .village: "Thôn, tổ dân phố"
        case .commune: "Xã"
        case .unit: "Đơn vị"
        case .person: "Công dân"
        }
    }
}

public struct EvaluationRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var cycleID: CycleRecord.ID
    public var subjectKind: SubjectKind
    public var subjectID: Int64
    public var subjectName: String
    public var place: SubjectPlace
    public var state: EvaluationState
    public var answers: String
    public var verdictLabel: String?
    public var verdictRank: Int?
    public var total: Double?
    public var approvedAnswers: String?
    /// Who assessed: the person who self-assessed, the team's members, or the officer.
    public var assessedBy: String?
    public var shareToken: String
    public var version: Int
    public var updatedAt: Date
}

public struct EvaluationEventRecord: Hashable, Sendable {
    public var action: String
    public var from: EvaluationState
    public var to: EvaluationState
    public var reason: String?
    public var actorLabel: String
    public var at: Date
}

/// A subject to register in a cycle.
public struct NewEvaluation: Sendable {
    public var subjectKind: SubjectKind
    public var subjectID: Int64
    public var subjectName: String
    public var place: SubjectPlace

    public init(subjectKind: SubjectKind, subjectID: Int64, subjectName: String, place: SubjectPlace) {
        self.subjectKind = subjectKind
        self.subjectID = subjectID
        self.subjectName = subjectName
        self.place = place
    }
}

/// SQL for cycles, evaluations and their events.
public struct EvaluationRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    // MARK: Cycles

    static let cycleColumns: SQLQueryString = "c.id, c.province_id, c.commune_id, c.year, c.model, c.set_id, c.set_version, c.opened_at, c.opened_by_label"

    static func cycle(_ row: any SQLRow) throws -> CycleRecord {
        CycleRecord(id: try row.decode(column: "id", as: Int64.self), provinceID: try row.decode(column: "province_id", as: Int64.self),
                    communeID: try row.decode(column: "commune_id", as: Int64.self), year: try row.decode(column: "year", as: Int.self),
                    model: try row.enumValue("model", as: LearningModel.self), setID: try row.decode(column: "set_id", as: String.self),
                    setVersion: try row.decode(column: "set_version", as: Int.self),
                    openedAt: Date(epochSeconds: try row.decode(column: "opened_at", as: Int64.self)),
                    openedBy: try row.decode(column: "opened_by_label", as: String.self))
    }

    public func insertCycle(provinceID: Area.ID, communeID: Area.ID, year: Int, model: LearningModel, setID: String, setVersion: Int,
                            by label: String, at moment: Date) async throws -> CycleRecord.ID {
        let id = try await db.raw("""
            INSERT INTO evaluation_cycles (province_id, commune_id, year, model, set_id, set_version, opened_at, opened_by_label)
            VALUES (\(bind: provinceID), \(bind: communeID), \(bind: year), \(bind: model.rawValue), \(bind: setID), \(bind: setVersion),
                    \(bind: moment.epochSeconds), \(bind: label))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã đợt đánh giá mới.") }
        return id
    }

    public func cycle(_ id: CycleRecord.ID) async throws -> CycleRecord? {
        try await db.raw("SELECT \(Self.cycleColumns) FROM evaluation_cycles c WHERE c.id = \(bind: id)").first().map(Self.cycle)
    }

    public func cycle(communeID: Area.ID, year: Int, setID: String) async throws -> CycleRecord? {
        try await db.raw("""
            SELECT \(Self.cycleColumns) FROM evaluation_cycles c
            WHERE c.commune_id = \(bind: communeID) AND c.year = \(bind: year) AND c.set_id = \(bind: setID)
            """).first().map(Self.cycle)
    }

    public func cycles(communeID: Area.ID) async throws -> [CycleRecord] {
        try await db.raw("SELECT \(Self.cycleColumns) FROM evaluation_cycles c WHERE c.commune_id = \(bind: communeID) ORDER BY c.year DESC, c.model, c.set_id")
            .all().map(Self.cycle)
    }

    // MARK: Evaluations

    static let evaluationColumns: SQLQueryString = """
        e.id, e.cycle_id, e.subject_kind, e.subject_id, e.subject_name, e.province_id, e.commune_id, e.village_id, e.state, e.answers,
        e.verdict_label, e.verdict_rank, e.total, e.approved_answers, e.assessed_by, e.share_token, e.version, e.updated_at
        """

    static func evaluation(_ row: any SQLRow) throws -> EvaluationRecord {
        EvaluationRecord(
            id: try row.decode(column: "id", as: Int64.self), cycleID: try row.decode(column: "cycle_id", as: Int64.self),
            subjectKind: try row.enumValue("subject_kind", as: SubjectKind.self), subjectID: try row.decode(column: "subject_id", as: Int64.self),
            subjectName: try row.decode(column: "subject_name", as: String.self), place: try RegistryRepository.place(row),
            state: try row.enumValue("state", as: EvaluationState.self), answers: try row.decode(column: "answers", as: String.self),
            verdictLabel: try row.decode(column: "verdict_label", as: String?.self), verdictRank: try row.decode(column: "verdict_rank", as: Int?.self),
            total: try row.decode(column: "total", as: Double?.self), approvedAnswers: try row.decode(column: "approved_answers", as: String?.self),
            assessedBy: try row.decode(column: "assessed_by", as: String?.self),
            shareToken: try row.decode(column: "share_token", as: String.self), version: try row.decode(column: "version", as: Int.self), updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self)))
    }

    /// Registers subjects; those already registered in the cycle are skipped. Returns how many were added.
    /// `token` makes each evaluation's share key (random; injected so storage stays free of policy).
    /// The rollups count them in the same transaction.
    public func register(_ subjects: [NewEvaluation], in cycleID: CycleRecord.ID, at moment: Date, token: () -> String) async throws -> Int {
        var added = 0
        let key = try await RollupRepository(db).cycleKey(cycleID)
        var ledger = RollupLedger()
        for subject in subjects {
            let exists = try await db.raw("""
                SELECT 1 AS x FROM evaluations WHERE cycle_id = \(bind: cycleID) AND subject_kind = \(bind: subject.subjectKind.rawValue)
                AND subject_id = \(bind: subject.subjectID)
                """).first()
            if exists != nil { continue }
            try await db.raw("""
                INSERT INTO evaluations (cycle_id, subject_kind, subject_id, subject_name, province_id, commune_id, village_id, state, answers,
                                         share_token, version, created_at, updated_at)
                VALUES (\(bind: cycleID), \(bind: subject.subjectKind.rawValue), \(bind: subject.subjectID), \(bind: subject.subjectName),
                        \(bind: subject.place.provinceID), \(bind: subject.place.communeID), \(bind: subject.place.villageID),
                        \(bind: EvaluationState.draft.rawValue), '{}', \(bind: token()), 1, \(bind: moment.epochSeconds), \(bind: moment.epochSeconds))
                """).run()
            ledger.record(from: nil, to: .draft, year: key.year, model: key.model, segment: key.segment,
                          provinceID: subject.place.provinceID, communeID: subject.place.communeID, villageID: subject.place.villageID)
            added += 1
        }
        try await RollupRepository(db).apply(ledger)
        return added
    }

    /// A subject's evaluation in a cycle.
    public func evaluation(cycleID: CycleRecord.ID, subjectKind: SubjectKind, subjectID: Int64) async throws -> EvaluationRecord? {
        try await db.raw("""
            SELECT \(Self.evaluationColumns) FROM evaluations e
            WHERE e.cycle_id = \(bind: cycleID) AND e.subject_kind = \(bind: subjectKind.rawValue) AND e.subject_id = \(bind: subjectID)
            """).first().map(Self.evaluation)
    }

    /// The evaluation a share link names, whoever asks (the link is the permission).
    public func evaluation(shareToken: String) async throws -> EvaluationRecord? {
        try await db.raw("SELECT \(Self.evaluationColumns) FROM evaluations e WHERE e.share_token = \(bind: shareToken)").first().map(Self.evaluation)
    }

    public func evaluation(_ id: EvaluationRecord.ID, within scope: AreaPosition) async throws -> EvaluationRecord? {
        try await db.raw("SELECT \(Self.evaluationColumns) FROM evaluations e WHERE e.id = \(bind: id) AND \(ScopeFilter.subjects(scope, alias: "e"))")
            .first().map(Self.evaluation)
    }

    public func evaluations(in cycleID: CycleRecord.ID, within scope: AreaPosition, state: EvaluationState? = nil,
                            start: PageStart = .first, limit: Int = 100) async throws -> PagedRows<EvaluationRecord> {
        var filter: SQLQueryString = "e.cycle_id = \(bind: cycleID) AND \(ScopeFilter.subjects(scope, alias: "e"))"
        if let state { filter = "\(filter) AND e.state = \(bind: state.rawValue)" }
        let list = KeysetList(select: "SELECT \(Self.evaluationColumns) FROM evaluations e", countFrom: "evaluations e", table: "evaluations", alias: "e", filter: filter,
                              keys: ["village_id", "subject_name", "id"])
        return try await list.page(start, limit: limit, on: db, Self.evaluation)
    }

    /// The evaluations of one village in one year, every model: the end of a dashboard's drill-down.
    public func evaluations(inVillage villageID: Area.ID, year: Int, limit: Int = 500) async throws -> [(model: LearningModel, evaluation: EvaluationRecord)] {
        try await db.raw("""
            SELECT \(Self.evaluationColumns), c.model AS cycle_model FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id
            WHERE e.village_id = \(bind: villageID) AND c.year = \(bind: year) ORDER BY c.model, e.subject_name, e.id LIMIT \(bind: limit)
            """).all().map { (try $0.enumValue("cycle_model", as: LearningModel.self), try Self.evaluation($0)) }
    }

    /// How many evaluations of the cycle are in each state, inside `scope`.
    public func stateCounts(in cycleID: CycleRecord.ID, within scope: AreaPosition) async throws -> [EvaluationState: Int] {
        var counts: [EvaluationState: Int] = [:]
        for row in try await db.raw("""
            SELECT e.state, COUNT(*) AS n FROM evaluations e WHERE e.cycle_id = \(bind: cycleID) AND \(ScopeFilter.subjects(scope, alias: "e"))
            GROUP BY e.state
            """).all() {
            counts[try row.enumValue("state", as: EvaluationState.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Stores answers and their verdict, if nobody saved since `expectedVersion` (when it was in
    /// state `from`); a change of state is counted in the rollups in the same transaction.
    public func saveAnswers(_ id: EvaluationRecord.ID, answers: String, assessedBy: String?, verdictCode: String?, verdictLabel: String?,
                            verdictRank: Int?, total: Double?, from: EvaluationState, state: EvaluationState, expectedVersion: Int,
                            at moment: Date) async throws {
        let updated = try await db.raw("""
            UPDATE evaluations SET answers = \(bind: answers), assessed_by = \(bind: assessedBy), verdict_code = \(bind: verdictCode), verdict_label = \(bind: verdictLabel),
                verdict_rank = \(bind: verdictRank), total = \(bind: total), state = \(bind: state.rawValue), version = version + 1,
                updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND state = \(bind: from.rawValue)
            RETURNING cycle_id, province_id, commune_id, village_id
            """).first()
        guard let updated else { throw VersionConflict(entity: "Phiếu đánh giá") }
        try await count(updated, from: from, to: state)
    }

    /// Counts a change of state in the rollups, from the row an UPDATE … RETURNING gave back.
    private func count(_ row: any SQLRow, from: EvaluationState, to: EvaluationState) async throws {
        guard from != to else { return }
        let rollups = RollupRepository(db)
        let key = try await rollups.cycleKey(try row.decode(column: "cycle_id", as: Int64.self))
        var ledger = RollupLedger()
        ledger.record(from: from, to: to, year: key.year, model: key.model, segment: key.segment,
                      provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: try row.decode(column: "commune_id", as: Int64.self),
                      villageID: try row.decode(column: "village_id", as: Int64?.self))
        try await rollups.apply(ledger)
    }

    /// Moves from `from` to `state`, if nobody changed the evaluation since `expectedVersion`;
    /// the rollups follow in the same transaction.
    public func setState(_ id: EvaluationRecord.ID, from: EvaluationState, to state: EvaluationState, approvedAnswers: String?, keepApproved: Bool,
                         expectedVersion: Int, at moment: Date) async throws {
        let approved: SQLQueryString = keepApproved ? "approved_answers" : "\(bind: approvedAnswers)"
        let updated = try await db.raw("""
            UPDATE evaluations SET state = \(bind: state.rawValue), approved_answers = \(approved), version = version + 1,
                updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND state = \(bind: from.rawValue)
            RETURNING cycle_id, province_id, commune_id, village_id
            """).first()
        guard let updated else { throw VersionConflict(entity: "Phiếu đánh giá") }
        try await count(updated, from: from, to: state)
    }

    /// Keeps the decision a past result was recorded with on paper, for exports to give back.
    public func recordPaperDecision(_ id: EvaluationRecord.ID, number: String, decidedOn: Day?) async throws {
        try await db.raw("""
            UPDATE evaluations SET paper_decision_number = \(bind: number.isEmpty ? nil : number), paper_decided_on = \(bind: decidedOn?.iso)
            WHERE id = \(bind: id)
            """).run()
    }

    public func appendEvent(_ id: EvaluationRecord.ID, action: String, from: EvaluationState, to: EvaluationState, reason: String?,
                            actor: AuditActor, at moment: Date) async throws {
        try await db.raw("""
            INSERT INTO evaluation_events (evaluation_id, action, from_state, to_state, reason, actor_id, actor_label, at)
            VALUES (\(bind: id), \(bind: action), \(bind: from.rawValue), \(bind: to.rawValue), \(bind: reason), \(bind: actor.accountID),
                    \(bind: actor.label), \(bind: moment.epochSeconds))
            """).run()
    }

    public func events(of id: EvaluationRecord.ID) async throws -> [EvaluationEventRecord] {
        try await db.raw("SELECT action, from_state, to_state, reason, actor_label, at FROM evaluation_events WHERE evaluation_id = \(bind: id) ORDER BY id")
            .all().map { row in
                EvaluationEventRecord(action: try row.decode(column: "action", as: String.self),
                                      from: try row.enumValue("from_state", as: EvaluationState.self),
                                      to: try row.enumValue("to_state", as: EvaluationState.self),
                                      reason: try row.decode(column: "reason", as: String?.self),
                                      actorLabel: try row.decode(column: "actor_label", as: String.self),
                                      at: Date(epochSeconds: try row.decode(column: "at", as: Int64.self)))
            }
    }

    /// A subject's evaluations across the years (for a person's own data): year, model, state
    /// and verdict, newest first.
    public func history(subjectKind: SubjectKind, subjectID: Int64) async throws -> [(year: Int, model: String, state: EvaluationState, verdict: String?)] {
        try await db.raw("""
            SELECT c.year, c.model, e.state, e.verdict_label FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id
            WHERE e.subject_kind = \(bind: subjectKind.rawValue) AND e.subject_id = \(bind: subjectID)
            ORDER BY c.year DESC, e.id DESC
            """).all().map {
            (try $0.decode(column: "year", as: Int.self), try $0.decode(column: "model", as: String.self),
             try $0.enumValue("state", as: EvaluationState.self), try $0.decode(column: "verdict_label", as: String?.self))
        }
    }
}
