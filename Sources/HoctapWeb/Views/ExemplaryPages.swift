import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The honour board of exemplary learning models, a model's page, the nomination form and the
/// officials' list of nominations with the province's decision.
enum ExemplaryPages {
    static func board(_ page: PagedRows<ExemplaryRecord>, province: Area.ID?, year: Int?, provinces: [PortalArea], years: [Int],
                      base: String, chrome: PageChrome) -> HTML {
        var query: [String: String] = [:]
        if let province { query["tinh"] = String(province) }
        if let year { query["nam"] = String(year) }
        let provinceName = provinces.first { $0.id == province }?.name
        return Layout.page(
            title: "Mô hình học tập tiêu biểu" + (provinceName.map { " · \($0)" } ?? "") + (year.map { " · \($0)" } ?? ""), chrome: chrome,
            meta: PageMeta(description: "Gia đình, dòng họ, cộng đồng, đơn vị và công dân học tập tiêu biểu được tỉnh vinh danh.",
                           url: base + SiteURL.honourBoard.with(query)), [
                .element(named: "form", nodes: [
                    BodyNode.attr("action", SiteURL.honourBoard.path), .attr("method", "get"), .class("filters"),
                    Tag.select("tinh", label: "Tỉnh, thành phố", options: [("", "Cả nước")] + provinces.map { (String($0.id), $0.name) },
                               selected: province.map(String.init) ?? ""),
                    Tag.select("nam", label: "Năm", options: [("", "Mọi năm")] + years.map { (String($0), String($0)) }, selected: year.map(String.init) ?? ""),
                    Tag.submit("Xem", classes: "secondary"),
                ]),
                .if(page.rows.isEmpty, .p(.text("Chưa có mô hình nào được vinh danh ở mục này."))),
                .ol(.class("articles"), .forEach(page.rows) { model in
                    .li(.h2(Tag.link(model.publicName, SiteURL.exemplary(model.id).path)),
                        .p(.class("meta"), .text("\(model.model.label) · \(model.year) · \(model.communeName), \(model.provinceName)")),
                        .p(.text(ArticleMarkdown.excerpt(model.story, limit: 220))))
                }),
                RegistryText.pager(page, id: \.id) { SiteURL.honourBoard.with(query.merging($0) { $1 }) },
            ])
    }

    static func model(_ model: ExemplaryRecord, photos: [ExemplaryPhotoRecord], base: String, chrome: PageChrome) -> HTML {
        Layout.page(
            title: model.publicName, chrome: chrome, breadcrumbs: [("Mô hình tiêu biểu", SiteURL.honourBoard.path)],
            meta: PageMeta(description: ArticleMarkdown.excerpt(model.story, limit: 200), url: base + SiteURL.exemplary(model.id).path, type: "article",
                           image: photos.first.map { base + SiteURL.exemplaryPhoto($0.id).path }), [
                .if(model.state != .approved, Notice.error("\(model.state.label): người đọc chưa thấy trang này.")),
                .p(.class("meta"), .text("\(model.model.label) năm \(model.year) · \(model.communeName), \(model.provinceName)")),
                .forEach(model.story.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) { .p(.text($0)) },
                .forEach(photos) { photo in
                    .element(named: "figure", nodes: [
                        .selfClosedElement(named: "img", attributes: [
                            Tag.attribute("src", SiteURL.exemplaryPhoto(photo.id).path), Tag.attribute("alt", "Ảnh của \(model.publicName)"),
                            Tag.attribute("loading", "lazy"),
                        ]),
                    ])
                },
            ])
    }

    /// What the nominating official typed, kept when refused.
    struct NominationForm: Sendable {
        var story = ""
        var consent = false
        var consentNote = ""
    }

    static func nominate(_ detail: EvaluationDetail, form: NominationForm, issues: [FieldIssue], error: String?, chrome: PageChrome) -> HTML {
        let action = SiteURL.nominate(evaluation: detail.evaluation.id).path
        return Layout.page(
            title: "Đề cử mô hình tiêu biểu: \(detail.evaluation.subjectName)", chrome: chrome,
            breadcrumbs: [("Phiếu đánh giá", SiteURL.evaluation(detail.evaluation.id).path)], [
                .unwrap(error) { Notice.error($0) },
                Notice.formErrors(issues),
                .p(.text("\(detail.cycle.model.label) năm \(detail.cycle.year), đã được công nhận. Khi tỉnh duyệt, mô hình hiện trên bảng vinh danh công khai.")),
                // A multipart body is not read before the route, so the token travels in the address.
                Tag.form(action: action, csrf: chrome.csrfToken, multipart: true, classes: "stack wide", [
                    PortalEditorPages.textarea("story", label: "Vì sao đây là mô hình tiêu biểu", value: form.story, rows: 8, error: issues.message(for: "story"),
                                               hint: "Vài đoạn ngắn: việc học của gia đình, dòng họ, cộng đồng; kết quả; điều đáng nhân rộng."),
                    .div(.element(named: "label", nodes: [
                        .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "consent"),
                                                                       Tag.attribute("value", "1")] + (form.consent ? [Tag.attribute("checked", "checked")] : [])),
                        .text(" Người được đề cử (chủ hộ, trưởng họ, người đứng đầu đơn vị hoặc công dân) đã đồng ý công khai tên và ảnh"),
                    ]), .p(.class("hint"), .text("Không có sự đồng ý: bảng vinh danh chỉ ghi mô hình và xã, không tên, không ảnh."))),
                    Tag.field("consentNote", label: "Sự đồng ý được ghi nhận thế nào", value: form.consentNote,
                              hint: "Ví dụ: ông Nguyễn Văn A, chủ hộ, ký giấy đồng ý ngày 20/11/2026 (lưu tại xã).", error: issues.message(for: "consentNote")),
                    Tag.field("photos", label: "Ảnh (JPEG, PNG; tối đa \(NominationDraft.maximumPhotos) ảnh, mỗi ảnh \(VietnameseFormat.bytes(PortalService.maximumImageBytes)))",
                              type: "file", error: issues.message(for: "photos"), extra: [Tag.attribute("multiple", "multiple"), Tag.attribute("accept", "image/jpeg,image/png")]),
                    .div(.class("actions"), Tag.submit("Gửi đề cử")),
                ]),
            ])
    }

    static func nominations(_ page: PagedRows<ExemplaryRecord>, canDecide: (ExemplaryRecord) -> Bool, notice: String?, issues: [FieldIssue] = [],
                            chrome: PageChrome) -> HTML {
        Layout.page(title: "Mô hình tiêu biểu: đề cử và duyệt", chrome: chrome, [
            .unwrap(notice) { Notice.ok($0) },
            Notice.formErrors(issues),
            .p(.text("Đề cử từ trang phiếu đánh giá của một đối tượng đã được công nhận. Cán bộ cấp tỉnh duyệt; mô hình được duyệt hiện trên "),
               Tag.link("bảng vinh danh", SiteURL.honourBoard.path), .text(".")),
            .if(page.rows.isEmpty, .p(.text("Chưa có đề cử nào."))),
            .forEach(page.rows) { model in
                .section(.class("card"),
                    .h2(Tag.link(model.subjectName, SiteURL.exemplary(model.id).path)),
                    .p(.class("meta"), .text("\(model.model.label) \(model.year) · \(model.communeName), \(model.provinceName) · đề cử bởi \(model.nominatedBy)")),
                    .p(.text("\(model.state.label)\(model.decisionNote.isEmpty ? "" : " — \(model.decisionNote)")")),
                    .p(.text(model.consent ? "Đã có đồng ý công khai: \(model.consentNote)" : "Không công khai tên và ảnh.")),
                    .if(canDecide(model), Tag.form(action: SiteURL.decideNomination(model.id).path, csrf: chrome.csrfToken, classes: "inline", [
                        Tag.hidden("version", String(model.version)),
                        Tag.field("note", label: "Ghi chú (bắt buộc khi không duyệt)", value: ""),
                        .element(named: "button", nodes: [.attr("type", "submit"), .attr("name", "decision"), .attr("value", "approve"), .text("Duyệt")]),
                        .element(named: "button", nodes: [.attr("type", "submit"), .attr("name", "decision"), .attr("value", "reject"), .class("secondary"),
                                                          .text("Không duyệt")]),
                    ])))
            },
            RegistryText.pager(page, id: \.id) { SiteURL.nominations.with($0) },
        ])
    }
}
