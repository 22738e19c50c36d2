import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// Downloads of a registry, streamed: the response starts with the first page and the server
/// holds one page of rows at a time, for a village or for the whole country.
extension RegistryController {
    func householdsCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let export = try await registry.exportHouseholds(in: try Self.id(context), format: "csv", by: try context.requireActor())
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "\u{FEFF}" + HouseholdExport.columns.joined(separator: ",") + "\r\n"))
            try await export.forEachPage { rows in
                try await writer.write(ByteBuffer(string: rows.map { $0.map(ProgressReport.quote).joined(separator: ",") + "\r\n" }.joined()))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.downloadHeaders("text/csv; charset=utf-8", name: "ho-gia-dinh-\(export.area.code).csv"), body: body)
    }

    func householdsXLSX(_ request: Request, context: AppRequestContext) async throws -> Response {
        let export = try await registry.exportHouseholds(in: try Self.id(context), format: "xlsx", by: try context.requireActor())
        let today = Day(containing: services.environment.clock.now())
        let body = ResponseBody { writer in
            // The writer's sink is synchronous; each page's bytes are gathered and then sent.
            let pending = ByteCollector()
            var sheet = try XLSXWriter(sheetName: "Hộ gia đình", columnWidths: HouseholdExport.columnWidths) { pending.append($0) }
            try sheet.titleBlock(["Danh sách hộ gia đình và thành viên", export.area.fullName, "Ngày xuất: \(VietnameseFormat.date(today))"])
            try sheet.header(HouseholdExport.columns)
            try await export.forEachPage { rows in
                for row in rows { try sheet.row(row.map { .text($0) }) }
                try await writer.write(ByteBuffer(bytes: pending.take()))
            }
            try sheet.finish()
            try await writer.write(ByteBuffer(bytes: pending.take()))
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: Self.downloadHeaders("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                                  name: "ho-gia-dinh-\(export.area.code).xlsx"), body: body)
    }

    static func downloadHeaders(_ type: String, name: String) -> HTTPFields {
        [.contentType: type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(name)\""]
    }
}

/// Bytes a synchronous writer produces, taken out by the page.
final class ByteCollector: @unchecked Sendable {
    // Used by one response body task only.
    private var bytes: [UInt8] = []

    func append(_ slice: ArraySlice<UInt8>) { bytes += slice }

    func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
