import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The public portal's pages: news, an article, documents, a document, the search.
enum PortalPages {
    struct NewsModel {
        var page: PagedRows<ArticleRecord>
        var filter: PortalFilter
        var province: Area.ID?
        var tag: String
        var provinces: [PortalArea]
        var categories: [(name: String, count: Int)]
        var base: String
        var chrome: PageChrome
    }

    /// The search's kinds as the `loai` parameter spells them.
    static let searchKinds: [(value: String, kind: PortalHit.Kind)] = [
        ("bai-viet", .article), ("van-ban", .document), ("mo-hinh", .model), ("thu-vien", .library),
    ]

    static func date(_ moment: Date?) -> String { moment.map { VietnameseFormat.date(Day(containing: $0)) } ?? "" }

    // MARK: News

    static func news(_ model: NewsModel) -> HTML {
        var query: [String: String] = [:]
        if let province = model.province { query["tinh"] = String(province) }
        if let kind = model.filter.articleKind { query["loai"] = kind.rawValue }
        if let category = model.filter.category { query["chu-de"] = category }
        if !model.tag.isEmpty { query["the"] = model.tag }
        let feedQuery = model.province.map { ["tinh": String($0)] } ?? [:]
        let provinceName = model.provinces.first { $0.id == model.province }?.name
        let title = model.filter.articleKind?.label ?? "Tin tức, hướng dẫn, tài liệu"
        return Layout.page(
            title: provinceName.map { "\(title) · \($0)" } ?? title, chrome: model.chrome,
            meta: PageMeta(description: "Tin tức, hướng dẫn và tài liệu tập huấn về xây dựng xã hội học tập\(provinceName.map { " của \($0)" } ?? "").",
                           url: model.base + SiteURL.news.with(query),
                           feeds: [("Tin tức\(provinceName.map { " · \($0)" } ?? "")", model.base + SiteURL.newsAtom.with(feedQuery))]), [
                filters(model.provinces, province: model.province, action: SiteURL.news.path, kinds: ArticleKind.allCases.map { ($0.rawValue, $0.label) },
                        kind: model.filter.articleKind?.rawValue),
                .if(!model.categories.isEmpty, .nav(.class("tags"), .attr("aria-label", "Chuyên mục"),
                    .forEach(model.categories) { category in
                        var link = query
                        link["chu-de"] = category.name
                        return Tag.link("\(category.name) (\(VietnameseFormat.integer(category.count)))", SiteURL.news.with(link))
                    })),
                .if(model.page.rows.isEmpty, .p(.text("Chưa có bài viết nào ở mục này."))),
                .ol(.class("articles"), .forEach(model.page.rows) { articleCard($0) }),
                RegistryText.pager(model.page, id: \.id) { SiteURL.news.with(query.merging($0) { $1 }) },
                .p(.class("hint"), Tag.link("Theo dõi bằng Atom", SiteURL.newsAtom.with(feedQuery)), .text(" · "),
                   Tag.link("RSS", SiteURL.newsRSS.with(feedQuery))),
            ])
    }

    static func articleCard(_ article: ArticleRecord) -> Node<HTML.ListContext> {
        .li(
            .h2(Tag.link(article.title, SiteURL.article(article.id, slug: article.slug).path)),
            .p(.class("meta"), .text([article.kind.label, date(article.publishedAt), article.areaName].filter { !$0.isEmpty }.joined(separator: " · "))),
            .if(!article.summary.isEmpty, .p(.text(article.summary))),
            tags(article.tags)
        )
    }

    static func tags(_ tags: [String]) -> BodyNode {
        .if(!tags.isEmpty, .p(.class("tags"), .forEach(tags) { tag in Tag.link("#\(tag)", SiteURL.news.with(["the": tag])) }))
    }

    /// The province and kind a reader narrows a list to: a GET form, no script.
    static func filters(_ provinces: [PortalArea], province: Area.ID?, action: String, kinds: [(String, String)], kind: String?) -> BodyNode {
        .element(named: "form", nodes: [
            BodyNode.attr("action", action), .attr("method", "get"), .class("filters"),
            Tag.select("tinh", label: "Tỉnh, thành phố", options: [("", "Cả nước")] + provinces.map { (String($0.id), $0.name) },
                       selected: province.map(String.init) ?? ""),
            Tag.select("loai", label: "Loại", options: [("", "Tất cả")] + kinds, selected: kind ?? ""),
            Tag.submit("Xem", classes: "secondary"),
        ])
    }

    // MARK: Article

    static func article(_ article: ArticleRecord, files: [ArticleFileRecord], base: String, chrome: PageChrome) -> HTML {
        let url = base + SiteURL.article(article.id, slug: article.slug).path
        let text = ArticleMarkdown.text(ofHTML: article.bodyHTML)
        let image = files.first { $0.mediaType.isImage }.map { base + SiteURL.articleFile($0.id).path }
        let attachments = files.filter { !$0.mediaType.isImage }
        return Layout.page(
            title: article.title, chrome: chrome,
            breadcrumbs: [("Tin tức", SiteURL.news.path), (article.kind.label, SiteURL.news.with(["loai": article.kind.rawValue]))],
            meta: PageMeta(description: article.summary.isEmpty ? ArticleMarkdown.excerpt(text, limit: 200) : article.summary, url: url,
                           type: "article", image: image), [
                .if(article.state != .published, Notice.error("Bản nháp: người đọc chưa thấy bài này.")),
                .p(.class("meta"), .text([date(article.publishedAt), article.areaName, article.category].filter { !$0.isEmpty }.joined(separator: " · "))),
                .if(!article.summary.isEmpty, .p(.class("lead"), .text(article.summary))),
                .element(named: "article", nodes: [.class("prose"), .raw(article.bodyHTML)]),
                .if(!attachments.isEmpty, .section(.h2(.text("Tệp đính kèm")), .ul(.forEach(attachments) { file in
                    .li(Tag.link(file.name, SiteURL.articleFile(file.id).path), .text(" (\(file.mediaType.label), \(VietnameseFormat.bytes(file.size)))"))
                }))),
                tags(article.tags),
            ])
    }

    // MARK: Documents

    static func documents(_ page: PagedRows<DocumentRecord>, filter: PortalFilter, province: Area.ID?, provinces: [PortalArea],
                          base: String, chrome: PageChrome) -> HTML {
        var query: [String: String] = [:]
        if let province { query["tinh"] = String(province) }
        if let kind = filter.documentKind { query["loai"] = kind.rawValue }
        return Layout.page(
            title: "Văn bản, biểu mẫu", chrome: chrome,
            meta: PageMeta(description: "Quyết định, thông tư, kế hoạch, hướng dẫn và biểu mẫu về xây dựng xã hội học tập.",
                           url: base + SiteURL.documents.with(query)), [
                filters(provinces, province: province, action: SiteURL.documents.path, kinds: DocumentKind.allCases.map { ($0.rawValue, $0.label) },
                        kind: filter.documentKind?.rawValue),
                .if(page.rows.isEmpty, .p(.text("Chưa có văn bản nào ở mục này."))),
                .if(!page.rows.isEmpty, .table(.class("cards"),
                    .thead(.tr(.th(.text("Số, ký hiệu")), .th(.text("Ngày ban hành")), .th(.text("Trích yếu")), .th(.text("Cơ quan ban hành")))),
                    .tbody(.forEach(page.rows) { document in
                        .tr(.td(.attr("data-label", "Số, ký hiệu"), .text(document.number.isEmpty ? document.kind.label : document.number)),
                            .td(.attr("data-label", "Ngày"), .text(document.issuedOn.map(VietnameseFormat.date) ?? "")),
                            .td(.attr("data-label", "Trích yếu"), Tag.link(document.title, SiteURL.document(document.id, slug: document.slug).path)),
                            .td(.attr("data-label", "Ban hành"), .text(document.issuer)))
                    }))),
                RegistryText.pager(page, id: \.id) { SiteURL.documents.with(query.merging($0) { $1 }) },
            ])
    }

    static func document(_ document: DocumentRecord, base: String, chrome: PageChrome) -> HTML {
        let title = [document.kind.label, document.number].filter { !$0.isEmpty }.joined(separator: " ")
        return Layout.page(
            title: document.title, chrome: chrome, breadcrumbs: [("Văn bản", SiteURL.documents.path)],
            meta: PageMeta(description: "\(title) của \(document.issuer)\(document.issuedOn.map { " ngày \(VietnameseFormat.date($0))" } ?? "").",
                           url: base + SiteURL.document(document.id, slug: document.slug).path, type: "article"), [
                .if(document.state != .published, Notice.error("Bản nháp: người đọc chưa thấy văn bản này.")),
                .element(named: "dl", nodes: [
                    .dt(.text("Loại")), .dd(.text(document.kind.label)),
                    .if(!document.number.isEmpty, .group(.dt(.text("Số, ký hiệu")), .dd(.text(document.number)))),
                    .unwrap(document.issuedOn) { .group(.dt(.text("Ngày ban hành")), .dd(.text(VietnameseFormat.date($0)))) },
                    .dt(.text("Cơ quan ban hành")), .dd(.text(document.issuer)),
                    .dt(.text("Đăng trên")), .dd(.text(document.areaName)),
                ]),
                .if(!document.summary.isEmpty, .p(.text(document.summary))),
                .p(Tag.link("Tải văn bản (\(document.mediaType.label), \(VietnameseFormat.bytes(document.fileSize)))",
                            SiteURL.documentFile(document.id, slug: document.slug).path, classes: "button")),
            ])
    }

    // MARK: Search

    static func search(query: String, kind: String, result: PortalSearchResult?, chrome: PageChrome) -> HTML {
        Layout.page(title: "Tìm kiếm", chrome: chrome, [
            .element(named: "form", nodes: [
                BodyNode.attr("action", SiteURL.search.path), .attr("method", "get"), .attr("role", "search"), .class("stack"),
                Tag.field("q", label: "Tìm bài viết, văn bản, tài liệu thư viện (gõ có dấu hay không dấu đều được)", value: query, type: "search",
                          extra: [Tag.attribute("maxlength", "200")]),
                Tag.select("loai", label: "Trong", options: [("", "Tất cả")] + searchKinds.map { ($0.value, $0.kind.label) }, selected: kind),
                Tag.submit("Tìm"),
            ]),
            .unwrap(result) { results($0, kind: kind) },
        ])
    }

    static func results(_ result: PortalSearchResult, kind: String) -> BodyNode {
        let more = result.total >= PortalSearch.candidateLimit ? "Hơn " : ""
        let counts = PortalHit.Kind.allCases.compactMap { kind in result.counts[kind].map { "\(kind.label): \(VietnameseFormat.integer($0))" } }
        let link = { (page: Int) in SiteURL.search.with(["q": result.query, "loai": kind, "trang": String(page)]) }
        return .group(
            .p(.text(result.hits.isEmpty ? "Không tìm thấy gì khớp \"\(result.query)\"."
                     : "\(more)\(VietnameseFormat.integer(result.total)) kết quả khớp \"\(result.query)\" (\(counts.joined(separator: ", "))); trang \(result.page).")),
            .ol(.class("results"), .forEach(result.hits) { hit in
                let url: String? = switch hit.kind {
                case .article: SiteURL.article(hit.id, slug: hit.slug).path
                case .document: SiteURL.document(hit.id, slug: hit.slug).path
                case .model: SiteURL.exemplary(hit.id).path
                case .library: hit.link
                }
                return .li(
                    .h2(url.map { url in .element(named: "a", nodes: [.attr("href", url), LibraryPage.marked(hit.title)]) } ?? LibraryPage.marked(hit.title)),
                    .p(.class("meta"), .text("\(hit.kind.label) · \(hit.meta)")),
                    .p(LibraryPage.marked(hit.snippet)))
            }),
            .if(result.page > 1 || result.hasMore, .nav(.class("pager"), .attr("aria-label", "Trang"),
                .if(result.page > 1, Tag.link("Trang trước", link(result.page - 1))),
                .if(result.hasMore && result.page < 25, Tag.link("Trang sau", link(result.page + 1)))))
        )
    }
}
