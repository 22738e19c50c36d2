import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HTTPTypes
import Hummingbird
import Plot

/// The public portal: news and guidance, documents, one search across them and the libraries.
/// No sign-in and no script; every list is a plain GET that a cheap phone renders.
struct PortalController {
    let services: AppServices
    let publicURL: String?

    var portal: PortalService { PortalService(services.environment) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.news.path), use: news)
        router.get(RouterPath(stringLiteral: SiteURL.article(0, slug: "").pattern), use: article)
        router.get(RouterPath(stringLiteral: SiteURL.articleFile(0).pattern), use: articleFile)
        router.get(RouterPath(stringLiteral: SiteURL.documents.path), use: documents)
        router.get(RouterPath(stringLiteral: SiteURL.document(0, slug: "").pattern), use: document)
        router.get(RouterPath(stringLiteral: SiteURL.documentFile(0, slug: "").pattern), use: documentFile)
        router.get(RouterPath(stringLiteral: SiteURL.search.path), use: search)
    }

    /// The site's absolute address: the configured one, or what the request came to.
    func base(_ request: Request) -> String {
        SiteAddress.base(request, configured: publicURL)
    }

    /// The province a reader chose (`tinh`), checked; nil for the whole country.
    func province(_ request: Request) throws -> Area.ID? {
        guard let text = request.query("tinh"), !text.isEmpty else { return nil }
        guard let id = Int64(text), id > 0 else { throw WebError.badRequest("Tham số tinh \"\(text.prefix(40))\" phải là mã số của một tỉnh, thành phố.") }
        return id
    }

    func news(_ request: Request, context: AppRequestContext) async throws -> Response {
        let province = try province(request)
        var filter = PortalFilter(publishedOnly: true, areaIDs: try await portal.readerAreas(province: province))
        if let kind = request.query("loai"), !kind.isEmpty {
            guard let parsed = ArticleKind(rawValue: kind) else {
                throw WebError.badRequest("Loại bài \"\(kind.prefix(40))\" không có; dùng \(ArticleKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter.articleKind = parsed
        }
        if let category = request.query("chu-de"), !category.isEmpty {
            guard category.count <= 80 else { throw WebError.badRequest("Chuyên mục dài quá 80 ký tự.") }
            filter.category = VietnameseText.normalized(category)
        }
        if let tag = request.query("the"), !tag.isEmpty {
            guard tag.count <= 40 else { throw WebError.badRequest("Thẻ dài quá 40 ký tự.") }
            filter.tagKey = VietnameseText.fold(VietnameseText.normalized(tag))
        }
        let page = try await portal.publishedArticles(filter, start: try PageCursor.start(request))
        let model = PortalPages.NewsModel(
            page: page, filter: filter, province: province, tag: request.query("the") ?? "", provinces: try await portal.provinces(),
            categories: try await portal.categories(areaIDs: filter.areaIDs), base: base(request), chrome: context.chrome(.news))
        return try publicPage(PortalPages.news(model), request, context)
    }

    func article(_ request: Request, context: AppRequestContext) async throws -> Response {
        let segment = context.parameters.get("slug") ?? ""
        guard let id = Slug.id(in: segment) else { throw ServiceError.notFound("Không có bài viết này.") }
        let (article, files) = try await portal.article(id, by: context.actor)
        let canonical = SiteURL.article(article.id, slug: article.slug).path
        // The id finds the article; any other words after it lead to the one permanent address.
        if !Self.isCanonical(segment, canonical, prefix: "/bai-viet/") {
            return Response(status: .movedPermanently, headers: [.location: canonical])
        }
        let html = PortalPages.article(article, files: files, base: base(request), chrome: context.chrome(.news))
        return try publicPage(html, request, context, cacheable: article.state == .published)
    }

    func articleFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (record, data) = try await portal.file(try RegistryController.id(context), by: context.actor)
        return Self.file(data, type: record.mediaType, name: record.name, context: context)
    }

    func documents(_ request: Request, context: AppRequestContext) async throws -> Response {
        let province = try province(request)
        var filter = PortalFilter(publishedOnly: true, areaIDs: try await portal.readerAreas(province: province))
        if let kind = request.query("loai"), !kind.isEmpty {
            guard let parsed = DocumentKind(rawValue: kind) else {
                throw WebError.badRequest("Loại văn bản \"\(kind.prefix(40))\" không có; dùng \(DocumentKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter.documentKind = parsed
        }
        let page = try await portal.publishedDocuments(filter, start: try PageCursor.start(request))
        let html = PortalPages.documents(page, filter: filter, province: province, provinces: try await portal.provinces(),
                                         base: base(request), chrome: context.chrome(.documents))
        return try publicPage(html, request, context)
    }

    func document(_ request: Request, context: AppRequestContext) async throws -> Response {
        let segment = context.parameters.get("slug") ?? ""
        guard let id = Slug.id(in: segment) else { throw ServiceError.notFound("Không có văn bản này.") }
        let document = try await portal.document(id, by: context.actor)
        let canonical = SiteURL.document(document.id, slug: document.slug).path
        if !Self.isCanonical(segment, canonical, prefix: "/van-ban/") {
            return Response(status: .movedPermanently, headers: [.location: canonical])
        }
        let html = PortalPages.document(document, base: base(request), chrome: context.chrome(.documents))
        return try publicPage(html, request, context, cacheable: document.state == .published)
    }

    func documentFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = Slug.id(in: context.parameters.get("slug") ?? "") else { throw ServiceError.notFound("Không có văn bản này.") }
        let (record, data) = try await portal.documentFile(id, by: context.actor)
        return Self.file(data, type: record.mediaType, name: "\(record.slug).\(record.mediaType.fileExtension)", context: context)
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.query("q") ?? ""
        guard query.count <= 200 else { throw WebError.badRequest("Từ khóa tìm kiếm dài quá 200 ký tự.") }
        let pageText = request.query("trang") ?? "1"
        guard let page = Int(pageText), (1...25).contains(page) else { throw WebError.badRequest("Trang \"\(pageText.prefix(20))\" không hợp lệ (từ 1 đến 25).") }
        var kinds: Set<PortalHit.Kind> = []
        if let kind = request.query("loai"), !kind.isEmpty {
            guard let parsed = PortalPages.searchKinds.first(where: { $0.value == kind }) else {
                throw WebError.badRequest("Loại \"\(kind.prefix(40))\" không có; dùng \(PortalPages.searchKinds.map(\.value).joined(separator: ", ")).")
            }
            kinds = [parsed.kind]
        }
        let result = query.trimmingCharacters(in: .whitespaces).isEmpty
            ? nil : try await PortalSearch(services.environment).search(query, kinds: kinds, page: page)
        return try publicPage(PortalPages.search(query: query, kind: request.query("loai") ?? "", result: result, chrome: context.chrome(.search)),
                              request, context)
    }

    /// Whether the requested segment is the permanent one (as decoded or as encoded).
    static func isCanonical(_ segment: String, _ canonical: String, prefix: String) -> Bool {
        let expected = canonical.dropFirst(prefix.count)
        return segment == expected || SiteURL.segment(segment) == expected
    }

    /// A public page: cached briefly by browsers and proxies when nobody is signed in.
    func publicPage(_ html: HTML, _ request: Request, _ context: AppRequestContext, cacheable: Bool = true) throws -> Response {
        var response = try HTMLResponse(html: html).response(from: request, context: context)
        if cacheable && context.actor == nil { response.headers[.cacheControl] = "public, max-age=300" }
        return response
    }

    /// A stored file with its checked type: images shown, documents downloaded, never run.
    ///
    /// Cached by browsers and proxies only when the visitor is anonymous, who can be served
    /// nothing but published files; a signed-in editor may be looking at a draft's or a pending
    /// nomination's file, which must not stay in a shared cache (issue 18).
    static func file(_ data: Data, type: PortalMediaType, name: String, context: AppRequestContext) -> Response {
        let disposition = type.isImage ? "inline" : "attachment"
        let ascii = name.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" && $0.value >= 0x20 } ? name : "tep.\(type.fileExtension)"
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? ascii
        return Response(status: .ok, headers: [
            .contentType: type.rawValue,
            .contentDisposition: "\(disposition); filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: context.actor == nil ? "public, max-age=300" : "private, no-store",
            .contentSecurityPolicy: "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The site's own absolute address, for feeds, the sitemap, OAI-PMH and link previews.
enum SiteAddress {
    /// `HOCTAP_PUBLIC_URL` when configured; otherwise the scheme and host the request came
    /// with (`X-Forwarded-Proto` survives `SessionMiddleware` only from a trusted proxy).
    static func base(_ request: Request, configured: String?) -> String {
        if let configured, !configured.isEmpty { return configured.hasSuffix("/") ? String(configured.dropLast()) : configured }
        let host = request.head.authority ?? "localhost"
        let forwarded = request.headers[SessionMiddleware.forwardedProto]?.lowercased()
        let scheme = forwarded == "https" ? "https" : "http"
        // A Host header is the client's to write: keep only what a host name can be.
        let safe = host.filter { $0.isLetter || $0.isNumber || ".-:[]".contains($0) }
        return "\(scheme)://\(safe.isEmpty ? "localhost" : safe)"
    }
}
