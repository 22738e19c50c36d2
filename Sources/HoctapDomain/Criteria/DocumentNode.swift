/// A parsed YAML or JSON document as a plain tree, with the line each node came from.
///
/// The storage layer converts its parser's output into this, so that reading and validating a
/// criteria set stays pure and can name the exact path and line of every problem.
public struct DocumentNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case map([Entry])
        case list([DocumentNode])
        /// A scalar's text; `quoted` is true when the source forced it to be a string.
        case scalar(String, quoted: Bool)
        case null
    }

    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: DocumentNode
        public var line: Int?

        public init(key: String, value: DocumentNode, line: Int?) {
            self.key = key
            self.value = value
            self.line = line
        }
    }

    public var kind: Kind
    /// 1-based source line, when known.
    public var line: Int?

    public init(_ kind: Kind, line: Int? = nil) {
        self.kind = kind
        self.line = line
    }
}

/// One problem in a criteria-set document, located by path and line.
public struct CriteriaIssue: Error, Hashable, Sendable, CustomStringConvertible, Codable {
    /// `criteria[2].items[1].points`
    public var path: String
    public var line: Int?
    public var message: String

    public init(path: String, line: Int?, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(path.isEmpty ? "(gốc)" : path)\(line.map { " (dòng \($0))" } ?? ""): \(message)"
    }
}

/// A criteria set refused as a whole, with every problem found.
public struct CriteriaSetInvalid: Error, Sendable, CustomStringConvertible {
    public var issues: [CriteriaIssue]

    public init(issues: [CriteriaIssue]) { self.issues = issues }

    public var description: String {
        (["Bộ tiêu chí không hợp lệ (\(issues.count) lỗi):"] + issues.map { "  - \($0)" }).joined(separator: "\n")
    }
}

/// Typed, path-aware access to a node; problems go to a shared list instead of stopping.
struct NodeReader {
    let node: DocumentNode?
    let path: String
    let issues: IssueList

    init(_ node: DocumentNode?, path: String, issues: IssueList) {
        self.node = node
        self.path = path
        self.issues = issues
    }

    var isPresent: Bool {
        if let node, node.kind != .null { return true }
        return false
    }

    func report(_ message: String) {
        issues.add(CriteriaIssue(path: path, line: node?.line, message: message))
    }

    /// The child at `key` of a map, checking that the map has no keys outside `allowed`.
    func map(allowed: Set<String>) -> [String: NodeReader]? {
        guard let node else { return nil }
        guard case .map(let entries) = node.kind else {
            report("phải là một bảng (các cặp khóa: giá trị).")
            return nil
        }
        var children: [String: NodeReader] = [:]
        for entry in entries {
            let childPath = path.isEmpty ? entry.key : "\(path).\(entry.key)"
            if !allowed.contains(entry.key) {
                issues.add(CriteriaIssue(path: childPath, line: entry.line ?? entry.value.line,
                                         message: "khóa không hợp lệ; dùng một trong: \(allowed.sorted().joined(separator: ", "))."))
                continue
            }
            if children[entry.key] != nil {
                issues.add(CriteriaIssue(path: childPath, line: entry.line, message: "khóa bị lặp lại."))
                continue
            }
            children[entry.key] = NodeReader(entry.value, path: childPath, issues: issues)
        }
        return children
    }

    func list() -> [NodeReader]? {
        guard let node, node.kind != .null else { return nil }
        guard case .list(let elements) = node.kind else {
            report("phải là một danh sách.")
            return nil
        }
        return elements.enumerated().map { NodeReader($1, path: "\(path)[\($0)]", issues: issues) }
    }

    func string(required: Bool = false) -> String? {
        guard let node, node.kind != .null else {
            if required { report("bắt buộc, chưa có giá trị.") }
            return nil
        }
        guard case .scalar(let text, _) = node.kind else {
            report("phải là một chuỗi chữ.")
            return nil
        }
        let value = VietnameseText.normalized(text)
        if value.isEmpty && required { report("không được để trống.") }
        return value.isEmpty ? nil : value
    }

    func number(required: Bool = false) -> Double? {
        guard let node, node.kind != .null else {
            if required { report("bắt buộc, chưa có giá trị.") }
            return nil
        }
        guard case .scalar(let text, let quoted) = node.kind, !quoted, let value = Double(text), value.isFinite else {
            report("phải là một số.")
            return nil
        }
        return value
    }

    func integer() -> Int? {
        guard let value = number() else { return nil }
        guard value.rounded() == value, abs(value) < 1e9 else {
            report("phải là số nguyên.")
            return nil
        }
        return Int(value)
    }

    func bool() -> Bool? {
        guard let node, node.kind != .null else { return nil }
        guard case .scalar(let text, let quoted) = node.kind, !quoted, let value = ["true": true, "false": false][text.lowercased()] else {
            report("phải là true hoặc false.")
            return nil
        }
        return value
    }

    func day() -> Day? {
        guard let text = string() else { return nil }
        guard let day = Day(iso: text) else {
            report("ngày không hợp lệ \"\(text)\"; viết dạng YYYY-MM-DD.")
            return nil
        }
        return day
    }

    func strings() -> [String] {
        guard isPresent else { return [] }
        if case .scalar = node?.kind { return string().map { [$0] } ?? [] }
        return list()?.compactMap { $0.string(required: true) } ?? []
    }

    func choice<T: RawRepresentable>(_ type: T.Type, required: Bool = true) -> T? where T.RawValue == String, T: CaseIterable {
        guard let text = string(required: required) else { return nil }
        guard let value = T(rawValue: text) else {
            report("giá trị \"\(text)\" không hợp lệ; dùng: \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
            return nil
        }
        return value
    }
}

/// The problems collected while reading one document (a class so nested readers share it).
final class IssueList {
    private(set) var issues: [CriteriaIssue] = []
    func add(_ issue: CriteriaIssue) { issues.append(issue) }
}
