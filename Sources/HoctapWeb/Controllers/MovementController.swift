import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird
import NIOCore

/// The movement dashboard of an area and its exports (CSV with a BOM, XLSX).
struct MovementController {
    let services: AppServices

    var movement: MovementService { MovementService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.movement(area: 0).pattern), use: page)
        group.get(RouterPath(stringLiteral: SiteURL.movementCSV(area: 0).pattern), use: csv)
        group.get(RouterPath(stringLiteral: SiteURL.movementXLSX(area: 0).pattern), use: xlsx)
    }

    func dashboard(_ request: Request, context: AppRequestContext) async throws -> MovementDashboard {
        try await movement.dashboard(try RegistryController.id(context), year: try RequestYear.read(request, clock: services.environment.clock),
                                     by: try context.requireActor())
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let dashboard = try await dashboard(request, context: context)
        var indicator = MovementIndicator.centreLeadership
        if let text = request.query("indicator"), !text.isEmpty {
            guard let chosen = MovementIndicator(rawValue: text) else {
                throw ServiceError.invalid([FieldIssue("indicator", "Chỉ tiêu \"\(text.prefix(40))\" không có.")])
            }
            indicator = chosen
        }
        return HTMLResponse(html: MovementPage.render(dashboard, indicator: indicator, chrome: context.chrome(.progress)))
    }

    func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dashboard = try await dashboard(request, context: context)
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"phong-trao-\(dashboard.area.code)-\(dashboard.year).csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: MovementReport.csv(dashboard))))
    }

    func xlsx(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dashboard = try await dashboard(request, context: context)
        var bytes: [UInt8] = []
        try MovementReport.xlsx(dashboard, today: Day(containing: services.environment.clock.now())) { bytes += $0 }
        return Response(status: .ok, headers: [
            .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"phong-trao-\(dashboard.area.code)-\(dashboard.year).xlsx\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
