import Hummingbird

/// Headers that make the browser refuse what hoctap never does: scripts from anywhere but
/// itself (and none inline), framing, MIME sniffing, and leaking URLs to other sites.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// When the public address is https, browsers are also told to use HTTPS only, for a year.
    var strictTransport = false

    static var contentSecurityPolicy: String {
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A handler may set a stricter policy of its own (evidence files are sandboxed).
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy }
        // Whatever a handler did not declare public is kept out of every cache: pages and files
        // of signed-in officials carry personal data, and a shared computer outlives a session.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "private, no-store" }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Permissions-Policy")!] = "camera=(self), geolocation=(self), microphone=()"
        if strictTransport { response.headers[.strictTransportSecurity] = "max-age=31536000; includeSubDomains" }
        return response
    }
}
