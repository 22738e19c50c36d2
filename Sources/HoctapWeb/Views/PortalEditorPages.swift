import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The portal's editing pages: what an editor's areas have (drafts included), and the forms
/// that write an article or register a document.
enum PortalEditorPages {
    static func list(articles: PagedRows<ArticleRecord>, documents: PagedRows<DocumentRecord>, notice: String?, chrome: PageChrome) -> HTML {
        Layout.page(title: "Cổng thông tin: bài viết và văn bản", chrome: chrome, [
            .unwrap(notice) { Notice.ok($0) },
            .div(.class("actions"), Tag.link("Viết bài mới", SiteURL.newArticle.path, classes: "button"),
                 Tag.link("Thêm văn bản", SiteURL.newDocument.path, classes: "button secondary"),
                 Tag.link("Xem cổng thông tin", SiteURL.news.path, classes: "button secondary")),
            .h2(.text("Bài viết (\(RegistryText.count(articles, "bài")))")),
            .if(articles.rows.isEmpty, .p(.text("Chưa có bài viết nào."))),
            .if(!articles.rows.isEmpty, .table(
                .thead(.tr(.th(.text("Tiêu đề")), .th(.text("Loại")), .th(.text("Trạng thái")), .th(.text("Của")), .th(.text("Sửa lần cuối")))),
                .tbody(.forEach(articles.rows) { article in
                    .tr(.td(Tag.link(article.title, SiteURL.editArticle(article.id).path)), .td(.text(article.kind.label)),
                        .td(.text(article.state.label)), .td(.text(article.areaName)),
                        .td(.text("\(VietnameseFormat.dateTime(article.updatedAt)) · \(article.updatedBy)")))
                }))),
            RegistryText.pager(articles, id: \.id) { SiteURL.portalEditor.with($0) },
            .h2(.text("Văn bản (\(RegistryText.count(documents, "văn bản")))")),
            .if(documents.rows.isEmpty, .p(.text("Chưa có văn bản nào."))),
            .if(!documents.rows.isEmpty, .table(
                .thead(.tr(.th(.text("Số, ký hiệu")), .th(.text("Trích yếu")), .th(.text("Trạng thái")), .th(.text("Của")), .th(.text("Sửa lần cuối")))),
                .tbody(.forEach(documents.rows) { document in
                    .tr(.td(.text(document.number.isEmpty ? document.kind.label : document.number)),
                        .td(Tag.link(document.title, SiteURL.editDocument(document.id).path)), .td(.text(document.state.label)),
                        .td(.text(document.areaName)), .td(.text("\(VietnameseFormat.dateTime(document.updatedAt)) · \(document.updatedBy)")))
                }))),
        ])
    }

    // MARK: Article form

    /// What the editor typed, kept as typed when it is refused.
    struct ArticleForm: Sendable {
        var area = ""
        var kind = ArticleKind.news.rawValue
        var title = ""
        var summary = ""
        var category = ""
        var tags = ""
        var body = ""
        var version = ""

        init() {}

        init(_ article: ArticleRecord) {
            area = String(article.areaID)
            kind = article.kind.rawValue
            title = article.title
            summary = article.summary
            category = article.category
            tags = article.tags.joined(separator: ", ")
            body = article.body
            version = String(article.version)
        }
    }

    struct ArticleModel {
        var form: ArticleForm
        var areas: [PortalArea]
        /// The stored article, when editing one.
        var article: ArticleRecord?
        var files: [ArticleFileRecord] = []
        var issues: [FieldIssue] = []
        var error: String?
        var notice: String?
        var chrome: PageChrome
    }

    static func article(_ model: ArticleModel) -> HTML {
        let csrf = model.chrome.csrfToken
        let form = model.form
        let action = model.article.map { SiteURL.editArticle($0.id).path } ?? SiteURL.newArticle.path
        return Layout.page(
            title: model.article.map { "Sửa bài: \($0.title)" } ?? "Viết bài mới", chrome: model.chrome,
            breadcrumbs: [("Cổng thông tin", SiteURL.portalEditor.path)], [
                .unwrap(model.notice) { Notice.ok($0) },
                .unwrap(model.error) { Notice.error($0) },
                Notice.formErrors(model.issues),
                .unwrap(model.article) { article in status(article, csrf: csrf) },
                Tag.form(action: action, csrf: csrf, classes: "stack wide", [
                    Tag.hidden("version", form.version),
                    .if(model.article == nil, Tag.select("area", label: "Đăng cho", options: model.areas.map { (String($0.id), $0.name) },
                                                         selected: form.area, error: model.issues.message(for: "area"))),
                    Tag.select("kind", label: "Loại bài", options: ArticleKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind),
                    Tag.field("title", label: "Tiêu đề", value: form.title, error: model.issues.message(for: "title"), required: true,
                              extra: [Tag.attribute("maxlength", "200")]),
                    textarea("summary", label: "Tóm tắt (hiện trong danh sách và khi chia sẻ liên kết)", value: form.summary, rows: 3,
                             error: model.issues.message(for: "summary")),
                    textarea("body", label: "Nội dung (Markdown)", value: form.body, rows: 18, error: model.issues.message(for: "body"),
                             hint: "Markdown: # Tiêu đề mục, **đậm**, *nghiêng*, - gạch đầu dòng, [chữ](https://liên-kết). "
                                + "Ảnh: tải lên bên dưới rồi dán dòng ![mô tả](/tep/…) được gợi ý. Mã HTML và script bị loại bỏ khi hiển thị."),
                    Tag.field("category", label: "Chuyên mục", value: form.category, hint: "Ví dụ: Gia đình học tập, Tập huấn cán bộ.",
                              error: model.issues.message(for: "category")),
                    Tag.field("tags", label: "Thẻ, cách nhau bởi dấu phẩy", value: form.tags, error: model.issues.message(for: "tags")),
                    .div(.class("actions"), Tag.submit(model.article == nil ? "Lưu bản nháp" : "Lưu")),
                ]),
                .unwrap(model.article) { article in files(article, model.files, csrf: csrf, issues: model.issues) },
            ])
    }

    static func status(_ article: ArticleRecord, csrf: String?) -> BodyNode {
        let published = article.state == .published
        return .div(.class("actions"),
            .p(.text("\(article.state.label) · \(article.areaName) · lần sửa \(article.version), \(VietnameseFormat.dateTime(article.updatedAt)) bởi \(article.updatedBy)")),
            Tag.link(published ? "Xem trên cổng" : "Xem trước", SiteURL.article(article.id, slug: article.slug).path, classes: "button secondary"),
            Tag.postButton(published ? "Gỡ bài" : "Đăng bài", action: SiteURL.articleState(article.id).path, csrf: csrf, classes: published ? "secondary" : "",
                           hidden: [("state", published ? PublicationState.draft.rawValue : PublicationState.published.rawValue),
                                    ("version", String(article.version))]),
            .if(article.publishedAt == nil, Tag.postButton("Xóa bản nháp", action: SiteURL.deleteArticle(article.id).path, csrf: csrf)))
    }

    static func files(_ article: ArticleRecord, _ files: [ArticleFileRecord], csrf: String?, issues: [FieldIssue]) -> BodyNode {
        .section(
            .h2(.text("Ảnh và tệp đính kèm")),
            .if(!files.isEmpty, .ul(.forEach(files) { file in
                let url = SiteURL.articleFile(file.id).path
                return .li(Tag.link(file.name, url), .text(" (\(file.mediaType.label), \(VietnameseFormat.bytes(file.size))) — dán vào bài: "),
                           .code(.text(file.mediaType.isImage ? "![\(file.name)](\(url))" : "[\(file.name)](\(url))")))
            })),
            // A multipart body is not read before the route, so the token travels in the address.
            Tag.form(action: SiteURL.articleUpload(article.id).path, csrf: csrf, multipart: true, [
                Tag.field("file", label: "Ảnh JPEG, PNG (tối đa \(VietnameseFormat.bytes(PortalService.maximumImageBytes))) hoặc tệp PDF, Word, Excel",
                          type: "file", error: issues.message(for: "file"), required: true),
                Tag.submit("Tải lên", classes: "secondary"),
            ]))
    }

    static func textarea(_ name: String, label: String, value: String, rows: Int, error: String?, hint: String? = nil) -> BodyNode {
        let id = "f-\(name)"
        var nodes: [BodyNode] = [.attr("id", id), .attr("name", name), .attr("rows", String(rows))]
        if error != nil { nodes.append(.attr("aria-invalid", "true")) }
        if hint != nil { nodes.append(.attr("aria-describedby", "\(id)-hint")) }
        nodes.append(.text(value))
        return .div(
            .element(named: "label", nodes: [BodyNode.attr("for", id), .text(label)]),
            .element(named: "textarea", nodes: nodes),
            .unwrap(hint) { .p(.class("hint"), .attr("id", "\(id)-hint"), .text($0)) },
            .unwrap(error) { .p(.class("field-error"), .text($0)) })
    }

    // MARK: Document form

    struct DocumentForm: Sendable {
        var area = ""
        var kind = DocumentKind.decision.rawValue
        var number = ""
        var issuedOn = ""
        var issuer = ""
        var title = ""
        var summary = ""
        var version = ""

        init() {}

        init(_ document: DocumentRecord) {
            area = String(document.areaID)
            kind = document.kind.rawValue
            number = document.number
            issuedOn = document.issuedOn.map(VietnameseFormat.date) ?? ""
            issuer = document.issuer
            title = document.title
            summary = document.summary
            version = String(document.version)
        }
    }

    struct DocumentModel {
        var form: DocumentForm
        var areas: [PortalArea]
        var document: DocumentRecord?
        var issues: [FieldIssue] = []
        var error: String?
        var notice: String?
        var chrome: PageChrome
    }

    static func document(_ model: DocumentModel) -> HTML {
        let csrf = model.chrome.csrfToken
        let form = model.form
        // Multipart: the CSRF token travels in the address, not the body.
        let action = (model.document.map { SiteURL.editDocument($0.id) } ?? SiteURL.newDocument).path
        return Layout.page(
            title: model.document.map { "Sửa văn bản: \($0.title)" } ?? "Thêm văn bản", chrome: model.chrome,
            breadcrumbs: [("Cổng thông tin", SiteURL.portalEditor.path)], [
                .unwrap(model.notice) { Notice.ok($0) },
                .unwrap(model.error) { Notice.error($0) },
                Notice.formErrors(model.issues),
                .unwrap(model.document) { document in
                    let published = document.state == .published
                    return .div(.class("actions"),
                        .p(.text("\(document.state.label) · \(document.areaName) · tệp \(document.fileName) (\(document.mediaType.label), \(VietnameseFormat.bytes(document.fileSize)))")),
                        Tag.link(published ? "Xem trên cổng" : "Xem trước", SiteURL.document(document.id, slug: document.slug).path, classes: "button secondary"),
                        Tag.postButton(published ? "Gỡ văn bản" : "Đăng văn bản", action: SiteURL.documentState(document.id).path, csrf: csrf,
                                       classes: published ? "secondary" : "",
                                       hidden: [("state", published ? PublicationState.draft.rawValue : PublicationState.published.rawValue),
                                                ("version", String(document.version))]))
                },
                Tag.form(action: action, csrf: csrf, multipart: true, classes: "stack wide", [
                    Tag.hidden("version", form.version),
                    .if(model.document == nil, Tag.select("area", label: "Đăng cho", options: model.areas.map { (String($0.id), $0.name) },
                                                          selected: form.area, error: model.issues.message(for: "area"))),
                    Tag.select("kind", label: "Loại văn bản", options: DocumentKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind),
                    Tag.field("number", label: "Số, ký hiệu", value: form.number, hint: "Ví dụ 387/QĐ-TTg.", error: model.issues.message(for: "number")),
                    Tag.field("issuedOn", label: "Ngày ban hành", value: form.issuedOn, hint: "Dạng 25/03/2021.", error: model.issues.message(for: "issuedOn")),
                    Tag.field("issuer", label: "Cơ quan ban hành", value: form.issuer, error: model.issues.message(for: "issuer"), required: true),
                    Tag.field("title", label: "Trích yếu", value: form.title, error: model.issues.message(for: "title"), required: true),
                    textarea("summary", label: "Tóm tắt nội dung", value: form.summary, rows: 4, error: model.issues.message(for: "summary")),
                    Tag.field("file", label: model.document == nil ? "Tệp văn bản (PDF, Word, Excel, OpenDocument)" : "Thay tệp (để trống nếu giữ tệp cũ)",
                              type: "file", error: model.issues.message(for: "file"), required: model.document == nil),
                    .div(.class("actions"), Tag.submit(model.document == nil ? "Lưu bản nháp" : "Lưu")),
                ]),
            ])
    }
}
