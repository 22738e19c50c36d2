import HoctapDomain
import HoctapServices
import Plot

/// Where an account lands after signing in: its area, what is in it, and what it can do next.
enum HomePage {
    struct Model {
        var actor: Actor
        var area: Area
        var counts: [AreaLevel: Int]
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let levels = AreaLevel.allCases.filter { $0 > model.area.level && $0 != .district && (model.counts[$0] ?? 0) > 0 }
        return Layout.page(title: "Xin chào, \(model.actor.displayName)", chrome: model.chrome, [
            .div(.class("card"),
                 .dl(.class("facts"),
                     .dt(.text("Vai trò")), .dd(.text(model.actor.role.label)),
                     .dt(.text("Địa bàn")), .dd(Tag.link(model.area.fullName, SiteURL.area(model.area.id).path)))),
            .if(!levels.isEmpty, .ul(.class("stats"), .forEach(levels) { level in
                .li(.element(named: "strong", nodes: [BodyNode.text(VietnameseFormat.integer(model.counts[level] ?? 0))]),
                    .text(level.pluralLabel))
            })),
            .h2(.text("Việc thường làm")),
            .ul(.group(tasks(model))),
        ])
    }

    private static func tasks(_ model: Model) -> [Node<HTML.ListContext>] {
        var items: [Node<HTML.ListContext>] = [
            .li(Tag.link("Xem địa bàn \(model.area.fullName)", SiteURL.area(model.area.id).path)),
            .li(Tag.link("Xem tiến độ so với chỉ tiêu", SiteURL.progressHome.path)),
            .li(Tag.link("Tìm một xã, thôn theo tên", SiteURL.areaSearch.path)),
        ]
        if model.area.level == .commune,
           AccessPolicy.decide(model.actor, .createVillage(inCommune: model.area.position)) == .allow {
            items.append(.li(Tag.link("Thêm thôn, tổ dân phố", SiteURL.newVillage(commune: model.area.id).path)))
            items.append(.li(Tag.link("Nhập danh sách thôn từ tệp CSV", SiteURL.importVillages(commune: model.area.id).path)))
        }
        if !model.actor.role.manageableRoles.isEmpty {
            items.append(.li(Tag.link("Quản lý tài khoản", SiteURL.accounts.path)))
        }
        items.append(.li(Tag.link("Đổi mật khẩu", SiteURL.password.path)))
        return items
    }
}
