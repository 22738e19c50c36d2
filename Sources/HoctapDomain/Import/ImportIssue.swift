/// One problem found in an imported file, located precisely enough to fix it in a spreadsheet.
public struct ImportIssue: Error, Hashable, Sendable, CustomStringConvertible, Codable {
    /// The file name as the user knows it (not a server path).
    public var file: String?
    /// 1-based physical line.
    public var line: Int
    /// 1-based field number, when the problem is in one field.
    public var column: Int?
    /// The header name of that field.
    public var columnName: String?
    /// What is wrong and how to fix it, in Vietnamese.
    public var message: String

    public init(file: String?, line: Int, column: Int? = nil, columnName: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    /// "communes.csv, dòng 12, cột 6 (province_code): …"
    public var description: String {
        var location = file.map { "\($0), " } ?? ""
        location += "dòng \(line)"
        if let column {
            location += ", cột \(column)"
            if let columnName { location += " (\(columnName))" }
        }
        return "\(location): \(message)"
    }
}

/// An import that was refused as a whole; nothing of it was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    /// The problems found, in file order, at most `limit` of them.
    public var issues: [ImportIssue]
    /// True when more problems exist than are listed.
    public var truncated: Bool

    /// How many problems an import reports before it stops looking: enough to fix a file in one
    /// pass, few enough to read.
    public static let limit = 200

    public init(issues: [ImportIssue], truncated: Bool = false) {
        self.issues = issues
        self.truncated = truncated
    }

    public var description: String {
        var lines = ["Không nhập được: có \(issues.count)\(truncated ? "+" : "") lỗi, chưa ghi gì vào cơ sở dữ liệu."]
        lines += issues.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}

/// Collects issues up to `ImportFailure.limit` and turns them into a failure at the end.
public struct ImportIssueCollector: Sendable {
    public private(set) var issues: [ImportIssue] = []
    public private(set) var truncated = false

    public init() {}

    public var isEmpty: Bool { issues.isEmpty }

    public mutating func add(_ issue: ImportIssue) {
        if issues.count < ImportFailure.limit { issues.append(issue) } else { truncated = true }
    }

    public mutating func add(contentsOf other: [ImportIssue]) {
        for issue in other { add(issue) }
    }

    /// The collected issues as a failure, or `nil` when there are none.
    public var failure: ImportFailure? {
        issues.isEmpty ? nil : ImportFailure(issues: issues, truncated: truncated)
    }

    /// Throws the collected issues, if any.
    public func throwIfAny() throws(ImportFailure) {
        if !issues.isEmpty { throw ImportFailure(issues: issues, truncated: truncated) }
    }
}
