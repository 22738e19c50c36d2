import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// The audit trail page, scoped to the actor's area.
struct AuditController {
    let services: AppServices

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.audit.path), use: list)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        var before: Int64?
        if let text = request.query("before") {
            guard let value = Int64(text), value > 0 else { throw ServiceError.invalid([FieldIssue("before", "Số thứ tự \"\(text)\" không hợp lệ.")]) }
            before = value
        }
        let entries = try await AuditService(services.environment).entries(by: actor, before: before)
        let scope = actor.scope.areaID == nil ? "Toàn quốc" : try await services.areas.find(actor.scope.areaID!, by: actor).fullName
        return HTMLResponse(html: AuditPage.render(entries, scopeName: scope, chrome: context.chrome(.audit)))
    }
}
