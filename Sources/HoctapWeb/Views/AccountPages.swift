import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Accounts inside the actor's subtree.
enum AccountsPage {
    struct Model {
        var actor: Actor
        var accounts: PagedRows<AccountRecord>
        var search: String
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        Layout.page(title: "Tài khoản", chrome: model.chrome, [
            .unwrap(model.notice) { Notice.ok($0) },
            .div(.class("actions"), Tag.link("Tạo tài khoản", SiteURL.newAccount.path, classes: "button")),
            Tag.form(action: SiteURL.accounts.path, method: "get", csrf: nil, classes: "search", [
                .element(named: "label", nodes: [BodyNode.attr("for", "q"), .class("skip"), .text("Tìm tài khoản")]),
                .selfClosedElement(named: "input", attributes: [
                    Tag.attribute("type", "search"), Tag.attribute("id", "q"), Tag.attribute("name", "q"),
                    Tag.attribute("value", model.search), Tag.attribute("placeholder", "Tên đăng nhập hoặc địa bàn"),
                ]),
                Tag.submit("Tìm", classes: "secondary"),
            ]),
            .if(model.accounts.rows.isEmpty, .p(.text("Không có tài khoản nào khớp."))),
            .if(!model.accounts.rows.isEmpty, .p(.text(RegistryText.count(model.accounts, "tài khoản") + "."))),
            .if(!model.accounts.rows.isEmpty, .div(.class("table-wrap"), .table(
                .class("cards"),
                .thead(.tr(.th(.text("Tên đăng nhập")), .th(.text("Họ tên")), .th(.text("Vai trò")), .th(.text("Địa bàn")),
                           .th(.text("Trạng thái")), .th(.text("")))),
                .tbody(.forEach(model.accounts.rows) { account in row(account, model: model) })
            ))),
            RegistryText.pager(model.accounts, id: \.id) { SiteURL.accounts.with(["q": model.search].merging($0) { $1 }) },
        ])
    }

    private static func row(_ account: AccountRecord, model: Model) -> Node<HTML.TableContext> {
        let manageable = account.id != model.actor.accountID
            && AccessPolicy.decide(model.actor, .manageAccount(role: account.role, at: account.area.position)) == .allow
        let csrf = model.chrome.csrfToken
        return .tr(
            .td(.attr("data-label", "Tên đăng nhập"), .text(account.username)),
            .td(.attr("data-label", "Họ tên"), .text(account.displayName)),
            .td(.attr("data-label", "Vai trò"), .text(account.role.label)),
            .td(.attr("data-label", "Địa bàn"), Tag.link(account.area.fullName, SiteURL.area(account.area.id).path)),
            .td(.attr("data-label", "Trạng thái"),
                account.isDisabled ? .span(.class("tag off"), .text("Đã khóa")) : .span(.class("tag"), .text("Hoạt động"))),
            .td(.if(manageable, Tag.link("Đổi vai trò", SiteURL.accountRole(account.id).path, classes: "button secondary")),
                .if(manageable, account.isDisabled
                ? Tag.postButton("Mở khóa", action: SiteURL.enableAccount(account.id).path, csrf: csrf,
                                 hidden: [("version", String(account.version))])
                : Tag.postButton("Khóa", action: SiteURL.disableAccount(account.id).path, csrf: csrf, classes: "danger",
                                 hidden: [("version", String(account.version))])))
        )
    }
}

/// Giving an account another role or area: the official's sessions end with it.
enum AccountRolePage {
    struct Model {
        var account: AccountRecord
        var roles: [Role]
        var role: Role?
        var areaCode: String
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let account = model.account
        return Layout.page(title: "Đổi vai trò của \(account.username)", chrome: model.chrome,
                           breadcrumbs: [("Tài khoản", SiteURL.accounts.path)], [
            Notice.formErrors(model.issues),
            .div(.class("card"), .dl(.class("facts"),
                .dt(.text("Họ tên")), .dd(.text(account.displayName)),
                .dt(.text("Vai trò hiện tại")), .dd(.text(account.role.label)),
                .dt(.text("Địa bàn hiện tại")), .dd(Tag.link(account.area.fullName, SiteURL.area(account.area.id).path)))),
            .p(.class("hint"), .text("Khi lưu, mọi phiên đăng nhập của tài khoản này kết thúc: người dùng đăng nhập lại và chỉ có quyền mới. Thay đổi được ghi vào nhật ký.")),
            Tag.form(action: SiteURL.accountRole(account.id).path, csrf: model.chrome.csrfToken, [
                Tag.hidden("version", String(account.version)),
                Tag.select("role", label: "Vai trò mới", options: model.roles.map { ($0.rawValue, $0.label) },
                           selected: model.role?.rawValue, error: model.issues.message(for: "role")),
                Tag.field("areaCode", label: "Mã địa bàn", value: model.areaCode,
                          hint: "Mã tỉnh (2 chữ số), mã xã (5 chữ số) hoặc mã thôn, theo cấp của vai trò; để trống nếu là Quản trị toàn quốc.",
                          error: model.issues.message(for: "areaCode"), autocomplete: "off"),
                .div(.class("actions"), Tag.submit("Lưu và kết thúc các phiên"),
                     Tag.link("Hủy", SiteURL.accounts.path, classes: "button secondary")),
            ]),
        ])
    }
}

/// Creating an account at one area.
enum AccountFormPage {
    struct Model {
        var area: Area
        var roles: [Role]
        var username = ""
        var displayName = ""
        var role: Role?
        var issues: [FieldIssue] = []
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        Layout.page(title: "Tạo tài khoản", chrome: model.chrome,
                    breadcrumbs: [("Tài khoản", SiteURL.accounts.path)], [
            Notice.formErrors(model.issues),
            .div(.class("card"), .dl(.class("facts"),
                .dt(.text("Địa bàn")), .dd(Tag.link(model.area.fullName, SiteURL.area(model.area.id).path)))),
            .p(.class("hint"), .text("Để tạo tài khoản ở địa bàn khác, mở trang của địa bàn đó rồi chọn \"Tạo tài khoản tại đây\".")),
            .if(model.roles.isEmpty, Notice.error("Bạn không được tạo tài khoản ở địa bàn này.")),
            .if(!model.roles.isEmpty, Tag.form(action: SiteURL.newAccount.path, csrf: model.chrome.csrfToken, [
                Tag.hidden("areaID", String(model.area.id)),
                Tag.select("role", label: "Vai trò", options: model.roles.map { ($0.rawValue, $0.label) },
                           selected: model.role?.rawValue, error: model.issues.message(for: "role")),
                Tag.field("username", label: "Tên đăng nhập", value: model.username,
                          hint: "Chữ thường không dấu, số, dấu chấm: ví dụ socson.thondong",
                          error: model.issues.message(for: "username"), required: true, autocomplete: "off",
                          extra: [Tag.attribute("autocapitalize", "none")]),
                Tag.field("displayName", label: "Họ tên", value: model.displayName,
                          error: model.issues.message(for: "displayName"), required: true),
                Tag.field("password", label: "Mật khẩu ban đầu", type: "password",
                          hint: "Ít nhất \(Credentials.minimumPasswordLength) ký tự. Người dùng nên đổi sau lần đăng nhập đầu.",
                          error: model.issues.message(for: "password"), required: true, autocomplete: "new-password"),
                .div(.class("actions"), Tag.submit("Tạo tài khoản"),
                     Tag.link("Hủy", SiteURL.accounts.path, classes: "button secondary")),
            ])),
        ])
    }
}

/// Changing one's own password.
enum PasswordPage {
    static func render(issues: [FieldIssue], notice: String?, chrome: PageChrome) -> HTML {
        Layout.page(title: "Đổi mật khẩu", chrome: chrome, [
            .unwrap(notice) { Notice.ok($0) },
            Notice.formErrors(issues),
            Tag.form(action: SiteURL.password.path, csrf: chrome.csrfToken, [
                Tag.field("currentPassword", label: "Mật khẩu hiện tại", type: "password",
                          error: issues.message(for: "currentPassword"), required: true, autocomplete: "current-password"),
                Tag.field("newPassword", label: "Mật khẩu mới", type: "password",
                          hint: "Ít nhất \(Credentials.minimumPasswordLength) ký tự, không chứa tên đăng nhập.",
                          error: issues.message(for: "newPassword"), required: true, autocomplete: "new-password"),
                Tag.field("confirmPassword", label: "Nhập lại mật khẩu mới", type: "password",
                          error: issues.message(for: "confirmPassword"), required: true, autocomplete: "new-password"),
                .div(Tag.submit("Đổi mật khẩu")),
            ]),
            .p(.class("hint"), .text("Sau khi đổi, các phiên đăng nhập khác của bạn (trên máy khác) sẽ kết thúc.")),
            .h2(.text("Thiết bị khác")),
            .p(.text("Mất điện thoại, hoặc quên đăng xuất ở máy dùng chung? Kết thúc mọi phiên đăng nhập khác của bạn; phiên này vẫn tiếp tục.")),
            Tag.postButton("Đăng xuất mọi thiết bị khác", action: SiteURL.logoutEverywhere.path, csrf: chrome.csrfToken),
            .h2(.text("Xác thực hai bước")),
            .p(.text("Nên bật cho tài khoản ký quyết định công nhận: "), Tag.link("cài đặt xác thực hai bước", SiteURL.twoFactor.path), .text(".")),
        ])
    }
}

/// Two-factor sign-in: turn it on with an authenticator app, or off with a current code.
enum TwoFactorPage {
    static func render(enabled: Bool, setup: TwoFactorService.Setup?, issues: [FieldIssue], notice: String?, chrome: PageChrome) -> HTML {
        let csrf = chrome.csrfToken
        return Layout.page(title: "Xác thực hai bước", chrome: chrome, breadcrumbs: [("Đổi mật khẩu", SiteURL.password.path)], [
            .unwrap(notice) { Notice.ok($0) },
            Notice.formErrors(issues),
            .p(.text(enabled
                ? "Đang bật: mỗi lần đăng nhập cần mật khẩu và mã 6 số trong ứng dụng xác thực trên điện thoại của bạn."
                : "Đang tắt. Khi bật, mỗi lần đăng nhập cần thêm mã 6 số từ một ứng dụng xác thực (Google Authenticator, Microsoft Authenticator, FreeOTP…).")),
            .unwrap(setup) { setup in
                .group(
                    .p(.text("1. Trong ứng dụng xác thực, thêm tài khoản bằng khóa bí mật này (hoặc mở địa chỉ bên dưới trên điện thoại):")),
                    .p(.code(.text(setup.secret))),
                    .p(.class("hint"), .text(setup.uri)),
                    .p(.text("2. Nhập mã 6 số ứng dụng đang hiện để bật.")))
            },
            enabled
                ? Tag.form(action: SiteURL.twoFactor.path, csrf: csrf, [
                    Tag.hidden("action", "disable"),
                    Tag.field("code", label: "Mã hiện tại để tắt", error: issues.message(for: "code"), required: true, autocomplete: "one-time-code",
                              extra: [Tag.attribute("inputmode", "numeric")]),
                    Tag.submit("Tắt xác thực hai bước", classes: "secondary"),
                ])
                : setup == nil
                    ? Tag.postButton("Bắt đầu cài đặt", action: SiteURL.twoFactor.path, csrf: csrf, classes: "", hidden: [("action", "begin")])
                    : Tag.form(action: SiteURL.twoFactor.path, csrf: csrf, [
                        Tag.hidden("action", "confirm"),
                        Tag.field("code", label: "Mã 6 số", error: issues.message(for: "code"), required: true, autocomplete: "one-time-code",
                                  extra: [Tag.attribute("inputmode", "numeric")]),
                        Tag.submit("Bật xác thực hai bước"),
                    ]),
        ])
    }
}
