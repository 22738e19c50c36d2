import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// How long each kind of personal data is kept, what is due now, and the button that applies it.
enum RetentionPage {
    struct Model {
        var rows: [RetentionStatus]
        var notice: String? = nil
        /// The rule whose form was refused, with what was typed.
        var failed: (rule: RetentionRule, days: String, issues: [FieldIssue])? = nil
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let csrf = model.chrome.csrfToken
        return Layout.page(title: "Thời hạn lưu giữ dữ liệu cá nhân", chrome: model.chrome, [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.failed) { Notice.formErrors($0.issues) },
            .p(.text("hoctap chưa có văn bản được xác minh quy định các thời hạn này. Thời hạn \"mặc định của hoctap\" là đề xuất của phần mềm, không phải quy định; "
                     + "hãy đặt theo quy định hiện hành về bảo vệ dữ liệu cá nhân và lưu trữ mà cơ quan bạn áp dụng.")),
            .forEach(model.rows) { row in
                let failed = model.failed.flatMap { $0.rule == row.rule ? $0 : nil }
                return .section(.class("card"),
                    .h2(.text(row.rule.label)),
                    .p(.text(row.rule.explanation)),
                    .dl(.class("facts"),
                        .dt(.text("Đang áp dụng")),
                        .dd(.text(RetentionService.describe(row.days) + (row.setting == nil ? " (mặc định của hoctap)" : ""))),
                        .unwrap(row.setting) { setting in
                            .group(.dt(.text("Người đặt")), .dd(.text("\(setting.updatedBy), \(VietnameseFormat.dateTime(setting.updatedAt))")))
                        },
                        .dt(.text("Đến hạn xóa")),
                        .dd(.text(row.rule == .accessLog ? "\(VietnameseFormat.integer(row.due)) lượt xem" : "minh chứng của \(VietnameseFormat.integer(row.due)) phiếu"))),
                    Tag.form(action: SiteURL.retention.path, csrf: csrf, [
                        Tag.hidden("rule", row.rule.rawValue),
                        Tag.hidden("version", row.setting.map { String($0.version) } ?? ""),
                        Tag.field("days-\(row.rule.rawValue)", label: "Thời hạn (số ngày)", value: failed?.days ?? row.days.map(String.init) ?? "",
                                  hint: "Để trống để giữ lâu dài.", error: failed?.issues.message(for: "days"), autocomplete: "off",
                                  extra: [Tag.attribute("inputmode", "numeric")]),
                        .div(Tag.submit("Lưu thời hạn", classes: "secondary")),
                    ]))
            },
            .section(.class("card"),
                .h2(.text("Áp dụng ngay")),
                .p(.text("Xóa mọi thứ đã quá thời hạn đang áp dụng, trong một lần ghi; việc xóa được ghi vào nhật ký. "
                         + "Có thể chạy định kỳ bằng lệnh hoctap retention apply.")),
                Tag.postButton("Áp dụng thời hạn lưu giữ", action: SiteURL.applyRetention.path, csrf: csrf, classes: "danger")),
        ])
    }
}
