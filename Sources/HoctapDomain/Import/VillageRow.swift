/// A village or residential group as officers list them in a CSV file or a form.
public struct VillageDraft: Hashable, Sendable, Codable {
    /// Local code within the commune ("01", "TDP3"); generated when empty.
    public var localCode: String?
    public var name: String
    public var kind: AreaKind
    /// The commune's official code; required when a file spans several communes.
    public var communeCode: String?
    public var line: Int?

    public init(localCode: String?, name: String, kind: AreaKind, communeCode: String? = nil, line: Int? = nil) {
        self.localCode = localCode
        self.name = name
        self.kind = kind
        self.communeCode = communeCode
        self.line = line
    }

    /// Columns of a village file; `code` and `commune_code` are optional.
    public static let requiredColumns = ["name", "kind"]
    /// Vietnamese headings accepted for the same columns.
    public static let columnAliases = [
        "tên": "name", "ten": "name", "tên thôn": "name",
        "loại": "kind", "loai": "kind",
        "mã": "code", "ma": "code",
        "mã xã": "commune_code", "ma xa": "commune_code",
    ]

    /// Checks a local code: 1–20 letters, digits or "-", so that "<commune>-<local>" stays readable.
    public static func validateLocalCode(_ code: String) -> String? {
        guard (1...20).contains(code.count),
              code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return "Mã thôn chỉ gồm 1–20 chữ cái không dấu, chữ số hoặc dấu -."
        }
        return nil
    }

    /// Checks the name and kind the way the form and the CSV importer both need.
    public static func validate(name: String, kind: AreaKind) -> String? {
        if name.isEmpty { return "Tên thôn, tổ dân phố không được để trống." }
        if name.count > 120 { return "Tên dài quá 120 ký tự." }
        if kind.level != .village { return "Loại \(kind.label) không phải loại thôn, tổ dân phố." }
        return nil
    }

    /// Validates one CSV row.
    public static func parse(_ row: CSVRow) -> Result<VillageDraft, ImportFailure> {
        var row = row
        let name = row.text("name", maxLength: 120)
        var kind: AreaKind?
        if let text = row.text("kind") {
            kind = AreaKind.village(parsing: text)
            if kind == nil {
                row.report("kind", "Loại \"\(text)\" không hợp lệ; dùng: \(AreaKind.kinds(of: .village).map(\.label).joined(separator: ", ")).")
            }
        }
        var localCode: String?
        if row.header.has("code"), let code = row.text("code", required: false, maxLength: 20) {
            if let problem = validateLocalCode(code) { row.report("code", problem) } else { localCode = code }
        }
        var communeCode: String?
        if row.header.has("commune_code") {
            communeCode = row.code("commune_code", digits: 5, required: false)
        }
        guard row.issues.isEmpty, let name, let kind else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(VillageDraft(localCode: localCode, name: name, kind: kind, communeCode: communeCode, line: row.line))
    }
}
