import Foundation
import HoctapDomain
import HoctapStorage
import Logging
import SQLKit

/// What someone attaches: a file, a note, a link, for one or more items.
public struct EvidenceDraft: Sendable {
    public var fileBytes: [UInt8]?
    public var fileName: String?
    public var note: String
    public var link: String?
    public var capturedOn: Day?
    public var itemIDs: [String]

    public init(fileBytes: [UInt8]?, fileName: String?, note: String, link: String?, capturedOn: Day?, itemIDs: [String]) {
        self.fileBytes = fileBytes
        self.fileName = fileName
        self.note = note
        self.link = link
        self.capturedOn = capturedOn
        self.itemIDs = itemIDs
    }
}

/// Evidence of an evaluation: checked by content, stored by hash, coded, and counted as a
/// change of the answers (adding evidence to an approved evaluation reopens its review).
public struct EvidenceService: Sendable {
    let environment: ServiceEnvironment
    /// The largest evidence file accepted.
    public static let maximumFileBytes = 8 << 20

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    public func evidence(of evaluationID: EvaluationRecord.ID, by actor: Actor) async throws -> [EvidenceRecord] {
        try await environment.database.read { db in
            guard try await EvaluationRepository(db).evaluation(evaluationID, within: actor.scope) != nil else {
                throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
            }
            return try await EvidenceRepository(db).evidence(of: evaluationID)
        }
    }

    @discardableResult
    public func add(_ draft: EvidenceDraft, to evaluationID: EvaluationRecord.ID, by actor: Actor) async throws -> EvidenceRecord {
        guard let store = environment.evidenceStore else {
            throw ServiceError.invalid([FieldIssue("file", "Máy chủ chưa cấu hình nơi lưu minh chứng.")])
        }
        // Scope and role first: a refusal never depends on what was sent.
        let (evaluation, cycle, set) = try await environment.database.read { db in
            let repository = EvaluationRepository(db)
            guard let evaluation = try await repository.evaluation(evaluationID, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
            }
            let cycle = try await repository.cycle(evaluation.cycleID)!
            let set = try CriteriaService.decode(try await CriteriaRepository(db).version(of: cycle.setID, cycle.setVersion)!)
            return (evaluation, cycle, set)
        }
        _ = try EvaluationService.allowed(actor, .edit, evaluation)

        var issues: [FieldIssue] = []
        let itemIDs = Array(Set(draft.itemIDs)).sorted()
        if itemIDs.isEmpty { issues.append(FieldIssue("items", "Chọn ít nhất một chỉ tiêu mà minh chứng này chứng minh.")) }
        for id in itemIDs where set.item(id) == nil { issues.append(FieldIssue("items", "Không có chỉ tiêu \(id) trong bộ tiêu chí.")) }
        let note = VietnameseText.normalized(draft.note)
        if note.count > 2000 { issues.append(FieldIssue("note", "Ghi chú dài quá 2.000 ký tự.")) }
        var link: String?
        if let text = draft.link?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            if let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil, text.count <= 500 {
                link = text
            } else {
                issues.append(FieldIssue("link", "Đường dẫn phải bắt đầu bằng http:// hoặc https://."))
            }
        }
        var file: (sha256: String, mediaType: EvidenceMediaType, size: Int)?
        if let bytes = draft.fileBytes, !bytes.isEmpty {
            if bytes.count > Self.maximumFileBytes {
                issues.append(FieldIssue("file", "Tệp \(VietnameseFormat.integer(bytes.count / 1024)) KB, quá giới hạn \(Self.maximumFileBytes >> 20) MB."))
            } else if let type = EvidenceMediaType.sniff(bytes) {
                file = (EvidenceStore.digest(bytes), type, bytes.count)
            } else {
                issues.append(FieldIssue("file", "Tệp \"\(draft.fileName ?? "")\" không phải ảnh JPEG, PNG hay tài liệu PDF (kiểm tra theo nội dung, không theo tên)."))
            }
        }
        if file == nil && link == nil && note.isEmpty && issues.isEmpty {
            issues.append(FieldIssue("file", "Minh chứng cần một tệp, một đường dẫn hoặc một ghi chú."))
        }
        if let capturedOn = draft.capturedOn, capturedOn > Day(containing: environment.clock.now()) {
            issues.append(FieldIssue("capturedOn", "Ngày ghi nhận không được sau hôm nay."))
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        // The file is on disk before the row that points to it; an orphan file is harmless, a row without its file is not.
        if let bytes = draft.fileBytes, file != nil { try store.put(bytes) }

        let moment = environment.clock.now()
        let id = try await environment.database.transaction { db in
            let repository = EvaluationRepository(db)
            guard let current = try await repository.evaluation(evaluationID, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy phiếu đánh giá này.")
            }
            let target = try EvaluationService.allowed(actor, .edit, current)
            let evidence = EvidenceRepository(db)
            let first = itemIDs[0]
            let criterion = set.criteria.first { $0.items.contains { $0.id == first } }?.id ?? "0"
            let code = EvidenceCode.make(model: cycle.model, year: cycle.year, criterionID: criterion, itemID: first,
                                         sequence: try await evidence.nextSequence(cycleID: cycle.id, itemID: first))
            let capturedAt = draft.capturedOn?.noonInVietnam ?? moment
            let id = try await evidence.insert(NewEvidence(evaluationID: evaluationID, cycleID: cycle.id, code: code, file: file,
                                                           originalName: draft.fileName, note: note, link: link, capturedAt: capturedAt,
                                                           itemIDs: itemIDs), by: actor.username, at: moment)
            if target != current.state {
                try await repository.setState(evaluationID, from: current.state, to: target, approvedAnswers: nil, keepApproved: true,
                                              expectedVersion: current.version, at: moment)
                try await repository.appendEvent(evaluationID, action: EvaluationAction.edit.rawValue, from: current.state, to: target,
                                                 reason: "Thêm minh chứng \(code) sau khi hội đồng thông qua: phải thẩm định lại.",
                                                 actor: AuditActor(actor), at: moment)
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "evidence.add", entityType: "evaluation", entityID: String(evaluationID), area: current.place.position,
                summary: "Thêm minh chứng \(code) cho \(itemIDs.joined(separator: ", ")) của \(current.subjectName)",
                after: [file.map { "\($0.mediaType.rawValue) \($0.sha256)" }, link, note.isEmpty ? nil : note].compactMap { $0 }.joined(separator: " | ")),
                at: moment)
            return id
        }
        return try await environment.database.read { try await EvidenceRepository($0).evidence(id)! }
    }

    /// A stored file, for someone who may see its evaluation.
    public func file(_ evidenceID: EvidenceRecord.ID, by actor: Actor) async throws -> (record: EvidenceRecord, data: Data) {
        let record = try await environment.database.read { db -> EvidenceRecord in
            guard let record = try await EvidenceRepository(db).evidence(evidenceID),
                  try await EvaluationRepository(db).evaluation(record.evaluationID, within: actor.scope) != nil else {
                throw ServiceError.notFound("Không tìm thấy minh chứng này.")
            }
            return record
        }
        guard let sha = record.fileSHA256, let store = environment.evidenceStore else {
            throw ServiceError.notFound("Minh chứng này không có tệp.")
        }
        do { return (record, try store.get(sha)) } catch {
            environment.logger.error("Tệp minh chứng \(record.code) (\(sha)) thiếu hoặc đã bị sửa trên đĩa.")
            throw ServiceError.notFound("Tệp của minh chứng \(record.code) không còn nguyên vẹn trên máy chủ; báo quản trị viên.")
        }
    }
}
