/// One row of a file of past results decided on paper (`hoctap import results`):
///
/// ```
/// year,household,verdict,decision_number,decided_on
/// 2024,00376-01-0001,công nhận,15/QĐ-UBND,2024-12-20
/// 2024,00376-01-0002,không công nhận,,
/// ```
public struct ResultRow: Hashable, Sendable {
    public var year: Int
    /// The household's code as printed on forms ("<village code>-<number>").
    public var householdCode: String
    public var recognised: Bool
    public var decisionNumber: String
    public var decidedOn: Day?
    public var line: Int

    /// The commune's code: the part of the household code before the first "-".
    public var communeCode: Substring { householdCode.prefix { $0 != "-" } }

    public static let requiredColumns = ["year", "household", "verdict"]
    public static let columnAliases = [
        "năm": "year", "nam": "year", "mã hộ": "household", "ma ho": "household", "hộ": "household",
        "kết quả": "verdict", "ket qua": "verdict", "số quyết định": "decision_number", "so quyet dinh": "decision_number",
        "ngày quyết định": "decided_on", "ngay quyet dinh": "decided_on",
    ]

    /// Parses and checks one row; `years` are the years results may be recorded for.
    public static func parse(_ row: CSVRow, years: ClosedRange<Int>) -> Result<ResultRow, ImportFailure> {
        var row = row
        var year: Int?
        if let text = row.text("year", maxLength: 4) {
            if let value = Int(text), years.contains(value) { year = value } else {
                row.report("year", "Năm \"\(text)\" không hợp lệ; ghi kết quả các năm \(years.lowerBound)–\(years.upperBound).")
            }
        }
        // An export of results holds every model; only families' results are recorded from paper.
        if row.header.has("model"), let text = row.text("model", required: false, maxLength: 80),
           ![LearningModel.family.rawValue, VietnameseText.fold(LearningModel.family.label)].contains(VietnameseText.fold(text)) {
            row.report("model", "Chỉ nhập được kết quả Gia đình học tập; dòng này là \"\(text)\".")
            return .failure(ImportFailure(issues: row.issues))
        }
        let code = row.text("household", maxLength: 60)
        var recognised: Bool?
        if let text = row.text("verdict", maxLength: 40) {
            switch VietnameseText.fold(text) {
            case "cong nhan", "duoc cong nhan", "dat", "recognised", "co": recognised = true
            case "khong cong nhan", "khong duoc cong nhan", "khong dat", "not-recognised", "khong": recognised = false
            default: row.report("verdict", "Kết quả \"\(text)\" không hợp lệ; ghi Công nhận hoặc Không công nhận.")
            }
        }
        let decision = row.header.has("decision_number") ? row.text("decision_number", required: false, maxLength: 80) ?? "" : ""
        if recognised == true && decision.isEmpty {
            row.report(row.header.has("decision_number") ? "decision_number" : "verdict", "Hộ được công nhận cần số quyết định công nhận.")
        }
        var day: Day?
        if row.header.has("decided_on"), let text = row.text("decided_on", required: false, maxLength: 10) {
            day = Day(iso: text) ?? Day(vietnamese: text)
            if day == nil {
                row.report("decided_on", "Ngày \"\(text)\" không hợp lệ; ghi YYYY-MM-DD hoặc DD/MM/YYYY.")
            } else if let year, let found = day, !(year...(year + 1)).contains(found.year) {
                row.report("decided_on", "Ngày quyết định phải trong năm \(year) hoặc \(year + 1).")
            }
        }
        guard row.issues.isEmpty, let year, let code, let recognised else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(ResultRow(year: year, householdCode: code, recognised: recognised, decisionNumber: decision, decidedOn: day, line: row.line))
    }

    /// The event's reason, as the paper-results form writes it.
    public var reason: String { Self.reason(year: year, decisionNumber: decisionNumber, decidedOn: decidedOn) }

    public static func reason(year: Int, decisionNumber: String, decidedOn: Day?) -> String {
        "Kết quả năm \(year) theo hồ sơ giấy" + (decisionNumber.isEmpty ? "" : ": Quyết định số \(decisionNumber)")
            + (decidedOn.map { " ngày \(VietnameseFormat.date($0))" } ?? "")
    }
}
