import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// The retention periods for personal data: set and applied by the national administrator.
struct RetentionController {
    let services: AppServices
    let maximumFormBytes: Int

    var retention: RetentionService { RetentionService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.retention.path), use: show)
        group.post(RouterPath(stringLiteral: SiteURL.retention.path), use: save)
        group.post(RouterPath(stringLiteral: SiteURL.applyRetention.path), use: apply)
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let rows = try await retention.status(by: try context.requireActor())
        let notice: String? = request.query("ok") == "saved" ? "Đã lưu thời hạn." : nil
        return HTMLResponse(html: RetentionPage.render(.init(rows: rows, notice: notice, chrome: context.chrome(.retention))))
    }

    func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try Authorization.require(actor, .manageRetention)  // the role before the body
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let rule = RetentionRule(rawValue: form["rule"]) else { throw WebError.badRequest("Không có loại dữ liệu \"\(form["rule"].prefix(40))\".") }
        do {
            try await retention.save(rule, days: form["days-\(rule.rawValue)"], expectedVersion: form["version"].isEmpty ? nil : Int(form["version"]), by: actor)
            return Redirect.to(SiteURL.retention.with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            let page = RetentionPage.render(.init(rows: try await retention.status(by: actor), failed: (rule, form["days-\(rule.rawValue)"], issues),
                                                  chrome: context.chrome(.retention)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// Applies the periods and shows the page with what went (no redirect: the figures are this run's, not a link's).
    func apply(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let report = try await retention.apply(by: actor)
        let notice = "Đã áp dụng: xóa \(VietnameseFormat.integer(report.accessLogEntries)) lượt xem hồ sơ, \(VietnameseFormat.integer(report.evidenceRecords)) minh chứng của "
            + "\(VietnameseFormat.integer(report.evaluations)) phiếu, \(VietnameseFormat.integer(report.files)) tệp."
        return HTMLResponse(html: RetentionPage.render(.init(rows: try await retention.status(by: actor), notice: notice, chrome: context.chrome(.retention))))
    }
}
