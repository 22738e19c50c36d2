import Foundation
import HoctapDomain
import HoctapStorage

/// Exemplary learning models: a commune nominates a subject its UBND recognised, with a story,
/// photos and the consent that decides what the public sees; the province approves; approved
/// models appear on the public honour board by province and year. Names and photos are shown
/// only with consent recorded on the nomination.
public struct ExemplaryService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// A photo as uploaded.
    public struct Photo: Sendable {
        public var fileName: String
        public var bytes: [UInt8]

        public init(fileName: String, bytes: [UInt8]) {
            self.fileName = fileName
            self.bytes = bytes
        }
    }

    /// The nomination of an evaluation, if it has one (for the evaluation page).
    public func nomination(of evaluationID: Int64, by actor: Actor) async throws -> ExemplaryRecord? {
        _ = try await EvaluationService(environment).evaluation(evaluationID, by: actor)
        return try await environment.database.read { try await ExemplaryRepository($0).model(evaluation: evaluationID) }
    }

    public func nominate(evaluation evaluationID: Int64, _ draft: NominationDraft, photos: [Photo], by actor: Actor) async throws -> ExemplaryRecord {
        let detail = try await EvaluationService(environment).evaluation(evaluationID, by: actor)  // outside the actor's area: not found
        try Authorization.require(actor, .nominateExemplary(subject: detail.evaluation.place.position), notFound: "Không tìm thấy phiếu đánh giá này.")
        let evaluation = detail.evaluation
        guard evaluation.state == .recognised else {
            throw ServiceError.conflict("Chỉ đề cử được đối tượng đã có quyết định công nhận; phiếu này đang ở trạng thái \"\(evaluation.state.label)\".")
        }
        var issues = draft.problems(photoCount: photos.count).map { FieldIssue($0.field, $0.message) }
        var stored: [(Photo, PortalMediaType, String)] = []
        for photo in photos {
            guard let type = PortalMediaType.sniff(photo.bytes), type.isImage else {
                issues.append(FieldIssue("photos", "Tệp \"\(photo.fileName)\" không phải ảnh JPEG hay PNG."))
                continue
            }
            if photo.bytes.count > PortalService.maximumImageBytes {
                issues.append(FieldIssue("photos", "Ảnh \"\(photo.fileName)\" nặng \(VietnameseFormat.bytes(photo.bytes.count)); tối đa \(VietnameseFormat.bytes(PortalService.maximumImageBytes))."))
                continue
            }
            stored.append((photo, type, ""))
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let store = try PortalService(environment).fileStore()
        stored = try stored.map { ($0.0, $0.1, try store.put($0.0.bytes)) }
        let communeName = try await environment.database.read { try await AreaRepository($0).find(id: evaluation.place.communeID)?.fullName } ?? ""
        let subject = ExemplaryRepository.Subject(evaluationID: evaluationID, place: evaluation.place, year: detail.cycle.year, model: detail.cycle.model,
                                                  name: evaluation.subjectName)
        // Only what the public may see is indexed: the name only with consent.
        let search = SearchText.indexed([draft.consent ? ExemplaryRecord.displayName(evaluation.subjectName, model: detail.cycle.model) : "",
                                         draft.story, communeName, detail.cycle.model.label])
        let moment = environment.clock.now()
        do {
            return try await environment.database.transaction { db in
                let repository = ExemplaryRepository(db)
                let id = try await repository.insert(subject, draft, searchText: search, by: actor.username, at: moment)
                for (photo, type, sha) in stored {
                    try await repository.insertPhoto(model: id, name: photo.fileName, mediaType: type, size: photo.bytes.count, sha256: sha, at: moment)
                }
                try await AuditRepository(db).append(AuditEntry(
                    actor: AuditActor(actor), action: "exemplary.nominate", entityType: "exemplary", entityID: String(id), area: detail.evaluation.place.position,
                    summary: "Đề cử \(evaluation.subjectName) (\(detail.cycle.model.label) \(detail.cycle.year)) là mô hình tiêu biểu"
                        + (draft.consent ? ", đã có đồng ý công khai" : ", không công khai tên và ảnh")), at: moment)
                return try await repository.model(id)!
            }
        } catch where ConstraintViolation(error) == .unique {
            throw ServiceError.conflict("Đối tượng này đã được đề cử.")
        }
    }

    /// The province's decision on a nomination (and a later change of mind, by version).
    public func decide(_ id: ExemplaryRecord.ID, approve: Bool, note: String, version: Int, by actor: Actor) async throws -> ExemplaryRecord {
        let current = try await decidable(id, by: actor)
        let note = VietnameseText.normalized(note)
        if !approve && note.isEmpty { throw ServiceError.invalid([FieldIssue("note", "Ghi lý do không duyệt để xã biết.")]) }
        if note.count > 500 { throw ServiceError.invalid([FieldIssue("note", "Ghi chú dài quá 500 ký tự.")]) }
        let state: NominationState = approve ? .approved : .rejected
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = ExemplaryRepository(db)
            guard try await repository.decide(id, state, note: note, expecting: version, by: actor.username, at: moment) else {
                throw ServiceError.conflict("Đề cử vừa được người khác xử lý; tải lại trang để xem.")
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: approve ? "exemplary.approve" : "exemplary.reject", entityType: "exemplary", entityID: String(id),
                area: current.subjectPosition, summary: "\(approve ? "Duyệt" : "Không duyệt") mô hình tiêu biểu \(current.subjectName)\(note.isEmpty ? "" : ": \(note)")",
                before: current.state.rawValue, after: state.rawValue), at: moment)
            return try await repository.model(id)!
        }
    }

    /// A nomination the actor may decide on: another subtree's is "not found", a role that does
    /// not decide is "forbidden" (checked before anything the request carries is read).
    public func decidable(_ id: ExemplaryRecord.ID, by actor: Actor) async throws -> ExemplaryRecord {
        let current = try await visible(id, by: actor)
        try Authorization.require(actor, .approveExemplary(subject: current.subjectPosition), notFound: "Không có đề cử này.")
        return current
    }

    /// A nomination inside the actor's subtree; elsewhere "not found".
    func visible(_ id: ExemplaryRecord.ID, by actor: Actor) async throws -> ExemplaryRecord {
        guard let record = try await environment.database.read({ try await ExemplaryRepository($0).model(id) }), actor.sees(record.subjectPosition) else {
            throw ServiceError.notFound("Không có đề cử này.")
        }
        return record
    }

    /// The nominations an official follows: those of their subtree.
    public func nominations(by actor: Actor, start: PageStart) async throws -> PagedRows<ExemplaryRecord> {
        try await environment.database.read { try await ExemplaryRepository($0).nominations(within: actor.scope, start: start, limit: 30) }
    }

    public func board(province: Area.ID?, year: Int?, start: PageStart) async throws -> PagedRows<ExemplaryRecord> {
        try await environment.database.read { try await ExemplaryRepository($0).board(province: province, year: year, start: start, limit: 24) }
    }

    public func boardYears() async throws -> [Int] {
        try await environment.database.read { try await ExemplaryRepository($0).boardYears() }
    }

    /// An approved model for anyone, a nomination for the officials of its subtree; photos only
    /// with consent.
    public func model(_ id: ExemplaryRecord.ID, by actor: Actor?) async throws -> (model: ExemplaryRecord, photos: [ExemplaryPhotoRecord]) {
        let found = try await environment.database.read { db -> (ExemplaryRecord, [ExemplaryPhotoRecord])? in
            let repository = ExemplaryRepository(db)
            guard let record = try await repository.model(id) else { return nil }
            return (record, try await repository.photos(of: id))
        }
        guard let (record, photos) = found, record.state == .approved || actor?.sees(record.subjectPosition) == true else {
            throw ServiceError.notFound("Không có mô hình này.")
        }
        return (record, record.consent ? photos : [])
    }

    public func photo(_ photoID: Int64, by actor: Actor?) async throws -> (record: ExemplaryPhotoRecord, data: Data) {
        guard let photo = try await environment.database.read({ try await ExemplaryRepository($0).photo(photoID) }) else {
            throw ServiceError.notFound("Không có ảnh này.")
        }
        let (_, photos) = try await model(photo.modelID, by: actor)
        guard photos.contains(where: { $0.id == photoID }) else { throw ServiceError.notFound("Không có ảnh này.") }
        return (photo, try PortalService(environment).fileStore().get(photo.sha256))
    }
}
