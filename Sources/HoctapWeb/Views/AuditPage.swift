import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The audit trail of the actor's area: every change with who, when, and the values before and after.
enum AuditPage {
    static func render(_ entries: [AuditRecord], scopeName: String, chrome: PageChrome) -> HTML {
        Layout.page(title: "Nhật ký thay đổi – \(scopeName)", chrome: chrome, [
            .p(.class("hint"), .text("Mỗi mục được nối với mục trước bằng mã băm; `hoctap audit verify` phát hiện mục bị sửa, bị xóa hay ghi ngoài ứng dụng.")),
            .if(entries.isEmpty, .p(.text("Chưa có mục nào."))),
            .if(!entries.isEmpty, .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.class("num"), .text("Số")), .th(.text("Thời điểm")), .th(.text("Người thực hiện")), .th(.text("Việc")), .th(.text("Nội dung")))),
                .tbody(.forEach(entries) { entry in
                    .tr(.td(.attr("data-label", "Số"), .class("num"), .text(entry.seq.map(String.init) ?? "")),
                        .td(.attr("data-label", "Thời điểm"), .text(VietnameseFormat.dateTime(entry.occurredAt))),
                        .td(.attr("data-label", "Người thực hiện"), .text(entry.actorLabel)),
                        .td(.attr("data-label", "Việc"), .text(entry.action)),
                        .td(.attr("data-label", "Nội dung"), .text(entry.summary),
                            .if(entry.before != nil || entry.after != nil, .element(named: "details", nodes: [
                                .element(named: "summary", nodes: [.text("Trước / sau")]),
                                .unwrap(entry.before) { .p(.text("Trước: \(String($0.prefix(2_000)))")) },
                                .unwrap(entry.after) { .p(.text("Sau: \(String($0.prefix(2_000)))")) },
                            ]))))
                })))),
            .unwrap(entries.count == 50 ? entries.last?.seq : nil) { seq in
                .p(Tag.link("Các mục cũ hơn", SiteURL.audit.with(["before": String(seq)]), classes: "button secondary"))
            },
        ])
    }
}
