import Foundation
import HoctapServices
import HoctapStorage
import Hummingbird

/// Refuses state-changing requests that do not prove they come from hoctap's own pages.
///
/// A browser session must send its CSRF token (form field `_csrf`, in file-upload forms too, or
/// header `X-CSRF-Token`); a form shown before sign-in uses a double-submit cookie. Never in the
/// query: a URL ends up in proxies' logs and browser history (issue 18). Bearer-token API clients are exempt: browsers never attach such tokens on their own.
/// Requests a browser marks as cross-site are refused outright.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    let maximumFormBytes: Int
    let maximumUploadBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else { return try await next(request, context) }
        if SessionMiddleware.bearerToken(request) != nil { return try await next(request, context) }
        if request.headers[.init("Sec-Fetch-Site")!] == "cross-site" {
            throw WebError.csrf("Yêu cầu từ trang web khác bị từ chối.")
        }
        if let origin = request.headers[.origin], let host = request.head.authority,
           URLComponents(string: origin).map({ "\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" }) != host {
            throw WebError.csrf("Yêu cầu từ nguồn khác (\(origin)) bị từ chối.")
        }

        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let expected = context.session?.kind == .browser
            ? context.session?.csrfToken
            : request.cookies[SiteCookies.anonymousCSRF]?.value
        guard let expected, !expected.isEmpty else {
            // Without a session there is no ambient authority to abuse on the API: its one
            // anonymous endpoint (sign-in) answers with a token in the body and sets no cookie.
            if context.session == nil && request.uri.path.hasPrefix("/api/") { return try await next(request, context) }
            throw WebError.csrf("Biểu mẫu đã hết hạn. Hãy tải lại trang rồi gửi lại.")
        }

        var request = request
        var provided = request.headers[.init("X-CSRF-Token")!]
        if provided == nil && contentType.hasPrefix("application/x-www-form-urlencoded") {
            provided = try await FormData.read(&request, limit: maximumFormBytes).optional("_csrf")
        }
        if provided == nil && contentType.hasPrefix("multipart/form-data") {
            // Collected (the handler reads the same buffer again), not parsed: the token is the
            // form's first field, looked for at the start only.
            provided = Self.firstField("_csrf", in: try await request.collectBody(upTo: maximumUploadBytes))
        }
        guard let provided, let secret = CSRFToken.unmasked(provided), Secrets.constantTimeEquals(secret, expected) else {
            throw WebError.csrf("Biểu mẫu đã hết hạn hoặc không hợp lệ. Hãy tải lại trang rồi gửi lại.")
        }
        return try await next(request, context)
    }

    /// The value of a text field among the first bytes of a multipart body.
    static func firstField(_ name: String, in buffer: ByteBuffer) -> String? {
        let head = Array(buffer.readableBytesView.prefix(4_096))
        guard let nameAt = head.firstRange(of: Array("name=\"\(name)\"".utf8)),
              let bodyAt = head[nameAt.upperBound...].firstRange(of: Array("\r\n\r\n".utf8)),
              let endAt = head[bodyAt.upperBound...].firstRange(of: Array("\r\n".utf8)) else { return nil }
        return String(validating: head[bodyAt.upperBound..<endAt.lowerBound], as: UTF8.self)
    }
}
