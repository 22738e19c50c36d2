import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The totals of an area for a year: what is entered, what the children add up to, and the form
/// to enter them (each with its source), plus the CSV import for many areas at once.
enum DenominatorPage {
    struct Model {
        var overview: DenominatorOverview
        /// What was typed, when a save was refused.
        var typed: [String: String] = [:]
        var issues: [FieldIssue] = []
        var importFailure: ImportFailure?
        var conflict: String?
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let overview = model.overview
        let area = overview.area
        let editable = overview.rows.filter { !$0.kind.isCountedFromAreas }
        return Layout.page(title: "Số liệu tổng năm \(overview.year) – \(area.fullName)", chrome: model.chrome,
                           breadcrumbs: [("Tiến độ", SiteURL.progress(area: area.id).with(["year": String(overview.year)]))], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.conflict) { Notice.error($0) },
            Notice.formErrors(model.issues),
            .unwrap(model.importFailure) { failure in
                Notice.error("Tệp có \(failure.issues.count) lỗi; chưa ghi gì.", details: failure.issues.map(\.description))
            },
            .p(.class("hint"), .text("Tỉ lệ trên trang tiến độ chia cho các số này. Số của địa bàn được ưu tiên; khi để trống, hệ thống cộng số của các đơn vị cấp dưới nếu tất cả đã nhập, và ghi rõ còn thiếu ở đâu.")),
            Tag.form(action: SiteURL.denominators(area: area.id).path, method: "get", csrf: nil, classes: "search", [
                Tag.select("year", label: "Năm", options: PlanDraft.years.reversed().map { (String($0), String($0)) }, selected: String(overview.year)),
                Tag.submit("Xem", classes: "secondary"),
            ]),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Loại")), .th(.class("num"), .text("Số đang dùng")), .th(.text("Nguồn")), .th(.class("num"), .text("Đã công nhận")))),
                .tbody(.forEach(overview.rows) { row in
                    .tr(.td(.attr("data-label", "Loại"), .text(row.kind.label)),
                        .td(.attr("data-label", "Số đang dùng"), .class("num"), .text(row.figure.value.map(VietnameseFormat.integer) ?? "—")),
                        .td(.attr("data-label", "Nguồn"), .text(row.entry.map { "\($0.source) (nhập bởi \($0.enteredBy))" } ?? row.figure.explanation)),
                        .td(.attr("data-label", "Đã công nhận"), .class("num"), .text(VietnameseFormat.integer(row.recognised))))
                }))),
            .if(overview.canEdit, Tag.form(action: SiteURL.denominators(area: area.id).with(["year": String(overview.year)]), csrf: model.chrome.csrfToken, classes: "stack wide", [
                .h2(.text("Nhập, sửa số liệu tổng của \(area.name)")),
                .forEach(editable) { row in
                    .element(named: "fieldset", nodes: [
                        .class("card"),
                        .element(named: "legend", nodes: [.text(row.kind.label)]),
                        Tag.hidden("version.\(row.kind.rawValue)", row.entry.map { String($0.version) } ?? ""),
                        Tag.field("value.\(row.kind.rawValue)", label: "Số", value: model.typed["value.\(row.kind.rawValue)"] ?? row.entry.map { String($0.value) } ?? "",
                                  error: model.issues.message(for: row.kind.rawValue), extra: [Tag.attribute("inputmode", "numeric")]),
                        Tag.field("source.\(row.kind.rawValue)", label: "Nguồn", value: model.typed["source.\(row.kind.rawValue)"] ?? row.entry?.source ?? "",
                                  hint: "Ví dụ: Chi cục Thống kê, số liệu 31/12/2025; sổ hộ khẩu thôn."),
                    ])
                },
                .div(.class("actions"), Tag.submit("Lưu số liệu")),
            ])),
            .if(overview.canEdit, .group(
                .h2(.text("Nhập nhiều địa bàn từ tệp CSV")),
                .p(.class("hint"), .text("Cột: area (mã địa bàn; VN cho toàn quốc), year, kind (households, clans, villages, organisations, adults, workers, staff, students hoặc tên tiếng Việt), value, source. Tệp có lỗi thì không ghi gì; số đã có được thay bằng số trong tệp.")),
                Tag.form(action: SiteURL.denominatorImport.with(["area": String(area.id)]), csrf: model.chrome.csrfToken, multipart: true, [
                    Tag.field("file", label: "Tệp CSV (UTF-8)", type: "file", required: true, extra: [Tag.attribute("accept", ".csv,text/csv")]),
                    .div(.class("actions"), Tag.submit("Nhập tệp", classes: "secondary")),
                ]))),
        ])
    }
}

/// The programme plans, one plan with its targets, and the forms that write them.
enum PlanPages {
    static func list(_ plans: [PlanRecord], provinceNames: [Int64: String], canCreate: Bool, chrome: PageChrome) -> HTML {
        Layout.page(title: "Kế hoạch, chỉ tiêu", chrome: chrome, [
            .p(.class("hint"), .text("Chỉ tiêu của tỉnh được ưu tiên hơn chỉ tiêu quốc gia cho các xã của tỉnh; giữa hai mốc, tiến độ so với chỉ tiêu của mốc kế tiếp.")),
            .if(canCreate, .div(.class("actions"), Tag.link("Thêm kế hoạch", SiteURL.newPlan.path, classes: "button"))),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Văn bản")), .th(.text("Tên")), .th(.text("Phạm vi")), .th(.text("Giai đoạn")), .th(.class("num"), .text("Chỉ tiêu có số")))),
                .tbody(.forEach(plans) { plan in
                    .tr(.td(.attr("data-label", "Văn bản"), Tag.link(plan.draft.documentNumber, SiteURL.plan(plan.id).path)),
                        .td(.attr("data-label", "Tên"), .text(plan.draft.name)),
                        .td(.attr("data-label", "Phạm vi"), .text(plan.draft.provinceID.map { provinceNames[$0] ?? "Tỉnh" } ?? "Toàn quốc")),
                        .td(.attr("data-label", "Giai đoạn"), .text("\(plan.draft.fromYear)–\(plan.draft.toYear)")),
                        .td(.attr("data-label", "Chỉ tiêu có số"), .class("num"),
                            .text("\(plan.draft.targets.filter { $0.percent != nil }.count)/\(plan.draft.targets.count)")))
                }))),
        ])
    }

    struct Model {
        var plan: PlanRecord
        var scope: String
        var canManage: Bool
        var typed: [String: String] = [:]
        var issues: [FieldIssue] = []
        var conflict: String?
        var notice: String?
        var chrome: PageChrome
    }

    /// Years shown as columns: the milestones and any year the plan sets.
    static func years(_ plan: PlanDraft) -> [Int] {
        Array(Set(ProgressServiceMilestones.years + plan.targets.map(\.year))).filter { (plan.fromYear...plan.toYear).contains($0) }.sorted()
    }

    static func render(_ model: Model) -> HTML {
        let plan = model.plan.draft
        let years = years(plan)
        let general = plan.targets.filter { $0.areaClass == nil }
        let classTargets = plan.targets.filter { $0.areaClass != nil }
        func target(_ indicator: TargetIndicator, _ year: Int) -> PlanTarget? { general.first { $0.indicator == indicator && $0.year == year } }
        return Layout.page(title: "\(plan.documentNumber): \(plan.name)", chrome: model.chrome, breadcrumbs: [("Kế hoạch, chỉ tiêu", SiteURL.plans.path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.conflict) { Notice.error($0) },
            Notice.formErrors(model.issues),
            .div(.class("card"), .dl(.class("facts"),
                .dt(.text("Cơ quan ban hành")), .dd(.text(plan.issuer)),
                .dt(.text("Ngày")), .dd(.text(plan.documentDate.map(VietnameseFormat.date) ?? "Chưa rõ")),
                .dt(.text("Phạm vi")), .dd(.text(model.scope)),
                .dt(.text("Giai đoạn")), .dd(.text("\(plan.fromYear)–\(plan.toYear)")),
                .dt(.text("Nguồn, độ tin cậy")), .dd(.text(plan.provenance)),
                .dt(.text("Cập nhật")), .dd(.text("\(VietnameseFormat.dateTime(model.plan.updatedAt)) bởi \(model.plan.updatedBy), phiên bản \(model.plan.version)")))),
            Tag.form(action: SiteURL.plan(model.plan.id).path, csrf: model.chrome.csrfToken, classes: "stack wide", [
                Tag.hidden("version", String(model.plan.version)),
                .div(.class("table-wrap"), .table(
                    .caption(.text("Chỉ tiêu (%) theo năm; ô trống là chưa có số liệu")),
                    .thead(.tr(.th(.text("Chỉ tiêu")), .forEach(years) { .th(.class("num"), .text(String($0))) })),
                    .tbody(.forEach(TargetIndicator.allCases) { indicator in
                        .tr(.th(.attr("scope", "row"), .text(indicator.label)),
                            .forEach(years) { year in
                                let found = target(indicator, year)
                                let name = "t.\(indicator.rawValue).\(year)"
                                return .td(.class("num"),
                                    model.canManage
                                        ? .group(
                                            .element(named: "label", nodes: [.class("skip"), .attr("for", "f-\(name)"), .text("\(indicator.label) \(year)")]),
                                            .selfClosedElement(named: "input", attributes: [
                                                Tag.attribute("type", "text"), Tag.attribute("id", "f-\(name)"), Tag.attribute("name", name),
                                                Tag.attribute("inputmode", "decimal"), Tag.attribute("size", "5"),
                                                Tag.attribute("value", model.typed[name] ?? found?.percent.map { VietnameseFormat.compact($0) } ?? ""),
                                            ]),
                                            Tag.hidden("s.\(indicator.rawValue).\(year)", found?.status.rawValue ?? ""))
                                        : .text(found?.percent.map { VietnameseFormat.compact($0) } ?? "—"),
                                    .unwrap(found) { .div(.class("hint"), .text($0.status.label + ($0.note.map { ". \($0)" } ?? ""))) })
                            })
                    }))),
                .if(model.canManage, .group(
                    Tag.select("status", label: "Độ tin cậy của các số vừa sửa", options: SourceStatus.allCases.filter { $0 != .demo }.map { ($0.rawValue, $0.label) },
                               selected: "verified", hint: "Số không đổi giữ nguyên độ tin cậy cũ."),
                    .div(
                        .element(named: "label", nodes: [.attr("for", "f-classTargets"), .text("Chỉ tiêu riêng cho nhóm địa bàn")]),
                        .element(named: "textarea", nodes: [.attr("id", "f-classTargets"), .attr("name", "classTargets"), .attr("rows", "4"),
                            .text(model.typed["classTargets"] ?? classTargets.map { "\($0.indicator.rawValue),\($0.year),\($0.areaClass!.rawValue),\($0.percent.map { CriteriaSetValidator.format($0) } ?? "")" }.joined(separator: "\n"))]),
                        .p(.class("hint"), .text("Mỗi dòng: chỉ tiêu,năm,nhóm,% (ví dụ: family,2025,xa-kho-khan,60). Nhóm: \(AreaClass.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: ", ")). Chỉ tiêu: \(ProgressIndicator.allCases.map(\.rawValue).joined(separator: ", ")).")),
                        .if(model.issues.message(for: "classTargets") != nil, .p(.class("field-error"), .text(model.issues.message(for: "classTargets") ?? "")))),
                    .div(.class("actions"), Tag.submit("Lưu chỉ tiêu")))),
            ]),
        ])
    }

    static func new(provinces: [(String, String)], typed: [String: String], issues: [FieldIssue], chrome: PageChrome) -> HTML {
        Layout.page(title: "Thêm kế hoạch", chrome: chrome, breadcrumbs: [("Kế hoạch, chỉ tiêu", SiteURL.plans.path)], [
            Notice.formErrors(issues),
            Tag.form(action: SiteURL.newPlan.path, csrf: chrome.csrfToken, [
                Tag.select("scope", label: "Phạm vi", options: provinces, selected: typed["scope"]),
                Tag.field("code", label: "Mã (chữ thường không dấu, số, dấu -)", value: typed["code"] ?? "", hint: "Ví dụ: nghe-an-kh-2022", error: issues.message(for: "code"), required: true),
                Tag.field("documentNumber", label: "Số hiệu văn bản", value: typed["documentNumber"] ?? "", hint: "Ví dụ: 102/KH-UBND", error: issues.message(for: "documentNumber"), required: true),
                Tag.field("documentDate", label: "Ngày ban hành", value: typed["documentDate"] ?? "", type: "date", error: issues.message(for: "documentDate")),
                Tag.field("name", label: "Tên", value: typed["name"] ?? "", error: issues.message(for: "name"), required: true),
                Tag.field("issuer", label: "Cơ quan ban hành", value: typed["issuer"] ?? "", error: issues.message(for: "issuer"), required: true),
                Tag.field("fromYear", label: "Từ năm", value: typed["fromYear"] ?? "2021", error: issues.message(for: "years"), extra: [Tag.attribute("inputmode", "numeric")]),
                Tag.field("toYear", label: "Đến năm", value: typed["toYear"] ?? "2030", extra: [Tag.attribute("inputmode", "numeric")]),
                Tag.field("provenance", label: "Nguồn, độ tin cậy", value: typed["provenance"] ?? "", hint: "Đã đối chiếu bản gốc hay chưa; đọc ở đâu."),
                .div(.class("actions"), Tag.submit("Tạo kế hoạch")),
            ]),
        ])
    }

    static func classes(_ area: Area, selected: Set<AreaClass>, chrome: PageChrome) -> HTML {
        Layout.page(title: "Nhóm địa bàn – \(area.fullName)", chrome: chrome, breadcrumbs: [(area.name, SiteURL.area(area.id).path)], [
            .p(.class("hint"), .text("Chỉ tiêu riêng của kế hoạch (ví dụ cho xã vùng khó khăn) áp dụng cho xã thuộc nhóm.")),
            Tag.form(action: SiteURL.areaClasses(area: area.id).path, csrf: chrome.csrfToken, [
                .forEach(AreaClass.allCases) { areaClass in
                    .div(.element(named: "label", nodes: [
                        .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "class"),
                                                                        Tag.attribute("value", areaClass.rawValue)]
                                           + (selected.contains(areaClass) ? [Tag.attribute("checked", "checked")] : [])),
                        .text(" " + areaClass.label),
                    ]))
                },
                .div(.class("actions"), Tag.submit("Lưu")),
            ]),
        ])
    }
}

/// The milestone years, for views that do not import the service's constants.
enum ProgressServiceMilestones {
    static let years = ProgressService.milestones
}
