import HoctapServices
import Hummingbird
import Plot

/// The friendly page for 403, 404, 413, 5xx…: what happened, in plain Vietnamese, and a way on.
enum ErrorPage {
    static func render(_ presentation: ErrorPresentation, chrome: PageChrome, requestID: String) -> HTML {
        Layout.page(title: title(presentation.status), chrome: chrome, [
            Notice.error(presentation.message, details: presentation.issues.map { issue in
                [issue.file, issue.line.map { "dòng \($0)" }, issue.columnName].compactMap { $0 }.joined(separator: ", ")
                    + (issue.line == nil && issue.field == nil ? "" : ": ") + issue.message
            }),
            .p(.text(advice(presentation.status))),
            .div(.class("actions"),
                 Tag.link("Về trang chủ", SiteURL.home.path, classes: "button"),
                 .if(chrome.actor != nil, Tag.link("Xem địa bàn", SiteURL.areas.path, classes: "button secondary"))),
            .if(presentation.isUnexpected, .p(.class("hint"), .text("Mã tra cứu lỗi: \(requestID)"))),
        ])
    }

    static func title(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Yêu cầu không hợp lệ"
        case 401: "Cần đăng nhập"
        case 403: "Không có quyền"
        case 404: "Không tìm thấy"
        case 409: "Dữ liệu đã thay đổi"
        case 413: "Dữ liệu quá lớn"
        case 415: "Sai dạng dữ liệu"
        case 422: "Dữ liệu chưa đúng"
        case 429: "Tạm thời bị chặn"
        default: status.code >= 500 ? "Lỗi hệ thống" : "Có lỗi"
        }
    }

    static func advice(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 403: "Nếu bạn cần quyền này, hãy liên hệ cán bộ quản lý tài khoản của địa bàn."
        case 404: "Trang có thể đã bị chuyển hoặc nằm ngoài địa bàn bạn được giao."
        case 409: "Hãy tải lại trang để xem bản mới nhất rồi thực hiện lại."
        case 413: "Hãy chia tệp thành các phần nhỏ hơn rồi tải lên lần lượt."
        default: status.code >= 500 ? "Hãy thử lại sau ít phút." : "Hãy quay lại và thử lại."
        }
    }
}
