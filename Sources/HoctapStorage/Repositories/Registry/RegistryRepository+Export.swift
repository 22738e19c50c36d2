import Foundation
import HoctapDomain
import SQLKit

// Rows of the registry and result exports, each with the codes the importers read back
// (the commune's official code, the village's full code, the household's code).

/// One member row of a household export, in the import file's layout.
public struct HouseholdExportRow: Sendable {
    public var householdID: Int64
    public var villageCode: String
    public var number: Int
    public var address: String
    public var member: PersonDraft
}

public struct UnitExportRow: Sendable {
    public var communeCode: String
    public var villageCode: String?
    public var name: String
    public var kind: UnitKind
    public var staffCount: Int?
}

/// A learning citizen registered on their own; household members travel with their household.
public struct CitizenExportRow: Sendable {
    public var communeCode: String
    public var villageCode: String?
    public var person: PersonDraft
}

public struct ClanExportRow: Sendable {
    public var communeCode: String
    public var villageCode: String?
    public var name: String
    public var headName: String
    /// The member households inside the reader's scope, by code.
    public var householdCodes: [String]
}

public struct ResultExportRow: Sendable {
    public var year: Int
    public var model: LearningModel
    public var communeCode: String
    public var villageCode: String?
    public var subjectKind: SubjectKind
    public var subjectName: String
    public var householdCode: String?
    public var state: EvaluationState
    public var verdictLabel: String?
    /// The recognition decision in hoctap, or the one a paper result was recorded with.
    public var decisionNumber: String?
    public var decidedOn: Day?
}

/// One cycle whose results an export reads.
public struct ExportCycle: Sendable {
    public var id: CycleRecord.ID
    public var year: Int
    public var model: LearningModel
    public var communeCode: String
}

/// Pages of exports, each by key (`id > after`, never an offset), so that a download holds one
/// page in memory and the first bytes leave at once, for a village or the whole country.
extension RegistryRepository {
    static let placeCodes: SQLQueryString = "c.code AS commune_code, v.code AS village_code"

    static func placeJoins(_ alias: String) -> SQLQueryString {
        "JOIN areas c ON c.id = \(ident: alias).commune_id LEFT JOIN areas v ON v.id = \(ident: alias).village_id"
    }

    /// The next `limit` households inside `scope` after `afterID` (keyset order by id, never an
    /// offset), with their members head first: one query for the page of households, one for
    /// their members. Returns the rows and the last household id of the page (nil at the end).
    public func exportHouseholds(within scope: AreaPosition, after afterID: Int64, limit: Int) async throws -> (rows: [HouseholdExportRow], last: Int64?) {
        let households = try await db.raw("""
            SELECT h.id, v.code AS village_code, h.sequence, h.address FROM households h JOIN areas v ON v.id = h.village_id
            WHERE \(ScopeFilter.subjects(scope, alias: "h")) AND h.id > \(bind: afterID) ORDER BY h.id LIMIT \(bind: limit)
            """).all()
        guard let last = try households.last?.decode(column: "id", as: Int64.self) else { return ([], nil) }
        var places: [Int64: (village: String, number: Int, address: String)] = [:]
        for row in households {
            places[try row.decode(column: "id", as: Int64.self)] = (try row.decode(column: "village_code", as: String.self),
                                                                   try row.decode(column: "sequence", as: Int.self), try row.decode(column: "address", as: String.self))
        }
        let members = try await db.raw("""
            SELECT \(Self.personColumns) FROM \(Self.personFrom) WHERE p.household_id IN \(SQLGroupExpression(places.keys.map { SQLBind($0) }))
            ORDER BY p.household_id, CASE WHEN p.relation = 'head' THEN 0 ELSE 1 END, p.birth_year, p.id
            """).all().map(Self.person)
        let rows = members.compactMap { person -> HouseholdExportRow? in
            guard let household = person.householdID, let place = places[household] else { return nil }
            let member = PersonDraft(fullName: person.fullName, birthYear: person.birthYear, sex: person.sex, relation: person.relation,
                                     schooling: person.schooling, literate: person.literate, studying: person.studying, targetGroup: person.targetGroup)
            return HouseholdExportRow(householdID: household, villageCode: place.village, number: place.number, address: place.address, member: member)
        }
        return (rows, last)
    }

    public func exportUnits(within scope: AreaPosition, after afterID: Int64, limit: Int) async throws -> (rows: [UnitExportRow], last: Int64?) {
        let rows = try await db.raw("""
            SELECT u.id, \(Self.placeCodes), u.name, u.kind, u.staff_count FROM units u \(Self.placeJoins("u"))
            WHERE \(ScopeFilter.subjects(scope, alias: "u")) AND u.id > \(bind: afterID) ORDER BY u.id LIMIT \(bind: limit)
            """).all()
        return (try rows.map {
            UnitExportRow(communeCode: try $0.decode(column: "commune_code", as: String.self), villageCode: try $0.decode(column: "village_code", as: String?.self),
                          name: try $0.decode(column: "name", as: String.self), kind: try $0.enumValue("kind", as: UnitKind.self),
                          staffCount: try $0.decode(column: "staff_count", as: Int?.self))
        }, try rows.last?.decode(column: "id", as: Int64.self))
    }

    public func exportCitizens(within scope: AreaPosition, after afterID: Int64, limit: Int) async throws -> (rows: [CitizenExportRow], last: Int64?) {
        let rows = try await db.raw("""
            SELECT p.id, \(Self.placeCodes), p.full_name, p.target_group, p.birth_year, p.sex FROM persons p \(Self.placeJoins("p"))
            WHERE p.target_group IS NOT NULL AND p.household_id IS NULL AND \(ScopeFilter.subjects(scope, alias: "p")) AND p.id > \(bind: afterID) ORDER BY p.id LIMIT \(bind: limit)
            """).all()
        return (try rows.map {
            var person = PersonDraft(fullName: try $0.decode(column: "full_name", as: String.self))
            person.targetGroup = try $0.decode(column: "target_group", as: String?.self).flatMap(TargetGroup.init(rawValue:))
            person.birthYear = try $0.decode(column: "birth_year", as: Int?.self)
            person.sex = try $0.decode(column: "sex", as: String?.self).flatMap(Sex.init(rawValue:))
            return CitizenExportRow(communeCode: try $0.decode(column: "commune_code", as: String.self), villageCode: try $0.decode(column: "village_code", as: String?.self), person: person)
        }, try rows.last?.decode(column: "id", as: Int64.self))
    }

    /// A page of clans with their member households inside `scope` (one more query per page).
    public func exportClans(within scope: AreaPosition, after afterID: Int64, limit: Int) async throws -> (rows: [ClanExportRow], last: Int64?) {
        let rows = try await db.raw("""
            SELECT cl.id, \(Self.placeCodes), cl.name, cl.head_name FROM clans cl \(Self.placeJoins("cl"))
            WHERE \(ScopeFilter.subjects(scope, alias: "cl")) AND cl.id > \(bind: afterID) ORDER BY cl.id LIMIT \(bind: limit)
            """).all()
        guard let last = try rows.last?.decode(column: "id", as: Int64.self) else { return ([], nil) }
        let ids = try rows.map { try $0.decode(column: "id", as: Int64.self) }
        var members: [Int64: [String]] = [:]
        for row in try await db.raw("""
            SELECT ch.clan_id, h.code FROM clan_households ch JOIN households h ON h.id = ch.household_id
            WHERE ch.clan_id IN \(SQLGroupExpression(ids.map { SQLBind($0) })) AND \(ScopeFilter.subjects(scope, alias: "h"))
            ORDER BY ch.clan_id, h.code
            """).all() {
            members[try row.decode(column: "clan_id", as: Int64.self), default: []].append(try row.decode(column: "code", as: String.self))
        }
        return (try zip(ids, rows).map { id, row in
            ClanExportRow(communeCode: try row.decode(column: "commune_code", as: String.self), villageCode: try row.decode(column: "village_code", as: String?.self),
                          name: try row.decode(column: "name", as: String.self), headName: try row.decode(column: "head_name", as: String.self),
                          householdCodes: members[id] ?? [])
        }, last)
    }

    /// The cycles inside `scope` (a village reads its commune's), by year, commune and model.
    public func exportCycles(within scope: AreaPosition, year: Int?, model: LearningModel?) async throws -> [ExportCycle] {
        let communeScope = scope.level == .village ? AreaPosition(level: .commune, areaID: scope.communeID, provinceID: scope.provinceID, communeID: scope.communeID) : scope
        var filter: SQLQueryString = "\(ScopeFilter.subjects(communeScope, alias: "cy"))"
        if let year { filter = "\(filter) AND cy.year = \(bind: year)" }
        if let model { filter = "\(filter) AND cy.model = \(bind: model.rawValue)" }
        return try await db.raw("""
            SELECT cy.id, cy.year, cy.model, c.code FROM evaluation_cycles cy JOIN areas c ON c.id = cy.commune_id
            WHERE \(filter) ORDER BY cy.year, c.code, cy.model, cy.id
            """).all().map {
            ExportCycle(id: try $0.decode(column: "id", as: Int64.self), year: try $0.decode(column: "year", as: Int.self),
                        model: try $0.enumValue("model", as: LearningModel.self), communeCode: try $0.decode(column: "code", as: String.self))
        }
    }

    /// A page of one cycle's final results (recognised or not) inside `scope`, in the order the
    /// subjects were registered. One query per cycle and page: the `(cycle_id, state)` index
    /// bounds each to the cycle's own results.
    public func exportResults(of cycle: ExportCycle, within scope: AreaPosition, after afterID: Int64, limit: Int) async throws
        -> (rows: [ResultExportRow], last: Int64?) {
        let latestDecision: SQLQueryString = "FROM decision_subjects ds JOIN decisions d ON d.id = ds.decision_id WHERE ds.evaluation_id = e.id ORDER BY d.id DESC LIMIT 1"
        let rows = try await db.raw("""
            SELECT e.id, e.state, e.subject_kind, e.subject_name, v.code AS village_code, h.code AS household_code, e.verdict_label,
                COALESCE((SELECT d.number \(latestDecision)), e.paper_decision_number) AS decision_number,
                COALESCE((SELECT d.signed_on \(latestDecision)), e.paper_decided_on) AS decided_on
            FROM evaluations e LEFT JOIN areas v ON v.id = e.village_id
                LEFT JOIN households h ON e.subject_kind = 'household' AND h.id = e.subject_id
            WHERE e.cycle_id = \(bind: cycle.id) AND e.state IN (\(bind: EvaluationState.recognised.rawValue), \(bind: EvaluationState.notRecognised.rawValue)) AND \(ScopeFilter.subjects(scope, alias: "e"))
                AND e.id > \(bind: afterID)
            ORDER BY e.id LIMIT \(bind: limit)
            """).all()
        return (try rows.map {
            ResultExportRow(year: cycle.year, model: cycle.model, communeCode: cycle.communeCode, villageCode: try $0.decode(column: "village_code", as: String?.self),
                            subjectKind: try $0.enumValue("subject_kind", as: SubjectKind.self), subjectName: try $0.decode(column: "subject_name", as: String.self),
                            householdCode: try $0.decode(column: "household_code", as: String?.self), state: try $0.enumValue("state", as: EvaluationState.self),
                            verdictLabel: try $0.decode(column: "verdict_label", as: String?.self),
                            decisionNumber: try $0.decode(column: "decision_number", as: String?.self),
                            decidedOn: try $0.decode(column: "decided_on", as: String?.self).flatMap(Day.init(iso:)))
        }, try rows.last?.decode(column: "id", as: Int64.self))
    }
}
