import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// The public search of library records harvested over OAI-PMH: no sign-in, no script, a plain
/// GET form that works on any phone.
struct LibraryController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.library.path), use: search)
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = request.query("q") ?? ""
        guard query.count <= 200 else { throw WebError.badRequest("Từ khóa tìm kiếm dài quá 200 ký tự.") }
        let pageText = request.query("trang") ?? "1"
        guard let page = Int(pageText), (1...25).contains(page) else { throw WebError.badRequest("Trang \"\(pageText)\" không hợp lệ (từ 1 đến 25).") }
        let service = LibraryService(services.environment)
        let result = query.trimmingCharacters(in: .whitespaces).isEmpty ? nil : try await service.search(query, page: page)
        let libraries = try await service.sources().filter { $0.recordCount > 0 }
        var response = try HTMLResponse(html: LibraryPage.render(query: query, result: result, libraries: libraries, chrome: context.chrome(nil)))
            .response(from: request, context: context)
        response.headers[.cacheControl] = "public, max-age=300"
        return response
    }
}
