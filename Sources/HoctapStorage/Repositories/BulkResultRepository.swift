import Foundation
import HoctapDomain
import SQLKit

/// A current commune as the bulk importers resolve it from a code.
public struct CommunePlace: Sendable, Hashable {
    public var id: Area.ID
    public var provinceID: Area.ID
    public var fullName: String
}

/// A subject of any kind found for a result row: what the evaluation records about it.
public struct FoundSubject: Sendable, Hashable {
    public var kind: SubjectKind
    public var id: Int64
    /// The name evaluations show ("00376-01-0001 – Nguyễn Văn An", "Họ Nguyễn", "Thôn Đông, Xã Sóc Sơn").
    public var name: String
    public var place: SubjectPlace
    /// The village's full code, to narrow a name down.
    public var villageCode: String?
    /// A learning citizen's group, which chooses the criteria set and so the cycle.
    public var targetGroup: TargetGroup?

    public init(kind: SubjectKind, id: Int64, name: String, place: SubjectPlace, villageCode: String? = nil, targetGroup: TargetGroup? = nil) {
        self.kind = kind
        self.id = id
        self.name = name
        self.place = place
        self.villageCode = villageCode
        self.targetGroup = targetGroup
    }
}

/// The lookups and row layouts of `hoctap import results`: one query per commune and batch.
public struct BulkResultRepository: Sendable {
    let session: BulkSession

    public init(_ session: BulkSession) { self.session = session }

    /// Every current commune inside `scope`, by code (3,321 in the country).
    public func communes(within scope: AreaPosition) async throws -> [String: CommunePlace] {
        let rows = try await session.sql.raw("""
            SELECT a.id, a.code, a.province_id, a.full_name FROM areas a
            WHERE a.level = 'commune' AND a.valid_to IS NULL AND \(ScopeFilter.areas(scope, alias: "a"))
            """).all()
        var places: [String: CommunePlace] = [:]
        for row in rows {
            places[try row.decode(column: "code", as: String.self)] = CommunePlace(
                id: try row.decode(column: "id", as: Int64.self), provinceID: try row.decode(column: "province_id", as: Int64.self),
                fullName: try row.decode(column: "full_name", as: String.self))
        }
        return places
    }

    /// The households of `communeID` among `codes`, by code.
    public func households(commune communeID: Area.ID, codes: [String]) async throws -> [String: FoundSubject] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await session.sql.select().columns("id", "code", "head_name", "province_id", "village_id").from("households")
            .where("commune_id", .equal, communeID).where("code", .in, codes).all()
        var found: [String: FoundSubject] = [:]
        for row in rows {
            let code = try row.decode(column: "code", as: String.self)
            found[code] = FoundSubject(kind: .household, id: try row.decode(column: "id", as: Int64.self),
                                       name: "\(code) – \(try row.decode(column: "head_name", as: String.self))",
                                       place: SubjectPlace(provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: communeID,
                                                           villageID: try row.decode(column: "village_id", as: Int64?.self)))
        }
        return found
    }

    /// The commune's cycle of `model` and year, if one was opened (the first, when a year has several).
    public func cycle(commune communeID: Area.ID, year: Int, model: LearningModel) async throws -> CycleRecord.ID? {
        try await session.sql.raw("""
            SELECT id FROM evaluation_cycles WHERE commune_id = \(bind: communeID) AND year = \(bind: year) AND model = \(bind: model.rawValue)
            ORDER BY id LIMIT 1
            """).first(decodingColumn: "id", as: Int64.self)
    }

    /// The commune's cycle of a year scored with `setID` (learning citizens: one set, and so one
    /// cycle, per target group).
    public func cycle(commune communeID: Area.ID, year: Int, setID: String) async throws -> CycleRecord.ID? {
        try await session.sql.raw("""
            SELECT id FROM evaluation_cycles WHERE commune_id = \(bind: communeID) AND year = \(bind: year) AND set_id = \(bind: setID)
            """).first(decodingColumn: "id", as: Int64.self)
    }

    /// The current villages of `communeID` among the full `codes`.
    public func villages(commune communeID: Area.ID, codes: [String]) async throws -> [String: FoundSubject] {
        guard !codes.isEmpty else { return [:] }
        var found: [String: FoundSubject] = [:]
        for row in try await session.sql.raw("""
            SELECT a.id, a.code, a.full_name, a.province_id FROM areas a
            WHERE a.level = 'village' AND a.valid_to IS NULL AND a.commune_id = \(bind: communeID) AND a.code IN \(SQLGroupExpression(codes.map { SQLBind($0) }))
            """).all() {
            let id = try row.decode(column: "id", as: Int64.self), code = try row.decode(column: "code", as: String.self)
            found[code] = FoundSubject(kind: .village, id: id, name: try row.decode(column: "full_name", as: String.self),
                                       place: SubjectPlace(provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: communeID, villageID: id),
                                       villageCode: code)
        }
        return found
    }

    /// The clans, units or learning citizens of `communeID` whose folded name is among `names`,
    /// by folded name (several when names repeat).
    public func named(_ kind: SubjectKind, commune communeID: Area.ID, names: [String]) async throws -> [String: [FoundSubject]] {
        guard !names.isEmpty else { return [:] }
        let from: SQLQueryString, columns: SQLQueryString, filter: SQLQueryString
        switch kind {
        case .clan: (from, columns, filter) = ("clans s", "s.name, NULL AS target_group", "1 = 1")
        case .unit: (from, columns, filter) = ("units s", "s.name, NULL AS target_group", "1 = 1")
        case .person: (from, columns, filter) = ("persons s", "s.full_name AS name, s.target_group", "s.target_group IS NOT NULL")
        case .household, .village, .commune: return [:]
        }
        var found: [String: [FoundSubject]] = [:]
        for row in try await session.sql.raw("""
            SELECT s.id, s.search_name, s.province_id, s.village_id, v.code AS village_code, \(columns) FROM \(from) LEFT JOIN areas v ON v.id = s.village_id
            WHERE s.commune_id = \(bind: communeID) AND \(filter) AND s.search_name IN \(SQLGroupExpression(names.map { SQLBind($0) }))
            ORDER BY s.id
            """).all() {
            let subject = FoundSubject(
                kind: kind, id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
                place: SubjectPlace(provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: communeID,
                                    villageID: try row.decode(column: "village_id", as: Int64?.self)),
                villageCode: try row.decode(column: "village_code", as: String?.self),
                targetGroup: try row.decode(column: "target_group", as: String?.self).flatMap(TargetGroup.init(rawValue:)))
            found[try row.decode(column: "search_name", as: String.self), default: []].append(subject)
        }
        return found
    }

    /// Which of `ids` (subjects of `kind`) already have an evaluation in `cycleID`.
    public func evaluated(cycle cycleID: CycleRecord.ID, kind: SubjectKind, ids: [Int64]) async throws -> Set<Int64> {
        guard !ids.isEmpty else { return [] }
        return Set(try await session.sql.select().column("subject_id").from("evaluations").where("cycle_id", .equal, cycleID)
            .where("subject_kind", .equal, kind.rawValue).where("subject_id", .in, ids).all()
            .map { try $0.decode(column: "subject_id", as: Int64.self) })
    }

    public static let evaluationColumns = ["id", "cycle_id", "subject_kind", "subject_id", "subject_name", "province_id", "commune_id", "village_id",
                                           "state", "answers", "share_token", "version", "created_at", "updated_at", "paper_decision_number", "paper_decided_on"]

    public static func evaluationRow(id: Int64, cycleID: CycleRecord.ID, subject: FoundSubject, state: EvaluationState, shareToken: String,
                                     decisionNumber: String, decidedOn: Day?, at epoch: Int64) -> [BulkValue] {
        [.int(id), .int(cycleID), .text(subject.kind.rawValue), .int(subject.id), .text(subject.name),
         .int(subject.place.provinceID), .int(subject.place.communeID), subject.place.villageID.map { .int($0) } ?? .null,
         .text(state.rawValue), .text("{}"), .text(shareToken), .int(1), .int(epoch), .int(epoch),
         decisionNumber.isEmpty ? .null : .text(decisionNumber), decidedOn.map { .text($0.iso) } ?? .null]
    }

    public static let eventColumns = ["evaluation_id", "action", "from_state", "to_state", "reason", "actor_id", "actor_label", "at"]

    public static func eventRow(evaluationID: Int64, to state: EvaluationState, reason: String, actor: AuditActor, at epoch: Int64) -> [BulkValue] {
        [.int(evaluationID), .text("history"), .text(EvaluationState.draft.rawValue), .text(state.rawValue), .text(reason),
         actor.accountID.map { .int($0) } ?? .null, .text(actor.label), .int(epoch)]
    }
}
