import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// Two-factor sign-in for the officer who signs decisions, over real HTTP.
@Suite("Two-factor sign-in")
struct TwoFactorPageTests {
    @Test("turn on with the first code; then every sign-in needs a fresh code, once; turn off with a code", arguments: TestDatabases.engines)
    func lifecycle(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await TestApp.run(engine, clock: clock) { browser, _ in
            let elsewhere = Browser(client: browser.client)
            try await elsewhere.login(DemoUser.communeAuthority)
            try await browser.login(DemoUser.communeAuthority)
            let page = try await browser.get("/account/two-factor")
            #expect(page.status == .ok && page.body.contains("Đang tắt") && MarkupCheck.problems(page.body).isEmpty)
            #expect(try await browser.post("/account/two-factor", form: ["action": "begin"], csrf: nil).status == .forbidden, "CSRF")
            #expect(try await browser.post("/account/two-factor", form: ["action": "begin"], csrf: page.csrfToken).status == .seeOther)
            let setup = try await browser.get("/account/two-factor")
            let secretText = try #require(setup.body.firstMatch(of: /<code>([A-Z2-7]+)<\/code>/).map { String($0.1) })
            #expect(setup.body.contains("otpauth://totp/hoctap%3Asocson.ubnd?secret=\(secretText)"))
            let secret = try #require(Base32.decode(secretText))
            func code(_ offset: Int64 = 0) -> String { TOTP.code(secret: secret, step: TOTP.step(at: clock.now()) + offset) }
            let wrong = try await browser.post("/account/two-factor", form: ["action": "confirm", "code": "000000" == code() ? "111111" : "000000"],
                                               csrf: setup.csrfToken)
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("Mã không khớp") && wrong.body.contains(secretText), "the secret shown again")
            #expect(try await browser.post("/account/two-factor", form: ["action": "nothing"], csrf: setup.csrfToken).status == .badRequest)
            #expect(try await browser.post("/account/two-factor", form: ["action": "confirm", "code": code()], csrf: setup.csrfToken).status == .seeOther)
            #expect(try await browser.get("/account/two-factor").body.contains("Đang bật"))
            #expect(try await elsewhere.get("/").status == .seeOther, "a session opened with the password alone ended when two-factor came on")

            // Signing in: the password alone is not enough; the code that turned it on is used up.
            let other = Browser(client: browser.client)
            let noCode = try await other.submit("/login", ["username": DemoUser.communeAuthority, "password": DemoSeeder.password])
            #expect(noCode.status == .unauthorized && noCode.body.contains("bật xác thực hai bước"))
            let replay = try await other.submit("/login", ["username": DemoUser.communeAuthority, "password": DemoSeeder.password, "code": code()])
            // The same words as a wrong password: the answer never tells a guesser the password was right.
            #expect(replay.status == .unauthorized && replay.body.contains(AuthService.wrongCredentials))
            clock.advance(by: 30)
            let fresh = code()
            #expect(try await other.submit("/login", ["username": DemoUser.communeAuthority, "password": DemoSeeder.password, "code": fresh]).status == .seeOther)
            #expect(try await other.get("/").status == .ok)
            // The API asks for the same code.
            clock.advance(by: 30)
            let api = try await Browser(client: browser.client).json(.post, "/api/v1/session", ["username": DemoUser.communeAuthority, "password": DemoSeeder.password])
            #expect(api.status == .unauthorized)
            let apiCode = try await Browser(client: browser.client).json(.post, "/api/v1/session", [
                "username": DemoUser.communeAuthority, "password": DemoSeeder.password, "code": code()])
            #expect(apiCode.status == .created)
            let wrongPassword = try await Browser(client: browser.client).submit("/login", ["username": DemoUser.communeAuthority, "password": "sai-roi-nhe", "code": code(1)])
            #expect(wrongPassword.status == .unauthorized && wrongPassword.body.contains("mật khẩu không đúng"))

            // Off only with a current code.
            clock.advance(by: 30)
            let token = try await browser.get("/account/two-factor").csrfToken
            #expect(try await browser.post("/account/two-factor", form: ["action": "disable", "code": "12"], csrf: token).status == .unprocessableContent)
            #expect(try await browser.post("/account/two-factor", form: ["action": "disable", "code": code()], csrf: token).status == .seeOther)
            #expect(try await Browser(client: browser.client).submit("/login", ["username": DemoUser.communeAuthority, "password": DemoSeeder.password])
                .status == .seeOther, "password alone again")

            try await browser.login(DemoUser.admin)
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Bật xác thực hai bước") && audit.body.contains("Tắt xác thực hai bước"))
        }
    }
}
