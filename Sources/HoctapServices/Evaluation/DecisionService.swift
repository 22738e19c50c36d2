import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What the council decided for one evaluation.
public struct CouncilOutcome: Sendable {
    public var evaluationID: EvaluationRecord.ID
    public var approved: Bool
    public var reason: String?

    public init(evaluationID: EvaluationRecord.ID, approved: Bool, reason: String?) {
        self.evaluationID = evaluationID
        self.approved = approved
        self.reason = reason
    }
}

public struct DecisionDraft: Sendable {
    public var number: String
    public var signedOn: Day?
    public var signerName: String
    public var signerTitle: String
    public var legalBasis: String
    public var validUntil: Day?
    public var evaluationIDs: [EvaluationRecord.ID]
    public var amends: DecisionRecord.ID?

    public init(number: String, signedOn: Day?, signerName: String, signerTitle: String, legalBasis: String, validUntil: Day?,
                evaluationIDs: [EvaluationRecord.ID], amends: DecisionRecord.ID? = nil) {
        self.number = number
        self.signedOn = signedOn
        self.signerName = signerName
        self.signerTitle = signerTitle
        self.legalBasis = legalBasis
        self.validUntil = validUntil
        self.evaluationIDs = evaluationIDs
        self.amends = amends
    }
}

/// A decision with what its printout needs.
public struct DecisionDocument: Sendable {
    public var decision: DecisionRecord
    public var cycle: CycleRecord
    public var commune: Area
    public var province: Area?
    public var set: PublishedCriteriaSet
    public var amends: DecisionRecord?
}

/// The council's minutes and the commune's recognition decisions: the only ways an evaluation
/// becomes approved, rejected or recognised. Everything is checked before anything is written.
public struct DecisionService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var today: Day { Day(containing: environment.clock.now()) }

    public func meetings(of cycleID: CycleRecord.ID, by actor: Actor) async throws -> [CouncilMeetingRecord] {
        try await environment.database.read { db in
            _ = try await EvaluationService(environment).visibleCycle(cycleID, by: actor, db: db)
            return try await DecisionRepository(db).meetings(of: cycleID)
        }
    }

    public func decisions(of cycleID: CycleRecord.ID, by actor: Actor) async throws -> [DecisionRecord] {
        try await environment.database.read { db in
            _ = try await EvaluationService(environment).visibleCycle(cycleID, by: actor, db: db)
            return try await DecisionRepository(db).decisions(of: cycleID)
        }
    }

    /// Records a council meeting and applies what it approved or rejected.
    @discardableResult
    public func recordCouncil(cycleID: CycleRecord.ID, heldOn: Day?, members: String, minutes: String, outcomes: [CouncilOutcome],
                              by actor: Actor) async throws -> Int64 {
        let members = VietnameseText.normalized(members), minutes = minutes.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await environment.database.transaction { db in
            let cycle = try await EvaluationService(environment).visibleCycle(cycleID, by: actor, db: db)
            guard actor.role == .councilMember, actor.sees(cycle.communePosition) else {
                throw ServiceError.forbidden("Chỉ thành viên hội đồng của xã ghi biên bản họp hội đồng.")
            }
            var issues: [FieldIssue] = []
            if heldOn == nil { issues.append(FieldIssue("heldOn", "Ghi ngày họp.")) }
            if let heldOn, heldOn > today { issues.append(FieldIssue("heldOn", "Ngày họp không được sau hôm nay.")) }
            if members.isEmpty { issues.append(FieldIssue("members", "Ghi thành phần hội đồng dự họp.")) }
            if members.count > 2000 { issues.append(FieldIssue("members", "Thành phần dài quá 2.000 ký tự.")) }
            if minutes.count > 20000 { issues.append(FieldIssue("minutes", "Biên bản dài quá 20.000 ký tự.")) }
            if outcomes.isEmpty { issues.append(FieldIssue("outcomes", "Biên bản cần kết luận cho ít nhất một hồ sơ.")) }
            let repository = EvaluationRepository(db)
            var evaluations: [(EvaluationRecord, CouncilOutcome)] = []
            for outcome in outcomes {
                guard let evaluation = try await repository.evaluation(outcome.evaluationID, within: actor.scope), evaluation.cycleID == cycle.id else {
                    issues.append(FieldIssue("outcomes", "Hồ sơ \(outcome.evaluationID) không thuộc đợt đánh giá này."))
                    continue
                }
                if evaluation.state != .reviewed {
                    issues.append(FieldIssue("outcomes", "\(evaluation.subjectName) đang ở trạng thái \"\(evaluation.state.label)\", chưa được thẩm định để đưa ra hội đồng."))
                }
                if !outcome.approved && (outcome.reason.map(VietnameseText.normalized) ?? "").isEmpty {
                    issues.append(FieldIssue("outcomes", "Ghi lý do hội đồng không thông qua \(evaluation.subjectName)."))
                }
                evaluations.append((evaluation, outcome))
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            let moment = environment.clock.now()
            let meeting = try await DecisionRepository(db).insertMeeting(
                cycleID: cycle.id, heldOn: heldOn!, members: members, minutes: minutes,
                outcomes: evaluations.map { ($0.0.id, $0.1.approved, $0.1.reason.map(VietnameseText.normalized)) }, by: actor.username, at: moment)
            for (evaluation, outcome) in evaluations {
                let action: EvaluationAction = outcome.approved ? .approve : .reject
                let target = try EvaluationService.allowed(actor, action, evaluation)
                try await repository.setState(evaluation.id, from: evaluation.state, to: target, approvedAnswers: outcome.approved ? evaluation.answers : nil,
                                              keepApproved: !outcome.approved, expectedVersion: evaluation.version, at: moment)
                let reason = "Biên bản họp hội đồng ngày \(VietnameseFormat.date(heldOn!))" + (outcome.reason.map { ": \(VietnameseText.normalized($0))" } ?? "")
                try await repository.appendEvent(evaluation.id, action: action.rawValue, from: evaluation.state, to: target, reason: reason,
                                                 actor: AuditActor(actor), at: moment)
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "council.record", entityType: "cycle", entityID: String(cycle.id), area: cycle.communePosition,
                summary: "Biên bản hội đồng ngày \(VietnameseFormat.date(heldOn!)): thông qua \(evaluations.filter { $0.1.approved }.count), không thông qua \(evaluations.filter { !$0.1.approved }.count)",
                after: minutes), at: moment)
            return meeting
        }
    }

    /// Issues a numbered recognition decision for evaluations the council approved (or amends an earlier one).
    @discardableResult
    public func issueDecision(cycleID: CycleRecord.ID, _ draft: DecisionDraft, by actor: Actor) async throws -> DecisionRecord {
        let number = VietnameseText.normalized(draft.number)
        return try await environment.database.transaction { db in
            let cycle = try await EvaluationService(environment).visibleCycle(cycleID, by: actor, db: db)
            guard actor.role == .communeAuthority, actor.sees(cycle.communePosition) else {
                throw ServiceError.forbidden("Quyết định công nhận do Ủy ban nhân dân xã ban hành.")
            }
            let set = try CriteriaService.decode(try await CriteriaRepository(db).version(of: cycle.setID, cycle.setVersion)!)
            let blockers = CriteriaSetValidator.officialUseBlockers(of: set)
            var issues: [FieldIssue] = []
            if !blockers.isEmpty {
                issues.append(FieldIssue("set", "Bộ tiêu chí \(cycle.setID) phiên bản \(cycle.setVersion) chưa dùng được để công nhận chính thức: \(blockers.prefix(3).joined(separator: " "))"))
            }
            let decisions = DecisionRepository(db)
            if number.isEmpty || number.count > 50 { issues.append(FieldIssue("number", "Ghi số quyết định (tối đa 50 ký tự), ví dụ 125/QĐ-UBND.")) }
            else if try await decisions.numberTaken(number, communeID: cycle.communeID) { issues.append(FieldIssue("number", "Xã đã có quyết định số \(number).")) }
            if draft.signedOn == nil { issues.append(FieldIssue("signedOn", "Ghi ngày ký.")) }
            if let signed = draft.signedOn, signed > today { issues.append(FieldIssue("signedOn", "Ngày ký không được sau hôm nay.")) }
            // Without a date, the set's own rule: kept for N years after the year of recognition.
            let validUntil = draft.validUntil ?? set.validYears.flatMap { Day(cycle.year + $0, 12, 31) }
            if let until = validUntil, let signed = draft.signedOn, until <= signed { issues.append(FieldIssue("validUntil", "Thời hạn phải sau ngày ký.")) }
            let signer = VietnameseText.normalized(draft.signerName), title = VietnameseText.normalized(draft.signerTitle)
            if signer.isEmpty { issues.append(FieldIssue("signerName", "Ghi họ tên người ký.")) }
            if title.isEmpty { issues.append(FieldIssue("signerTitle", "Ghi chức vụ người ký (ví dụ: Chủ tịch).")) }
            let basis = draft.legalBasis.trimmingCharacters(in: .whitespacesAndNewlines)
            if basis.isEmpty { issues.append(FieldIssue("legalBasis", "Ghi căn cứ ban hành quyết định.")) }
            var amended: DecisionRecord?
            if let amends = draft.amends {
                amended = try await decisions.decision(amends)
                if amended?.cycleID != cycle.id { issues.append(FieldIssue("amends", "Quyết định được sửa đổi phải thuộc cùng đợt đánh giá.")); amended = nil }
            }
            let ids = Array(Set(draft.evaluationIDs)).sorted()
            if ids.isEmpty { issues.append(FieldIssue("evaluations", "Chọn ít nhất một đối tượng được công nhận.")) }
            let repository = EvaluationRepository(db)
            var subjects: [EvaluationRecord] = []
            let previous = Set(amended?.subjects.map(\.evaluationID) ?? [])
            for id in ids {
                guard let evaluation = try await repository.evaluation(id, within: actor.scope), evaluation.cycleID == cycle.id else {
                    issues.append(FieldIssue("evaluations", "Hồ sơ \(id) không thuộc đợt đánh giá này."))
                    continue
                }
                let allowed = evaluation.state == .approved || (previous.contains(id) && evaluation.state == .recognised)
                if !allowed {
                    issues.append(FieldIssue("evaluations", "\(evaluation.subjectName) chưa được hội đồng thông qua (trạng thái \"\(evaluation.state.label)\")."))
                }
                subjects.append(evaluation)
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }

            let moment = environment.clock.now()
            let id = try await decisions.insert(NewDecision(
                cycleID: cycle.id, communeID: cycle.communeID, number: number, signedOn: draft.signedOn!, signerName: signer, signerTitle: title,
                legalBasis: basis, validUntil: validUntil, amendsID: amended?.id,
                subjects: subjects.map { DecisionRecord.Subject(evaluationID: $0.id, subjectName: $0.subjectName, verdictLabel: $0.verdictLabel ?? "") }),
                by: actor.username, at: moment)
            let reason = "Quyết định số \(number) ngày \(VietnameseFormat.date(draft.signedOn!))" + (amended.map { ", sửa đổi Quyết định số \($0.number)" } ?? "")
            for evaluation in subjects where evaluation.state == .approved {
                let target = try EvaluationService.allowed(actor, .recognise, evaluation)
                try await repository.setState(evaluation.id, from: evaluation.state, to: target, approvedAnswers: nil, keepApproved: true, expectedVersion: evaluation.version, at: moment)
                try await repository.appendEvent(evaluation.id, action: EvaluationAction.recognise.rawValue, from: evaluation.state, to: target,
                                                 reason: reason, actor: AuditActor(actor), at: moment)
            }
            // Subjects the amended decision listed and this one does not are no longer recognised by it.
            for removedID in previous.subtracting(ids) {
                guard let evaluation = try await repository.evaluation(removedID, within: .nation), evaluation.state == .recognised else { continue }
                try await repository.setState(removedID, from: .recognised, to: .approved, approvedAnswers: nil, keepApproved: true, expectedVersion: evaluation.version, at: moment)
                try await repository.appendEvent(removedID, action: "amend", from: .recognised, to: .approved,
                                                 reason: "\(reason): không còn trong danh sách công nhận.", actor: AuditActor(actor), at: moment)
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: amended == nil ? "decision.issue" : "decision.amend", entityType: "decision", entityID: String(id),
                area: cycle.communePosition, summary: "\(reason): công nhận \(subjects.count) \(SubjectKind.of(cycle.model).label.lowercased())",
                after: subjects.map(\.subjectName).joined(separator: "; ")), at: moment)
            return try await decisions.decision(id)!
        }
    }

    public func document(_ id: DecisionRecord.ID, by actor: Actor) async throws -> DecisionDocument {
        let (decision, cycle, amends) = try await environment.database.read { db in
            guard let decision = try await DecisionRepository(db).decision(id) else { throw ServiceError.notFound("Không tìm thấy quyết định này.") }
            let cycle = try await EvaluationService(environment).visibleCycle(decision.cycleID, by: actor, db: db)
            return (decision, cycle, try await decision.amendsID.asyncMap { try await DecisionRepository(db).decision($0) } ?? nil)
        }
        let (commune, province) = try await environment.database.read { db in
            (try await AreaRepository(db).find(id: cycle.communeID)!, try await AreaRepository(db).find(id: cycle.provinceID))
        }
        let set = try await CriteriaService(environment).published(cycle.setID, version: cycle.setVersion)
        return DecisionDocument(decision: decision, cycle: cycle, commune: commune, province: province, set: set, amends: amends)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
