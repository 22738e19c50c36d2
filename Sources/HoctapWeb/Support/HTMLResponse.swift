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

/// HTML escaping for the places Plot does not escape.
///
/// Plot escapes text nodes but writes attribute values as given, so every attribute that can
/// carry user data (`value`, `href`, `action`…) goes through `Node.attr`, which escapes here.
enum HTMLEscape {
    static func attribute(_ value: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(value.count)
        for character in value {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
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
