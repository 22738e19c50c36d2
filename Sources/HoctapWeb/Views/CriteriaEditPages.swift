import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The problems of a set file, each with its path and line, in file order.
enum CriteriaIssueTable {
    static func render(_ issues: [CriteriaIssue]) -> BodyNode {
        .div(.class("table-wrap"), .table(
            .thead(.tr(.th(.class("num"), .text("Dòng")), .th(.text("Vị trí trong tệp")), .th(.text("Lỗi")))),
            .tbody(.forEach(issues) { issue in
                .tr(.td(.class("num"), .text(issue.line.map(String.init) ?? "—")),
                    .td(.element(named: "code", nodes: [BodyNode.text(issue.path.isEmpty ? "(gốc)" : issue.path)])),
                    .td(.text(issue.message)))
            })
        ))
    }
}

/// The YAML editor of a draft: save as often as needed (invalid text is kept, with its problems
/// listed), publish once valid, or throw the draft away.
enum CriteriaDraftPage {
    struct Model {
        var setID: String
        var state: CriteriaDraftState
        /// The text in the editor: what the user typed when a save was refused, else the draft.
        var text: String
        /// Why the last save or publish was refused, when it was.
        var error: String?
        var fieldIssues: [FieldIssue] = []
        /// What someone else saved meanwhile, shown next to the user's text after a conflict.
        var theirs: String?
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let state = model.state
        let csrf = model.chrome.csrfToken
        return Layout.page(title: "Bản nháp: \(state.set?.name ?? model.setID)", chrome: model.chrome,
                           breadcrumbs: [("Bộ tiêu chí", SiteURL.criteria.path), (model.setID, SiteURL.criteriaSet(model.setID).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.error) { Notice.error($0, details: model.fieldIssues.map { "\($0.field): \($0.message)" }) },
            .p(.text("Lần sửa \(state.record.version), \(VietnameseFormat.dateTime(state.record.updatedAt)) bởi \(state.record.updatedBy). "),
               .text("Định dạng tệp: docs/criteria-format.md (kèm mã nguồn).")),
            status(state),
            Tag.form(action: SiteURL.criteriaDraft(model.setID).path, csrf: csrf, classes: "stack wide", [
                Tag.hidden("version", String(state.record.version)),
                .div(
                    .element(named: "label", nodes: [BodyNode.attr("for", "f-yaml"), .text("Nội dung bộ tiêu chí (YAML)")]),
                    .element(named: "textarea", nodes: [
                        BodyNode.attr("id", "f-yaml"), .attr("name", "yaml"), .class("code"), .attr("spellcheck", "false"),
                        .attr("aria-describedby", "f-yaml-hint"), .text(model.text),
                    ]),
                    .p(.class("hint"), .attr("id", "f-yaml-hint"),
                       .text("Lưu bao nhiêu lần cũng được, kể cả khi còn lỗi; chỉ công bố được khi không còn lỗi."))
                ),
                .div(.class("actions"), Tag.submit("Lưu bản nháp")),
            ]),
            .unwrap(model.theirs) { theirs in
                .element(named: "details", nodes: [
                    BodyNode.attr("open", "open"),
                    .element(named: "summary", nodes: [BodyNode.text("Nội dung người khác vừa lưu (lần sửa \(state.record.version))")]),
                    .element(named: "pre", nodes: [BodyNode.class("code"), .text(theirs)]),
                ])
            },
            .div(.class("actions"),
                 .if(state.issues.isEmpty && model.theirs == nil,
                     Tag.postButton("Công bố phiên bản mới", action: SiteURL.criteriaPublish(model.setID).path, csrf: csrf, classes: "",
                                    hidden: [("version", String(state.record.version))])),
                 Tag.postButton("Bỏ bản nháp", action: SiteURL.criteriaDiscard(model.setID).path, csrf: csrf, classes: "secondary",
                                hidden: [("version", String(state.record.version))]),
                 Tag.link("Tải bản nháp (YAML)", SiteURL.criteriaYAML(model.setID).with(["draft": "1"]), classes: "button secondary")),
        ])
    }

    /// Whether the saved draft can be published, and what still keeps it from official use.
    static func status(_ state: CriteriaDraftState) -> BodyNode {
        if !state.issues.isEmpty {
            return .group(
                Notice.error("Bản nháp đã lưu còn \(state.issues.count) lỗi; sửa xong mới công bố được."),
                CriteriaIssueTable.render(state.issues))
        }
        guard let set = state.set else { return .empty }
        let blockers = CriteriaSetValidator.officialUseBlockers(of: set)
        return .group(
            Notice.ok("Bản nháp hợp lệ: \(set.criteria.count) tiêu chí, \(set.items.count) chỉ tiêu/nội dung; \(set.status.label)."),
            .if(!blockers.isEmpty, .div(.class("notice warn"),
                .p(.class("lead"), .text("Công bố được, nhưng chưa dùng được để công nhận chính thức vì:")),
                .ul(.forEach(blockers) { .li(.text($0)) }))))
    }
}

/// Uploading a set file; it becomes the draft of its set.
enum CriteriaImportPage {
    struct Model {
        var fileName: String?
        var issues: [CriteriaIssue] = []
        var error: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        // Multipart bodies are not parsed before the CSRF check, so the token rides in the URL.
        let action = SiteURL.criteriaImport.path
        return Layout.page(title: "Nhập tệp bộ tiêu chí", chrome: model.chrome, breadcrumbs: [("Bộ tiêu chí", SiteURL.criteria.path)], [
            .unwrap(model.error) { Notice.error($0) },
            .if(!model.issues.isEmpty, .group(
                Notice.error("Tệp \(model.fileName ?? "") có \(model.issues.count) lỗi; chưa lưu gì. Sửa rồi tải lên lại."),
                CriteriaIssueTable.render(model.issues))),
            .div(.class("card"),
                 .p(.text("Tệp YAML theo định dạng hoctap-criteria/1 (xem docs/criteria-format.md). Tệp trở thành bản nháp của bộ có cùng mã; bản nháp cũ của bộ đó được thay thế. Chỉ khi công bố mới tạo phiên bản mới.")),
                 .p(.class("hint"), .text("Cán bộ cấp tỉnh chỉ nhập được biến thể của tỉnh mình (variant_of.province là mã tỉnh)."))),
            Tag.form(action: action, csrf: model.chrome.csrfToken, multipart: true, [
                Tag.field("file", label: "Tệp bộ tiêu chí (.yaml)", type: "file", required: true,
                          extra: [Tag.attribute("accept", ".yaml,.yml,application/yaml,text/yaml")]),
                .div(Tag.submit("Tải lên thành bản nháp")),
            ]),
        ])
    }
}

/// Creating a province variant from a published set.
enum CriteriaDerivePage {
    struct Model {
        var parent: PublishedCriteriaSet
        var provinces: [Area]
        var newID: String = ""
        var provinceCode: String = ""
        var effectiveFrom: String = ""
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let parent = model.parent
        let suggested = model.newID.isEmpty ? "\(parent.set.id)-\(model.provinces.first.map { "t\($0.code)" } ?? "tinh")" : model.newID
        return Layout.page(title: "Tạo biến thể của tỉnh", chrome: model.chrome,
                           breadcrumbs: [("Bộ tiêu chí", SiteURL.criteria.path), (parent.set.id, SiteURL.criteriaSet(parent.set.id).path)], [
            Notice.formErrors(model.issues),
            .p(.text("Biến thể bắt đầu là bản sao của \(parent.set.name) (phiên bản \(parent.record.version)) ở trạng thái bản nháp. Sau đó sửa điểm, ngưỡng, chỉ tiêu hoặc thêm nội dung riêng của tỉnh, ghi số và ngày văn bản của tỉnh, rồi công bố.")),
            Tag.form(action: SiteURL.criteriaDerive(parent.set.id).path, csrf: model.chrome.csrfToken, [
                Tag.field("id", label: "Mã bộ mới", value: suggested,
                          hint: "Chữ thường không dấu, số và dấu -, 3–64 ký tự; không đổi được sau khi tạo.",
                          error: model.issues.message(for: "id"), required: true),
                Tag.select("province", label: "Tỉnh, thành phố",
                           options: model.provinces.map { ($0.code, $0.fullName) }, selected: model.provinceCode,
                           error: model.issues.message(for: "province")),
                Tag.field("effectiveFrom", label: "Hiệu lực từ ngày", value: model.effectiveFrom, type: "date",
                          hint: "Để trống nếu giữ ngày của bộ gốc.", error: model.issues.message(for: "effectiveFrom")),
                .div(Tag.submit("Tạo bản nháp biến thể")),
            ]),
        ])
    }
}
