import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird
import Plot

/// Writing for the portal: the national administrator and province officers draft, publish and
/// withdraw articles and documents of their areas. A refused form comes back with everything
/// typed still in it; a save that lost a race says who saved first and keeps the editor's text.
struct PortalEditorController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int

    var portal: PortalService { PortalService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.portalEditor.path), use: list)
        group.get(RouterPath(stringLiteral: SiteURL.newArticle.path), use: newArticle)
        group.post(RouterPath(stringLiteral: SiteURL.newArticle.path), use: createArticle)
        group.get(RouterPath(stringLiteral: SiteURL.editArticle(0).pattern), use: editArticle)
        group.post(RouterPath(stringLiteral: SiteURL.editArticle(0).pattern), use: updateArticle)
        group.post(RouterPath(stringLiteral: SiteURL.articleState(0).pattern), use: articleState)
        group.post(RouterPath(stringLiteral: SiteURL.articleUpload(0).pattern), use: upload)
        group.post(RouterPath(stringLiteral: SiteURL.deleteArticle(0).pattern), use: deleteArticle)
        group.get(RouterPath(stringLiteral: SiteURL.newDocument.path), use: newDocument)
        group.post(RouterPath(stringLiteral: SiteURL.newDocument.path), use: createDocument)
        group.get(RouterPath(stringLiteral: SiteURL.editDocument(0).pattern), use: editDocument)
        group.post(RouterPath(stringLiteral: SiteURL.editDocument(0).pattern), use: updateDocument)
        group.post(RouterPath(stringLiteral: SiteURL.documentState(0).pattern), use: documentState)
    }

    static let notices = [
        "created": "Đã lưu bản nháp. Người đọc chỉ thấy bài khi bạn bấm Đăng bài.",
        "saved": "Đã lưu.",
        "published": "Đã đăng: bài (văn bản) hiện trên cổng thông tin.",
        "withdrawn": "Đã gỡ khỏi cổng thông tin; đường dẫn vẫn giữ để đăng lại.",
        "uploaded": "Đã tải tệp lên; dán dòng gợi ý vào nội dung để hiện ảnh hoặc liên kết.",
        "deleted": "Đã xóa bản nháp.",
    ]

    func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let articles = try await portal.editorArticles(by: actor, start: try PageCursor.start(request))
        let documents = try await portal.editorDocuments(by: actor, start: .first, limit: 100)
        return HTMLResponse(html: PortalEditorPages.list(articles: articles, documents: documents, notice: request.query("ok").flatMap { Self.notices[$0] },
                                                         chrome: context.chrome(.portal)))
    }

    // MARK: Articles

    func newArticle(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        try Authorization.require(actor, .viewPortalEditor)
        let areas = try await portal.editorAreas(of: actor)
        var form = PortalEditorPages.ArticleForm()
        form.area = areas.first.map { String($0.id) } ?? ""
        return HTMLResponse(html: PortalEditorPages.article(.init(form: form, areas: areas, chrome: context.chrome(.portal))))
    }

    static func articleForm(_ form: FormData) -> PortalEditorPages.ArticleForm {
        var entered = PortalEditorPages.ArticleForm()
        entered.area = form["area"]
        entered.kind = form["kind"]
        entered.title = form["title"]
        entered.summary = form["summary"]
        entered.category = form["category"]
        entered.tags = form["tags"]
        entered.body = form["body"]
        entered.version = form["version"]
        return entered
    }

    static func draft(_ form: PortalEditorPages.ArticleForm) throws -> ArticleDraft {
        guard let kind = ArticleKind(rawValue: form.kind) else { throw ServiceError.invalid([FieldIssue("kind", "Chọn loại bài.")]) }
        return ArticleDraft(kind: kind, title: form.title, summary: form.summary, body: form.body, category: form.category, tags: [form.tags])
    }

    func createArticle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var request = request
        let entered = Self.articleForm(try await FormData.read(&request, limit: maximumFormBytes))
        do {
            try Authorization.require(actor, .viewPortalEditor)
            guard let area = Int64(entered.area) else { throw ServiceError.invalid([FieldIssue("area", "Chọn nơi đăng bài.")]) }
            let article = try await portal.createArticle(try Self.draft(entered), area: area, by: actor)
            return Redirect.to(SiteURL.editArticle(article.id).with(["ok": "created"]))
        } catch ServiceError.invalid(let issues) {
            let html = PortalEditorPages.article(.init(form: entered, areas: try await portal.editorAreas(of: actor), issues: issues, chrome: context.chrome(.portal)))
            return try HTMLResponse(html: html, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func editArticle(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let current = try await portal.editableArticle(try RegistryController.id(context), by: actor)
        return HTMLResponse(html: try await articlePage(current.article, form: .init(current.article), actor: actor,
                                                        notice: request.query("ok").flatMap { Self.notices[$0] }, context: context))
    }

    func articlePage(_ article: ArticleRecord, form: PortalEditorPages.ArticleForm, actor: Actor, issues: [FieldIssue] = [], error: String? = nil,
                     notice: String? = nil, context: AppRequestContext) async throws -> HTML {
        let files = try await portal.article(article.id, by: actor).files
        return PortalEditorPages.article(.init(form: form, areas: [], article: article, files: files, issues: issues, error: error, notice: notice,
                                               chrome: context.chrome(.portal)))
    }

    func updateArticle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let current = try await portal.editableArticle(id, by: actor)
        var request = request
        let entered = Self.articleForm(try await FormData.read(&request, limit: maximumFormBytes))
        do {
            guard let version = Int(entered.version) else { throw ServiceError.invalid([FieldIssue("version", "Thiếu lần sửa của bài; hãy mở lại bài.")]) }
            _ = try await portal.updateArticle(id, try Self.draft(entered), version: version, by: actor)
            return Redirect.to(SiteURL.editArticle(id).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: try await articlePage(current.article, form: entered, actor: actor, issues: issues, context: context),
                                    status: .unprocessableContent).response(from: request, context: context)
        } catch ServiceError.conflict(let message) {
            return try HTMLResponse(html: try await articlePage(current.article, form: entered, actor: actor, error: message, context: context),
                                    status: .conflict).response(from: request, context: context)
        }
    }

    /// The state and version a publish / withdraw button posts.
    static func stateChange(_ form: FormData) throws -> (PublicationState, Int) {
        guard let state = PublicationState(rawValue: form["state"]) else { throw WebError.badRequest("Trạng thái \"\(form["state"].prefix(20))\" không hợp lệ.") }
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu lần sửa (version); hãy tải lại trang.") }
        return (state, version)
    }

    func articleState(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await portal.editableArticle(id, by: actor)  // outside the actor's areas: not found, whatever was sent
        var request = request
        let (state, version) = try Self.stateChange(try await FormData.read(&request, limit: maximumFormBytes))
        _ = try await portal.setArticleState(id, state, version: version, by: actor)
        return Redirect.to(SiteURL.editArticle(id).with(["ok": state == .published ? "published" : "withdrawn"]))
    }

    func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let current = try await portal.editableArticle(id, by: actor)  // outside the actor's areas: not found before reading
        var request = request
        let form = try await MultipartForm.read(&request, limit: maximumUploadBytes)
        do {
            guard let file = form.files["file"] else { throw ServiceError.invalid([FieldIssue("file", "Chọn một ảnh hoặc tệp để tải lên.")]) }
            _ = try await portal.attach(fileName: file.fileName, bytes: file.bytes, to: id, by: actor)
            return Redirect.to(SiteURL.editArticle(id).with(["ok": "uploaded"]))
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: try await articlePage(current.article, form: .init(current.article), actor: actor, issues: issues, context: context),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func deleteArticle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await portal.deleteArticle(try RegistryController.id(context), by: actor)
        return Redirect.to(SiteURL.portalEditor.with(["ok": "deleted"]))
    }

    // MARK: Documents

    func newDocument(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        try Authorization.require(actor, .viewPortalEditor)
        let areas = try await portal.editorAreas(of: actor)
        var form = PortalEditorPages.DocumentForm()
        form.area = areas.first.map { String($0.id) } ?? ""
        return HTMLResponse(html: PortalEditorPages.document(.init(form: form, areas: areas, chrome: context.chrome(.portal))))
    }

    static func documentForm(_ form: MultipartForm) -> PortalEditorPages.DocumentForm {
        var entered = PortalEditorPages.DocumentForm()
        entered.area = form["area"]
        entered.kind = form["kind"]
        entered.number = form["number"]
        entered.issuedOn = form["issuedOn"]
        entered.issuer = form["issuer"]
        entered.title = form["title"]
        entered.summary = form["summary"]
        entered.version = form["version"]
        return entered
    }

    static func draft(_ form: PortalEditorPages.DocumentForm) throws -> DocumentDraft {
        guard let kind = DocumentKind(rawValue: form.kind) else { throw ServiceError.invalid([FieldIssue("kind", "Chọn loại văn bản.")]) }
        let dayText = form.issuedOn.trimmingCharacters(in: .whitespaces)
        var issuedOn: Day?
        if !dayText.isEmpty {
            guard let day = Day(vietnamese: dayText) ?? Day(iso: dayText) else {
                throw ServiceError.invalid([FieldIssue("issuedOn", "Ngày \"\(dayText.prefix(20))\" không hợp lệ; ghi dạng 25/03/2021.")])
            }
            issuedOn = day
        }
        return DocumentDraft(kind: kind, number: form.number, issuedOn: issuedOn, issuer: form.issuer, title: form.title, summary: form.summary)
    }

    func createDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try Authorization.require(actor, .viewPortalEditor)
        var request = request
        let form = try await MultipartForm.read(&request, limit: maximumUploadBytes)
        let entered = Self.documentForm(form)
        do {
            guard let area = Int64(entered.area) else { throw ServiceError.invalid([FieldIssue("area", "Chọn nơi đăng văn bản.")]) }
            let upload = form.files["file"].map { DocumentUpload(fileName: $0.fileName, bytes: $0.bytes) }
            let document = try await portal.createDocument(try Self.draft(entered), file: upload, area: area, by: actor)
            return Redirect.to(SiteURL.editDocument(document.id).with(["ok": "created"]))
        } catch ServiceError.invalid(let issues) {
            let html = PortalEditorPages.document(.init(form: entered, areas: try await portal.editorAreas(of: actor), issues: issues, chrome: context.chrome(.portal)))
            return try HTMLResponse(html: html, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func editDocument(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let current = try await portal.editableDocument(try RegistryController.id(context), by: actor)
        return HTMLResponse(html: PortalEditorPages.document(.init(
            form: .init(current.document), areas: [], document: current.document, notice: request.query("ok").flatMap { Self.notices[$0] },
            chrome: context.chrome(.portal))))
    }

    func updateDocument(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let current = try await portal.editableDocument(id, by: actor)
        var request = request
        let form = try await MultipartForm.read(&request, limit: maximumUploadBytes)
        let entered = Self.documentForm(form)
        do {
            guard let version = Int(entered.version) else { throw ServiceError.invalid([FieldIssue("version", "Thiếu lần sửa của văn bản; hãy mở lại.")]) }
            let upload = form.files["file"].map { DocumentUpload(fileName: $0.fileName, bytes: $0.bytes) }
            _ = try await portal.updateDocument(id, try Self.draft(entered), file: upload, version: version, by: actor)
            return Redirect.to(SiteURL.editDocument(id).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            let html = PortalEditorPages.document(.init(form: entered, areas: [], document: current.document, issues: issues, chrome: context.chrome(.portal)))
            return try HTMLResponse(html: html, status: .unprocessableContent).response(from: request, context: context)
        } catch ServiceError.conflict(let message) {
            let html = PortalEditorPages.document(.init(form: entered, areas: [], document: current.document, error: message, chrome: context.chrome(.portal)))
            return try HTMLResponse(html: html, status: .conflict).response(from: request, context: context)
        }
    }

    func documentState(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await portal.editableDocument(id, by: actor)  // outside the actor's areas: not found, whatever was sent
        var request = request
        let (state, version) = try Self.stateChange(try await FormData.read(&request, limit: maximumFormBytes))
        _ = try await portal.setDocumentState(id, state, version: version, by: actor)
        return Redirect.to(SiteURL.editDocument(id).with(["ok": state == .published ? "published" : "withdrawn"]))
    }
}
