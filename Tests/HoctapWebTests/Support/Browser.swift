import Foundation
import HoctapServices
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A minimal browser over the test client: keeps cookies, reads CSRF tokens from pages, and
/// posts forms the way a real browser does. API calls use a bearer token instead.
final class Browser: Sendable {
    let client: PatientClient
    private let jar = Mutex<[String: String]>([:])
    private let bearer = Mutex<String?>(nil)

    init(client: PatientClient) {
        self.client = client
    }

    struct Page: Sendable {
        var status: HTTPResponse.Status
        var headers: HTTPFields
        var body: String
        /// The body as received (for files that are not text).
        var bytes: [UInt8] = []

        var location: String? { headers[.location] }

        /// The body with the CSRF token's value blanked: it is masked afresh in every response, so
        /// two pages that must say the same thing differ only there.
        var bodyWithoutToken: String { body.replacing(/m\.[A-Za-z0-9_-]+/, with: "m.…") }

        /// The value of the first hidden `_csrf` field on the page.
        var csrfToken: String? {
            guard let range = body.range(of: #"name="_csrf" value=""#) else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }

        func json<T: Decodable>(_ type: T.Type) throws -> T {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(T.self, from: Data(body.utf8))
        }

        /// The error code of a JSON error body.
        var errorCode: String? { (try? json(ErrorBody.self))?.code }

        struct ErrorBody: Decodable {
            var code: String
            var message: String
            var issues: [Issue]?
            struct Issue: Decodable {
                var field: String?
                var line: Int?
                var column: Int?
                var columnName: String?
                var message: String
            }
        }
    }

    // MARK: Requests

    @discardableResult
    func request(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> Page {
        var headers = headers
        let cookies = jar.withLock { $0.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if !cookies.isEmpty { headers[.cookie] = cookies }
        if let token = bearer.withLock({ $0 }), headers[.authorization] == nil { headers[.authorization] = "Bearer \(token)" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        let received = response.body ?? ByteBuffer()
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            jar.withLock { if value.isEmpty { $0[name] = nil } else { $0[name] = value } }
        }
        return Page(status: response.status, headers: response.headers, body: String(buffer: received),
                    bytes: Array(received.readableBytesView))
    }

    func get(_ uri: String) async throws -> Page { try await request(.get, uri) }

    /// Posts a URL-encoded form; the CSRF token is added from `csrf` unless the fields carry one.
    @discardableResult
    func post(_ uri: String, form fields: [String: String], csrf: String?, headers: HTTPFields = [:]) async throws -> Page {
        var fields = fields
        if let csrf, fields["_csrf"] == nil { fields["_csrf"] = csrf }
        var allHeaders = headers
        allHeaders[.contentType] = "application/x-www-form-urlencoded"
        return try await request(.post, uri, headers: allHeaders, body: ByteBuffer(string: Self.urlEncode(fields)))
    }

    /// Opens the page at `formPage` and submits a form to `action` with its CSRF token.
    @discardableResult
    func submit(_ formPage: String, to action: String? = nil, _ fields: [String: String]) async throws -> Page {
        let page = try await get(formPage)
        return try await post(action ?? formPage, form: fields, csrf: page.csrfToken)
    }

    /// Posts a file as `multipart/form-data`.
    @discardableResult
    func upload(_ uri: String, field: String, fileName: String, content: Data) async throws -> Page {
        try await multipart(uri, files: [(field, fileName, content)])
    }

    /// Posts a `multipart/form-data` form with text fields and files, as a browser does.
    @discardableResult
    func multipart(_ uri: String, fields: [String: String] = [:], files: [(field: String, fileName: String, content: Data)]) async throws -> Page {
        let boundary = "----hoctap\(UUID().uuidString)"
        // The CSRF token travels in the body, first, as the page's form sends it; a test may still
        // name it in the URI (`?_csrf=`), from where it is moved.
        var uri = uri
        var fields = fields
        if var components = URLComponents(string: uri), let token = components.queryItems?.first(where: { $0.name == "_csrf" })?.value {
            components.queryItems = components.queryItems?.filter { $0.name != "_csrf" }
            if components.queryItems?.isEmpty == true { components.queryItems = nil }
            uri = components.string ?? uri
            fields["_csrf"] = token
        }
        var body = Data()
        let ordered = fields.sorted { ($0.key == "_csrf" ? 0 : 1, $0.key) < ($1.key == "_csrf" ? 0 : 1, $1.key) }
        for (name, value) in ordered {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for file in files {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.content)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await request(.post, uri, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
                                 body: ByteBuffer(bytes: body))
    }

    // MARK: Signing in

    /// Signs in through the login form, as a person would.
    @discardableResult
    func login(_ username: String, password: String = DemoSeeder.password) async throws -> Page {
        setCookie("hoctap_session", nil)
        let page = try await get("/login")
        let result = try await post("/login", form: ["username": username, "password": password], csrf: page.csrfToken)
        #expect(result.status == .seeOther, "login of \(username) should redirect, got \(result.status)")
        return result
    }

    /// Obtains an API token and sends it with every later request.
    func apiLogin(_ username: String, password: String = DemoSeeder.password) async throws {
        // An API client holds a token, not the browser's cookie session.
        setCookie("hoctap_session", nil)
        let page = try await json(.post, "/api/v1/session", ["username": username, "password": password])
        #expect(page.status == .created, "API login of \(username): \(page.body)")
        struct Token: Decodable { var token: String }
        bearer.withLock { $0 = try? page.json(Token.self).token }
    }

    /// Sends a JSON body.
    @discardableResult
    func json(_ method: HTTPRequest.Method, _ uri: String, _ value: some Encodable, headers: HTTPFields = [:]) async throws -> Page {
        var allHeaders = headers
        allHeaders[.contentType] = "application/json"
        return try await request(method, uri, headers: allHeaders, body: ByteBuffer(bytes: try JSONEncoder().encode(value)))
    }

    func cookie(_ name: String) -> String? { jar.withLock { $0[name] } }
    func setCookie(_ name: String, _ value: String?) { jar.withLock { $0[name] = value } }
    func clearBearer() { bearer.withLock { $0 = nil } }

    static func urlEncode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._*")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            let encode = { (text: String) in
                (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text).replacingOccurrences(of: "%20", with: "+")
            }
            return "\(encode(key))=\(encode(value))"
        }.joined(separator: "&")
    }
}

/// Encodable dictionary with mixed values for JSON bodies.
struct JSONBody: Encodable {
    var values: [String: JSONField]
    init(_ values: [String: JSONField]) { self.values = values }
    func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
}

enum JSONField: Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int64)
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .int(value) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        }
    }
}
