import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// Every query parameter the application reads, tried with SQL and markup payloads on every GET
/// route the router has: nothing answers 500, nothing echoes markup unescaped, nothing changes
/// in the database.
@Suite("Injection through query parameters")
struct InjectionTests {
    /// Every parameter name the web layer reads from a query string (`request.query(…)` and
    /// `queryParameters[…]`), kept in step by `parametersAreListed`.
    static let parameters = [
        "q", "loai", "tinh", "the", "chu-de", "nam", "trang", "after", "before", "year", "model", "indicator", "state", "area", "areaId",
        "parentId", "level", "kind", "limit", "code", "date", "draft", "fileName", "targetGroup", "next", "version", "ok", "bye",
    ]
    /// Two payloads that each carry several attacks, so that every parameter of every route is
    /// tried within a minute: SQL (a quote, a stacked statement, a UNION), markup (an element, an
    /// attribute breakout), a NUL and a backslash.
    static let payloads = [
        "1' OR '1'='1' UNION SELECT password_hash FROM accounts; DROP TABLE areas;--<script>alert(1)</script>",
        "x\" onmouseover=\"alert(1)\\\u{0}",
    ]
    /// Parameters that filter or search, probed on PostgreSQL too (every one is probed on SQLite).
    static let filters: Set = ["q", "loai", "tinh", "the", "chu-de", "nam", "year", "model", "indicator", "after", "before", "level", "kind", "state"]

    /// Whether a real tag (text has its `<` escaped) carries an `onmouseover` attribute outside
    /// quoted values (an escaped value holds `&quot;`, never a bare quote).
    static func hasInjectedAttribute(_ html: String) -> Bool {
        html.matches(of: /<[a-zA-Z][^<>]*>/).contains { tag in
            String(tag.output).replacing(/"[^"]*"/, with: "").contains(" onmouseover=")
        }
    }

    @Test("the parameter list covers every name the sources read")
    func parametersAreListed() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/HoctapWeb")
        var found: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: /request\.query\("([^"]+)"\)|queryParameters\["([^"]+)"\]/) {
                found.insert(String(match.output.1 ?? match.output.2 ?? ""))
            }
        }
        found.remove("_csrf")
        #expect(found.subtracting(Self.parameters).isEmpty, "parameters read but not probed: \(found.subtracting(Self.parameters).sorted())")
    }

    @Test("SQL and markup in every parameter of every GET route: no 500, no echo, no change", arguments: TestDatabases.engines)
    func everyParameter(engine: DatabaseEngine) async throws {
        let parameters = engine == .sqlite ? Self.parameters : Self.parameters.filter(Self.filters.contains)
        let routes = try await RouteMatrixTests.routes().filter { $0.method == "GET" && !$0.path.hasPrefix("/metrics") }
        try await TestApp.run(engine) { browser, fixture in
            guard let url = fixture.databaseURL else { return }
            func counts() async throws -> [Int] {
                let database = try await DatabaseFactory.open(url, logger: TestDatabases.logger)
                defer { Task { await database.close() } }
                return try await database.read { db in
                    var result: [Int] = []
                    for table in ["areas", "accounts", "households", "audit_events", "articles"] {
                        result.append(try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self) ?? -1)
                    }
                    return result
                }
            }
            try await browser.login(DemoUser.admin)
            let before = try await counts()
            var requests = 0
            for route in routes {
                let path = route.path.replacingOccurrences(of: "{id}", with: String(fixture.socSon.id))
                    .replacingOccurrences(of: "{slug}", with: "1-x").replacingOccurrences(of: "{token}", with: "x")
                for parameter in parameters {
                    for payload in Self.payloads {
                        let encoded = payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? payload
                        let page = try await browser.get("\(path)?\(parameter)=\(encoded)")
                        requests += 1
                        #expect(page.status.code < 500, "\(path)?\(parameter)=\(payload) → \(page.status)")
                        // Only pages are markup (JSON and CSV answers are served as what they are, with nosniff).
                        guard page.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
                        #expect(!page.body.contains("<script>alert(1)</script>") && !Self.hasInjectedAttribute(page.body),
                                "\(path)?\(parameter)=\(payload) echoed unescaped")
                    }
                }
            }
            #expect(requests > (engine == .sqlite ? 5_000 : 2_500), "\(requests) requests")
            print("InjectionTests \(engine): \(requests) requests on \(routes.count) GET routes")
            // The audit trail may have grown by exports and page views that are audited; nothing else changed.
            let after = try await counts()
            #expect(before[0...2] == after[0...2] && before[4] == after[4], "\(before) → \(after)")
        }
    }
}
