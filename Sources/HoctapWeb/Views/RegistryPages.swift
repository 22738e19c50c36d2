import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Shared pieces of the registry pages.
enum RegistryText {
    /// The "Tải CSV" and "Tải Excel" links of a list, shown when it has rows.
    static func downloads(_ area: Area, _ kind: ExportKind, when shown: Bool) -> Node<HTML.BodyContext> {
        .if(shown, .group(Tag.link("Tải CSV", SiteURL.export(area: area.id, kind, .csv).path, classes: "button secondary"),
                          Tag.link("Tải Excel", SiteURL.export(area: area.id, kind, .xlsx).path, classes: "button secondary")))
    }

    static func yesNo(_ value: Bool?) -> String { value.map { $0 ? "Có" : "Không" } ?? "—" }

    /// "1.234 hộ", or "Hơn 10.000 hộ" when the count stopped at its limit.
    static func count<Row>(_ page: PagedRows<Row>, _ noun: String) -> String {
        (page.totalCapped ? "Hơn " : "") + "\(VietnameseFormat.integer(page.total)) \(noun)"
    }

    /// Links to the first, previous and next pages of a list read by key; `url` gets the cursor
    /// query (`before`/`after`, or nothing for the first page) to add to the list's own.
    static func pager<Row>(_ page: PagedRows<Row>, id: (Row) -> Int64, url: ([String: String]) -> String) -> BodyNode {
        let previous = PageCursor.previousID(page, id: id), next = PageCursor.nextID(page, id: id)
        return .if(page.hasPrevious || page.hasNext, .nav(.class("pager"), .attr("aria-label", "Trang"),
            .if(page.hasPrevious, Tag.link("« Trang đầu", url([:]))),
            .unwrap(previous) { Tag.link("‹ Trang trước", url(["before": String($0)])) },
            .unwrap(next) { Tag.link("Trang sau ›", url(["after": String($0)])) }))
    }

    static func searchForm(action: String, query: String, label: String) -> BodyNode {
        .element(named: "form", nodes: [
            BodyNode.attr("action", action), .attr("method", "get"), .class("search"), .attr("role", "search"),
            Tag.field("q", label: label, value: query, type: "search"),
            Tag.submit("Tìm", classes: "secondary"),
        ])
    }

    static func boolSelect(_ name: String, label: String, selected: Bool?) -> BodyNode {
        Tag.select(name, label: label, options: [("", "Chưa rõ"), ("1", "Có"), ("0", "Không")],
                   selected: selected.map { $0 ? "1" : "0" } ?? "")
    }
}

/// The households of a village or a commune.
enum HouseholdListPage {
    struct Model {
        var area: Area
        var households: PagedRows<HouseholdRecord>
        var search: String
        var canCreate: Bool
        var canImport: Bool
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let area = model.area
        return Layout.page(title: "Hộ gia đình – \(area.fullName)", chrome: model.chrome, breadcrumbs: [(area.fullName, SiteURL.area(area.id).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .div(.class("actions"),
                 .if(model.canCreate, Tag.link("Thêm hộ gia đình", SiteURL.newHousehold(village: area.id).path, classes: "button")),
                 .if(model.canImport, Tag.link("Nhập từ tệp CSV", SiteURL.importHouseholds(commune: area.id).path, classes: "button secondary")),
                 RegistryText.downloads(area, .households, when: model.households.total > 0)),
            RegistryText.searchForm(action: SiteURL.households(area: area.id).path, query: model.search, label: "Tìm theo tên chủ hộ, mã hộ, địa chỉ"),
            .p(.text(RegistryText.count(model.households, "hộ") + (model.search.isEmpty ? "" : " khớp \"\(model.search)\"") + ".")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Mã hộ")), .th(.text("Chủ hộ")), .th(.text("Thôn")), .th(.class("num"), .text("Thành viên")))),
                .tbody(.forEach(model.households.rows) { household in
                    .tr(.td(.attr("data-label", "Mã hộ"), Tag.link(household.code, SiteURL.household(household.id).path)),
                        .td(.attr("data-label", "Chủ hộ"), .text(household.headName)),
                        .td(.attr("data-label", "Thôn"), .text(household.villageName)),
                        .td(.attr("data-label", "Thành viên"), .class("num"), .text(String(household.memberCount))))
                }))),
            RegistryText.pager(model.households, id: \.id) { SiteURL.households(area: area.id).with(["q": model.search].merging($0) { $1 }) },
        ])
    }
}

/// Creating or editing a household.
enum HouseholdFormPage {
    struct Model {
        var village: Area?
        var household: HouseholdRecord?
        var headName = ""
        var address = ""
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let editing = model.household != nil
        let action = model.household.map { SiteURL.editHousehold($0.id).path } ?? SiteURL.newHousehold(village: model.village?.id ?? 0).path
        return Layout.page(title: editing ? "Sửa hộ \(model.household!.code)" : "Thêm hộ gia đình – \(model.village?.fullName ?? "")",
                           chrome: model.chrome, [
            Notice.formErrors(model.issues),
            Tag.form(action: action, csrf: model.chrome.csrfToken, [
                .unwrap(model.household) { Tag.hidden("version", String($0.version)) },
                Tag.field("headName", label: "Họ tên chủ hộ", value: model.headName, error: model.issues.message(for: "headName"), required: true),
                Tag.field("address", label: "Địa chỉ (xóm, số nhà)", value: model.address, error: model.issues.message(for: "address")),
                .p(.class("hint"), .text(editing ? "" : "Sau khi lưu, thêm các thành viên của hộ (kể cả chủ hộ) trên trang của hộ.")),
                .div(Tag.submit(editing ? "Lưu thay đổi" : "Thêm hộ")),
            ]),
        ])
    }
}

/// One household with its members.
enum HouseholdPage {
    static func render(_ detail: HouseholdDetail, notice: String?, chrome: PageChrome) -> HTML {
        let household = detail.household
        return Layout.page(title: "Hộ \(household.headName)", chrome: chrome,
                           breadcrumbs: [(household.villageName, SiteURL.households(area: household.place.villageID ?? 0).path)], [
            .unwrap(notice) { Notice.ok($0) },
            .div(.class("card"), .dl(.class("facts"),
                .dt(.text("Mã hộ")), .dd(.text(household.code)),
                .dt(.text("Chủ hộ")), .dd(.text(household.headName)),
                .dt(.text("Địa chỉ")), .dd(.text(household.address.isEmpty ? "—" : household.address)),
                .dt(.text("Thôn")), .dd(.text(household.villageName)))),
            .if(detail.canManage, .div(.class("actions"),
                Tag.link("Thêm thành viên", SiteURL.newMember(household: household.id).path, classes: "button"),
                Tag.link("Sửa thông tin hộ", SiteURL.editHousehold(household.id).path, classes: "button secondary"))),
            .h2(.text("Thành viên (\(detail.members.count))")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Họ tên")), .th(.text("Quan hệ")), .th(.class("num"), .text("Năm sinh")), .th(.text("Giới tính")),
                           .th(.text("Học vấn")), .th(.text("Biết chữ")), .th(.text("Công dân học tập")), .th(.text("Số định danh")), .th(.text("")))),
                .tbody(.forEach(detail.members) { member in
                    let person = member.record
                    return .tr(
                        .td(.attr("data-label", "Họ tên"), .text(person.fullName)),
                        .td(.attr("data-label", "Quan hệ"), .text(person.relation?.label ?? "—")),
                        .td(.attr("data-label", "Năm sinh"), .class("num"), .text(person.birthYear.map(String.init) ?? "—")),
                        .td(.attr("data-label", "Giới tính"), .text(person.sex?.label ?? "—")),
                        .td(.attr("data-label", "Học vấn"), .text(person.schooling?.label ?? "—")),
                        .td(.attr("data-label", "Biết chữ"), .text(RegistryText.yesNo(person.literate))),
                        .td(.attr("data-label", "Công dân học tập"), .text(person.targetGroup?.label ?? "—")),
                        .td(.attr("data-label", "Số định danh"), .text(member.personalID ?? "—")),
                        .td(.if(detail.canManage, Tag.link("Sửa", SiteURL.editPerson(person.id).path))))
                }))),
            AccessLogSection.render(detail.recentReads),
        ])
    }
}

/// A person's form: a household member, or a learning citizen.
enum PersonFormPage {
    struct Model {
        var title: String
        var action: String
        var draft: PersonDraft
        var personalIDText = ""
        var currentID: String?
        var version: Int?
        var isMember: Bool
        var issues: [FieldIssue] = []
        var deleteAction: String?
        /// The person's own data as JSON, for a request under the personal-data rules.
        var exportAction: String?
        var learningRecord: String?
        var eraseAction: String?
        var recentReads: [PersonalDataRead] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let draft = model.draft
        return Layout.page(title: model.title, chrome: model.chrome, [
            Notice.formErrors(model.issues),
            Tag.form(action: model.action, csrf: model.chrome.csrfToken, [
                .unwrap(model.version) { Tag.hidden("version", String($0)) },
                Tag.field("fullName", label: "Họ và tên", value: draft.fullName, error: model.issues.message(for: "fullName"), required: true,
                          autocomplete: "off"),
                .if(model.isMember, Tag.select("relation", label: "Quan hệ với chủ hộ",
                                               options: [("", "— chọn —")] + HouseholdRelation.allCases.map { ($0.rawValue, $0.label) },
                                               selected: draft.relation?.rawValue ?? "", error: model.issues.message(for: "relation"))),
                Tag.field("birthYear", label: "Năm sinh", value: draft.birthYear.map(String.init) ?? "", error: model.issues.message(for: "birthYear"),
                          extra: [Tag.attribute("inputmode", "numeric")]),
                Tag.select("sex", label: "Giới tính", options: [("", "Chưa rõ")] + Sex.allCases.map { ($0.rawValue, $0.label) },
                           selected: draft.sex?.rawValue ?? ""),
                Tag.select("schooling", label: "Học vấn", options: [("", "Chưa rõ")] + Schooling.allCases.map { ($0.rawValue, $0.label) },
                           selected: draft.schooling?.rawValue ?? ""),
                RegistryText.boolSelect("literate", label: "Biết chữ", selected: draft.literate),
                RegistryText.boolSelect("studying", label: "Đang đi học", selected: draft.studying),
                Tag.select("targetGroup", label: "Công dân học tập (nhóm theo QĐ 324/QĐ-KHVN)",
                           options: [("", model.isMember ? "Không đăng ký" : "— chọn —")] + TargetGroup.allCases.map { ($0.rawValue, $0.label) },
                           selected: draft.targetGroup?.rawValue ?? "", error: model.issues.message(for: "targetGroup")),
                Tag.field("personalID", label: "Số định danh cá nhân (CCCD, 12 số)", value: model.personalIDText,
                          hint: model.currentID.map { "Đang lưu: \($0). Để trống nếu không đổi." } ?? "Không bắt buộc. Được mã hóa khi lưu.",
                          error: model.issues.message(for: "personalID"), autocomplete: "off", extra: [Tag.attribute("inputmode", "numeric")]),
                .if(model.currentID != nil, .div(.element(named: "label", nodes: [
                    .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "clearPersonalID"), Tag.attribute("value", "1")]),
                    .text(" Xóa số định danh đang lưu"),
                ]))),
                .div(Tag.submit("Lưu")),
            ]),
            .unwrap(model.deleteAction) { action in
                Tag.postButton("Xóa khỏi sổ theo dõi", action: action, csrf: model.chrome.csrfToken, classes: "secondary",
                               hidden: [("version", String(model.version ?? 0))])
            },
            .unwrap(model.learningRecord) { url in .p(Tag.link("Hồ sơ học tập suốt đời, kỹ năng số", url, classes: "button secondary")) },
            .unwrap(model.exportAction) { url in
                .p(.class("hint"), .text("Khi người này yêu cầu dữ liệu của mình: "), Tag.link("tải toàn bộ dữ liệu (JSON)", url), .text("."))
            },
            .unwrap(model.eraseAction) { url in
                .p(.class("hint"), .text("Khi người này yêu cầu xóa dữ liệu của mình: "), Tag.link("xóa dữ liệu cá nhân", url), .text("."))
            },
            AccessLogSection.render(model.recentReads),
        ])
    }
}

/// Uploading a registry file (households, units, citizens) for a commune.
enum RegistryImportPage {
    struct Model {
        var title: String
        var commune: Area
        var action: SiteURL
        var back: SiteURL
        var description: String
        var hint: String
        var report: String?
        var failure: ImportFailure?
        var fileName: String?
        var error: String?
        var chrome: PageChrome
    }

    static func households(_ commune: Area, chrome: PageChrome) -> Model {
        Model(title: "Nhập hộ gia đình từ tệp CSV", commune: commune, action: .importHouseholds(commune: commune.id), back: .households(area: commune.id),
              description: "Tệp CSV (UTF-8), mỗi dòng một thành viên; các dòng cùng giá trị cột household là một hộ. Cột bắt buộc: household, village (mã thôn trong xã, ví dụ 01), full_name, relation (Chủ hộ, Vợ/chồng, Con…). Cột không bắt buộc: address, birth_year, sex, schooling, literate, studying, target_group, citizen_id.",
              hint: "Mỗi hộ cần đúng một chủ hộ. Tệp có lỗi thì không ghi gì; số định danh trùng (trong tệp hoặc đã có) được chỉ rõ dòng.", chrome: chrome)
    }

    static func units(_ commune: Area, chrome: PageChrome) -> Model {
        Model(title: "Nhập đơn vị từ tệp CSV", commune: commune, action: .importUnits(commune: commune.id), back: .units(area: commune.id),
              description: "Tệp CSV (UTF-8), mỗi dòng một đơn vị. Cột bắt buộc: name, kind (Cơ quan nhà nước, Trường phổ thông, Doanh nghiệp, tổ chức kinh tế…). Cột không bắt buộc: staff_count, village (mã thôn nếu đơn vị thuộc một thôn).",
              hint: "Tệp có lỗi thì không ghi gì.", chrome: chrome)
    }

    static func citizens(_ commune: Area, chrome: PageChrome) -> Model {
        Model(title: "Nhập công dân học tập từ tệp CSV", commune: commune, action: .importCitizens(commune: commune.id), back: .citizens(area: commune.id),
              description: "Tệp CSV (UTF-8), mỗi dòng một người (không thuộc hộ đã đăng ký). Cột bắt buộc: full_name, target_group (Người dân trong xã, Người lao động, Cán bộ công nhân viên, doanh nhân, Học sinh, sinh viên, học viên). Cột không bắt buộc: birth_year, sex, village, citizen_id.",
              hint: "Số định danh trùng (trong tệp hoặc đã có ở bất kỳ đâu) được chỉ rõ dòng; tệp có lỗi thì không ghi gì.", chrome: chrome)
    }

    static func clans(_ commune: Area, chrome: PageChrome) -> Model {
        Model(title: "Nhập dòng họ từ tệp CSV", commune: commune, action: .importClans(commune: commune.id), back: .clans(area: commune.id),
              description: "Tệp CSV (UTF-8), mỗi dòng một hộ thành viên; các dòng cùng tên dòng họ (không phân biệt dấu, hoa thường) là một dòng họ. Cột bắt buộc: clan (tên dòng họ, ví dụ Họ Nguyễn Văn thôn Đông). Cột không bắt buộc: head_name (trưởng họ), village (mã thôn nơi đăng ký; để trống là cấp xã), household (mã hộ thành viên, có thể ở thôn, xã khác trong địa bàn của bạn).",
              hint: "Dòng họ đã có trong xã không nhập lại; hộ không tìm thấy hoặc lặp lại được chỉ rõ dòng. Tệp có lỗi thì không ghi gì.", chrome: chrome)
    }

    static func render(_ model: Model) -> HTML {
        // Multipart bodies are not parsed before the CSRF check, so the token rides in the URL.
        let action = model.action.path
        return Layout.page(title: model.title, chrome: model.chrome, breadcrumbs: [(model.commune.fullName, model.back.path)], [
            .unwrap(model.report) { Notice.ok("Đã nhập \(model.fileName ?? "tệp"): \($0).") },
            .unwrap(model.error) { Notice.error($0) },
            .unwrap(model.failure) { failure in
                .group(
                    Notice.error("Tệp \(model.fileName ?? "") có \(failure.issues.count)\(failure.truncated ? "+" : "") lỗi; chưa ghi gì. Sửa các dòng dưới đây rồi tải lên lại."),
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.class("num"), .text("Dòng")), .th(.text("Cột")), .th(.text("Lỗi")))),
                        .tbody(.forEach(failure.issues) { issue in
                            .tr(.td(.class("num"), .text(String(issue.line))),
                                .td(.text([issue.column.map(String.init), issue.columnName].compactMap { $0 }.joined(separator: " · "))),
                                .td(.text(issue.message)))
                        }))))
            },
            .div(.class("card"), .p(.text(model.description)), .p(.class("hint"), .text(model.hint))),
            Tag.form(action: action, csrf: model.chrome.csrfToken, multipart: true, [
                Tag.field("file", label: "Tệp CSV", type: "file", required: true, extra: [Tag.attribute("accept", ".csv,text/csv")]),
                .div(Tag.submit("Tải lên và nhập")),
            ]),
        ])
    }
}
