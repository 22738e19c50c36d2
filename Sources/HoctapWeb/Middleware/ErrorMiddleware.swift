import Foundation
import HoctapServices
import Hummingbird
import Logging
import NIOCore

/// Turns every error into a response: JSON `{code, message, issues}` under `/api/`, a friendly
/// Vietnamese page elsewhere, and a redirect to the login page when a page needs a session.
/// Bad input never becomes a 500; unexpected failures are logged with the request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let secureCookies: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            var underlying = error
            var session: AuthenticatedSession?
            if let scoped = error as? SessionScopedError {
                underlying = scoped.error
                session = scoped.session
            }
            let presentation = ErrorPresentation(underlying)
            if presentation.isUnexpected {
                context.logger.error("Unexpected error", metadata: [
                    "error": "\(String(reflecting: underlying))", "path": "\(request.uri.path)",
                ])
            }
            if Self.isAPI(request) {
                var response = try Self.json(presentation, context: context)
                Self.addRetryAfter(underlying, to: &response)
                return response
            }
            if presentation.status == .unauthorized {
                var response = Redirect.to(SiteURL.login.with(["next": request.uri.description]))
                if request.cookies[SiteCookies.session] != nil {
                    response.setCookie(SiteCookies.expired(SiteCookies.session, secure: secureCookies))
                }
                return response
            }
            let chrome = PageChrome(actor: session?.actor, csrfToken: session.map { CSRFToken.masked($0.csrfToken) }, section: nil)
            var response = try HTMLResponse(
                html: ErrorPage.render(presentation, chrome: chrome, requestID: context.id), status: presentation.status
            ).response(from: request, context: context)
            Self.addRetryAfter(underlying, to: &response)
            return response
        }
    }

    static func isAPI(_ request: Request) -> Bool {
        request.uri.path.hasPrefix("/api/")
    }

    static func json(_ presentation: ErrorPresentation, context: Context) throws -> Response {
        let body = APIErrorBody(code: presentation.code, message: presentation.message,
                                issues: presentation.issues.isEmpty ? nil : presentation.issues)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var response = Response(status: presentation.status, headers: [.contentType: "application/json; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(body))))
        if presentation.status == .unauthorized {
            response.headers[.wwwAuthenticate] = "Bearer realm=\"hoctap\""
        }
        return response
    }

    static func addRetryAfter(_ error: any Error, to response: inout Response) {
        if case .throttled(let until) = error as? ServiceError {
            response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
        }
    }
}
