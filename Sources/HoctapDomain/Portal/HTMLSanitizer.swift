import Foundation

/// Cleans HTML written by editors (or produced from their Markdown) down to an allowlist, so
/// that nothing in an article can run script, load a frame, submit a form or break the page.
///
/// The input is tokenised rather than matched with patterns: every tag is parsed into a name
/// and attributes, and the output is written anew from what was parsed. Tags outside the list
/// are dropped with their text kept (`script`, `style` and friends with their content too);
/// attributes outside the list are dropped; links and images keep only http(s), mailto and
/// same-site addresses; anything that does not parse as a tag is text and gets escaped. The
/// result is always balanced: stray end tags are dropped and open ones closed at the end.
public enum HTMLSanitizer {
    /// Allowed elements and the attributes each may keep.
    static let allowed: [String: Set<String>] = [
        "p": [], "br": [], "hr": [], "h2": [], "h3": [], "h4": [], "h5": [], "h6": [],
        "strong": [], "b": [], "em": [], "i": [], "u": [], "s": [], "del": [], "sup": [], "sub": [], "code": [], "pre": [],
        "blockquote": [], "ul": [], "ol": ["start"], "li": [], "a": ["href", "title"], "img": ["src", "alt", "title", "width", "height"],
        "table": [], "thead": [], "tbody": [], "tr": [], "th": ["colspan", "rowspan"], "td": ["colspan", "rowspan"],
        "figure": [], "figcaption": [],
    ]
    /// The page's own `h1` is its title, so an article's headings start at `h2`.
    static let renamed: [String: String] = ["h1": "h2"]
    static let void: Set<String> = ["br", "hr", "img"]
    /// Elements dropped together with everything inside them.
    static let dropWithContent: Set<String> = ["script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math", "textarea", "select", "title"]

    /// The cleaned markup.
    public static func clean(_ html: String) -> String {
        var output = ""
        var open: [String] = []
        var scanner = Scanner(Array(html.unicodeScalars))
        while let token = scanner.next() {
            switch token {
            case .text(let text):
                output += escapeText(text)
            case .start(var name, let attributes, _):
                if dropWithContent.contains(name) {
                    scanner.skip(through: name)
                    continue
                }
                name = renamed[name] ?? name
                guard let permitted = allowed[name] else { continue }
                output += "<" + name
                for (key, value) in attributes where permitted.contains(key) {
                    guard let safe = safeValue(key, value, in: name) else { continue }
                    output += " \(key)=\"\(escapeAttribute(safe))\""
                }
                if name == "a", let href = attributes.first(where: { $0.0 == "href" })?.1, isExternal(href) {
                    output += " rel=\"nofollow noopener\""
                }
                if name == "img" { output += " loading=\"lazy\"" }
                if void.contains(name) {
                    output += " />"
                } else {
                    output += ">"
                    open.append(name)
                }
            case .end(var name):
                name = renamed[name] ?? name
                guard let index = open.lastIndex(of: name) else { continue }
                for element in open[index...].reversed() { output += "</\(element)>" }
                open.removeSubrange(index...)
            }
        }
        for element in open.reversed() { output += "</\(element)>" }
        return output
    }

    /// The text of (clean) markup, tags removed and entities decoded, whitespace collapsed: for
    /// summaries, search and feeds.
    public static func plainText(_ html: String) -> String {
        var text = ""
        var scanner = Scanner(Array(html.unicodeScalars))
        while let token = scanner.next() {
            switch token {
            case .text(let piece): text += decodeEntities(piece)
            case .start(let name, _, _):
                if dropWithContent.contains(name) { scanner.skip(through: name) } else { text += " " }
            case .end: text += " "
            }
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: - Attribute values

    static func safeValue(_ key: String, _ value: String, in element: String) -> String? {
        switch key {
        case "href", "src":
            return isSafeURL(value) ? value.trimmingASCIIWhitespace : nil
        case "start", "colspan", "rowspan", "width", "height":
            return value.count <= 5 && !value.isEmpty && value.allSatisfy(\.isASCIIDigit) ? value : nil
        default:
            return value
        }
    }

    /// http, https and mailto addresses, and paths on this site; never `javascript:`, `data:`
    /// or a scheme hidden behind entities, control characters or a protocol-relative `//`.
    public static func isSafeURL(_ value: String) -> Bool {
        let decoded = decodeEntities(value).unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }
        let url = String(String.UnicodeScalarView(decoded)).lowercased()
        if url.hasPrefix("//") || url.hasPrefix("\\") || url.hasPrefix("/\\") { return false }
        if url.hasPrefix("/") || url.hasPrefix("#") { return true }
        guard let colon = url.firstIndex(of: ":") else { return !url.isEmpty }
        if let separator = url.firstIndex(where: { "/?#".contains($0) }), separator < colon { return true }
        return ["http", "https", "mailto"].contains(String(url[..<colon]))
    }

    static func isExternal(_ href: String) -> Bool {
        let url = href.trimmingASCIIWhitespace.lowercased()
        return url.hasPrefix("http:") || url.hasPrefix("https:")
    }

    // MARK: - Escaping

    /// Text as it appears in markup: `<` and `>` escaped, `&` kept only where it starts a
    /// well-formed character reference.
    public static func escapeText(_ text: String) -> String {
        var output = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "&":
                if let length = entityLength(scalars, at: index) {
                    output += String(String.UnicodeScalarView(scalars[index..<index + length]))
                    index += length
                    continue
                }
                output += "&amp;"
            default: output.unicodeScalars.append(scalar)
            }
            index += 1
        }
        return output
    }

    /// An attribute value written in double quotes: decoded once, then every `&`, `<`, `>`
    /// and `"` escaped, so a value can neither end its quotes nor smuggle a reference through.
    static func escapeAttribute(_ value: String) -> String {
        var output = ""
        for scalar in decodeEntities(value).unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The length of `&name;`, `&#123;` or `&#x1F;` starting at `index`, if one does.
    static func entityLength(_ scalars: [Unicode.Scalar], at index: Int) -> Int? {
        var end = index + 1
        let limit = min(scalars.count, index + 12)
        while end < limit, scalars[end] != ";" { end += 1 }
        guard end < limit, end > index + 1 else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
        let valid: Bool
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            valid = body.count > 2 && body.dropFirst(2).allSatisfy(\.isHexDigit)
        } else if body.hasPrefix("#") {
            valid = body.count > 1 && body.dropFirst().allSatisfy(\.isASCIIDigit)
        } else {
            valid = body.allSatisfy { $0.isASCII && $0.isLetter }
        }
        return valid ? end - index + 1 : nil
    }

    static let namedEntities: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]

    /// Numeric references and the common named ones decoded; unknown names left as written.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var output = ""
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let length = entityLength(scalars, at: index) {
                let body = String(String.UnicodeScalarView(scalars[(index + 1)..<(index + length - 1)]))
                var decoded: String?
                if body.hasPrefix("#x") || body.hasPrefix("#X") {
                    decoded = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if body.hasPrefix("#") {
                    decoded = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                } else {
                    decoded = namedEntities[body]
                }
                if let decoded {
                    output += decoded
                    index += length
                    continue
                }
            }
            output.unicodeScalars.append(scalars[index])
            index += 1
        }
        return output
    }

    // MARK: - Tokens

    enum Token {
        case text(String)
        case start(String, [(String, String)], selfClosing: Bool)
        case end(String)
    }

    /// Splits markup into text, start tags and end tags; comments, doctypes and processing
    /// instructions are skipped, and a `<` that starts no tag is text.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Token? {
            guard index < scalars.count else { return nil }
            if scalars[index] == "<" {
                if let token = tag() { return token }
                index += 1
                return .text("<")
            }
            let start = index
            while index < scalars.count, scalars[index] != "<" { index += 1 }
            return .text(String(String.UnicodeScalarView(scalars[start..<index])))
        }

        /// Moves past the end tag of `name` (or to the end of the input).
        mutating func skip(through name: String) {
            while let token = next() {
                if case .end(let closed) = token, closed == name { return }
            }
        }

        private func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))) || scalar == "-"
        }

        private mutating func tag() -> Token? {
            var cursor = index + 1
            guard cursor < scalars.count else { return nil }
            // Comments, doctypes, CDATA, processing instructions: skipped whole.
            if scalars[cursor] == "!" || scalars[cursor] == "?" {
                let text = String(String.UnicodeScalarView(scalars[cursor...].prefix(3)))
                let terminator = text.hasPrefix("!--") ? "-->" : ">"
                let rest = String(String.UnicodeScalarView(scalars[cursor...]))
                if let range = rest.range(of: terminator) {
                    index = cursor + rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: range.upperBound)
                } else {
                    index = scalars.count
                }
                return .text("")
            }
            let closing = scalars[cursor] == "/"
            if closing { cursor += 1 }
            guard cursor < scalars.count, scalars[cursor].isASCII, scalars[cursor].properties.isAlphabetic else { return nil }
            let nameStart = cursor
            while cursor < scalars.count, isNameCharacter(scalars[cursor]) { cursor += 1 }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<cursor])).lowercased()
            var attributes: [(String, String)] = []
            var selfClosing = false
            while true {
                while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
                guard cursor < scalars.count else { return nil }
                if scalars[cursor] == ">" { cursor += 1; break }
                if scalars[cursor] == "/" {
                    cursor += 1
                    selfClosing = true
                    continue
                }
                let keyStart = cursor
                while cursor < scalars.count, !scalars[cursor].properties.isWhitespace, !"=>/\"'<".unicodeScalars.contains(scalars[cursor]) {
                    cursor += 1
                }
                guard cursor > keyStart else { return nil }
                let key = String(String.UnicodeScalarView(scalars[keyStart..<cursor])).lowercased()
                while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
                var value = ""
                if cursor < scalars.count, scalars[cursor] == "=" {
                    cursor += 1
                    while cursor < scalars.count, scalars[cursor].properties.isWhitespace { cursor += 1 }
                    guard cursor < scalars.count else { return nil }
                    let quote = scalars[cursor]
                    if quote == "\"" || quote == "'" {
                        cursor += 1
                        let valueStart = cursor
                        while cursor < scalars.count, scalars[cursor] != quote { cursor += 1 }
                        guard cursor < scalars.count else { return nil }
                        value = String(String.UnicodeScalarView(scalars[valueStart..<cursor]))
                        cursor += 1
                    } else {
                        let valueStart = cursor
                        while cursor < scalars.count, !scalars[cursor].properties.isWhitespace, scalars[cursor] != ">" { cursor += 1 }
                        value = String(String.UnicodeScalarView(scalars[valueStart..<cursor]))
                    }
                }
                attributes.append((key, value))
            }
            index = cursor
            return closing ? .end(name) : .start(name, attributes, selfClosing: selfClosing)
        }
    }
}

extension String {
    var trimmingASCIIWhitespace: String {
        let scalars = unicodeScalars.drop { $0.value <= 0x20 }.reversed().drop { $0.value <= 0x20 }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
