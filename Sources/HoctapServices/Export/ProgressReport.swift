import Foundation
import HoctapDomain

/// The standard summary table (area, model, denominator, registered, recognised, %, target,
/// gap) of an area and its children for a year, the same figures the dashboard shows, as CSV
/// (UTF-8 with a byte-order mark so spreadsheet programs read Vietnamese) or XLSX.
public enum ProgressReport {
    public static let headers = ["Mã địa bàn", "Địa bàn", "Mô hình", "Số liệu tổng", "Nguồn số liệu tổng", "Đăng ký", "Đã đánh giá",
                                 "Hội đồng thông qua", "Công nhận", "Tỉ lệ (%)", "Chỉ tiêu (%)", "Năm chỉ tiêu", "Còn thiếu (điểm %)"]
    static let widths = [12, 28, 44, 14, 40, 10, 12, 12, 11, 10, 11, 11, 14]

    public static func title(_ dashboard: ProgressDashboard, today: Day) -> [String] {
        ["BẢNG TỔNG HỢP KẾT QUẢ XÂY DỰNG CÁC MÔ HÌNH HỌC TẬP", "Địa bàn: \(dashboard.area.fullName)", "Năm: \(dashboard.year)",
         "Ngày lập: \(VietnameseFormat.date(today)) (số liệu đến quyết định công nhận mới nhất)"]
    }

    /// The rows: the area itself, then each child, every indicator the dashboard shows.
    public static func rows(_ dashboard: ProgressDashboard) -> [[SheetCell]] {
        var rows: [[SheetCell]] = []
        let places = [(dashboard.area, dashboard.figures)] + dashboard.children.map { ($0.area, $0.figures) }
        for (area, figures) in places {
            for indicator in dashboard.indicators {
                guard let figure = figures[indicator] else { continue }
                rows.append([
                    .text(area.code), .text(area.fullName), .text(indicator.label),
                    figure.denominator.value.map(SheetCell.integer) ?? .empty, .text(figure.denominator.explanation),
                    .integer(Int64(figure.counts.registered)), .integer(Int64(figure.counts.assessed)), .integer(Int64(figure.counts.approved)),
                    .integer(Int64(figure.counts.recognised)), figure.percent.map { .decimal(rounded($0)) } ?? .empty,
                    figure.target.map { .decimal($0) } ?? .empty, figure.targetYear.map { .integer(Int64($0)) } ?? .empty,
                    figure.gap.map { .decimal(rounded($0)) } ?? .empty,
                ])
            }
        }
        return rows
    }

    static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    /// CSV, RFC 4180, with a BOM; numbers with a dot (machine-readable), empty where unknown.
    public static func csv(_ dashboard: ProgressDashboard) -> String {
        csv(headers: headers, rows: rows(dashboard))
    }

    /// Any table as CSV the same way (the movement report shares it).
    static func csv(headers: [String], rows: [[SheetCell]]) -> String {
        var out = "\u{FEFF}" + headers.map(quote).joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map { cell in
                switch cell {
                case .text(let text): quote(text)
                case .integer(let value): String(value)
                case .decimal(let value): value == value.rounded() ? String(Int64(value)) : String(value)
                case .empty: ""
                }
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// One CSV field: quoted when needed, and a leading formula character neutralised.
    public static func quote(_ text: String) -> String {
        var bytes: [UInt8] = []
        CSVBytes.appendField(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func xlsx(_ dashboard: ProgressDashboard, today: Day, sink: @escaping (ArraySlice<UInt8>) throws -> Void) throws {
        var writer = try XLSXWriter(sheetName: "Tổng hợp \(dashboard.year)", columnWidths: widths, sink: sink)
        try writer.titleBlock(title(dashboard, today: today))
        try writer.header(headers)
        for row in rows(dashboard) { try writer.row(row) }
        try writer.finish()
    }
}
