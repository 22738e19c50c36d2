import Crypto
import Foundation
import HoctapStorage
import Hummingbird
import Logging
import Prometheus

/// Endpoints for operators and orchestrators: liveness, readiness, Prometheus metrics.
///
/// What they say is for the public internet too (the application port is the public one):
/// readiness says only ready or not, the reason goes to the log; metrics (route names, counts,
/// timings) answer only a scraper that presents `HOCTAP_METRICS_TOKEN`, and do not exist
/// without one.
struct OperationsController {
    let database: any Database
    let registry: PrometheusCollectorRegistry
    let metricsToken: String?
    let logger: Logger

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz", use: healthz)
        router.get("/readyz", use: readyz)
        router.get("/metrics", use: metrics)
    }

    /// The process is up and serving HTTP.
    func healthz(_ request: Request, context: AppRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }

    /// The database answers and its schema is the one this binary expects.
    func readyz(_ request: Request, context: AppRequestContext) async -> Response {
        var problems: [String] = []
        if await database.ping() {
            do {
                let pending = try await MigrationRunner(database: database).pending()
                if !pending.isEmpty { problems.append("\(pending.count) migration chưa chạy (hoctap migrate)") }
            } catch {
                problems.append("không đọc được phiên bản lược đồ: \(error)")
            }
        } else {
            problems.append("cơ sở dữ liệu không trả lời")
        }
        if !problems.isEmpty { logger.error("not ready", metadata: ["problems": "\(problems.joined(separator: "; "))"]) }
        let body = problems.isEmpty ? "ready\n" : "not ready\n"
        return Response(status: problems.isEmpty ? .ok : .serviceUnavailable,
                        headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    /// Request counts and durations in the Prometheus text format.
    func metrics(_ request: Request, context: AppRequestContext) throws -> Response {
        guard let metricsToken, let presented = SessionMiddleware.bearerToken(request),
              Self.equalInConstantTime(presented, metricsToken) else {
            throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}

extension OperationsController {
    /// Compares digests, so the time taken says nothing about how much of the token was right.
    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        SHA256.hash(data: Data(a.utf8)) == SHA256.hash(data: Data(b.utf8))
    }
}

/// The stylesheet, immutable under its hashed URL.
struct AssetsController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.stylesheet.pattern), use: stylesheet)
        router.get(RouterPath(stringLiteral: SiteURL.script.pattern), use: script)
    }

    func script(_ request: Request, context: AppRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=31536000, immutable"],
                 body: .init(byteBuffer: ByteBuffer(string: AutosaveScript.source)))
    }

    func stylesheet(_ request: Request, context: AppRequestContext) -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=31536000, immutable"],
                 body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }
}
