import Foundation
import HoctapServices
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Signing in and out in the browser")
struct AuthPageTests {
    @Test("a demo account signs in, sees its home page, and signs out", arguments: TestDatabases.engines)
    func signInAndOut(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            // setup
            let loginPage = try await browser.get("/login")
            #expect(loginPage.status == .ok)
            #expect(loginPage.body.contains("Đăng nhập"))
            #expect(browser.cookie("hoctap_csrf") != nil)
            // MUT
            let result = try await browser.post("/login", form: ["username": "SocSon.Hoi ", "password": DemoSeeder.password],
                                                csrf: loginPage.csrfToken)
            // validate
            #expect(result.status == .seeOther)
            #expect(browser.cookie("hoctap_session") != nil)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.body.contains("Xin chào, Trần Văn Sơn"))
            #expect(home.body.contains("/areas/\(fixture.socSon.id)"))

            let logout = try await browser.post("/logout", form: [:], csrf: home.csrfToken)
            #expect(logout.status == .seeOther)
            #expect(browser.cookie("hoctap_session") == nil)
            let after = try await browser.get("/")
            #expect(after.status == .seeOther)
            #expect(after.location?.hasPrefix("/login") == true)
        }
    }

    @Test("a wrong password is refused with a clear message and the user name kept", arguments: TestDatabases.engines)
    func wrongPassword(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let result = try await browser.submit("/login", ["username": "socson.hoi", "password": "sai-mat-khau-roi"])
            #expect(result.status == .unauthorized)
            #expect(result.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
            #expect(result.body.contains(#"value="socson.hoi""#))
            #expect(browser.cookie("hoctap_session") == nil)
            // An unknown user gets exactly the same answer.
            let unknown = try await browser.submit("/login", ["username": "khong.co.ai", "password": "sai-mat-khau-roi"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body.contains("Tên đăng nhập hoặc mật khẩu không đúng"))
        }
    }

    @Test("a login form without its CSRF token is refused", arguments: TestDatabases.engines)
    func loginNeedsCSRF(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            _ = try await browser.get("/login")
            let result = try await browser.post("/login", form: ["username": "admin", "password": DemoSeeder.password], csrf: nil)
            #expect(result.status == .forbidden)
            #expect(result.body.contains("Biểu mẫu đã hết hạn"))
            #expect(browser.cookie("hoctap_session") == nil)
            let forged = try await browser.post("/login", form: ["username": "admin", "password": DemoSeeder.password], csrf: "gia-mao")
            #expect(forged.status == .forbidden)
        }
    }

    @Test("five wrong passwords lock the account for 15 minutes, then it opens again", arguments: TestDatabases.engines)
    func throttling(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await TestApp.run(engine, clock: clock) { browser, _ in
            for _ in 1...4 {
                let page = try await browser.submit("/login", ["username": "socson.thon", "password": "sai-mat-khau-roi"])
                #expect(page.status == .unauthorized)
            }
            let fifth = try await browser.submit("/login", ["username": "socson.thon", "password": "sai-mat-khau-roi"])
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.headers[.retryAfter] != nil)
            // Even the right password waits for the lock to end.
            let locked = try await browser.submit("/login", ["username": "socson.thon", "password": DemoSeeder.password])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.body.contains("Đăng nhập sai quá nhiều lần"))
            // Other accounts are not affected.
            try await browser.login(DemoUser.council)
            clock.advance(by: 16 * 60)
            try await browser.login(DemoUser.village)
        }
    }

    @Test("sessions expire after 8 idle hours and never outlive 7 days", arguments: TestDatabases.engines)
    func expiry(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await TestApp.run(engine, clock: clock) { browser, _ in
            try await browser.login(DemoUser.admin)
            clock.advance(by: 7 * 3600)
            #expect(try await browser.get("/").status == .ok)
            clock.advance(by: 7 * 3600)
            #expect(try await browser.get("/").status == .ok, "activity slid the idle expiry")
            clock.advance(by: 8 * 3600 + 1)
            let expired = try await browser.get("/areas")
            #expect(expired.status == .seeOther)
            #expect(expired.location == "/login?next=/areas")
        }
    }

    @Test("after login only local destinations are followed", arguments: TestDatabases.engines)
    func openRedirect(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let page = try await browser.get("/login?next=//evil.example/x")
            #expect(!page.body.contains("evil.example"))
            let result = try await browser.post("/login", form: ["username": "admin", "password": DemoSeeder.password,
                                                                  "next": "//evil.example/x"], csrf: page.csrfToken)
            #expect(result.location == "/")
            try await browser.post("/logout", form: [:], csrf: try await browser.get("/").csrfToken)
            let local = try await browser.get("/login?next=/areas/\(fixture.hanoi.id)")
            let back = try await browser.post("/login", form: ["username": "admin", "password": DemoSeeder.password,
                                                                "next": "/areas/\(fixture.hanoi.id)"], csrf: local.csrfToken)
            #expect(back.location == "/areas/\(fixture.hanoi.id)")
        }
    }

    @Test("pages need a session; the API answers 401 in JSON", arguments: TestDatabases.engines)
    func anonymous(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            for path in ["/", "/areas", "/areas/\(fixture.socSon.id)", "/accounts", "/account/password", "/areas/search?q=a"] {
                let page = try await browser.get(path)
                #expect(page.status == .seeOther, "\(path)")
                #expect(page.location?.hasPrefix("/login?next=") == true)
            }
            let api = try await browser.get("/api/v1/me")
            #expect(api.status == .unauthorized)
            #expect(api.errorCode == "unauthenticated")
            #expect(api.headers[.wwwAuthenticate] != nil)
            let bogus = try await browser.request(.get, "/api/v1/me", headers: [.authorization: "Bearer khong-hop-le"])
            #expect(bogus.status == .unauthorized)
        }
    }
}
