import HoctapDomain
import Plot

/// What every page's frame needs: who is signed in, the CSRF token for the sign-out button,
/// and which navigation entry is current.
struct PageChrome: Sendable {
    var actor: Actor?
    var csrfToken: String?
    var section: Section?

    enum Section { case home, areas, progress, criteria, libraries, accounts, audit, retention, password, portal, news, documents, search, stats, library, exemplary }
}

/// What a page tells link previews, search engines and feed readers about itself.
struct PageMeta: Sendable {
    /// One or two sentences for previews.
    var description: String
    /// The page's absolute address, also its canonical link.
    var url: String
    /// "article" or "website".
    var type: String = "website"
    var image: String?
    /// Feeds of what the page lists: title and absolute address.
    var feeds: [(title: String, url: String)] = []
}

/// The shared frame of every page: header with navigation by role, breadcrumbs, content, footer.
enum Layout {
    static let productName = "Học tập suốt đời"

    static func page(
        title: String, chrome: PageChrome, breadcrumbs: [(label: String, url: String?)] = [], meta: PageMeta? = nil, _ content: [BodyNode]
    ) -> HTML {
        HTML(
            .lang(.vietnamese),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: "\(title) · \(productName)"),
                .selfClosedElement(named: "link", attributes: [
                    Attribute<HTML.HeadContext>.attribute(named: "rel", value: "stylesheet"),
                    .attribute(named: "href", value: SiteURL.stylesheet.path),
                ]),
                .unwrap(meta) { head($0, title: title) }
            ),
            .body(
                .a(.class("skip"), .href("#content"), .text("Bỏ qua đến nội dung")),
                header(chrome),
                .element(named: "main", nodes: [
                    BodyNode.attr("id", "content"),
                    crumbs(breadcrumbs),
                    .h1(.text(title)),
                    .group(content),
                ]),
                .footer(.p(.text("\(productName) · Chương trình xây dựng xã hội học tập giai đoạn 2021–2030"))),
                .element(named: "script", nodes: [BodyNode.attr("src", SiteURL.script.path), .attr("defer", "defer")])
            )
        )
    }

    /// Open Graph and description tags, the canonical address and feed links; every value
    /// escaped, since titles and summaries are editors' text.
    private static func head(_ meta: PageMeta, title: String) -> Node<HTML.HeadContext> {
        func property(_ name: String, _ value: String) -> Node<HTML.HeadContext> {
            .selfClosedElement(named: "meta", attributes: [
                .attribute(named: "property", value: HTMLEscape.attribute(name)), .attribute(named: "content", value: HTMLEscape.attribute(value)),
            ])
        }
        func link(_ attributes: [(String, String)]) -> Node<HTML.HeadContext> {
            .selfClosedElement(named: "link", attributes: attributes.map { .attribute(named: $0.0, value: HTMLEscape.attribute($0.1)) })
        }
        return .group(
            .selfClosedElement(named: "meta", attributes: [
                .attribute(named: "name", value: "description"), .attribute(named: "content", value: HTMLEscape.attribute(meta.description)),
            ]),
            property("og:title", title), property("og:description", meta.description), property("og:type", meta.type),
            property("og:url", meta.url), property("og:site_name", productName), property("og:locale", "vi_VN"),
            .unwrap(meta.image) { property("og:image", $0) },
            link([("rel", "canonical"), ("href", meta.url)]),
            .forEach(meta.feeds) { feed in link([("rel", "alternate"), ("type", "application/atom+xml"), ("title", feed.title), ("href", feed.url)]) }
        )
    }

    /// The public portal's sections, for readers who are not signed in.
    static let portalLinks: [(String, SiteURL, PageChrome.Section)] = [
        ("Tin tức", .news, .news), ("Văn bản", .documents, .documents), ("Thống kê", .publicStats, .stats),
        ("Mô hình tiêu biểu", .honourBoard, .exemplary), ("Thư viện", .library, .library), ("Tìm kiếm", .search, .search),
    ]

    private static func header(_ chrome: PageChrome) -> BodyNode {
        var links: [(String, SiteURL, PageChrome.Section)] = []
        if let actor = chrome.actor {
            links.append(("Trang chủ", .home, .home))
            links.append(("Địa bàn", .areas, .areas))
            links.append(("Tiến độ", .progressHome, .progress))
            links.append(("Bộ tiêu chí", .criteria, .criteria))
            if AccessPolicy.decide(actor, .viewLibrarySources) == .allow { links.append(("Thư viện", .librarySources, .libraries)) }
            if AccessPolicy.decide(actor, .viewPortalEditor) == .allow { links.append(("Cổng thông tin", .portalEditor, .portal)) }
            if AccessPolicy.decide(actor, .nominateExemplary(subject: actor.scope)) == .allow { links.append(("Mô hình tiêu biểu", .nominations, .exemplary)) }
            if !actor.role.manageableRoles.isEmpty { links.append(("Tài khoản", .accounts, .accounts)) }
            links.append(("Nhật ký", .audit, .audit))
            if AccessPolicy.decide(actor, .manageRetention) == .allow { links.append(("Lưu giữ dữ liệu", .retention, .retention)) }
            links.append(("Đổi mật khẩu", .password, .password))
        } else {
            links = portalLinks
        }
        return .header(
            .class("top"),
            .a(.class("brand"), .href(SiteURL.home.path), .text(productName)),
            .if(!links.isEmpty, .nav(
                .class("main"), .attr("aria-label", "Chính"),
                .forEach(links) { label, url, section in
                    .element(named: "a", nodes: [
                        BodyNode.attr("href", url.path),
                        .if(chrome.section == section, .attr("aria-current", "page")),
                        .text(label),
                    ])
                }
            )),
            .unwrap(chrome.actor) { actor in
                .group(
                    .span(.class("who"), .text("\(actor.displayName) · \(actor.role.label)")),
                    Tag.postButton("Đăng xuất", action: SiteURL.logout.path, csrf: chrome.csrfToken, classes: "")
                )
            }
        )
    }

    private static func crumbs(_ items: [(label: String, url: String?)]) -> BodyNode {
        .if(!items.isEmpty, .element(named: "nav", nodes: [
            BodyNode.class("crumbs"), .attr("aria-label", "Vị trí"),
            .ol(.forEach(items) { item in
                .li(item.url.map { Tag.link(item.label, $0) } ?? .text(item.label))
            }),
        ]))
    }
}
