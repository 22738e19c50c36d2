import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Public statistics: the country, each province and each commune against the targets, and the
/// same figures as open data. Aggregates only; no names, no subjects, no sign-in.
struct PublicStatsController {
    let services: AppServices
    let map: ProgressMap?

    var progress: ProgressService { ProgressService(services.environment) }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.publicStats.path), use: nation)
        router.get(RouterPath(stringLiteral: SiteURL.openDataCSV.path), use: csv)
        router.get(RouterPath(stringLiteral: SiteURL.openDataJSON.path), use: json)
        router.get(RouterPath(stringLiteral: SiteURL.publicArea(0).pattern), use: area)
    }

    func year(_ request: Request) throws -> Int { try RequestYear.read(request, clock: services.environment.clock) }

    func nation(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(nil, request, context)
    }

    func area(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không có số liệu công khai cho địa bàn này.") }
        return try await page(id, request, context)
    }

    private func page(_ id: Area.ID?, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let dashboard = try await progress.publicDashboard(id, year: try year(request))
        let indicator = request.query("indicator").flatMap(ProgressIndicator.init(rawValue:)).flatMap { dashboard.indicators.contains($0) ? $0 : nil } ?? .family
        var crumbs: [(label: String, url: String?)] = []
        if dashboard.area.level != .nation { crumbs.append(("Toàn quốc", SiteURL.publicStats.with(["year": String(dashboard.year)]))) }
        if dashboard.area.level == .commune, let provinceID = dashboard.area.provinceID {
            crumbs.append(("Tỉnh", SiteURL.publicArea(provinceID).with(["year": String(dashboard.year)])))
        }
        let html = ProgressPage.render(.init(
            dashboard: dashboard, indicator: indicator, subjects: [],
            map: map?.render(dashboard, indicator: indicator) { SiteURL.publicArea($0.id).with(["year": String(dashboard.year), "indicator": indicator.rawValue]) },
            ancestors: crumbs, chrome: context.chrome(nil), publicView: true))
        var response = try HTMLResponse(html: html).response(from: request, context: context)
        // Figures change with each decision; a minute of caching spares the server on busy days.
        response.headers[.cacheControl] = "public, max-age=60"
        return response
    }

    static let columns = ["level", "code", "name", "parent_code", "indicator", "indicator_label", "year", "denominator", "denominator_note",
                          "registered", "assessed", "approved", "recognised", "percent", "target_percent", "target_year", "target_plan"]

    static func csvLine(_ row: OpenDataStream.Row, year: Int) -> String {
        let area = row.area, parent = row.parentCode, figure = row.figure
        var fields: [String] = [area.level.rawValue, area.code, area.fullName, parent ?? "", figure.indicator.rawValue, figure.indicator.label, String(year)]
        fields += [figure.denominator.value.map(String.init) ?? "", figure.denominator.explanation, String(figure.counts.registered)]
        fields += [String(figure.counts.assessed), String(figure.counts.approved), String(figure.counts.recognised)]
        fields += [figure.percent.map { String(($0 * 10).rounded() / 10) } ?? "", figure.target.map { String($0) } ?? ""]
        fields += [figure.targetYear.map(String.init) ?? "", figure.targetPlan ?? ""]
        return fields.map(ProgressReport.quote).joined(separator: ",") + "\r\n"
    }

    /// Streams the file province by province: sending starts at once and memory holds one province.
    func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stream = try await progress.openData(year: try year(request))
        let year = stream.nation.year
        let header = "\u{FEFF}" + Self.columns.joined(separator: ",") + "\r\n" + stream.nationRows.map { Self.csvLine($0, year: year) }.joined()
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: header))
            try await stream.forEachProvince { rows in
                try await writer.write(ByteBuffer(string: rows.map { Self.csvLine($0, year: year) }.joined()))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .cacheControl: "public, max-age=300",
            .contentDisposition: "attachment; filename=\"hoctap-thong-ke-\(year).csv\"",
        ], body: body)
    }

    struct OpenRow: Encodable {
        var level, code, name: String
        var parentCode: String?
        var indicator, indicatorLabel: String
        var year: Int
        var denominator: Int64?
        var denominatorNote: String
        var registered, assessed, approved, recognised: Int
        var percent, targetPercent: Double?
        var targetYear: Int?
        var targetPlan: String?

        init(_ row: OpenDataStream.Row, year: Int) {
            let figure = row.figure
            level = row.area.level.rawValue
            code = row.area.code
            name = row.area.fullName
            parentCode = row.parentCode
            indicator = figure.indicator.rawValue
            indicatorLabel = figure.indicator.label
            self.year = year
            denominator = figure.denominator.value
            denominatorNote = figure.denominator.explanation
            registered = figure.counts.registered
            assessed = figure.counts.assessed
            approved = figure.counts.approved
            recognised = figure.counts.recognised
            percent = figure.percent.map { ($0 * 10).rounded() / 10 }
            targetPercent = figure.target
            targetYear = figure.targetYear
            targetPlan = figure.targetPlan
        }
    }

    /// `{"year": …, "rows": [ … ]}`, streamed province by province like the CSV.
    func json(_ request: Request, context: AppRequestContext) async throws -> Response {
        let stream = try await progress.openData(year: try year(request))
        let year = stream.nation.year
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        @Sendable func encoded(_ rows: [OpenDataStream.Row]) throws -> String {
            try rows.map { String(decoding: try encoder.encode(OpenRow($0, year: year)), as: UTF8.self) }.joined(separator: ",")
        }
        let first = try encoded(stream.nationRows)
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "{\"year\":\(year),\"rows\":[" + first))
            var separator = first.isEmpty ? "" : ","
            try await stream.forEachProvince { rows in
                let part = try encoded(rows)
                guard !part.isEmpty else { return }
                try await writer.write(ByteBuffer(string: separator + part))
                separator = ","
            }
            try await writer.write(ByteBuffer(string: "]}"))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"], body: body)
    }
}
