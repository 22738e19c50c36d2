import Foundation
import HoctapDomain

/// The file formats of a download.
public enum ExportFormat: String, CaseIterable, Sendable {
    case csv, xlsx

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}

extension ExportKind {
    /// Columns a spreadsheet shows as numbers (years, counts, household numbers).
    var numericColumns: Set<String> {
        var names: Set<String> = ["year", "birth_year", "staff_count"]
        if self == .households { names.insert("household") }
        return names
    }
}

extension RegistryExport {
    /// The downloaded file's name, e.g. `don-vi-00376.xlsx`, `ket-qua-01-2025.csv`.
    public func fileName(_ format: ExportFormat) -> String {
        "\(kind.fileStem)-\(area.code)\(filter.year.map { "-\($0)" } ?? "").\(format.rawValue)"
    }

    /// Writes the whole download as `format`, handing `send` the bytes of each page as it is
    /// read: CSV with a byte-order mark (so spreadsheet programs read UTF-8), XLSX with a title
    /// block above the table. Memory holds one page of rows and its bytes.
    public func write(_ format: ExportFormat, today: Day, rowsPerSheet: Int = XLSXWriter.maximumRows,
                      send: ([UInt8]) async throws -> Void) async throws {
        switch format {
        case .csv:
            try await send(Array(("\u{FEFF}" + columns.joined(separator: ",") + "\r\n").utf8))
            var bytes: [UInt8] = []
            try await forEachPage { rows in
                bytes.removeAll(keepingCapacity: true)
                for row in rows { CSVBytes.appendRow(row, to: &bytes) }
                try await send(bytes)
            }
        case .xlsx:
            // The writer's sink is synchronous; each page's bytes are gathered and then sent.
            let pending = ByteCollector()
            var sheet = try XLSXWriter(sheetName: kind.sheetName, columnWidths: kind.columnWidths, rowsPerSheet: rowsPerSheet) { pending.append($0) }
            var title = [kind.heading, area.fullName]
            if kind == .results {
                title.append([filter.model?.label, filter.year.map { "Năm \($0)" }].compactMap { $0 }.joined(separator: ", "))
            }
            try sheet.titleBlock(title.filter { !$0.isEmpty } + ["Ngày xuất: \(VietnameseFormat.date(today))"])
            try sheet.header(columns)
            let numeric = Set(columns.indices.filter { kind.numericColumns.contains(columns[$0]) })
            try await forEachPage { rows in
                for row in rows {
                    try sheet.row(row.enumerated().map { index, field in
                        if numeric.contains(index), let number = Int64(field) { return .integer(number) }
                        return field.isEmpty ? .empty : .text(field)
                    })
                }
                try await send(pending.take())
            }
            try sheet.finish()
            try await send(pending.take())
        }
    }
}

/// Bytes a synchronous writer produces, taken out by the page.
final class ByteCollector: @unchecked Sendable {
    // Used by one export's writing task only.
    private var bytes: [UInt8] = []

    func append(_ slice: ArraySlice<UInt8>) { bytes += slice }

    func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
