import Plot

/// The sign-in form. Works without JavaScript and with a password manager.
enum LoginPage {
    struct Model {
        var username = ""
        var next: String?
        var csrfToken: String
        var error: String?
        var notice: String?
    }

    static func render(_ model: Model) -> HTML {
        Layout.page(title: "Đăng nhập", chrome: PageChrome(actor: nil, csrfToken: nil, section: nil), [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.error) { Notice.error($0) },
            Tag.form(action: SiteURL.login.path, csrf: model.csrfToken, [
                Tag.field("username", label: "Tên đăng nhập", value: model.username, required: true,
                          autocomplete: "username", extra: [Tag.attribute("autocapitalize", "none"), Tag.attribute("spellcheck", "false")]),
                Tag.field("password", label: "Mật khẩu", type: "password", required: true, autocomplete: "current-password"),
                Tag.field("code", label: "Mã xác thực (chỉ khi tài khoản đã bật xác thực hai bước)", autocomplete: "one-time-code",
                          extra: [Tag.attribute("inputmode", "numeric"), Tag.attribute("maxlength", "6"), Tag.attribute("pattern", "[0-9]{6}")]),
                .unwrap(model.next) { Tag.hidden("next", $0) },
                .div(Tag.submit("Đăng nhập")),
            ]),
            .p(.class("hint"), .text("Quên mật khẩu? Hãy liên hệ cán bộ quản lý tài khoản của địa bàn để được cấp lại.")),
            .p(Tag.link("Xem thống kê công khai về phong trào học tập (không cần đăng nhập)", SiteURL.publicStats.path)),
        ])
    }
}
