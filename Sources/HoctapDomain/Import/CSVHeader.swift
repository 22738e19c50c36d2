import Foundation

/// The header row of an imported CSV file and typed, validated access to the rows below it.
public struct CSVHeader: Sendable {
    public let file: String?
    public let names: [String]
    private let index: [String: Int]

    /// Reads the header record and checks that every required column is present.
    ///
    /// Column names match ignoring case, diacritics and spaces/underscores, and `aliases` map
    /// Vietnamese headings officers type ("Tên", "Mã xã") to the canonical names.
    public init(
        _ record: CSVParser.Record, required: [String],
        aliases: [String: String] = [:], file: String?
    ) throws(ImportFailure) {
        self.file = file
        var names: [String] = []
        var index: [String: Int] = [:]
        var issues = ImportIssueCollector()
        for (position, raw) in record.fields.enumerated() {
            let key = CSVHeader.key(raw)
            let canonical = aliases.first { CSVHeader.key($0.key) == key }?.value ?? key
            names.append(canonical)
            if index[canonical] != nil {
                issues.add(ImportIssue(file: file, line: record.line, column: position + 1, columnName: raw,
                                       message: "Cột \"\(raw)\" bị lặp lại trong dòng tiêu đề."))
            } else {
                index[canonical] = position
            }
        }
        for column in required where index[column] == nil {
            issues.add(ImportIssue(file: file, line: record.line,
                                   message: "Thiếu cột \"\(column)\" trong dòng tiêu đề (cần có: \(required.joined(separator: ", ")))."))
        }
        try issues.throwIfAny()
        self.names = names
        self.index = index
    }

    /// Whether the file has this column.
    public func has(_ column: String) -> Bool { index[column] != nil }

    /// A reader for one data row, or an issue when it has the wrong number of fields.
    public func row(_ record: CSVParser.Record) -> Result<CSVRow, ImportIssue> {
        guard record.fields.count == names.count else {
            return .failure(ImportIssue(
                file: file, line: record.line,
                message: "Dòng có \(record.fields.count) trường nhưng dòng tiêu đề có \(names.count); kiểm tra dấu phẩy thừa hoặc thiếu, hoặc bao trường có dấu phẩy trong ngoặc kép."))
        }
        return .success(CSVRow(header: self, record: record, index: index))
    }

    static func key(_ raw: String) -> String {
        VietnameseText.fold(raw).replacingOccurrences(of: " ", with: "_")
    }
}

/// One data row with validating accessors; problems accumulate in `issues` so that a single
/// pass reports every bad field of the row.
public struct CSVRow: Sendable {
    public let header: CSVHeader
    public let record: CSVParser.Record
    fileprivate let index: [String: Int]
    public private(set) var issues: [ImportIssue] = []

    public var line: Int { record.line }

    /// The NFC-normalised text of `column`, or `nil` (with an issue when `required`) if empty.
    public mutating func text(_ column: String, required: Bool = true, maxLength: Int = 200) -> String? {
        guard let position = index[column] else {
            if required { report(column, "Thiếu cột \"\(column)\".") }
            return nil
        }
        let value = VietnameseText.normalized(record.fields[position])
        if value.isEmpty {
            if required { report(column, "Không được để trống.") }
            return nil
        }
        if value.utf8.count > maxLength && value.count > maxLength {
            report(column, "Dài quá \(maxLength) ký tự.")
            return nil
        }
        return value
    }

    /// A numeric code of exactly `digits` digits, kept as text ("01", "00004").
    public mutating func code(_ column: String, digits: Int, required: Bool = true) -> String? {
        guard let value = text(column, required: required, maxLength: 32) else { return nil }
        guard value.count == digits, value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            report(column, "Mã \"\(value)\" phải gồm đúng \(digits) chữ số (giữ nguyên số 0 ở đầu; trong bảng tính hãy định dạng cột là Văn bản).")
            return nil
        }
        return value
    }

    /// One of the allowed raw values of `T`.
    public mutating func choice<T: RawRepresentable & Sendable>(
        _ column: String, from allowed: [T], required: Bool = true
    ) -> T? where T.RawValue == String {
        guard let value = text(column, required: required, maxLength: 64) else { return nil }
        guard let match = allowed.first(where: { $0.rawValue == value }) else {
            report(column, "Giá trị \"\(value)\" không hợp lệ; dùng một trong: \(allowed.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return match
    }

    /// Records a problem with `column` of this row.
    public mutating func report(_ column: String, _ message: String) {
        let position = index[column]
        issues.append(ImportIssue(
            file: header.file, line: record.line, column: position.map { $0 + 1 },
            columnName: position.map { header.names[$0] } ?? column, message: message))
    }
}
