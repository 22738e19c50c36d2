import Foundation
import HoctapDomain
import HoctapStorage

/// A document's file as uploaded.
public struct DocumentUpload: Sendable {
    public var fileName: String
    public var bytes: [UInt8]

    public init(fileName: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.bytes = bytes
    }
}

extension PortalService {
    public func createDocument(_ draft: DocumentDraft, file: DocumentUpload?, area areaID: Area.ID, by actor: Actor) async throws -> DocumentRecord {
        try Authorization.require(actor, .viewPortalEditor)
        var problems = draft.problems().map { FieldIssue($0.field, $0.message) }
        if file == nil { problems.append(FieldIssue("file", "Chọn tệp văn bản (PDF, Word, Excel hoặc OpenDocument).")) }
        let stored = try file.flatMap { try self.stored($0, problems: &problems) }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        let area = try await editableArea(areaID, by: actor)
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            let id = try await repository.insertDocument(draft, file: stored!, area: area.id, slug: Slug.make(draft.title),
                                                         searchText: Self.searchText(draft), by: actor.username, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "document.create", entityType: "document", entityID: String(id), area: area.position,
                summary: "Thêm văn bản \(draft.number.isEmpty ? "" : draft.number + " ")\"\(draft.title)\" (bản nháp)"), at: moment)
            return try await repository.document(id)!
        }
    }

    /// Saves a document's corrected entry (and a replacement file, when given).
    public func updateDocument(_ id: DocumentRecord.ID, _ draft: DocumentDraft, file: DocumentUpload?, version: Int, by actor: Actor) async throws -> DocumentRecord {
        let current = try await editableDocument(id, by: actor)
        var problems = draft.problems().map { FieldIssue($0.field, $0.message) }
        let stored = try file.flatMap { try self.stored($0, problems: &problems) }
        if !problems.isEmpty { throw ServiceError.invalid(problems) }
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            guard try await repository.updateDocument(id, draft, file: stored, searchText: Self.searchText(draft), expecting: version,
                                                      by: actor.username, at: moment) else {
                throw Self.documentConflict(try await repository.document(id))
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "document.update", entityType: "document", entityID: String(id), area: current.area.position,
                summary: "Sửa văn bản \"\(draft.title)\"\(stored == nil ? "" : ", thay tệp bằng \(stored!.name)")",
                before: current.document.title, after: draft.title), at: moment)
            return try await repository.document(id)!
        }
    }

    public func setDocumentState(_ id: DocumentRecord.ID, _ state: PublicationState, version: Int, by actor: Actor) async throws -> DocumentRecord {
        let current = try await editableDocument(id, by: actor)
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            guard try await repository.setDocumentState(id, state, expecting: version, by: actor.username, at: moment) else {
                throw Self.documentConflict(try await repository.document(id))
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: state == .published ? "document.publish" : "document.withdraw", entityType: "document",
                entityID: String(id), area: current.area.position,
                summary: "\(state == .published ? "Đăng" : "Gỡ") văn bản \"\(current.document.title)\"",
                before: current.document.state.rawValue, after: state.rawValue), at: moment)
            return try await repository.document(id)!
        }
    }

    /// A published document for anyone; a draft only for its editors.
    public func document(_ id: DocumentRecord.ID, by actor: Actor?) async throws -> DocumentRecord {
        guard let document = try await environment.database.read({ try await PortalRepository($0).document(id) }) else {
            throw ServiceError.notFound("Không có văn bản này.")
        }
        if document.state != .published {
            guard let actor, try await canEdit(areaID: document.areaID, by: actor) else { throw ServiceError.notFound("Không có văn bản này.") }
        }
        return document
    }

    public func documentFile(_ id: DocumentRecord.ID, by actor: Actor?) async throws -> (record: DocumentRecord, data: Data) {
        let document = try await document(id, by: actor)
        return (document, try fileStore().get(document.fileSHA256))
    }

    public func publishedDocuments(_ filter: PortalFilter, start: PageStart, limit: Int = 30) async throws -> PagedRows<DocumentRecord> {
        var filter = filter
        filter.publishedOnly = true
        return try await environment.database.read { try await PortalRepository($0).documents(filter, start: start, limit: limit) }
    }

    public func editorDocuments(by actor: Actor, start: PageStart, limit: Int = 30) async throws -> PagedRows<DocumentRecord> {
        try Authorization.require(actor, .viewPortalEditor)
        let areas = actor.role == .nationalAdmin ? nil : try await editorAreas(of: actor).map(\.id)
        return try await environment.database.read {
            try await PortalRepository($0).documents(PortalFilter(publishedOnly: false, areaIDs: areas), start: start, limit: limit)
        }
    }

    public func editableDocument(_ id: DocumentRecord.ID, by actor: Actor) async throws -> (document: DocumentRecord, area: Area) {
        guard let document = try await environment.database.read({ try await PortalRepository($0).document(id) }) else {
            throw ServiceError.notFound("Không có văn bản này.")
        }
        return (document, try await editableArea(document.areaID, by: actor))
    }

    /// Checks and stores an uploaded document file; problems are added, not thrown, so the
    /// editor hears about the file and the fields at once.
    func stored(_ upload: DocumentUpload, problems: inout [FieldIssue]) throws -> PortalRepository.StoredFile? {
        guard let type = PortalMediaType.sniff(upload.bytes) else {
            problems.append(FieldIssue("file", "Tệp \"\(upload.fileName)\" không phải PDF, Word, Excel, OpenDocument hay ảnh JPEG/PNG (kiểm tra theo nội dung, không theo tên)."))
            return nil
        }
        guard problems.isEmpty else { return nil }
        let sha = try fileStore().put(upload.bytes)
        return .init(name: upload.fileName, mediaType: type, size: upload.bytes.count, sha256: sha)
    }

    static func searchText(_ draft: DocumentDraft) -> String {
        SearchText.indexed([draft.title, draft.number, draft.issuer, draft.summary, draft.kind.label])
    }

    static func documentConflict(_ current: DocumentRecord?) -> ServiceError {
        guard let current else { return .notFound("Không có văn bản này.") }
        return .conflict("Văn bản vừa được \(current.updatedBy) lưu lúc \(VietnameseFormat.dateTime(current.updatedAt)); những gì bạn sửa chưa được lưu. Mở lại để xem bản mới.")
    }
}
