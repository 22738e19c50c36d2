import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Erasing a person's data on their request: what goes, what a decision keeps, and the
/// confirmation with the request's date and how it was received.
enum ErasurePage {
    struct Model {
        var preview: ErasurePreview
        var receivedOn: String
        var basis = ""
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let preview = model.preview
        let person = preview.person.record
        let years = { (evaluations: [ErasableEvaluation]) in evaluations.map { String($0.year) }.joined(separator: ", ") }
        return Layout.page(title: "Xóa dữ liệu cá nhân: \(person.fullName)", chrome: model.chrome,
                           breadcrumbs: [("Sửa thông tin", SiteURL.editPerson(person.id).path)], [
            Notice.formErrors(model.issues),
            .p(.text("Dùng khi chính người này (hoặc người đại diện hợp pháp) yêu cầu xóa dữ liệu của mình. Việc xóa không hoàn tác được.")),
            .section(.class("card"),
                .h2(.text("Sẽ xóa")),
                .ul(
                    .li(.text("Thông tin cá nhân: họ tên, năm sinh, giới tính, học vấn, quan hệ trong hộ"
                              + (preview.person.personalID == nil ? "" : ", số định danh (bản mã hóa)") + ".")),
                    .li(.text("Hồ sơ học tập suốt đời: \(preview.learningEntries) mục, kỹ năng số \(preview.digitalSkills) năm, danh sách dự lớp ở trung tâm học tập cộng đồng.")),
                    .li(.text("Minh chứng của các phiếu đánh giá người này: \(preview.evidenceRecords) minh chứng, cùng tệp ảnh và tài liệu không còn minh chứng nào khác dùng.")),
                    .if(!preview.anonymised.isEmpty,
                        .li(.text("Tên trên \(preview.anonymised.count) phiếu đánh giá chưa có quyết định công nhận (năm \(years(preview.anonymised))) được thay bằng \"\(RegistryService.erasedName)\"; phiếu vẫn được tính trong số liệu tổng hợp."))),
                    .li(.text("Câu chuyện, ảnh mô hình tiêu biểu về người này (nếu có) được gỡ khỏi cổng thông tin: yêu cầu xóa là rút lại sự đồng ý công bố.")),
                    .li(.text("Đường liên kết xem kết quả đã gửi cho người này ngừng hoạt động."))
                )),
            .section(.class("card"),
                .h2(.text("Được giữ lại")),
                .ul(
                    .if(!preview.keptForDecisions.isEmpty,
                        .li(.text("Quyết định công nhận năm \(years(preview.keptForDecisions)): họ tên và danh hiệu trong quyết định, như bản ghi tối thiểu của văn bản hành chính."))),
                    .li(.text("Nhật ký thay đổi và nhật ký truy cập dữ liệu: bằng chứng về việc ai đã xử lý dữ liệu, giữ theo thời hạn lưu trữ."))
                )),
            .if(preview.isHouseholdHead, Notice.error("\(person.fullName) là chủ hộ: hộ vẫn còn trong sổ, tên chủ hộ được thay bằng \"\(RegistryService.erasedHead)\" cho đến khi cán bộ ghi chủ hộ mới (sửa thông tin hộ).")),
            Tag.form(action: SiteURL.erasePerson(person.id).path, csrf: model.chrome.csrfToken, [
                Tag.hidden("version", String(person.version)),
                Tag.field("receivedOn", label: "Ngày nhận yêu cầu", value: model.receivedOn, hint: "Ngày/tháng/năm, ví dụ 20/11/2026.",
                          error: model.issues.message(for: "receivedOn"), required: true, autocomplete: "off"),
                Tag.field("basis", label: "Yêu cầu được nhận thế nào", value: model.basis,
                          hint: "Ví dụ: đơn đề nghị của bà Nguyễn Thị A, nộp tại UBND xã. Ghi chú này vào nhật ký; đừng ghi số định danh.",
                          error: model.issues.message(for: "basis"), required: true, autocomplete: "off"),
                .div(.element(named: "label", nodes: [
                    .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "confirm"), Tag.attribute("value", "1")]),
                    .text(" Tôi đã kiểm tra yêu cầu và hiểu rằng việc xóa không hoàn tác được."),
                ]), .if(model.issues.message(for: "confirm") != nil, .p(.class("field-error"), .text(model.issues.message(for: "confirm") ?? "")))),
                .div(.class("actions"), Tag.submit("Xóa dữ liệu của người này", classes: "danger"),
                     Tag.link("Hủy", SiteURL.editPerson(person.id).path, classes: "button secondary")),
            ]),
        ])
    }
}
