import Hummingbird
import Logging

/// Logs each request's method and path, with what a log must not keep taken out (issue 18).
///
/// Hummingbird's own request logger writes the whole URI. Query values carry CSRF tokens
/// (file uploads), searched names and sign-in destinations, and a shared result's address is its
/// secret; a log is read by more people than the data it describes. Query values are replaced
/// by `…` (the names stay, for debugging), and so is the token segment of a shared link.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    var level: Logger.Level = .info

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        context.logger.log(level: level, "Request", metadata: [
            "hb.request.path": .string(RequestLogRedaction.redacted(path: request.uri.path, query: request.uri.query)),
            "hb.request.method": .string(request.method.rawValue),
        ])
        return try await next(request, context)
    }
}

/// What of a request's address may be written to the log.
enum RequestLogRedaction {
    /// Path segments that are secrets in themselves, by the segment before them.
    static let secretAfter: Set<Substring> = ["ket-qua"]

    static func redacted(path: String, query: String?) -> String {
        var segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for index in segments.indices.dropFirst() where secretAfter.contains(segments[index - 1]) {
            segments[index] = "…"
        }
        var text = segments.joined(separator: "/")
        if let query, !query.isEmpty {
            text += "?" + query.split(separator: "&").map { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first ?? ""
                return "\(name.prefix(40))=…"
            }.joined(separator: "&")
        }
        return text
    }
}
