import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// One area: what it is, what lies below it, where it came from, and what the actor may do here.
enum AreaPage {
    struct Model {
        var overview: AreaOverview
        var actor: Actor
        var chrome: PageChrome
        var notice: String?
    }

    static func render(_ model: Model) -> HTML {
        let area = model.overview.area
        let childLevel = model.overview.children.first?.area.level
        return Layout.page(title: area.fullName, chrome: model.chrome, breadcrumbs: breadcrumbs(model.overview), [
            .unwrap(model.notice) { Notice.ok($0) },
            searchBox(),
            facts(area, overview: model.overview),
            actions(model),
            .if(!model.overview.children.isEmpty, .group(
                .h2(.text("\(childLevel?.pluralLabel ?? "Đơn vị trực thuộc") (\(VietnameseFormat.integer(model.overview.children.count)))")),
                childrenTable(model.overview.children)
            )),
            .if(model.overview.children.isEmpty && area.level == .commune, .p(.class("hint"),
                .text("Xã chưa có thôn, tổ dân phố nào. Cán bộ Hội Khuyến học xã thêm từng thôn hoặc nhập từ tệp CSV."))),
            history(model.overview),
        ])
    }

    static func breadcrumbs(_ overview: AreaOverview) -> [(label: String, url: String?)] {
        overview.ancestors.map { ($0.area.name, $0.visible ? SiteURL.area($0.area.id).path : nil) }
            + [(overview.area.name, nil)]
    }

    static func searchBox() -> BodyNode {
        Tag.form(action: SiteURL.areaSearch.path, method: "get", csrf: nil, classes: "search", [
            .element(named: "label", nodes: [BodyNode.attr("for", "q"), .class("skip"), .text("Tìm địa bàn")]),
            .selfClosedElement(named: "input", attributes: [
                Tag.attribute("type", "search"), Tag.attribute("id", "q"), Tag.attribute("name", "q"),
                Tag.attribute("placeholder", "Tìm xã, thôn… (gõ không dấu cũng được)"),
            ]),
            Tag.submit("Tìm", classes: "secondary"),
        ])
    }

    private static func facts(_ area: Area, overview: AreaOverview) -> BodyNode {
        let levels = AreaLevel.allCases.filter { $0 > area.level && $0 != .district && (overview.counts[$0] ?? 0) > 0 }
        return .group(
            .div(.class("card"), .dl(.class("facts"),
                .dt(.text("Mã")), .dd(.text(area.code)),
                .dt(.text("Cấp")), .dd(.text(area.level.label)),
                .dt(.text("Loại")), .dd(.text(area.kind.label)),
                .unwrap(area.validFrom) { .group(.dt(.text("Hiệu lực từ")), .dd(.text(VietnameseFormat.date($0)))) },
                .unwrap(area.validTo) { .group(.dt(.text("Chấm dứt")), .dd(.text(VietnameseFormat.date($0)))) }
            )),
            .if(!levels.isEmpty, .ul(.class("stats"), .forEach(levels) { level in
                .li(.element(named: "strong", nodes: [BodyNode.text(VietnameseFormat.integer(overview.counts[level] ?? 0))]),
                    .text(level.pluralLabel))
            }))
        )
    }

    private static func actions(_ model: Model) -> BodyNode {
        let area = model.overview.area
        let actor = model.actor
        var links: [BodyNode] = []
        if area.level == .commune, area.isCurrent, AccessPolicy.decide(actor, .createVillage(inCommune: area.position)) == .allow {
            links.append(Tag.link("Thêm thôn, tổ dân phố", SiteURL.newVillage(commune: area.id).path, classes: "button"))
            links.append(Tag.link("Nhập từ tệp CSV", SiteURL.importVillages(commune: area.id).path, classes: "button secondary"))
        }
        if area.level == .village, AccessPolicy.decide(actor, .editVillage(area.position)) == .allow {
            links.append(Tag.link("Sửa tên, loại", SiteURL.editVillage(area.id).path, classes: "button secondary"))
        }
        if area.level == .commune || area.level == .village {
            links.append(Tag.link("Hộ gia đình", SiteURL.households(area: area.id).path, classes: "button secondary"))
            links.append(Tag.link("Công dân học tập", SiteURL.citizens(area: area.id).path, classes: "button secondary"))
            links.append(Tag.link("Đơn vị", SiteURL.units(area: area.id).path, classes: "button secondary"))
            links.append(Tag.link("Dòng họ", SiteURL.clans(area: area.id).path, classes: "button secondary"))
        }
        if area.level == .commune || area.level == .village {
            links.append(Tag.link("Đợt đánh giá", SiteURL.cycles(commune: area.id).path, classes: "button"))
        }
        if area.isCurrent && area.level != .district {
            links.append(Tag.link("Tiến độ", SiteURL.progress(area: area.id).path, classes: "button secondary"))
        }
        if area.isCurrent && [.nation, .province, .commune].contains(area.level) {
            links.append(Tag.link("Phong trào", SiteURL.movement(area: area.id).path, classes: "button secondary"))
            links.append(Tag.link("Trung tâm học tập cộng đồng", SiteURL.centre(area: area.id).path, classes: "button secondary"))
            if area.level == .commune { links.append(Tag.link("Mạng lưới hội", SiteURL.network(commune: area.id).path, classes: "button secondary")) }
            links.append(Tag.link("Tập huấn cán bộ", SiteURL.trainings(area: area.id).path, classes: "button secondary"))
        }
        if area.level == .commune, area.isCurrent, AccessPolicy.decide(actor, .manageAreaClasses(area.position)) == .allow {
            links.append(Tag.link("Nhóm địa bàn", SiteURL.areaClasses(area: area.id).path, classes: "button secondary"))
        }
        let canCreateAccountHere = area.isCurrent && actor.role.manageableRoles.contains {
            AccessPolicy.decide(actor, .manageAccount(role: $0, at: area.position)) == .allow
        }
        if canCreateAccountHere {
            links.append(Tag.link("Tạo tài khoản tại đây", SiteURL.newAccount.with(["area": String(area.id)]), classes: "button secondary"))
        }
        return .if(!links.isEmpty, .div(.class("actions"), .group(links)))
    }

    private static func childrenTable(_ children: [AreaSummary]) -> BodyNode {
        let grandchildLabel = children.first.map { child -> String in
            switch child.area.level {
            case .province: "Số xã"
            case .commune: "Số thôn"
            default: "Trực thuộc"
            }
        } ?? ""
        return .div(.class("table-wrap"), .table(
            .thead(.tr(.th(.text("Mã")), .th(.text("Tên")), .th(.text("Loại")), .th(.class("num"), .text(grandchildLabel)))),
            .tbody(.forEach(children) { child in
                .tr(
                    .td(.text(child.area.code)),
                    .td(Tag.link(child.area.name, SiteURL.area(child.area.id).path)),
                    .td(.text(child.area.kind.label)),
                    .td(.class("num"), .text(VietnameseFormat.integer(child.childCount)))
                )
            })
        ))
    }

    private static func history(_ overview: AreaOverview) -> BodyNode {
        .group(
            .if(!overview.predecessors.isEmpty, .group(
                .h2(.text("Hình thành từ các đơn vị trước 1/7/2025")),
                .ul(.forEach(overview.predecessors) { link in
                    .li(overview.visiblePredecessors.contains(link.area.id)
                            ? Tag.link(link.area.fullName, SiteURL.area(link.area.id).path) : .text(link.area.fullName),
                        .text(link.part == .partial ? " (một phần)" : ""))
                })
            )),
            .if(!overview.successors.isEmpty, .group(
                .h2(.text("Từ 1/7/2025 thuộc về")),
                .ul(.forEach(overview.successors) { link in
                    .li(Tag.link(link.area.fullName, SiteURL.area(link.area.id).path),
                        .text(link.part == .partial ? " (một phần)" : ""))
                })
            ))
        )
    }
}

/// Search results for areas by name, ignoring diacritics.
enum AreaSearchPage {
    static func render(query: String, results: [Area], chrome: PageChrome) -> HTML {
        Layout.page(title: "Tìm địa bàn", chrome: chrome, [
            Tag.form(action: SiteURL.areaSearch.path, method: "get", csrf: nil, classes: "search", [
                .element(named: "label", nodes: [BodyNode.attr("for", "q"), .class("skip"), .text("Tên xã, thôn")]),
                .selfClosedElement(named: "input", attributes: [
                    Tag.attribute("type", "search"), Tag.attribute("id", "q"), Tag.attribute("name", "q"),
                    Tag.attribute("value", query), Tag.attribute("placeholder", "Ví dụ: soc son, Thôn Đông"),
                ]),
                Tag.submit("Tìm", classes: "secondary"),
            ]),
            .if(!query.isEmpty && results.isEmpty, .p(.text("Không tìm thấy địa bàn nào khớp với \"\(query)\" trong phạm vi của bạn."))),
            .if(!results.isEmpty, .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text("Tên")), .th(.text("Cấp")), .th(.text("Mã")))),
                .tbody(.forEach(results) { area in
                    .tr(.td(Tag.link(area.fullName, SiteURL.area(area.id).path)), .td(.text(area.level.label)), .td(.text(area.code)))
                })
            ))),
        ])
    }
}
