import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Pages for managing accounts and for changing one's own password.
struct AccountController {
    let services: AppServices
    let maximumFormBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.accounts.pattern), use: list)
        group.get(RouterPath(stringLiteral: SiteURL.newAccount.pattern), use: new)
        group.post(RouterPath(stringLiteral: SiteURL.newAccount.pattern), use: create)
        group.post(RouterPath(stringLiteral: SiteURL.disableAccount(0).pattern), use: disable)
        group.post(RouterPath(stringLiteral: SiteURL.enableAccount(0).pattern), use: enable)
        group.get(RouterPath(stringLiteral: SiteURL.accountRole(0).pattern), use: showRole)
        group.post(RouterPath(stringLiteral: SiteURL.accountRole(0).pattern), use: changeRole)
        group.get(RouterPath(stringLiteral: SiteURL.password.pattern), use: showPassword)
        group.post(RouterPath(stringLiteral: SiteURL.password.pattern), use: changePassword)
        group.get(RouterPath(stringLiteral: SiteURL.twoFactor.path), use: showTwoFactor)
        group.post(RouterPath(stringLiteral: SiteURL.twoFactor.path), use: changeTwoFactor)
        group.post(RouterPath(stringLiteral: SiteURL.logoutEverywhere.path), use: logoutEverywhere)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let search = try request.searchText()
        let accounts = try await services.accounts.list(by: actor, search: search, start: try PageCursor.start(request))
        let notice = request.query("ok").flatMap { Self.notices[$0] }
        return HTMLResponse(html: AccountsPage.render(.init(actor: actor, accounts: accounts, search: search, notice: notice,
                                                            chrome: context.chrome(.accounts))))
    }

    func new(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        try Authorization.require(actor, .viewAccounts(in: actor.scope))
        let areaID: Int64
        if let requested = request.query("area").flatMap(Int64.init) {
            areaID = requested
        } else if let own = actor.scope.areaID {
            areaID = own
        } else {
            areaID = try await services.areas.nationID()
        }
        let area = try await services.areas.find(areaID, by: actor)
        return HTMLResponse(html: AccountFormPage.render(.init(area: area, roles: Self.roles(for: actor, at: area),
                                                               chrome: context.chrome(.accounts))))
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let areaID = Int64(form["areaID"]) else { throw WebError.badRequest("Thiếu địa bàn (areaID).") }
        let area = try await services.areas.find(areaID, by: actor)
        let role = Role(rawValue: form["role"])
        do {
            guard let role else { throw ServiceError.invalid([FieldIssue("role", "Hãy chọn vai trò.")]) }
            _ = try await services.accounts.create(
                AccountDraft(username: form["username"], displayName: form["displayName"], password: form["password"],
                             role: role, areaID: areaID), by: actor)
            return Redirect.to(SiteURL.accounts.with(["ok": "account-created"]))
        } catch ServiceError.invalid(let issues) {
            let page = AccountFormPage.render(.init(area: area, roles: Self.roles(for: actor, at: area), username: form["username"],
                                                    displayName: form["displayName"], role: role, issues: issues,
                                                    chrome: context.chrome(.accounts)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setDisabled(true, request, context: context)
    }

    func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setDisabled(false, request, context: context)
    }

    private func setDisabled(_ disabled: Bool, _ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không tìm thấy tài khoản.") }
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        _ = try await services.accounts.setDisabled(id, disabled: disabled, expectedVersion: Int(form["version"]), by: actor)
        return Redirect.to(SiteURL.accounts.with(["ok": disabled ? "account-disabled" : "account-enabled"]))
    }

    func showRole(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không tìm thấy tài khoản.") }
        let account = try await services.accounts.findManageable(id, by: actor)
        return HTMLResponse(html: AccountRolePage.render(.init(account: account, roles: Self.grantable(by: actor), role: account.role,
                                                               areaCode: account.area.code, chrome: context.chrome(.accounts))))
    }

    func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không tìm thấy tài khoản.") }
        // Scope and rights first: an account outside the subtree answers 404 before the form is read.
        let account = try await services.accounts.findManageable(id, by: actor)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let role = Role(rawValue: form["role"])
        do {
            guard let role else { throw ServiceError.invalid([FieldIssue("role", "Hãy chọn vai trò.")]) }
            guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của tài khoản (version).") }
            _ = try await services.accounts.changeRole(id, to: role, areaCode: form["areaCode"], expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.accounts.with(["ok": "account-role"]))
        } catch ServiceError.invalid(let issues) {
            let page = AccountRolePage.render(.init(account: account, roles: Self.grantable(by: actor), role: role,
                                                    areaCode: form["areaCode"], issues: issues, chrome: context.chrome(.accounts)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// Roles the actor may give to an account somewhere in its subtree, in the order of `Role.allCases`.
    static func grantable(by actor: Actor) -> [Role] {
        Role.allCases.filter { actor.role.manageableRoles.contains($0) }
    }

    func showPassword(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        _ = try context.requireActor()
        let notice: String? = switch request.query("ok") {
        case "password-changed": "Đã đổi mật khẩu."
        case "sessions-ended": "Đã đăng xuất mọi thiết bị khác; phiên này vẫn tiếp tục."
        default: nil
        }
        return HTMLResponse(html: PasswordPage.render(issues: [], notice: notice, chrome: context.chrome(.password)))
    }

    func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            guard form["newPassword"] == form["confirmPassword"] else {
                throw ServiceError.invalid([FieldIssue("confirmPassword", "Hai lần nhập mật khẩu mới không khớp.")])
            }
            try await services.accounts.changePassword(of: actor, current: form["currentPassword"], new: form["newPassword"],
                                                       keepingSession: context.session?.tokenHash)
            return Redirect.to(SiteURL.password.with(["ok": "password-changed"]))
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: PasswordPage.render(issues: issues, notice: nil, chrome: context.chrome(.password)),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func logoutEverywhere(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await services.auth.logoutEverywhereElse(keeping: context.session?.tokenHash, actor: actor)
        return Redirect.to(SiteURL.password.with(["ok": "sessions-ended"]))
    }

    /// Roles the actor may create at `area`, in the order of `Role.allCases`.
    static func roles(for actor: Actor, at area: Area) -> [Role] {
        Role.allCases.filter { AccessPolicy.decide(actor, .manageAccount(role: $0, at: area.position)) == .allow }
    }

    static let notices = [
        "account-created": "Đã tạo tài khoản.",
        "account-disabled": "Đã khóa tài khoản; các phiên đăng nhập của tài khoản đó đã kết thúc.",
        "account-enabled": "Đã mở khóa tài khoản.",
        "account-role": "Đã đổi vai trò hoặc địa bàn; các phiên đăng nhập của tài khoản đó đã kết thúc, người dùng đăng nhập lại với quyền mới.",
    ]

    func showTwoFactor(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let service = TwoFactorService(services.environment)
        let enabled = try await service.isEnabled(for: actor)
        let notice = request.query("ok") == "on" ? "Đã bật xác thực hai bước." : request.query("ok") == "off" ? "Đã tắt xác thực hai bước." : nil
        return HTMLResponse(html: TwoFactorPage.render(enabled: enabled, setup: enabled ? nil : try await service.pending(for: actor), issues: [],
                                                       notice: notice, chrome: context.chrome(.password)))
    }

    func changeTwoFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let service = TwoFactorService(services.environment)
        do {
            switch form["action"] {
            case "begin":
                _ = try await service.begin(by: actor)
                return Redirect.to(SiteURL.twoFactor.path)
            case "confirm":
                try await service.confirm(code: form["code"], by: actor, keepingSession: context.session?.tokenHash)
                return Redirect.to(SiteURL.twoFactor.with(["ok": "on"]))
            case "disable":
                try await service.disable(code: form["code"], by: actor)
                return Redirect.to(SiteURL.twoFactor.with(["ok": "off"]))
            default:
                throw WebError.badRequest("Thao tác \"\(form["action"].prefix(20))\" không có.")
            }
        } catch ServiceError.invalid(let issues) {
            let enabled = try await service.isEnabled(for: actor)
            return try HTMLResponse(html: TwoFactorPage.render(enabled: enabled, setup: enabled ? nil : try await service.pending(for: actor), issues: issues,
                                                               notice: nil, chrome: context.chrome(.password)),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
