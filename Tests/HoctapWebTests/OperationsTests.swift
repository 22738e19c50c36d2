import Foundation
import HoctapStorage
import HoctapTestSupport
import HoctapWeb
import Hummingbird
import Testing

@Suite("Operations endpoints, assets and error pages")
struct OperationsTests {
    @Test("health and readiness answer without a session; metrics only to the scraper's token", arguments: TestDatabases.engines)
    func probes(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let metrics = try await browser.get("/metrics")
            #expect(metrics.status == .notFound, "no token configured: no metrics on the public port")
        }
        let token = "scraper-token-0123456789abcdef"
        try await TestApp.run(engine, configure: { $0.metricsToken = token }) { browser, _ in
            let health = try await browser.get("/healthz")
            #expect(health.status == .ok && health.body == "ok\n")
            let ready = try await browser.get("/readyz")
            #expect(ready.status == .ok && ready.body == "ready\n")
            _ = try await browser.get("/login")
            #expect(try await browser.get("/metrics").status == .notFound, "without the token")
            #expect(try await browser.request(.get, "/metrics", headers: [.authorization: "Bearer wrong-token-0123456789"]).status == .notFound)
            let metrics = try await browser.request(.get, "/metrics", headers: [.authorization: "Bearer \(token)"])
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.body.contains("hb_requests"), "request counters from the metrics middleware")
            // Writing to the probes is not a thing.
            #expect(try await browser.request(.post, "/healthz").status != .ok)
        }
    }

    @Test("readiness fails while migrations are pending")
    func notReady() async throws {
        try await TestDatabases.with(.sqlite, migrated: false) { database, url in
            let config = AppConfig(databaseURL: url, port: 0, logLevel: .critical, bcryptCost: 4)
            let app = try await buildApplication(config: config, dependencies: AppDependencies(database: database, passwordHasher: TestApp.hasher))
            try await app.test(.live) { client in
                let response = try await client.execute(uri: "/readyz", method: .get)
                #expect(response.status == .serviceUnavailable)
                // The reason goes to the log, not to whoever asks.
                #expect(String(buffer: response.body) == "not ready\n")
            }
        }
    }

    @Test("the stylesheet is served immutable under its hash; pages link to it", arguments: [DatabaseEngine.sqlite])
    func stylesheet(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let login = try await browser.get("/login")
            let href = try #require(login.body.range(of: #"href="/assets/hoctap-"#).map {
                "/assets/hoctap-" + login.body[$0.upperBound...].prefix { $0 != "\"" }
            })
            let css = try await browser.get(href)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl]?.contains("immutable") == true)
            #expect(try await browser.get("/assets/hoctap-000000000000.css").status == .notFound)
        }
    }

    @Test("unknown pages get a Vietnamese 404 page, unknown API paths a JSON 404", arguments: [DatabaseEngine.sqlite])
    func notFound(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let page = try await browser.get("/khong-co-trang-nay")
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.contains("Không tìm thấy"))
            let api = try await browser.get("/api/v1/khong-co")
            #expect(api.status == .notFound)
            #expect(api.errorCode == "not_found")
            try await browser.login(DemoUser.admin)
            let signedIn = try await browser.get("/khong-co-trang-nay")
            #expect(signedIn.body.contains("Bùi Quốc Trung"), "error pages keep the navigation of the signed-in account")
        }
    }

    @Test("every response carries the security headers; pages have no inline script", arguments: [DatabaseEngine.sqlite])
    func securityHeaders(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            for path in ["/", "/areas/\(fixture.socSon.id)", "/accounts", "/api/v1/me", "/nope", "/healthz"] {
                let page = try await browser.get(path)
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "\(path)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.headers[.init("X-Frame-Options")!] == "DENY")
                // The only script is the external, hashed one; no inline code.
                let scripts = page.body.components(separatedBy: "<script").dropFirst()
                #expect(scripts.allSatisfy { $0.hasPrefix(" src=\"\(SiteURL.script.path)\"") && $0.contains("></script>") && !$0.contains("></script><script>") }, "\(path)")
                #expect(!page.body.contains("<script>"), "\(path)")
                #expect(!page.body.contains("style=\""), "no inline styles either: \(path)")
            }
            let cookie = try await browser.request(.get, "/login")
            _ = cookie
            #expect(try await browser.get("/healthz").headers[.strictTransportSecurity] == nil, "no HSTS on plain loopback HTTP")
        }
        // Secure cookies alone (a server bound to another address) do not make the site HTTPS.
        try await TestApp.run(engine, configure: { $0.secureCookies = true }) { browser, _ in
            let health = try await browser.get("/healthz")
            #expect(health.headers[.strictTransportSecurity] == nil)
        }
        // An https public address, even with the server on loopback behind its TLS proxy: HSTS and
        // Secure cookies.
        let config = AppConfig(databaseURL: .sqlite(path: ":memory:"), publicURL: "https://hoctap.example.vn")
        #expect(config.secureCookies && config.strictTransport)
        let plain = AppConfig(databaseURL: .sqlite(path: ":memory:"), publicURL: "http://hoctap.example.vn")
        #expect(!plain.secureCookies && !plain.strictTransport)
        try await TestApp.run(engine, configure: { $0.strictTransport = true }) { browser, _ in
            let response = try await browser.get("/healthz")
            #expect(response.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
        }
    }
}
