import Foundation
import HoctapServices
import HTTPTypes
import Hummingbird

/// Finds the session a request presents (cookie for browsers, `Authorization: Bearer` for API
/// clients) and records the client address. Errors from the rest of the chain are wrapped with
/// the session, so error pages can still show the signed-in navigation.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let auth: AuthService
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        if let peer = context.peerAddress, proxies.trusts(peer) {
            context.clientAddress = proxies.client(peer: peer, forwardedFor: request.headers[values: Self.forwardedFor].joined(separator: ","))
        } else if request.headers[Self.forwardedFor] != nil || request.headers[Self.forwardedProto] != nil {
            // Forwarding headers from anyone but a trusted proxy are the client's own words: drop
            // them here so nothing further down (the site's address, its scheme) can read them.
            var head = request.head
            head.headerFields[values: Self.forwardedFor] = []
            head.headerFields[values: Self.forwardedProto] = []
            request = Request(head: head, body: request.body)
        }
        if let token = Self.bearerToken(request) ?? request.cookies[SiteCookies.session]?.value, !token.isEmpty {
            context.session = try await auth.authenticate(token: token)
        }
        do {
            return try await next(request, context)
        } catch {
            throw SessionScopedError(error: error, session: context.session)
        }
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    static func bearerToken(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else { return nil }
        return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
}

/// An error together with the session of the request that raised it.
struct SessionScopedError: Error {
    var error: any Error
    var session: AuthenticatedSession?
}

/// Routes behind this middleware need a signed-in account.
struct RequireSignedInMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        _ = try context.requireActor()
        return try await next(request, context)
    }
}
