import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// `/api/v1/session` and `/api/v1/me`: API tokens and the signed-in account.
struct APIAuthController {
    let services: AppServices
    let maximumBodyBytes: Int

    func addRoutes(public router: Router<AppRequestContext>, signedIn group: RouterGroup<AppRequestContext>) {
        router.post("/api/v1/session", use: login)
        group.delete("/session", use: logout)
        group.get("/me", use: me)
        group.post("/me/password", use: changePassword)
        group.delete("/me/sessions", use: logoutEverywhere)
    }

    /// Ends every other session of the account (this token stays valid).
    func logoutEverywhere(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try await services.auth.logoutEverywhereElse(keeping: context.session?.tokenHash, actor: actor)
        return Response(status: .noContent)
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let body = try await APIBody.decode(APIModels.LoginRequest.self, from: &request, limit: maximumBodyBytes)
        let session = try await services.auth.login(username: body.username, password: body.password, code: body.code, kind: .api,
                                                    clientAddress: context.clientAddress, userAgent: request.headers[.userAgent])
        return try APIBody.response(
            APIModels.LoginResponse(token: session.token!, expiresAt: session.expiresAt, account: Self.me(session)),
            status: .created)
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try Self.session(context)
        try await services.auth.logout(tokenHash: session.tokenHash, actor: session.actor)
        return Response(status: .noContent)
    }

    func me(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIBody.response(Self.me(try Self.session(context)))
    }

    func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let session = try Self.session(context)
        var request = request
        let body = try await APIBody.decode(APIModels.PasswordChange.self, from: &request, limit: maximumBodyBytes)
        try await services.accounts.changePassword(of: session.actor, current: body.currentPassword, new: body.newPassword,
                                                   keepingSession: session.tokenHash)
        return Response(status: .noContent)
    }

    static func session(_ context: AppRequestContext) throws -> AuthenticatedSession {
        guard let session = context.session else { throw ServiceError.unauthenticated("Cần đăng nhập (Authorization: Bearer …).") }
        return session
    }

    static func me(_ session: AuthenticatedSession) -> APIModels.Me {
        APIModels.Me(accountId: session.actor.accountID, username: session.actor.username, displayName: session.actor.displayName,
                     role: session.actor.role.rawValue, roleLabel: session.actor.role.label, areaId: session.actor.scope.areaID,
                     sessionExpiresAt: session.expiresAt)
    }
}
