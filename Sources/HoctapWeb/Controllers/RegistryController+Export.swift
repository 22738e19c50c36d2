import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// Downloads of registries and results, streamed: the response starts with the first page and
/// the server holds one page of rows at a time, for a village or for the whole country.
extension RegistryController {
    func export(_ kind: ExportKind, as format: ExportFormat) -> @Sendable (Request, AppRequestContext) async throws -> Response {
        { [registry, services] request, context in
            let filter = kind == .results ? try Self.resultFilter(request) : ResultFilter()
            let export = try await registry.export(kind, in: try Self.id(context), filter: filter, format: format.rawValue, by: try context.requireActor())
            let today = Day(containing: services.environment.clock.now())
            let body = ResponseBody { writer in
                try await export.write(format, today: today) { try await writer.write(ByteBuffer(bytes: $0)) }
                try await writer.finish(nil)
            }
            return Response(status: .ok, headers: Self.downloadHeaders(format.contentType, name: export.fileName(format)), body: body)
        }
    }

    /// `?year=2025&model=family`, both optional; anything else is a 400 that names the problem.
    static func resultFilter(_ request: Request) throws -> ResultFilter {
        var filter = ResultFilter()
        if let text = request.uri.queryParameters["year"].map(String.init), !text.isEmpty {
            guard let year = Int(text), PlanDraft.years.contains(year) else {
                throw WebError.badRequest("Năm \"\(text)\" không hợp lệ (từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound)).")
            }
            filter.year = year
        }
        if let text = request.uri.queryParameters["model"].map(String.init), !text.isEmpty {
            guard let model = LearningModel(rawValue: text) else {
                throw WebError.badRequest("Mô hình \"\(text)\" không hợp lệ; dùng: \(LearningModel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            filter.model = model
        }
        return filter
    }

    static func downloadHeaders(_ type: String, name: String) -> HTTPFields {
        [.contentType: type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(name)\""]
    }
}
