// libyaml itself, as Yams builds it: Yams keeps its event stream private, and the events are
// the only place where an alias can be seen before it is expanded.
import CYaml
import HoctapDomain

/// Limits a criteria-set document must keep before Yams builds its tree.
///
/// Yams composes a document by substituting every alias with the node its anchor names; eight
/// levels of nested aliases in a 484-byte file become 10⁸ nodes, and walking them exhausted the
/// server's memory (issue 18). This check reads libyaml's event stream, which is linear in the
/// input, and refuses the document at the first anchor or alias (a criteria set never needs
/// them: the canonical form spells every item out), past a nesting depth, or past a node count.
/// Syntax errors are left to Yams, whose messages carry the line and column.
public struct YAMLBudget: Sendable {
    /// Largest document in UTF-8 bytes; the largest shipped set is about 8 KB.
    public var maximumBytes: Int
    /// Scalars, sequences and mappings together; the largest shipped set has about 700.
    public var maximumNodes: Int
    /// Sequences and mappings inside each other; a set is at most six deep.
    public var maximumDepth: Int

    public init(maximumBytes: Int = 512 * 1024, maximumNodes: Int = 50_000, maximumDepth: Int = 24) {
        self.maximumBytes = maximumBytes
        self.maximumNodes = maximumNodes
        self.maximumDepth = maximumDepth
    }

    public static let criteriaSet = YAMLBudget()

    /// Refuses the document with its line when it breaks a limit; returns quietly otherwise
    /// (including when libyaml finds a syntax error, which the real parse reports).
    public func check(_ yaml: String) throws(CriteriaSetInvalid) {
        let size = yaml.utf8.count
        if size > maximumBytes {
            throw refusal(nil, "tệp dài \(VietnameseFormat.integer(size)) byte, quá giới hạn \(VietnameseFormat.integer(maximumBytes)) byte của một bộ tiêu chí.")
        }
        var bytes = Array(yaml.utf8)
        if let problem = bytes.withUnsafeMutableBufferPointer({ scan($0) }) {
            throw refusal(problem.line, problem.message)
        }
    }

    private func refusal(_ line: Int?, _ message: String) -> CriteriaSetInvalid {
        CriteriaSetInvalid(issues: [CriteriaIssue(path: "", line: line, message: message)])
    }

    private func scan(_ buffer: UnsafeMutableBufferPointer<UInt8>) -> (line: Int, message: String)? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return (1, "không khởi tạo được bộ đọc YAML.") }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var depth = 0
        var nodes = 0
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let line = Int(event.start_mark.line) + 1
            let anchor: UnsafeMutablePointer<yaml_char_t>?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_ALIAS_EVENT:
                return (line, Self.aliasMessage)
            case YAML_SCALAR_EVENT:
                anchor = event.data.scalar.anchor
                nodes += 1
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
                nodes += 1
                depth += 1
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
                nodes += 1
                depth += 1
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                anchor = nil
                depth -= 1
            default:
                anchor = nil
            }
            if anchor != nil { return (line, Self.aliasMessage) }
            if depth > maximumDepth {
                return (line, depthMessage)
            }
            if nodes > maximumNodes {
                return (line, "quá \(VietnameseFormat.integer(maximumNodes)) phần tử; một bộ tiêu chí không lớn đến thế.")
            }
        }
        // libyaml stops by itself at 1,000 levels, looking ahead of the events: that is the same
        // refusal as ours, not a syntax error in an honest document.
        if let problem = parser.problem, String(cString: problem).contains("nesting level") {
            return (Int(parser.problem_mark.line) + 1, depthMessage)
        }
        return nil
    }

    private var depthMessage: String { "lồng nhau quá \(maximumDepth) tầng; một bộ tiêu chí không sâu đến thế." }

    static let aliasMessage = "không dùng bí danh YAML (& và *); hãy viết đầy đủ."
}
