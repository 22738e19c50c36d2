import Foundation
import HoctapDomain
import HoctapStorage

/// An area the portal publishes for: the nation or a province.
public struct PortalArea: Hashable, Sendable {
    public var id: Area.ID
    public var name: String
    public var isNation: Bool
}

/// The portal's articles and documents: editors of an area write and publish them, readers see
/// what is published. Every change is audited; two editors saving the same article find out
/// (the version they read must still be the stored one).
public struct PortalService: Sendable {
    let environment: ServiceEnvironment
    /// Images are for phones: larger than this is refused with the figure, before storing.
    public static let maximumImageBytes = 5 * 1024 * 1024

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    // MARK: Areas

    /// The areas `actor` may publish for: the nation and every province for the national
    /// administrator, their province for its officers, none for anyone else.
    public func editorAreas(of actor: Actor) async throws -> [PortalArea] {
        try await environment.database.read { db in
            let areas = AreaRepository(db)
            let nation = try await areas.nation()
            switch actor.role {
            case .nationalAdmin:
                let provinces = try await areas.children(of: nation.id).map { PortalArea(id: $0.area.id, name: $0.area.fullName, isNation: false) }
                return [PortalArea(id: nation.id, name: "Toàn quốc", isNation: true)] + provinces
            case .provinceOfficer:
                guard let id = actor.scope.provinceID, let province = try await areas.find(id: id) else { return [] }
                return [PortalArea(id: province.id, name: province.fullName, isNation: false)]
            default:
                return []
            }
        }
    }

    /// Every province, for readers choosing theirs.
    public func provinces() async throws -> [PortalArea] {
        try await environment.database.read { db in
            let areas = AreaRepository(db)
            return try await areas.children(of: try await areas.nation().id).map { PortalArea(id: $0.area.id, name: $0.area.fullName, isNation: false) }
        }
    }

    /// What a province's readers see: the nation's content and their province's.
    public func readerAreas(province: Area.ID?) async throws -> [Area.ID]? {
        guard let province else { return nil }
        return try await environment.database.read { db in
            let areas = AreaRepository(db)
            guard let area = try await areas.find(id: province), area.level == .province else {
                throw ServiceError.notFound("Không có tỉnh, thành phố mã \(province).")
            }
            return [try await areas.nation().id, area.id]
        }
    }

    /// The area content is published for, checked against what `actor` may edit: the policy's
    /// "hidden" for another province, "forbidden" for a role that does not publish.
    func editableArea(_ id: Area.ID, by actor: Actor) async throws -> Area {
        guard let area = try await environment.database.read({ try await AreaRepository($0).find(id: id) }),
              [.nation, .province].contains(area.level) else {
            throw ServiceError.invalid([FieldIssue("area", "Nội dung thuộc toàn quốc hoặc một tỉnh, thành phố.")])
        }
        try Authorization.require(actor, .editPortal(province: area.level == .province ? area.position : nil), notFound: "Không tìm thấy nội dung này.")
        return area
    }

    // MARK: Articles

    public func createArticle(_ draft: ArticleDraft, area areaID: Area.ID, by actor: Actor) async throws -> ArticleRecord {
        try Authorization.require(actor, .viewPortalEditor)
        try Self.check(draft.problems())
        let area = try await editableArea(areaID, by: actor)
        let content = Self.content(draft)
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            let id = try await repository.insertArticle(content, area: area.id, slug: Slug.make(draft.title), by: actor.username, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "article.create", entityType: "article", entityID: String(id), area: area.position,
                summary: "Viết bài \"\(draft.title)\" (\(draft.kind.label), bản nháp)"), at: moment)
            return try await repository.article(id)!
        }
    }

    /// Saves an editor's changes if nobody saved since they opened the article.
    public func updateArticle(_ id: ArticleRecord.ID, _ draft: ArticleDraft, version: Int, by actor: Actor) async throws -> ArticleRecord {
        let current = try await editableArticle(id, by: actor)
        try Self.check(draft.problems())
        let content = Self.content(draft)
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            guard try await repository.updateArticle(id, content, expecting: version, by: actor.username, at: moment) else {
                throw Self.conflict(try await repository.article(id))
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "article.update", entityType: "article", entityID: String(id), area: current.area.position,
                summary: "Sửa bài \"\(draft.title)\"", before: current.article.title, after: draft.title), at: moment)
            return try await repository.article(id)!
        }
    }

    /// Publishes or withdraws; the first publication date stays when an article is republished.
    public func setArticleState(_ id: ArticleRecord.ID, _ state: PublicationState, version: Int, by actor: Actor) async throws -> ArticleRecord {
        let current = try await editableArticle(id, by: actor)
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            guard try await repository.setArticleState(id, state, expecting: version, by: actor.username, at: moment) else {
                throw Self.conflict(try await repository.article(id))
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: state == .published ? "article.publish" : "article.withdraw", entityType: "article",
                entityID: String(id), area: current.area.position,
                summary: "\(state == .published ? "Đăng" : "Gỡ") bài \"\(current.article.title)\"",
                before: current.article.state.rawValue, after: state.rawValue), at: moment)
            return try await repository.article(id)!
        }
    }

    /// Deletes a draft that was never published; a published article keeps its URL and can
    /// only be withdrawn.
    public func deleteArticle(_ id: ArticleRecord.ID, by actor: Actor) async throws {
        let current = try await editableArticle(id, by: actor)
        guard current.article.publishedAt == nil else {
            throw ServiceError.conflict("Bài đã từng đăng nên không xóa được (đường dẫn của nó có thể đã được chia sẻ); hãy gỡ bài.")
        }
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            try await PortalRepository(db).deleteArticle(id)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "article.delete", entityType: "article", entityID: String(id), area: current.area.position,
                summary: "Xóa bản nháp \"\(current.article.title)\""), at: moment)
        }
    }

    /// A published article for anyone; a draft only for those who may edit it.
    public func article(_ id: ArticleRecord.ID, by actor: Actor?) async throws -> (article: ArticleRecord, files: [ArticleFileRecord]) {
        let found = try await environment.database.read { db -> (ArticleRecord, [ArticleFileRecord])? in
            let repository = PortalRepository(db)
            guard let article = try await repository.article(id) else { return nil }
            return (article, try await repository.files(of: id))
        }
        guard let (article, files) = found else { throw ServiceError.notFound("Không có bài viết này.") }
        if article.state != .published {
            guard let actor, try await canEdit(areaID: article.areaID, by: actor) else { throw ServiceError.notFound("Không có bài viết này.") }
        }
        return (article, files)
    }

    /// The article and its area, if `actor` may change it; another province's is "not found".
    /// The area decides, not the role first: another province's article is "not found" for
    /// everyone there, whatever their role.
    public func editableArticle(_ id: ArticleRecord.ID, by actor: Actor) async throws -> (article: ArticleRecord, area: Area) {
        guard let article = try await environment.database.read({ try await PortalRepository($0).article(id) }) else {
            throw ServiceError.notFound("Không có bài viết này.")
        }
        return (article, try await editableArea(article.areaID, by: actor))
    }

    func canEdit(areaID: Area.ID, by actor: Actor) async throws -> Bool {
        do {
            _ = try await editableArea(areaID, by: actor)
            return true
        } catch ServiceError.notFound, ServiceError.forbidden {
            return false
        }
    }

    /// Published articles, newest first, for readers (of a province: the nation's and theirs).
    public func publishedArticles(_ filter: PortalFilter, start: PageStart, limit: Int = 20) async throws -> PagedRows<ArticleRecord> {
        var filter = filter
        filter.publishedOnly = true
        return try await environment.database.read { try await PortalRepository($0).articles(filter, start: start, limit: limit) }
    }

    /// Every article of the areas `actor` edits, drafts included, most recently changed first.
    public func editorArticles(by actor: Actor, start: PageStart, limit: Int = 30) async throws -> PagedRows<ArticleRecord> {
        try Authorization.require(actor, .viewPortalEditor)
        let areas = actor.role == .nationalAdmin ? nil : try await editorAreas(of: actor).map(\.id)
        return try await environment.database.read {
            try await PortalRepository($0).articles(PortalFilter(publishedOnly: false, areaIDs: areas), start: start, limit: limit)
        }
    }

    public func categories(areaIDs: [Area.ID]?) async throws -> [(name: String, count: Int)] {
        try await environment.database.read { try await PortalRepository($0).categories(areaIDs: areaIDs) }
    }

    // MARK: Article files

    /// Adds an image or attachment to an article; its address goes into the Markdown.
    public func attach(fileName: String, bytes: [UInt8], to id: ArticleRecord.ID, by actor: Actor) async throws -> ArticleFileRecord {
        let current = try await editableArticle(id, by: actor)
        guard let type = PortalMediaType.sniff(bytes) else {
            throw ServiceError.invalid([FieldIssue("file", "Tệp \"\(fileName)\" không phải ảnh JPEG/PNG, PDF, Word, Excel hay OpenDocument (kiểm tra theo nội dung, không theo tên).")])
        }
        if type.isImage && bytes.count > Self.maximumImageBytes {
            throw ServiceError.invalid([FieldIssue("file", "Ảnh \"\(fileName)\" nặng \(VietnameseFormat.bytes(bytes.count)); tối đa \(VietnameseFormat.bytes(Self.maximumImageBytes)). Hãy thu nhỏ ảnh rồi tải lại.")])
        }
        let sha = try fileStore().put(bytes)
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = PortalRepository(db)
            let fileID = try await repository.insertFile(article: id, name: fileName, mediaType: type, size: bytes.count, sha256: sha,
                                                         by: actor.username, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "article.attach", entityType: "article", entityID: String(id), area: current.area.position,
                summary: "Thêm tệp \(fileName) (\(type.label), \(VietnameseFormat.bytes(bytes.count))) vào bài \"\(current.article.title)\""), at: moment)
            return try await repository.file(fileID)!
        }
    }

    /// A file of an article the reader may see, checked against its digest.
    public func file(_ fileID: Int64, by actor: Actor?) async throws -> (record: ArticleFileRecord, data: Data) {
        guard let record = try await environment.database.read({ try await PortalRepository($0).file(fileID) }) else {
            throw ServiceError.notFound("Không có tệp này.")
        }
        _ = try await article(record.articleID, by: actor)
        return (record, try fileStore().get(record.sha256))
    }

    // MARK: Helpers

    /// Where the portal's files are kept: the content-addressed store evidence uses (a file is
    /// stored once, under its digest, whoever uploads it; rows say who may read it).
    func fileStore() throws -> EvidenceStore {
        guard let store = environment.evidenceStore else {
            throw ServiceError.conflict("Máy chủ chưa được cấu hình thư mục lưu tệp (HOCTAP_DATA_DIR).")
        }
        return store
    }

    static func content(_ draft: ArticleDraft) -> PortalRepository.ArticleContent {
        let html = ArticleMarkdown.html(draft.body)
        let text = ArticleMarkdown.text(ofHTML: html)
        return .init(draft: draft, bodyHTML: html, searchText: SearchText.indexed([draft.title, draft.summary, text, draft.category] + draft.tags))
    }

    static func check(_ problems: [(field: String, message: String)]) throws {
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
    }

    static func conflict(_ current: ArticleRecord?) -> ServiceError {
        guard let current else { return .notFound("Không có bài viết này.") }
        return .conflict("Bài vừa được \(current.updatedBy) lưu lúc \(VietnameseFormat.dateTime(current.updatedAt)); những gì bạn sửa chưa được lưu. Mở lại bài để xem bản mới, rồi sửa tiếp.")
    }
}
