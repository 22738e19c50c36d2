/// Whom a past result is about, as a results file names it.
public enum ResultSubject: Hashable, Sendable {
    /// A household by its code ("<village code>-<number>").
    case household(String)
    /// A village by its full code ("00376-01").
    case village(String)
    /// The commune itself (community learning at commune level).
    case commune
    /// A clan, unit or learning citizen by name inside the commune (diacritics and case aside).
    case named(String)
}

/// One row of a file of past results decided on paper (`hoctap import results`), for any of
/// the learning models; without a `model` column every row is a family's:
///
/// ```
/// year,model,commune,village,subject,household,verdict,decision_number,decided_on
/// 2024,family,,,,00376-01-0001,công nhận,15/QĐ-UBND,2024-12-20
/// 2024,clan,00376,,Họ Nguyễn thôn Đông,,công nhận,16/QĐ-UBND,2024-12-20
/// 2024,community-village,,00376-01,,,không công nhận,,
/// ```
public struct ResultRow: Hashable, Sendable {
    public var year: Int
    public var model: LearningModel
    public var subject: ResultSubject
    /// The commune's official code: given, or the start of the household's or village's code.
    public var communeCode: String
    /// A village that narrows a named subject down (or the village a household or village code names).
    public var villageCode: String?
    public var recognised: Bool
    public var decisionNumber: String
    public var decidedOn: Day?
    public var line: Int

    /// The household's code, for family rows.
    public var householdCode: String? {
        if case .household(let code) = subject { return code }
        return nil
    }

    public static let requiredColumns = ["year", "verdict"]
    public static let columnAliases = [
        "năm": "year", "nam": "year", "mã hộ": "household", "ma ho": "household", "hộ": "household",
        "mô hình": "model", "mo hinh": "model", "xã": "commune", "xa": "commune", "mã xã": "commune", "ma xa": "commune",
        "thôn": "village", "thon": "village", "mã thôn": "village", "ma thon": "village", "tên": "subject", "ten": "subject", "đối tượng": "subject",
        "kết quả": "verdict", "ket qua": "verdict", "số quyết định": "decision_number", "so quyet dinh": "decision_number",
        "ngày quyết định": "decided_on", "ngay quyet dinh": "decided_on",
    ]

    /// The model a cell names: its code (`clan`) or its Vietnamese name, diacritics and case aside.
    public static func model(parsing text: String) -> LearningModel? {
        let folded = VietnameseText.fold(text)
        return LearningModel.allCases.first { $0.rawValue == folded || VietnameseText.fold($0.label) == folded }
    }

    /// Parses and checks one row; `years` are the years results may be recorded for.
    public static func parse(_ row: CSVRow, years: ClosedRange<Int>) -> Result<ResultRow, ImportFailure> {
        var row = row
        var year: Int?
        if let text = row.text("year", maxLength: 4) {
            if let value = Int(text), years.contains(value) { year = value } else {
                row.report("year", "Năm \"\(text)\" không hợp lệ; ghi kết quả các năm \(years.lowerBound)–\(years.upperBound).")
            }
        }
        var model: LearningModel? = .family
        if row.header.has("model"), let text = row.text("model", required: false, maxLength: 80) {
            model = Self.model(parsing: text)
            if model == nil {
                row.report("model", "Mô hình \"\(text)\" không hợp lệ; dùng: \(LearningModel.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        let commune = row.header.has("commune") ? row.code("commune", digits: 5, required: false) : nil
        let village = row.header.has("village") ? row.text("village", required: false, maxLength: 40) : nil
        var subject: ResultSubject?
        var communeCode = commune
        switch model {
        case .family:
            if let code = row.text("household", maxLength: 60) {
                subject = .household(code)
                let prefix = String(code.prefix { $0 != "-" })
                if let commune, commune != prefix {
                    row.report("household", "Hộ \(code) không thuộc xã mã \(commune).")
                }
                communeCode = prefix
            }
        case .communityVillage:
            if let village {
                let full = village.contains("-") ? village : commune.map { "\($0)-\(village)" }
                if let full {
                    subject = .village(full)
                    communeCode = String(full.prefix { $0 != "-" })
                } else {
                    row.report("village", "Ghi mã đầy đủ của thôn (ví dụ 00376-01) hoặc ghi thêm cột commune.")
                }
            } else {
                row.report("village", row.header.has("village") ? "Không được để trống." : "Thiếu cột \"village\".")
            }
        case .communityCommune:
            subject = .commune
        case .clan, .unit, .citizen:
            if let name = row.text("subject", maxLength: 200) { subject = .named(name) }
        case nil:
            break
        }
        if model != nil && model != .family && model != .communityVillage && communeCode == nil && !row.issues.contains(where: { $0.columnName == "commune" }) {
            row.report("commune", row.header.has("commune") ? "Không được để trống." : "Thiếu cột \"commune\".")
        }
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
            row.report(row.header.has("decision_number") ? "decision_number" : "verdict", "Kết quả được công nhận cần số quyết định công nhận.")
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
        guard row.issues.isEmpty, let year, let model, let subject, let communeCode, let recognised else { return .failure(ImportFailure(issues: row.issues)) }
        var narrowing = village
        if let local = narrowing, !local.contains("-") { narrowing = "\(communeCode)-\(local)" }
        return .success(ResultRow(year: year, model: model, subject: subject, communeCode: communeCode, villageCode: narrowing, recognised: recognised,
                                  decisionNumber: decision, decidedOn: day, line: row.line))
    }

    /// The event's reason, as the paper-results form writes it.
    public var reason: String { Self.reason(year: year, decisionNumber: decisionNumber, decidedOn: decidedOn) }

    public static func reason(year: Int, decisionNumber: String, decidedOn: Day?) -> String {
        "Kết quả năm \(year) theo hồ sơ giấy" + (decisionNumber.isEmpty ? "" : ": Quyết định số \(decisionNumber)")
            + (decidedOn.map { " ngày \(VietnameseFormat.date($0))" } ?? "")
    }
}
