import HoctapDomain
import Plot

/// What every page's frame needs: who is signed in, the CSRF token for the sign-out button,
/// and which navigation entry is current.
struct PageChrome: Sendable {
    var actor: Actor?
    var csrfToken: String?
    var section: Section?

    enum Section { case home, areas, progress, criteria, libraries, accounts, audit, password }
}

/// The shared frame of every page: header with navigation by role, breadcrumbs, content, footer.
enum Layout {
    static let productName = "Học tập suốt đời"

    static func page(
        title: String, chrome: PageChrome, breadcrumbs: [(label: String, url: String?)] = [], _ content: [BodyNode]
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
                ])
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

    private static func header(_ chrome: PageChrome) -> BodyNode {
        var links: [(String, SiteURL, PageChrome.Section)] = []
        if let actor = chrome.actor {
            links.append(("Trang chủ", .home, .home))
            links.append(("Địa bàn", .areas, .areas))
            links.append(("Tiến độ", .progressHome, .progress))
            links.append(("Bộ tiêu chí", .criteria, .criteria))
            if AccessPolicy.decide(actor, .viewLibrarySources) == .allow { links.append(("Thư viện", .librarySources, .libraries)) }
            if !actor.role.manageableRoles.isEmpty { links.append(("Tài khoản", .accounts, .accounts)) }
            links.append(("Nhật ký", .audit, .audit))
            links.append(("Đổi mật khẩu", .password, .password))
        }
        return .header(
            .class("top"),
            .a(.class("brand"), .href(SiteURL.home.path), .text(productName)),
            .if(chrome.actor != nil, .nav(
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
