import Foundation
import HoctapDomain
import SQLKit

/// A current commune as the bulk importers resolve it from a code.
public struct CommunePlace: Sendable, Hashable {
    public var id: Area.ID
    public var provinceID: Area.ID
    public var fullName: String
}

/// A household found by its code for a result row.
public struct HouseholdPlace: Sendable, Hashable {
    public var id: Int64
    public var code: String
    public var headName: String
    public var place: SubjectPlace
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
    public func households(commune communeID: Area.ID, codes: [String]) async throws -> [String: HouseholdPlace] {
        guard !codes.isEmpty else { return [:] }
        let rows = try await session.sql.select().columns("id", "code", "head_name", "province_id", "commune_id", "village_id").from("households")
            .where("commune_id", .equal, communeID).where("code", .in, codes).all()
        var found: [String: HouseholdPlace] = [:]
        for row in rows {
            let household = HouseholdPlace(
                id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                headName: try row.decode(column: "head_name", as: String.self),
                place: SubjectPlace(provinceID: try row.decode(column: "province_id", as: Int64.self), communeID: communeID,
                                    villageID: try row.decode(column: "village_id", as: Int64?.self)))
            found[household.code] = household
        }
        return found
    }

    /// The family cycle of a commune and year, if one was opened.
    public func familyCycle(commune communeID: Area.ID, year: Int) async throws -> CycleRecord.ID? {
        try await session.sql.raw("""
            SELECT id FROM evaluation_cycles WHERE commune_id = \(bind: communeID) AND year = \(bind: year) AND model = \(bind: LearningModel.family.rawValue)
            ORDER BY id LIMIT 1
            """).first(decodingColumn: "id", as: Int64.self)
    }

    /// Which of `householdIDs` already have an evaluation in `cycleID`.
    public func evaluated(cycle cycleID: CycleRecord.ID, households householdIDs: [Int64]) async throws -> Set<Int64> {
        guard !householdIDs.isEmpty else { return [] }
        return Set(try await session.sql.select().column("subject_id").from("evaluations").where("cycle_id", .equal, cycleID)
            .where("subject_kind", .equal, SubjectKind.household.rawValue).where("subject_id", .in, householdIDs).all()
            .map { try $0.decode(column: "subject_id", as: Int64.self) })
    }

    public static let evaluationColumns = ["id", "cycle_id", "subject_kind", "subject_id", "subject_name", "province_id", "commune_id", "village_id",
                                           "state", "answers", "share_token", "version", "created_at", "updated_at", "paper_decision_number", "paper_decided_on"]

    public static func evaluationRow(id: Int64, cycleID: CycleRecord.ID, household: HouseholdPlace, state: EvaluationState, shareToken: String,
                                     decisionNumber: String, decidedOn: Day?, at epoch: Int64) -> [BulkValue] {
        [.int(id), .int(cycleID), .text(SubjectKind.household.rawValue), .int(household.id), .text("\(household.code) – \(household.headName)"),
         .int(household.place.provinceID), .int(household.place.communeID), household.place.villageID.map { .int($0) } ?? .null,
         .text(state.rawValue), .text("{}"), .text(shareToken), .int(1), .int(epoch), .int(epoch),
         decisionNumber.isEmpty ? .null : .text(decisionNumber), decidedOn.map { .text($0.iso) } ?? .null]
    }

    public static let eventColumns = ["evaluation_id", "action", "from_state", "to_state", "reason", "actor_id", "actor_label", "at"]

    public static func eventRow(evaluationID: Int64, to state: EvaluationState, reason: String, actor: AuditActor, at epoch: Int64) -> [BulkValue] {
        [.int(evaluationID), .text("history"), .text(EvaluationState.draft.rawValue), .text(state.rawValue), .text(reason),
         actor.accountID.map { .int($0) } ?? .null, .text(actor.label), .int(epoch)]
    }
}
