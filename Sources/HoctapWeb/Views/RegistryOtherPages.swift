import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The learning citizens of an area.
enum CitizenListPage {
    static func render(area: Area, citizens: PagedRows<PersonView>, search: String, canCreate: Bool,
                       notice: String?, chrome: PageChrome) -> HTML {
        Layout.page(title: "Công dân học tập – \(area.fullName)", chrome: chrome, breadcrumbs: [(area.fullName, SiteURL.area(area.id).path)], [
            .unwrap(notice) { Notice.ok($0) },
            .div(.class("actions"),
                 .if(canCreate, .group(Tag.link("Đăng ký công dân học tập", SiteURL.newCitizen(area: area.id).path, classes: "button"),
                                       .if(area.level == .commune, Tag.link("Nhập từ tệp CSV", SiteURL.importCitizens(commune: area.id).path, classes: "button secondary")))),
                 RegistryText.downloads(area, .citizens, when: citizens.total > 0)),
            RegistryText.searchForm(action: SiteURL.citizens(area: area.id).path, query: search, label: "Tìm theo họ tên"),
            .p(.text(RegistryText.count(citizens, "người") + ".")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Họ tên")), .th(.class("num"), .text("Năm sinh")), .th(.text("Nhóm")), .th(.text("Hộ")), .th(.text("Số định danh")))),
                .tbody(.forEach(citizens.rows) { view in
                    let person = view.record
                    return .tr(.td(.attr("data-label", "Họ tên"), Tag.link(person.fullName, SiteURL.editPerson(person.id).path)),
                               .td(.attr("data-label", "Năm sinh"), .class("num"), .text(person.birthYear.map(String.init) ?? "—")),
                               .td(.attr("data-label", "Nhóm"), .text(person.targetGroup?.label ?? "—")),
                               .td(.attr("data-label", "Hộ"), person.householdID.map { Tag.link(person.householdCode ?? "", SiteURL.household($0).path) } ?? .text("—")),
                               .td(.attr("data-label", "Số định danh"), .text(view.personalID ?? "—")))
                }))),
            RegistryText.pager(citizens, id: \.record.id) { SiteURL.citizens(area: area.id).with(["q": search].merging($0) { $1 }) },
        ])
    }
}

/// The units of an area.
enum UnitListPage {
    static func render(area: Area, units: PagedRows<UnitRecord>, search: String, canCreate: Bool,
                       notice: String?, chrome: PageChrome) -> HTML {
        Layout.page(title: "Đơn vị – \(area.fullName)", chrome: chrome, breadcrumbs: [(area.fullName, SiteURL.area(area.id).path)], [
            .unwrap(notice) { Notice.ok($0) },
            .div(.class("actions"),
                 .if(canCreate, .group(Tag.link("Đăng ký đơn vị", SiteURL.newUnit(area: area.id).path, classes: "button"),
                                       .if(area.level == .commune, Tag.link("Nhập từ tệp CSV", SiteURL.importUnits(commune: area.id).path, classes: "button secondary")))),
                 RegistryText.downloads(area, .units, when: units.total > 0)),
            RegistryText.searchForm(action: SiteURL.units(area: area.id).path, query: search, label: "Tìm theo tên đơn vị"),
            .p(.text(RegistryText.count(units, "đơn vị") + ".")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Tên đơn vị")), .th(.text("Loại")), .th(.class("num"), .text("Số thành viên")))),
                .tbody(.forEach(units.rows) { unit in
                    .tr(.td(.attr("data-label", "Tên đơn vị"), Tag.link(unit.name, SiteURL.editUnit(unit.id).path)),
                        .td(.attr("data-label", "Loại"), .text(unit.kind.label)),
                        .td(.attr("data-label", "Số thành viên"), .class("num"), .text(unit.staffCount.map(VietnameseFormat.integer) ?? "—")))
                }))),
            RegistryText.pager(units, id: \.id) { SiteURL.units(area: area.id).with(["q": search].merging($0) { $1 }) },
        ])
    }
}

enum UnitFormPage {
    struct Model {
        var title: String
        var action: String
        var name = ""
        var kind: UnitKind?
        var staffCount = ""
        var version: Int?
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        Layout.page(title: model.title, chrome: model.chrome, [
            Notice.formErrors(model.issues),
            Tag.form(action: model.action, csrf: model.chrome.csrfToken, [
                .unwrap(model.version) { Tag.hidden("version", String($0)) },
                Tag.field("name", label: "Tên đơn vị", value: model.name, error: model.issues.message(for: "name"), required: true),
                Tag.select("kind", label: "Loại đơn vị", options: [("", "— chọn —")] + UnitKind.allCases.map { ($0.rawValue, $0.label) },
                           selected: model.kind?.rawValue ?? "", error: model.issues.message(for: "kind")),
                Tag.field("staffCount", label: "Số thành viên (cán bộ, người lao động)", value: model.staffCount,
                          error: model.issues.message(for: "staffCount"), extra: [Tag.attribute("inputmode", "numeric")]),
                .div(Tag.submit("Lưu")),
            ]),
        ])
    }
}

/// The clans of an area, and one clan with its households.
enum ClanPages {
    static func list(area: Area, clans: PagedRows<ClanRecord>, search: String, canCreate: Bool, notice: String?, chrome: PageChrome) -> HTML {
        Layout.page(title: "Dòng họ – \(area.fullName)", chrome: chrome, breadcrumbs: [(area.fullName, SiteURL.area(area.id).path)], [
            .unwrap(notice) { Notice.ok($0) },
            .div(.class("actions"),
                 .if(canCreate, .group(Tag.link("Đăng ký dòng họ", SiteURL.newClan(area: area.id).path, classes: "button"),
                                       .if(area.level == .commune, Tag.link("Nhập từ tệp CSV", SiteURL.importClans(commune: area.id).path, classes: "button secondary")))),
                 RegistryText.downloads(area, .clans, when: clans.total > 0)),
            RegistryText.searchForm(action: SiteURL.clans(area: area.id).path, query: search, label: "Tìm theo tên dòng họ"),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Dòng họ")), .th(.text("Trưởng họ")), .th(.class("num"), .text("Số hộ")))),
                .tbody(.forEach(clans.rows) { clan in
                    .tr(.td(.attr("data-label", "Dòng họ"), Tag.link(clan.name, SiteURL.clan(clan.id).path)),
                        .td(.attr("data-label", "Trưởng họ"), .text(clan.headName.isEmpty ? "—" : clan.headName)),
                        .td(.attr("data-label", "Số hộ"), .class("num"), .text(String(clan.householdCount))))
                }))),
            RegistryText.pager(clans, id: \.id) { SiteURL.clans(area: area.id).with(["q": search].merging($0) { $1 }) },
        ])
    }

    static func form(area: Area, name: String, headName: String, issues: [FieldIssue], chrome: PageChrome) -> HTML {
        Layout.page(title: "Đăng ký dòng họ – \(area.fullName)", chrome: chrome, [
            Notice.formErrors(issues),
            Tag.form(action: SiteURL.newClan(area: area.id).path, csrf: chrome.csrfToken, [
                Tag.field("name", label: "Tên dòng họ (ví dụ: Họ Nguyễn Văn thôn Đông)", value: name, error: issues.message(for: "name"), required: true),
                Tag.field("headName", label: "Trưởng họ", value: headName, error: issues.message(for: "headName")),
                .div(Tag.submit("Đăng ký")),
            ]),
        ])
    }

    static func detail(clan: ClanRecord, households: [HouseholdRecord], canManage: Bool, code: String, issues: [FieldIssue],
                       notice: String?, chrome: PageChrome) -> HTML {
        Layout.page(title: clan.name, chrome: chrome, breadcrumbs: [("Dòng họ", SiteURL.clans(area: clan.place.communeID).path)], [
            .unwrap(notice) { Notice.ok($0) },
            Notice.formErrors(issues),
            .p(.text("Trưởng họ: \(clan.headName.isEmpty ? "—" : clan.headName). \(clan.householdCount) hộ"
                     + (clan.householdCount > households.count ? " (\(clan.householdCount - households.count) hộ ở địa bàn ngoài phạm vi của bạn)." : "."))),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Mã hộ")), .th(.text("Chủ hộ")), .th(.text("Thôn")))),
                .tbody(.forEach(households) { household in
                    .tr(.td(.attr("data-label", "Mã hộ"), Tag.link(household.code, SiteURL.household(household.id).path)),
                        .td(.attr("data-label", "Chủ hộ"), .text(household.headName)), .td(.attr("data-label", "Thôn"), .text(household.villageName)))
                }))),
            .if(canManage, Tag.form(action: SiteURL.clanHouseholds(clan.id).path, csrf: chrome.csrfToken, [
                Tag.field("code", label: "Thêm hộ theo mã hộ (ví dụ 00376-01-0001)", value: code, error: issues.message(for: "code"), required: true),
                .div(Tag.submit("Thêm hộ vào dòng họ", classes: "secondary")),
            ])),
        ])
    }
}
