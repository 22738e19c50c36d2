import Foundation

/// One row of a denominators file: `area,year,kind,value,source`.
public struct DenominatorRow: Hashable, Sendable {
    /// The area's official code (`VN` for the whole country).
    public var areaCode: String
    public var year: Int
    public var kind: DenominatorKind
    public var value: Int64
    public var source: String
    public var line: Int

    public static let requiredColumns = ["area", "year", "kind", "value", "source"]
    public static let columnAliases = [
        "mã địa bàn": "area", "ma dia ban": "area", "địa bàn": "area", "mã": "area",
        "năm": "year", "nam": "year", "loại": "kind", "loai": "kind", "chỉ số": "kind",
        "số lượng": "value", "so luong": "value", "giá trị": "value", "gia tri": "value",
        "nguồn": "source", "nguon": "source",
    ]

    /// The largest total accepted (above the country's population).
    public static let maximumValue: Int64 = 200_000_000

    public static func parse(_ row: CSVRow) -> Result<DenominatorRow, ImportFailure> {
        var row = row
        let area = row.text("area", maxLength: 40)
        var year: Int?
        if let text = row.text("year", maxLength: 4) {
            if let value = Int(text), PlanDraft.years.contains(value) { year = value } else {
                row.report("year", "Năm \"\(text)\" không hợp lệ (từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound)).")
            }
        }
        var kind: DenominatorKind?
        if let text = row.text("kind", maxLength: 100) {
            kind = DenominatorKind(parsing: text)
            if kind == nil {
                row.report("kind", "Loại \"\(text)\" không có; dùng: \(DenominatorKind.allCases.filter { !$0.isCountedFromAreas }.map(\.rawValue).joined(separator: ", ")).")
            } else if kind?.isCountedFromAreas == true {
                row.report("kind", "Số xã được đếm từ danh mục đơn vị hành chính, không nhập.")
                kind = nil
            }
        }
        var value: Int64?
        if let text = row.text("value", maxLength: 20) {
            let digits = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
            if let number = Int64(digits), (0...maximumValue).contains(number) { value = number } else {
                row.report("value", "Số \"\(text)\" không hợp lệ (số nguyên từ 0 đến \(VietnameseFormat.integer(maximumValue))).")
            }
        }
        let source = row.text("source", maxLength: 300)
        guard row.issues.isEmpty, let area, let year, let kind, let value, let source else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(DenominatorRow(areaCode: area, year: year, kind: kind, value: value, source: source, line: row.line))
    }
}
