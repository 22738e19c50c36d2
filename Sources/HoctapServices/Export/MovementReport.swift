import Foundation
import HoctapDomain

/// The movement dashboard as a table (area, indicator, numerator, denominator, %, target, gap)
/// for an area and its children: the same figures as the page, as CSV with a BOM or XLSX.
public enum MovementReport {
    public static let headers = ["Mã địa bàn", "Địa bàn", "Chỉ tiêu", "Mã chỉ tiêu", "Số đạt", "Cơ số", "Cơ số là", "Tỉ lệ (%)", "Chỉ tiêu (%)",
                                 "Năm chỉ tiêu", "Kế hoạch", "Còn thiếu (điểm %)"]
    static let widths = [12, 28, 52, 30, 10, 10, 36, 10, 11, 11, 14, 14]

    public static func title(_ dashboard: MovementDashboard, today: Day) -> [String] {
        ["BẢNG TỔNG HỢP PHONG TRÀO: TRUNG TÂM HỌC TẬP CỘNG ĐỒNG, MẠNG LƯỚI HỘI, KỸ NĂNG SỐ", "Địa bàn: \(dashboard.area.fullName)",
         "Năm: \(dashboard.year)", "Ngày lập: \(VietnameseFormat.date(today))"]
    }

    public static func rows(_ dashboard: MovementDashboard) -> [[SheetCell]] {
        let places = [(dashboard.area, dashboard.figures)] + dashboard.children.map { ($0.area, $0.figures) }
        return places.flatMap { area, figures in
            MovementIndicator.allCases.compactMap { indicator -> [SheetCell]? in
                guard let figure = figures[indicator] else { return nil }
                return [
                    .text(area.code), .text(area.fullName), .text(indicator.label), .text(indicator.rawValue),
                    .integer(Int64(figure.numerator)), .integer(Int64(figure.denominator)), .text(indicator.denominatorLabel),
                    figure.percent.map { .decimal(ProgressReport.rounded($0)) } ?? .empty, figure.target.map { .decimal($0) } ?? .empty,
                    figure.targetYear.map { .integer(Int64($0)) } ?? .empty, figure.targetPlan.map { .text($0) } ?? .empty,
                    figure.gap.map { .decimal(ProgressReport.rounded($0)) } ?? .empty,
                ]
            }
        }
    }

    public static func csv(_ dashboard: MovementDashboard) -> String {
        ProgressReport.csv(headers: headers, rows: rows(dashboard))
    }

    public static func xlsx(_ dashboard: MovementDashboard, today: Day, sink: @escaping (ArraySlice<UInt8>) throws -> Void) throws {
        var writer = try XLSXWriter(sheetName: "Phong trào \(dashboard.year)", columnWidths: widths, sink: sink)
        try writer.titleBlock(title(dashboard, today: today))
        try writer.header(headers)
        for row in rows(dashboard) { try writer.row(row) }
        try writer.finish()
    }
}
