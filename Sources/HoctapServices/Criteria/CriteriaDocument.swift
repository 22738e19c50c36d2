import Crypto
import Foundation
import HoctapDomain
import Yams

/// Criteria-set YAML in and out: parsing with Yams into the domain's document tree (which the
/// domain reads and validates), canonical writing, and the content hash that identifies a version.
public enum CriteriaDocument {
    /// Parses and validates a set; every problem comes back with its path and line.
    public static func parse(_ yaml: String) throws(CriteriaSetInvalid) -> CriteriaSet {
        // Aliases, depth and size are refused before Yams expands anything.
        try YAMLBudget.criteriaSet.check(yaml)
        let root: DocumentNode
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw CriteriaSetInvalid(issues: [CriteriaIssue(path: "", line: nil, message: "tài liệu trống.")])
            }
            root = try convert(node)
        } catch let invalid as CriteriaSetInvalid {
            throw invalid
        } catch let error as YamlError {
            throw CriteriaSetInvalid(issues: [describe(error)])
        } catch {
            throw CriteriaSetInvalid(issues: [CriteriaIssue(path: "", line: nil, message: "không đọc được YAML: \(error)")])
        }
        return try CriteriaSetReader.read(root)
    }

    /// The canonical YAML of a set (what is stored and exported).
    public static func canonicalYAML(_ set: CriteriaSet) -> String {
        CriteriaSetWriter.yaml(set)
    }

    /// SHA-256 of the canonical YAML: equal sets have equal hashes.
    public static func contentHash(_ set: CriteriaSet) -> String {
        SHA256.hash(data: Data(canonicalYAML(set).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func convert(_ node: Yams.Node) throws(CriteriaSetInvalid) -> DocumentNode {
        let line = node.mark.map { $0.line }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return DocumentNode(.null, line: line)
            }
            return DocumentNode(.scalar(scalar.string, quoted: scalar.style != .plain), line: line)
        case .sequence(let sequence):
            var elements: [DocumentNode] = []
            for element in sequence { elements.append(try convert(element)) }
            return DocumentNode(.list(elements), line: line)
        case .mapping(let mapping):
            var entries: [DocumentNode.Entry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw CriteriaSetInvalid(issues: [CriteriaIssue(path: "", line: key.mark?.line, message: "khóa phải là chữ.")])
                }
                entries.append(DocumentNode.Entry(key: keyScalar.string, value: try convert(value), line: key.mark?.line))
            }
            return DocumentNode(.map(entries), line: line)
        case .alias:
            throw CriteriaSetInvalid(issues: [CriteriaIssue(path: "", line: line, message: "không dùng bí danh YAML (& và *); hãy viết đầy đủ.")])
        }
    }

    static func describe(_ error: YamlError) -> CriteriaIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            return CriteriaIssue(path: "", line: mark.line,
                                 message: "YAML sai cú pháp ở cột \(mark.column): \(problem)\(context.map { " (\($0.text))" } ?? "").")
        default:
            return CriteriaIssue(path: "", line: nil, message: "YAML không hợp lệ: \(error)")
        }
    }
}

/// The criteria sets hoctap ships (Sources/HoctapServices/CriteriaSets), installed as published
/// versions when absent or changed.
public enum ShippedCriteriaSets {
    /// File name and YAML text of every shipped set, in a stable order.
    public static func files() throws -> [(name: String, yaml: String)] {
        guard let directory = Bundle.module.url(forResource: "CriteriaSets", withExtension: nil) else {
            throw CocoaError(.fileNoSuchFile)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }
}
