import Hummingbird
import Plot

/// A rendered page as a response, with the charset spelled out (some phones guess otherwise).
struct HTMLResponse: ResponseGenerator {
    var html: HTML
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let buffer = ByteBuffer(string: html.render())
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: buffer))
    }
}

/// HTML escaping, on UTF-8 bytes.
///
/// Plot escapes text nodes but writes attribute values as given, so every attribute that can
/// carry user data (`value`, `href`, `action`…) goes through `Node.attr`, which escapes here.
/// Text goes through `Node.text` below rather than Plot's own: Plot builds a new string per
/// character (13 % of the server's time on a list page of 50 rows), while nearly every text
/// has nothing to escape and is returned as it is after one scan of its bytes.
enum HTMLEscape {
    static func attribute(_ value: String) -> String { escape(value, quotes: true) }

    static func text(_ value: String) -> String { escape(value, quotes: false) }

    private static func escape(_ value: String, quotes: Bool) -> String {
        let utf8 = value.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && ($0 == 0x22 || $0 == 0x27)) }) else { return value }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: bytes.append(contentsOf: "&amp;".utf8)
            case 0x3C: bytes.append(contentsOf: "&lt;".utf8)
            case 0x3E: bytes.append(contentsOf: "&gt;".utf8)
            case 0x22 where quotes: bytes.append(contentsOf: "&quot;".utf8)
            case 0x27 where quotes: bytes.append(contentsOf: "&#39;".utf8)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Node where Context: HTMLContext {
    /// Escaped text, as Plot's `Node.text` but fast (see `HTMLEscape`). Being declared for HTML
    /// contexts it is the more specific overload, so `.text(…)` in the views resolves here; a
    /// test renders `&amp;` to tell the two apart. Unlike Plot's, an `&` that starts something
    /// looking like an entity is escaped too: user text is shown exactly as typed.
    static func text(_ text: String) -> Node { .raw(HTMLEscape.text(text)) }
}

extension Node {
    /// An attribute whose value is escaped; use it for anything not a literal in the code.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: HTMLEscape.attribute(value), ignoreIfValueIsEmpty: false)
    }

    /// A link target built from the typed URL enum.
    static func href(_ url: SiteURL) -> Node { .attr("href", url.path) }
}

extension Redirect {
    /// "See other" after a successful form post, so reloading does not post again.
    static func to(_ url: String) -> Response {
        Response(status: .seeOther, headers: [.location: url])
    }
}

enum Redirect {}
