import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

extension EvaluationService {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func decodeAnswers(_ text: String) throws -> ScoringInput {
        do { return try JSONDecoder().decode(ScoringInput.self, from: Data(text.utf8)) } catch {
            throw StoredValueError(description: "Câu trả lời lưu trong cơ sở dữ liệu không đọc được: \(error)")
        }
    }

    public func evaluation(_ id: EvaluationRecord.ID, by actor: Actor) async throws -> EvaluationDetail {
        let (evaluation, cycle, events) = try await environment.database.read { db in
            guard let evaluation = try await EvaluationRepository(db).evaluation(id, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
            }
            return (evaluation, try await EvaluationRepository(db).cycle(evaluation.cycleID)!, try await EvaluationRepository(db).events(of: id))
        }
        let published = try await CriteriaService(environment).published(cycle.setID, version: cycle.setVersion)
        let input = try Self.decodeAnswers(evaluation.answers)
        let preview = try? ScoringEngine.score(published.set, version: cycle.setVersion, input: input, partial: true)
        var missing: [CriteriaIssue] = []
        do { try ScoringEngine.validate(input, against: published.set) } catch { missing = error.issues }
        let actions = EvaluationAction.allCases.filter {
            if case .allow = EvaluationWorkflow.decide(actor, $0, state: evaluation.state, subject: evaluation.place.position) { return true }
            return false
        }
        var changed: [String] = []
        if let approvedText = evaluation.approvedAnswers, let approved = try? Self.decodeAnswers(approvedText) {
            let items = Set(approved.items.keys).union(input.items.keys)
            changed = items.filter { approved.items[$0] != input.items[$0] }.sorted()
            changed += Set(approved.measures.keys).union(input.measures.keys).filter { approved.measures[$0] != input.measures[$0] }.sorted()
        }
        return EvaluationDetail(evaluation: evaluation, cycle: cycle, set: published, input: input, preview: preview, missing: missing,
                                events: events, actions: actions, changedSinceApproval: changed)
    }

    /// Saves answers as they are being filled in (missing answers allowed); values out of range
    /// or unknown items are refused with their paths. Editing an approved evaluation reopens it.
    /// `assessedBy` names who assessed (`nil` keeps what is recorded, an empty text clears it).
    @discardableResult
    public func saveAnswers(_ id: EvaluationRecord.ID, input: ScoringInput, assessedBy: String? = nil, expectedVersion: Int,
                            by actor: Actor) async throws -> EvaluationDetail {
        let assessedBy = assessedBy.map(VietnameseText.normalized)
        if let assessedBy, assessedBy.count > 500 {
            throw ServiceError.invalid([FieldIssue("assessedBy", "Tên người đánh giá dài quá 500 ký tự.")])
        }
        try await environment.database.transaction { db in
            let repository = EvaluationRepository(db)
            guard let evaluation = try await repository.evaluation(id, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
            }
            let target = try Self.allowed(actor, .edit, evaluation)
            let cycle = try await repository.cycle(evaluation.cycleID)!
            guard let record = try await CriteriaRepository(db).version(of: cycle.setID, cycle.setVersion) else {
                throw StoredValueError(description: "Thiếu phiên bản \(cycle.setVersion) của bộ \(cycle.setID).")
            }
            let set = try CriteriaService.decode(record)
            let result: ScoreResult
            do throws(ScoringInputInvalid) { result = try ScoringEngine.score(set, version: cycle.setVersion, input: input, partial: true) } catch {
                throw ServiceError.invalid(error.issues.map { FieldIssue($0.path, $0.message) })
            }
            let complete = (try? ScoringEngine.validate(input, against: set)) != nil
            let answers = String(decoding: try Self.encoder.encode(input), as: UTF8.self)
            let moment = environment.clock.now()
            do {
                let names = assessedBy.map { $0.isEmpty ? nil : $0 } ?? evaluation.assessedBy
                try await repository.saveAnswers(id, answers: answers, assessedBy: names, verdictCode: complete ? result.verdict.code : nil,
                                                 verdictLabel: complete ? result.verdict.label : nil, verdictRank: complete ? result.verdict.rank : nil,
                                                 total: result.total, from: evaluation.state, state: target, expectedVersion: expectedVersion, at: moment)
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict(conflict.description)
            }
            if target != evaluation.state {
                try await repository.appendEvent(id, action: EvaluationAction.edit.rawValue, from: evaluation.state, to: target,
                                                 reason: "Sửa sau khi hội đồng thông qua: phải thẩm định lại.", actor: AuditActor(actor), at: moment)
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "evaluation.answers", entityType: "evaluation", entityID: String(id), area: evaluation.place.position,
                summary: "Lưu kết quả đánh giá \(evaluation.subjectName)" + (complete ? " (\(result.verdict.label))" : " (chưa đủ)"),
                before: evaluation.answers, after: answers), at: moment)
        }
        return try await evaluation(id, by: actor)
    }

    /// Takes a workflow step (submit, return, review…), if the role, the area and the state allow it.
    @discardableResult
    public func transition(_ id: EvaluationRecord.ID, action: EvaluationAction, reason: String?, expectedVersion: Int, by actor: Actor) async throws -> EvaluationRecord {
        guard action != .edit else { throw ServiceError.invalid([FieldIssue("action", "Dùng lưu kết quả để sửa.")]) }
        // Approval and recognition are recorded with the council's minutes and the commune's decision.
        guard [.submit, .return, .review].contains(action) else {
            throw ServiceError.invalid([FieldIssue("action", "Hội đồng thông qua hay không qua biên bản họp; công nhận qua quyết định của UBND xã.")])
        }
        let reason = reason.map(VietnameseText.normalized).flatMap { $0.isEmpty ? nil : $0 }
        return try await environment.database.transaction { db in
            let repository = EvaluationRepository(db)
            guard let evaluation = try await repository.evaluation(id, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
            }
            let target = try Self.allowed(actor, action, evaluation)
            if action.needsReason && reason == nil {
                throw ServiceError.invalid([FieldIssue("reason", "Hãy ghi lý do \(action == .return ? "trả lại" : "không thông qua") để người đánh giá biết cần sửa gì.")])
            }
            if let reason, reason.count > 2000 { throw ServiceError.invalid([FieldIssue("reason", "Lý do dài quá 2.000 ký tự.")]) }
            guard evaluation.version == expectedVersion else {
                throw ServiceError.conflict("Phiếu của \(evaluation.subjectName) đã thay đổi sau khi bạn mở (bởi người khác); hãy tải lại.")
            }
            if action == .submit {
                let cycle = try await repository.cycle(evaluation.cycleID)!
                let set = try CriteriaService.decode(try await CriteriaRepository(db).version(of: cycle.setID, cycle.setVersion)!)
                let answers = try Self.decodeAnswers(evaluation.answers)
                var issues: [FieldIssue] = []
                do throws(ScoringInputInvalid) { try ScoringEngine.validate(answers, against: set) } catch {
                    issues = error.issues.map { FieldIssue($0.path, "Chưa nộp được: \($0.message)") }
                }
                if set.assessor.requiresNames && (evaluation.assessedBy ?? "").isEmpty {
                    issues.append(FieldIssue("assessedBy", "Chưa nộp được: ghi rõ \(set.assessor.assessedByLabel.lowercased()); bộ tiêu chí này theo hình thức \"\(set.assessor.label)\"."))
                }
                if !issues.isEmpty { throw ServiceError.invalid(issues) }
            }
            let moment = environment.clock.now()
            // Approval remembers the approved answers, so later edits can be shown against them.
            let approvedAnswers = action == .approve ? evaluation.answers : nil
            do {
                try await repository.setState(id, from: evaluation.state, to: target, approvedAnswers: approvedAnswers, keepApproved: action != .approve,
                                              expectedVersion: expectedVersion, at: moment)
            } catch let conflict as VersionConflict { throw ServiceError.conflict(conflict.description) }
            try await repository.appendEvent(id, action: action.rawValue, from: evaluation.state, to: target, reason: reason,
                                             actor: AuditActor(actor), at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "evaluation.\(action.rawValue)", entityType: "evaluation", entityID: String(id),
                area: evaluation.place.position,
                summary: "\(action.label): \(evaluation.subjectName) (\(evaluation.state.label) → \(target.label))" + (reason.map { ". Lý do: \($0)" } ?? ""),
                before: evaluation.state.rawValue, after: target.rawValue), at: moment)
            return try await repository.evaluation(id, within: .nation)!
        }
    }

    /// The state the step leads to, or the refusal a person understands.
    static func allowed(_ actor: Actor, _ action: EvaluationAction, _ evaluation: EvaluationRecord) throws -> EvaluationState {
        switch EvaluationWorkflow.decide(actor, action, state: evaluation.state, subject: evaluation.place.position) {
        case .allow(let target): return target
        case .hidden: throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
        case .forbidden(let reason): throw ServiceError.forbidden(reason)
        case .wrongState(let reason): throw ServiceError.conflict(reason)
        }
    }
}

/// What the subject sees through its link: its result, nothing about anyone else.
public struct SharedResult: Sendable {
    public var evaluation: EvaluationRecord
    public var cycle: CycleRecord
    public var set: CriteriaSet
    public var result: ScoreResult?
    public var decision: DecisionRecord?
}

extension EvaluationService {
    /// The result a share link names; an unknown or malformed token is simply not found.
    public func sharedResult(token: String) async throws -> SharedResult {
        guard (20...64).contains(token.count), token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw ServiceError.notFound("Đường dẫn không đúng hoặc đã hết hiệu lực.")
        }
        let (evaluation, cycle, decision) = try await environment.database.read { db in
            guard let evaluation = try await EvaluationRepository(db).evaluation(shareToken: token) else {
                throw ServiceError.notFound("Đường dẫn không đúng hoặc đã hết hiệu lực.")
            }
            let decisions = try await DecisionRepository(db).decisions(of: evaluation.cycleID)
            return (evaluation, try await EvaluationRepository(db).cycle(evaluation.cycleID)!,
                    decisions.last { $0.subjects.contains { $0.evaluationID == evaluation.id } })
        }
        let published = try await CriteriaService(environment).published(cycle.setID, version: cycle.setVersion)
        let result = try? ScoringEngine.score(published.set, version: cycle.setVersion, input: try Self.decodeAnswers(evaluation.answers), partial: true)
        return SharedResult(evaluation: evaluation, cycle: cycle, set: published.set, result: result,
                            decision: evaluation.state == .recognised ? decision : nil)
    }
}
