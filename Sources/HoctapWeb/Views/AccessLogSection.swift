import HoctapDomain
import Plot

/// "Ai đã xem": the latest entries of the personal-data access log next to a record, for the
/// officials who manage it (the person gets the whole log in their data export).
enum AccessLogSection {
    static func render(_ reads: [PersonalDataRead]) -> BodyNode {
        .if(!reads.isEmpty, .section(.class("card"),
            .h2(.text("Lượt xem dữ liệu cá nhân gần đây")),
            .p(.class("hint"), .text("Mỗi lần mở hồ sơ này (trang, API, tải xuống) đều được ghi lại; người dân được xem khi yêu cầu dữ liệu của mình.")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Lúc")), .th(.text("Tài khoản")), .th(.text("Việc")))),
                .tbody(.forEach(reads) { read in
                    .tr(.td(.attr("data-label", "Lúc"), .text(VietnameseFormat.dateTime(read.at))),
                        .td(.attr("data-label", "Tài khoản"), .text(read.by)),
                        .td(.attr("data-label", "Việc"), .text(read.purpose.label)))
                })))))
    }
}
