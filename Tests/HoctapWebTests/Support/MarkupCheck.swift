import Foundation

/// A strict check that a page's markup is well formed: every element opened is closed, in
/// order, apart from HTML's void elements; attributes are quoted; no stray `<` or `&`. Plot
/// writes XHTML-like markup, so any deviation is a bug (an unescaped value, a broken template).
enum MarkupCheck {
    static let void: Set = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// The problems found, empty when the markup is well formed.
    static func problems(_ html: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        let characters = Array(html.unicodeScalars)
        var index = 0
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(characters[range])) }
        while index < characters.count {
            let character = characters[index]
            if character == "&" {
                let end = characters[index...].prefix(12).firstIndex(of: ";")
                let entity = end.map { text(index..<($0 + 1)) } ?? ""
                if entity.range(of: #"^&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);$"#, options: .regularExpression) == nil {
                    problems.append("bare & at \(index)")
                }
                index += 1
                continue
            }
            guard character == "<" else { index += 1; continue }
            guard let close = characters[index...].firstIndex(of: ">") else { problems.append("unclosed tag at \(index)"); break }
            let tag = text((index + 1)..<close)
            index = close + 1
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces).lowercased()
                if stack.last == name { stack.removeLast() } else { problems.append("</\(name)> closes <\(stack.last ?? "nothing")>") }
                continue
            }
            guard let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\n" }).first.map({ $0.lowercased() }),
                  name.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil else {
                problems.append("bad tag <\(tag.prefix(30))>")
                continue
            }
            if let problem = attributeProblem(Array(tag.dropFirst(name.count))) { problems.append("\(problem) in <\(tag.prefix(60))>") }
            if !void.contains(name) && !tag.hasSuffix("/") {
                if name == "script" || name == "style" {
                    // Raw text up to the closing tag.
                    let rest = text(index..<characters.count)
                    guard let end = rest.range(of: "</\(name)>") else { problems.append("unclosed <\(name)>"); break }
                    index += rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: end.upperBound)
                    continue
                }
                stack.append(name)
            }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack.joined(separator: " "))") }
        return problems
    }

    /// Attributes must be `name` or `name="value"` (or single quotes), separated by spaces.
    static func attributeProblem(_ characters: [Character]) -> String? {
        var index = 0
        while index < characters.count {
            while index < characters.count, characters[index].isWhitespace { index += 1 }
            if index >= characters.count || (characters[index] == "/" && index == characters.count - 1) { return nil }
            let start = index
            while index < characters.count, !characters[index].isWhitespace, characters[index] != "=", characters[index] != "/" { index += 1 }
            if index == start { return "stray character \(characters[index])" }
            guard index < characters.count, characters[index] == "=" else { continue }
            index += 1
            guard index < characters.count, characters[index] == "\"" || characters[index] == "'" else { return "unquoted attribute" }
            let quote = characters[index]
            index += 1
            while index < characters.count, characters[index] != quote { index += 1 }
            guard index < characters.count else { return "unbalanced quotes" }
            index += 1
        }
        return nil
    }
}
