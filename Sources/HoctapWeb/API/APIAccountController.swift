import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// `/api/v1/accounts`: accounts inside the caller's subtree.
struct APIAccountController {
    let services: AppServices
    let maximumBodyBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/accounts", use: list)
        group.post("/accounts", use: create)
        group.get("/accounts/:id", use: show)
        group.post("/accounts/:id/disable", use: disable)
        group.post("/accounts/:id/enable", use: enable)
        group.post("/accounts/:id/role", use: changeRole)
    }

    /// A change of privilege: the account's sessions end (AccountService.changeRole).
    func changeRole(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        _ = try await services.accounts.findManageable(id, by: actor)  // scope and rights before the body
        var request = request
        let body = try await APIBody.decode(APIModels.RoleChange.self, from: &request, limit: maximumBodyBytes)
        guard let role = Role(rawValue: body.role) else {
            throw ServiceError.invalid([FieldIssue("role", "Vai trò \"\(body.role.prefix(40))\" không hợp lệ; dùng: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")])
        }
        let account = try await services.accounts.changeRole(id, to: role, areaCode: body.areaCode, expectedVersion: body.version, by: actor)
        return try APIBody.response(APIModels.Account(account))
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let search = request.query("q") == nil ? nil : try request.searchText()
        let accounts = try await services.accounts.list(by: actor, search: search, start: try PageCursor.start(request))
        return try APIBody.response(APIModels.Paged(accounts, id: \.id, item: APIModels.Account.init))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let account = try await services.accounts.find(try Self.id(context), by: actor)
        return try APIBody.response(APIModels.Account(account))
    }

    func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var request = request
        let body = try await APIBody.decode(APIModels.NewAccount.self, from: &request, limit: maximumBodyBytes)
        guard let role = Role(rawValue: body.role) else {
            throw ServiceError.invalid([FieldIssue("role", "Vai trò \"\(body.role)\" không hợp lệ; dùng: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")])
        }
        let account = try await services.accounts.create(
            AccountDraft(username: body.username, displayName: body.displayName, password: body.password, role: role,
                         areaID: body.areaId), by: actor)
        return try APIBody.response(APIModels.Account(account), status: .created)
    }

    func disable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setDisabled(true, request, context)
    }

    func enable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await setDisabled(false, request, context)
    }

    private func setDisabled(_ disabled: Bool, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        var request = request
        var version: Int?
        if request.headers[.contentType] != nil {
            version = try await APIBody.decode(APIModels.VersionBody.self, from: &request, limit: maximumBodyBytes).version
        }
        let account = try await services.accounts.setDisabled(id, disabled: disabled, expectedVersion: version, by: actor)
        return try APIBody.response(APIModels.Account(account))
    }

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không tìm thấy tài khoản.") }
        return id
    }
}
