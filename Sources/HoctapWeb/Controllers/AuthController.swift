import Foundation
import HoctapServices
import HoctapStorage
import Hummingbird

/// Sign-in and sign-out for the browser.
struct AuthController {
    let services: AppServices
    let secureCookies: Bool
    let maximumFormBytes: Int

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.login.pattern), use: showLogin)
        router.post(RouterPath(stringLiteral: SiteURL.login.pattern), use: login)
        router.post(RouterPath(stringLiteral: SiteURL.logout.pattern), use: logout)
    }

    func showLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = Self.safeNext(request.query("next"))
        if context.actor != nil { return Redirect.to(next ?? SiteURL.home.path) }
        let token = request.cookies[SiteCookies.anonymousCSRF]?.value ?? Secrets.token()
        let notice = request.query("bye") != nil ? "Bạn đã đăng xuất." : nil
        var response = try HTMLResponse(html: LoginPage.render(.init(next: next, csrfToken: CSRFToken.masked(token), notice: notice)))
            .response(from: request, context: context)
        response.setCookie(SiteCookies.anonymousCSRF(token, secure: secureCookies))
        return response
    }

    func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let next = Self.safeNext(form.optional("next"))
        do {
            let session = try await services.auth.login(
                username: form["username"], password: form["password"], code: form.optional("code"), kind: .browser,
                clientAddress: context.clientAddress, userAgent: request.headers[.userAgent])
            var response = Redirect.to(next ?? SiteURL.home.path)
            // A fresh token on every sign-in: a token planted before login is never promoted.
            response.setCookie(SiteCookies.session(session.token!, secure: secureCookies))
            response.setCookie(SiteCookies.expired(SiteCookies.anonymousCSRF, secure: secureCookies))
            return response
        } catch let error as ServiceError {
            let status: HTTPResponse.Status
            switch error {
            case .throttled: status = .tooManyRequests
            case .unauthenticated: status = .unauthorized
            default: throw error
            }
            let model = LoginPage.Model(username: form["username"], next: next,
                                        csrfToken: CSRFToken.masked(request.cookies[SiteCookies.anonymousCSRF]?.value ?? ""), error: error.message)
            var response = try HTMLResponse(html: LoginPage.render(model), status: status).response(from: request, context: context)
            ErrorMiddleware.addRetryAfter(error, to: &response)
            return response
        }
    }

    func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.session {
            try await services.auth.logout(tokenHash: session.tokenHash, actor: session.actor)
        }
        var response = Redirect.to(SiteURL.login.with(["bye": "1"]))
        response.setCookie(SiteCookies.expired(SiteCookies.session, secure: secureCookies))
        return response
    }

    /// Accepts only a path on this site as a post-login destination, as the browser will read it.
    ///
    /// Browsers drop tabs and line breaks anywhere in a URL, trim spaces and control characters,
    /// and read a backslash as a slash, so `/\t/evil.example` and `/\\evil.example` both lead to
    /// `//evil.example`, another site. Anything but printable ASCII is refused outright (a real
    /// path here is percent-encoded), a backslash anywhere, and a second slash right after the
    /// first whether written or percent-encoded.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.utf8.count < 512, next.hasPrefix("/"),
              next.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") }) else { return nil }
        let decoded = next.removingPercentEncoding ?? next
        guard decoded.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }),
              !decoded.dropFirst().hasPrefix("/"),
              let parsed = URLComponents(string: next), parsed.scheme == nil, parsed.host == nil else { return nil }
        return next
    }
}

/// The start page.
struct HomeController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.home.pattern), use: home)
    }

    func home(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.home(of: actor)
        let counts = try await services.areas.counts(by: actor)
        return HTMLResponse(html: HomePage.render(.init(
            actor: actor, area: area, counts: counts,
            chrome: context.chrome(.home))))
    }
}
