/// Limits an article's Markdown keeps before it reaches the renderer (issue 18).
///
/// Ink, the renderer, reads a link by recursing into every `[` (retrying each level when one
/// fails, so nesting costs 2^depth) and scans to the end of the line for each `[`, link `(`
/// and `&` it cannot close: 100,000 `[` overflowed the stack and killed the server, sixteen
/// nested ones ran for minutes, and 50,000 `&#` took minutes of CPU. Real articles have a few
/// links per line and brackets at most two deep (an image inside a link), so lines past these
/// limits are refused with their number; and before rendering, an `&` that does not start a
/// character reference is written `&amp;` and a link's `(` that no `)` closes on its line
/// `&#40;` (the same text, read in linear time).
public enum MarkdownBudget {
    public static let maximumLineCharacters = 20_000
    public static let maximumBracketsPerLine = 200
    public static let maximumBackticksPerLine = 200
    public static let maximumBracketDepth = 3
    public static let maximumAmpersandsPerLine = 200

    /// The first line that breaks a limit (1-based) and what is wrong, in Vietnamese.
    public static func problem(in text: String) -> (line: Int, message: String)? {
        var line = 1
        var length = 0, brackets = 0, backticks = 0, depth = 0, ampersands = 0
        func check() -> String? {
            if length > maximumLineCharacters {
                return "một dòng dài quá \(maximumLineCharacters) ký tự; hãy xuống dòng giữa các đoạn."
            }
            if brackets > maximumBracketsPerLine { return "một dòng có quá \(maximumBracketsPerLine) dấu [." }
            if backticks > maximumBackticksPerLine { return "một dòng có quá \(maximumBackticksPerLine) dấu `." }
            if depth > maximumBracketDepth { return "dấu [ lồng nhau quá \(maximumBracketDepth) tầng." }
            if ampersands > maximumAmpersandsPerLine { return "một dòng có quá \(maximumAmpersandsPerLine) dấu &." }
            return nil
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n":
                line += 1
                length = 0; brackets = 0; backticks = 0; depth = 0; ampersands = 0
                continue
            case "[": brackets += 1; depth += 1
            case "]": depth = max(0, depth - 1)
            case "`": backticks += 1
            case "&": ampersands += 1
            default: break
            }
            length += 1
            if let message = check() { return (line, message) }
        }
        return nil
    }

    /// The text with every `&` that does not begin a character reference (`&amp;`, `&#7871;`,
    /// `&#x1EBF;`) written as `&amp;`, and every link `(` that nothing closes on its line as
    /// `&#40;`, outside code (backtick spans and fenced blocks), where the renderer escapes by
    /// itself.
    public static func escapingBareAmpersands(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        // Whether a `)` follows on the same line, for every position (one pass from the end).
        var closesLater = [Bool](repeating: false, count: scalars.count)
        var seen = false
        for index in scalars.indices.reversed() {
            closesLater[index] = seen
            if scalars[index] == "\n" { seen = false } else if scalars[index] == ")" { seen = true }
        }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var inFence = false, inSpan = false, atLineStart = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if atLineStart, scalar == "`", index + 2 < scalars.count, scalars[index + 1] == "`", scalars[index + 2] == "`" {
                inFence.toggle()
            }
            atLineStart = scalar == "\n"
            if scalar == "\n" { inSpan = false }
            if scalar == "`" && !inFence { inSpan.toggle() }
            if scalar == "&" && !inFence && !inSpan && !startsReference(scalars, at: index) {
                out.append(contentsOf: "&amp;".unicodeScalars)
            } else if scalar == "(" && !inFence && !inSpan && index > 0 && scalars[index - 1] == "]" && !closesLater[index] {
                out.append(contentsOf: "&#40;".unicodeScalars)
            } else {
                out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// Whether `&` at `index` begins `&name;`, `&#digits;` or `&#xhex;` (at most 32 characters).
    static func startsReference(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var cursor = index + 1
        let end = min(scalars.count, index + 34)
        guard cursor < end else { return false }
        if scalars[cursor] == "#" {
            cursor += 1
            let hex = cursor < end && (scalars[cursor] == "x" || scalars[cursor] == "X")
            if hex { cursor += 1 }
            let start = cursor
            while cursor < end, hex ? scalars[cursor].properties.isASCIIHexDigit : ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
            return cursor > start && cursor < end && scalars[cursor] == ";"
        }
        let start = cursor
        while cursor < end, scalars[cursor].isASCII, scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor]) { cursor += 1 }
        return cursor > start && cursor < end && scalars[cursor] == ";"
    }
}
