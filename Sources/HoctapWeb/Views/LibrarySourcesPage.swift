import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// "Thư viện liên kết": the libraries harvested over OAI-PMH and the form to add one.
enum LibrarySourcesPage {
    struct Form {
        var name = "", url = "", set = "", province = ""
    }

    struct Model {
        var sources: [LibrarySource]
        var provinceNames: [Area.ID: String]
        var provinces: [(id: Area.ID, name: String)]
        /// Whether the actor may register a national library.
        var national: Bool
        var canRemove: (LibrarySource) -> Bool
        var form: Form
        var issues: [FieldIssue]
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let error = { (field: String) in model.issues.first { $0.field == field }?.message }
        var provinceOptions: [(value: String, label: String)] = model.national ? [("", "Cả nước (thư viện cấp quốc gia)")] : []
        provinceOptions += model.provinces.map { (String($0.id), $0.name) }
        return Layout.page(title: "Thư viện liên kết", chrome: model.chrome, [
            .unwrap(model.notice) { Notice.ok($0) },
            .p(.text("Biểu ghi của các thư viện dưới đây được thu thập qua OAI-PMH (lệnh hoctap harvest, chạy định kỳ) và tra cứu được ở "),
               Tag.link("trang Thư viện", SiteURL.library.path), .text(".")),
            .if(model.sources.isEmpty, .p(.text("Chưa đăng ký thư viện nào."))),
            .if(!model.sources.isEmpty, .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Thư viện")), .th(.text("Tỉnh")), .th(.class("num"), .text("Biểu ghi")), .th(.text("Lần thu thập gần nhất")), .th(.text("")))),
                .tbody(.forEach(model.sources) { source in
                    .tr(.td(.attr("data-label", "Thư viện"), .strong(.text(source.name)), .br(), .small(.text(source.baseURL + (source.setSpec.map { " · bộ \($0)" } ?? "")))),
                        .td(.attr("data-label", "Tỉnh"), .text(source.provinceID.map { model.provinceNames[$0] ?? "Tỉnh khác" } ?? "Cả nước")),
                        .td(.attr("data-label", "Biểu ghi"), .class("num"), .text(VietnameseFormat.integer(source.recordCount))),
                        .td(.attr("data-label", "Lần thu thập gần nhất"), status(source)),
                        .td(.if(model.canRemove(source),
                                Tag.postButton("Bỏ thư viện", action: SiteURL.removeLibrarySource(source.id).path, csrf: model.chrome.csrfToken))))
                })))),
            .h2(.text("Đăng ký thư viện")),
            .if(!model.issues.isEmpty, Notice.formErrors(model.issues)),
            Tag.form(action: SiteURL.librarySources.path, csrf: model.chrome.csrfToken, [
                Tag.field("name", label: "Tên thư viện", value: model.form.name, error: error("name"), required: true),
                Tag.field("url", label: "Địa chỉ OAI-PMH", value: model.form.url, type: "url",
                          hint: "Koha: https://…/cgi-bin/koha/oai.pl · DSpace: https://…/server/oai/request", error: error("baseURL"), required: true),
                Tag.field("set", label: "Chỉ thu thập bộ sưu tập (setSpec, không bắt buộc)", value: model.form.set),
                Tag.select("province", label: "Thư viện của", options: provinceOptions, selected: model.form.province, error: error("province")),
                Tag.submit("Đăng ký"),
            ]),
        ])
    }

    static func status(_ source: LibrarySource) -> BodyNode {
        guard let when = source.lastRunAt else { return .text("Chưa thu thập") }
        let label = source.status == .ok ? "Thành công" : "Lỗi"
        return .group(.span(.class(source.status == .ok ? "tag ok" : "tag off"), .text(label)),
                      .text(" \(VietnameseFormat.dateTime(when)). "), .small(.text(source.message)))
    }
}
