import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// What machines read: news feeds (of the country, or of a province: the nation's news and the
/// province's), the sitemap and robots.txt.
struct PortalFeedController {
    let services: AppServices
    let publicURL: String?
    /// The address the OAI-PMH `Identify` answer names (`HOCTAP_ADMIN_EMAIL`).
    let adminEmail: String?
    /// A sitemap file holds at most 50,000 addresses.
    static let sitemapLimit = 49_000

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.newsAtom.path), use: atom)
        router.get(RouterPath(stringLiteral: SiteURL.newsRSS.path), use: rss)
        router.get(RouterPath(stringLiteral: SiteURL.sitemap.path), use: sitemap)
        router.get(RouterPath(stringLiteral: SiteURL.robots.path), use: robots)
        router.get(RouterPath(stringLiteral: SiteURL.oai.path), use: oai)
    }

    /// The OAI-PMH 2.0 provider (GET; every protocol error is a 200 response naming its code,
    /// as the protocol wants).
    func oai(_ request: Request, context: AppRequestContext) async throws -> Response {
        let base = base(request)
        let host = URLComponents(string: base)?.host ?? "localhost"
        let provider = OAIProvider(services.environment, baseURL: base + SiteURL.oai.path, adminEmail: adminEmail ?? "hoctap@\(host)")
        let xml = try await provider.respond(to: FormData(urlEncoded: request.uri.query ?? "").allValues)
        return Response(status: .ok, headers: [.contentType: "text/xml; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    func base(_ request: Request) -> String { SiteAddress.base(request, configured: publicURL) }

    /// The latest 30 published articles for the feed's province (or the country), and its title.
    func feed(_ request: Request) async throws -> (articles: [ArticleRecord], title: String, query: [String: String]) {
        let portal = PortalService(services.environment)
        let province = try PortalController(services: services, publicURL: publicURL).province(request)
        let areas = try await portal.readerAreas(province: province)
        let articles = try await portal.publishedArticles(PortalFilter(publishedOnly: true, areaIDs: areas), start: .first, limit: 30).rows
        let name = province == nil ? nil : try await portal.provinces().first { $0.id == province }?.name
        return (articles, "\(Layout.productName) · Tin tức\(name.map { " · \($0)" } ?? "")", province.map { ["tinh": String($0)] } ?? [:])
    }

    func atom(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (articles, title, query) = try await feed(request)
        let base = base(request)
        let xml = PortalFeeds.atom(articles, title: title, selfURL: base + SiteURL.newsAtom.with(query), pageURL: base + SiteURL.news.with(query),
                                   base: base, now: services.environment.clock.now())
        return Self.xml(xml, type: "application/atom+xml; charset=utf-8")
    }

    func rss(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (articles, title, query) = try await feed(request)
        let base = base(request)
        let xml = PortalFeeds.rss(articles, title: title, selfURL: base + SiteURL.newsRSS.with(query), pageURL: base + SiteURL.news.with(query), base: base)
        return Self.xml(xml, type: "application/rss+xml; charset=utf-8")
    }

    func sitemap(_ request: Request, context: AppRequestContext) async throws -> Response {
        let entries = try await services.environment.database.read { try await PortalRepository($0).publishedLinks(limit: Self.sitemapLimit) }
        return Self.xml(PortalFeeds.sitemap(base: base(request), entries: entries), type: "application/xml; charset=utf-8")
    }

    func robots(_ request: Request, context: AppRequestContext) async throws -> Response {
        Self.xml(PortalFeeds.robots(base: base(request)), type: "text/plain; charset=utf-8")
    }

    static func xml(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=600"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
