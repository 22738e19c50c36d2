import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird
import Plot

/// The libraries hoctap harvests, for the officials who register them: each library's last
/// harvest and its message, a form to add one, a button to remove one.
struct LibraryAdminController {
    let services: AppServices
    let maximumFormBytes: Int

    var libraries: LibraryService { LibraryService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.librarySources.path), use: list)
        group.post(RouterPath(stringLiteral: SiteURL.librarySources.path), use: add)
        group.post(RouterPath(stringLiteral: SiteURL.removeLibrarySource(0).pattern), use: remove)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let notice = request.query("ok") == "added" ? "Đã đăng ký thư viện. Lần thu thập tới sẽ lấy biểu ghi của nó."
            : request.query("ok") == "removed" ? "Đã bỏ thư viện và các biểu ghi của nó." : nil
        return HTMLResponse(html: try await page(actor, form: .init(), notice: notice, context: context))
    }

    func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let entered = LibrarySourcesPage.Form(name: form["name"], url: form["url"], set: form["set"], province: form["province"])
        do {
            try Authorization.require(actor, .viewLibrarySources, notFound: "Không tìm thấy trang này.")
            var provinceID: Area.ID?
            if !entered.province.isEmpty {
                guard let id = Int64(entered.province) else { throw ServiceError.invalid([FieldIssue("province", "Tỉnh không hợp lệ.")]) }
                provinceID = id
            }
            _ = try await libraries.addSource(name: entered.name, baseURL: entered.url, setSpec: entered.set, provinceID: provinceID, by: actor)
            return Redirect.to(SiteURL.librarySources.with(["ok": "added"]))
        } catch ServiceError.invalid(let issues) {
            let html = try await page(actor, form: entered, issues: issues, context: context)
            return try HTMLResponse(html: html, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không có thư viện này.") }
        try await libraries.removeSource(id, by: actor)
        return Redirect.to(SiteURL.librarySources.with(["ok": "removed"]))
    }

    private func page(_ actor: Actor, form: LibrarySourcesPage.Form, issues: [FieldIssue] = [], notice: String? = nil,
                      context: AppRequestContext) async throws -> HTML {
        try Authorization.require(actor, .viewLibrarySources, notFound: "Không tìm thấy trang này.")
        // The provinces the actor may register a library for: every one for the national
        // administrator (or none, for a national library), their own for a province officer.
        var provinces: [(id: Area.ID, name: String)] = []
        if actor.role == .nationalAdmin {
            provinces = try await services.areas.children(of: try await services.areas.nationID(), by: actor).map { ($0.area.id, $0.area.fullName) }
        } else if let provinceID = actor.scope.provinceID {
            let province = try await services.areas.find(provinceID, by: actor)
            provinces = [(province.id, province.fullName)]
        }
        let sources = try await libraries.sources()
        let names = Dictionary(provinces.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        return LibrarySourcesPage.render(.init(
            sources: sources, provinceNames: names, provinces: provinces, national: actor.role == .nationalAdmin,
            canRemove: { source in
                let position = source.provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) }
                return AccessPolicy.decide(actor, .manageLibrary(province: position)) == .allow
            },
            form: form, issues: issues, notice: notice, chrome: context.chrome(.libraries)))
    }
}
