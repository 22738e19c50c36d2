import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// A past year's result decided on paper, before the commune used hoctap.
public struct HistoricalResult: Sendable, Hashable {
    public var householdCode: String
    public var recognised: Bool
    /// The paper decision's number and date (both required for a recognition).
    public var decisionNumber: String
    public var decidedOn: Day?

    public init(householdCode: String, recognised: Bool, decisionNumber: String, decidedOn: Day?) {
        self.householdCode = householdCode
        self.recognised = recognised
        self.decisionNumber = decisionNumber
        self.decidedOn = decidedOn
    }
}

/// Results of earlier years, recorded from the communes' paper decisions so that the trend and
/// the 2021–2025 review start from what really happened. They enter the same evaluations and
/// rollups as the live cycle, marked by an event that names the paper decision; the workflow's
/// steps are not replayed because they happened outside hoctap.
public struct HistoricalResultService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    @discardableResult
    public func recordHouseholdResults(communeID: Area.ID, year: Int, _ results: [HistoricalResult], by actor: Actor) async throws -> Int {
        let commune = try await AreaService(environment).find(communeID, by: actor)
        try Authorization.require(actor, .manageCycle(commune: commune.position), notFound: "Không tìm thấy xã này.")
        let today = Day(containing: environment.clock.now())
        guard commune.level == .commune, let provinceID = commune.provinceID else {
            throw ServiceError.invalid([FieldIssue("communeID", "Kết quả các năm trước được ghi cho một xã, phường, đặc khu.")])
        }
        guard (PlanDraft.years.lowerBound...(today.year - 1)).contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Chỉ ghi kết quả các năm \(PlanDraft.years.lowerBound)–\(today.year - 1); năm nay đánh giá trên hệ thống.")])
        }
        guard let set = try await CriteriaService(environment).inForce(model: .family, areaID: commune.id, on: Day(year, 12, 31)!, by: actor) else {
            throw ServiceError.invalid([FieldIssue("year", "Không có bộ tiêu chí Gia đình học tập có hiệu lực năm \(year) cho \(commune.fullName).")])
        }
        var issues: [FieldIssue] = []
        for (index, result) in results.enumerated() {
            if result.recognised && VietnameseText.normalized(result.decisionNumber).isEmpty {
                issues.append(FieldIssue("results[\(index)]", "Hộ \(result.householdCode): ghi số quyết định công nhận."))
            }
            if let day = result.decidedOn, !(year...(year + 1)).contains(day.year) {
                issues.append(FieldIssue("results[\(index)]", "Hộ \(result.householdCode): ngày quyết định phải trong năm \(year) hoặc \(year + 1)."))
            }
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        return try await environment.database.transaction { db in
            let evaluations = EvaluationRepository(db)
            let moment = environment.clock.now()
            var cycle = try await evaluations.cycles(communeID: commune.id).first { $0.year == year && $0.model == .family }
            if cycle == nil {
                let id = try await evaluations.insertCycle(provinceID: provinceID, communeID: commune.id, year: year, model: .family,
                                                           setID: set.record.setID, setVersion: set.record.version, by: actor.username, at: moment)
                cycle = try await evaluations.cycle(id)
            }
            guard let cycle else { throw StoredValueError(description: "Không tạo được đợt đánh giá năm \(year).") }
            var issues: [FieldIssue] = []
            var recorded = 0
            for (index, result) in results.enumerated() {
                let code = result.householdCode.trimmingCharacters(in: .whitespaces)
                guard let household = try await RegistryRepository(db).household(code: code, within: actor.scope), household.place.communeID == commune.id else {
                    issues.append(FieldIssue("results[\(index)]", "Không có hộ mã \"\(code)\" trong \(commune.fullName)."))
                    continue
                }
                let added = try await evaluations.register([NewEvaluation(subjectKind: .household, subjectID: household.id,
                                                                          subjectName: "\(household.code) – \(household.headName)", place: household.place)],
                                                           in: cycle.id, at: moment, token: Secrets.token)
                guard added == 1 else {
                    issues.append(FieldIssue("results[\(index)]", "Hộ \(household.code) đã có kết quả năm \(year)."))
                    continue
                }
                guard let evaluation = try await evaluations.evaluation(cycleID: cycle.id, subjectKind: .household, subjectID: household.id) else { continue }
                let target: EvaluationState = result.recognised ? .recognised : .notRecognised
                try await evaluations.setState(evaluation.id, from: .draft, to: target, approvedAnswers: nil, keepApproved: true,
                                               expectedVersion: evaluation.version, at: moment)
                let decision = VietnameseText.normalized(result.decisionNumber)
                try await evaluations.recordPaperDecision(evaluation.id, number: decision, decidedOn: result.decidedOn)
                try await evaluations.appendEvent(evaluation.id, action: "history", from: .draft, to: target,
                                                  reason: ResultRow.reason(year: year, decisionNumber: decision, decidedOn: result.decidedOn),
                                                  actor: AuditActor(actor), at: moment)
                recorded += 1
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "history.record", entityType: "cycle", entityID: String(cycle.id), area: commune.position,
                summary: "Ghi kết quả Gia đình học tập năm \(year) của \(recorded) hộ từ hồ sơ giấy (\(results.filter(\.recognised).count) được công nhận)"),
                at: moment)
            return recorded
        }
    }
}
