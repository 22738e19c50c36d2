import Foundation
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Managing accounts in the browser")
struct AccountPageTests {
    @Test("a commune officer lists only its commune's accounts and creates a village officer who can sign in", arguments: TestDatabases.engines)
    func createVillageOfficer(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let list = try await browser.get("/accounts")
            #expect(list.status == .ok)
            #expect(list.body.contains("socson.ubnd") && list.body.contains("socson.thon"))
            #expect(!list.body.contains("quephong.hoi") && !list.body.contains("hanoi.tinh") && !list.body.contains(">admin<"))

            let formPath = "/accounts/new?area=\(fixture.thonTay.id)"
            let form = try await browser.get(formPath)
            #expect(form.status == .ok)
            #expect(form.body.contains("Thôn Tây"))
            #expect(form.body.contains(#"value="village_officer""#))
            #expect(!form.body.contains(#"value="commune_authority""#), "the association does not mint the UBND account")
            // MUT
            let created = try await browser.post("/accounts/new", form: [
                "areaID": String(fixture.thonTay.id), "role": "village_officer", "username": "socson.thontay",
                "displayName": "Vũ Thị Tây", "password": "mat-khau-thon-tay",
            ], csrf: form.csrfToken)
            // validate
            #expect(created.status == .seeOther)
            #expect(try await browser.get("/accounts").body.contains("socson.thontay"))
            try await browser.login("socson.thontay", password: "mat-khau-thon-tay")
            #expect(try await browser.get("/areas/\(fixture.thonTay.id)").status == .ok)
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)").status == .notFound)
        }
    }

    @Test("bad account input is refused field by field and nothing is created", arguments: TestDatabases.engines)
    func invalid(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let form = try await browser.get("/accounts/new?area=\(fixture.thonTay.id)")
            let bad = try await browser.post("/accounts/new", form: [
                "areaID": String(fixture.thonTay.id), "role": "village_officer", "username": "Tên Có Dấu",
                "displayName": "", "password": "ngan",
            ], csrf: form.csrfToken)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Tên đăng nhập chỉ gồm"))
            #expect(bad.body.contains("Hãy nhập họ tên."))
            #expect(bad.body.contains("ít nhất 10 ký tự"))
            #expect(bad.body.contains(#"value="Tên Có Dấu""#))
            let taken = try await browser.post("/accounts/new", form: [
                "areaID": String(fixture.thonTay.id), "role": "village_officer", "username": "socson.thon",
                "displayName": "Trùng", "password": "mot-mat-khau-dai",
            ], csrf: form.csrfToken)
            #expect(taken.status == .unprocessableContent)
            #expect(taken.body.contains("đã có người dùng"))
            let wrongLevel = try await browser.post("/accounts/new", form: [
                "areaID": String(fixture.socSon.id), "role": "village_officer", "username": "sai.cap",
                "displayName": "Sai cấp", "password": "mot-mat-khau-dai",
            ], csrf: form.csrfToken)
            #expect(wrongLevel.status == .unprocessableContent)
            #expect(wrongLevel.body.contains("không gắn được"))
        }
    }

    @Test("accounts cannot be created above one's role or outside one's area", arguments: TestDatabases.engines)
    func forbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let csrf = try await browser.get("/").csrfToken
            let authority = try await browser.post("/accounts/new", form: [
                "areaID": String(fixture.socSon.id), "role": "commune_authority", "username": "ubnd.gia",
                "displayName": "Giả", "password": "mot-mat-khau-dai",
            ], csrf: csrf)
            #expect(authority.status == .forbidden)
            let elsewhere = try await browser.post("/accounts/new", form: [
                "areaID": String(fixture.kimAnhVillage.id), "role": "village_officer", "username": "kimanh.gia",
                "displayName": "Giả", "password": "mot-mat-khau-dai",
            ], csrf: csrf)
            #expect(elsewhere.status == .notFound)
            #expect(try await browser.get("/accounts/new?area=\(fixture.kimAnh.id)").status == .notFound)
            try await browser.login(DemoUser.village)
            #expect(try await browser.get("/accounts").status == .forbidden)
            #expect(try await browser.get("/accounts/new").status == .forbidden)
            try await browser.login(DemoUser.viewer)
            #expect(try await browser.get("/accounts").status == .forbidden)
        }
    }

    @Test("disabling an account ends its sessions and blocks sign-in until re-enabled", arguments: TestDatabases.engines)
    func disable(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let villager = Browser(client: browser.client)
            try await villager.login(DemoUser.village)
            #expect(try await villager.get("/").status == .ok)

            try await browser.login(DemoUser.communeOfficer)
            let list = try await browser.get("/accounts")
            let id = try #require(Self.accountID(named: "socson.thon", in: list.body))
            let disabled = try await browser.post("/accounts/\(id)/disable", form: ["version": "1"], csrf: list.csrfToken)
            #expect(disabled.status == .seeOther)
            #expect(try await browser.get("/accounts").body.contains("Đã khóa"))

            #expect(try await villager.get("/").status == .seeOther, "the open session ended")
            let attempt = try await villager.submit("/login", ["username": DemoUser.village, "password": DemoSeeder.password])
            #expect(attempt.status == .unauthorized)
            #expect(attempt.body.contains("đã bị khóa"))

            let stale = try await browser.post("/accounts/\(id)/enable", form: ["version": "1"], csrf: list.csrfToken)
            #expect(stale.status == .conflict, "version 1 is outdated after disabling")
            let enabled = try await browser.post("/accounts/\(id)/enable", form: ["version": "2"], csrf: list.csrfToken)
            #expect(enabled.status == .seeOther)
            try await villager.login(DemoUser.village)

            // Nobody locks themselves out, and accounts elsewhere are invisible.
            let own = try await browser.get("/accounts?q=socson.hoi")
            #expect(own.body.contains("socson.hoi"))
            #expect(Self.accountID(named: "socson.hoi", in: own.body) == nil, "no disable button next to one's own account")
            let noCSRF = try await browser.post("/accounts/\(id)/disable", form: ["version": "3"], csrf: nil)
            #expect(noCSRF.status == .forbidden)
        }
    }

    @Test("changing the password checks the current one and ends other sessions", arguments: TestDatabases.engines)
    func password(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let other = Browser(client: browser.client)
            try await other.login(DemoUser.council)
            try await browser.login(DemoUser.council)
            let wrong = try await browser.submit("/account/password", [
                "currentPassword": "khong-dung-dau", "newPassword": "mat-khau-moi-2026", "confirmPassword": "mat-khau-moi-2026",
            ])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("Mật khẩu hiện tại không đúng."))
            let mismatch = try await browser.submit("/account/password", [
                "currentPassword": DemoSeeder.password, "newPassword": "mat-khau-moi-2026", "confirmPassword": "khac-han",
            ])
            #expect(mismatch.body.contains("không khớp"))
            let weak = try await browser.submit("/account/password", [
                "currentPassword": DemoSeeder.password, "newPassword": "socson.hoidong1", "confirmPassword": "socson.hoidong1",
            ])
            #expect(weak.body.contains("không được chứa tên đăng nhập"))
            let done = try await browser.submit("/account/password", [
                "currentPassword": DemoSeeder.password, "newPassword": "mat-khau-moi-2026", "confirmPassword": "mat-khau-moi-2026",
            ])
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/").status == .ok, "this session stays")
            #expect(try await other.get("/").status == .seeOther, "the other session ended")
            try await other.login(DemoUser.council, password: "mat-khau-moi-2026")
        }
    }

    @Test("changing an account's role or area ends its sessions; the new rights hold from the next sign-in", arguments: TestDatabases.engines)
    func changeRole(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let villager = Browser(client: browser.client)
            try await villager.login(DemoUser.village)
            #expect(try await villager.get("/areas/\(fixture.thonDong.id)").status == .ok)

            try await browser.login(DemoUser.communeOfficer)
            let id = try #require(Self.accountID(named: "socson.thon", in: try await browser.get("/accounts").body))
            let form = try await browser.get("/accounts/\(id)/role")
            #expect(form.status == .ok)
            #expect(form.body.contains("Vai trò hiện tại") && form.body.contains(#"value="00376-01""#))
            #expect(!form.body.contains(#"value="commune_officer""#), "a commune officer cannot mint a peer")

            // Bad input: an unknown code, a code of the wrong level for the role, a code outside the
            // commune, a role the actor may not give, a missing version. Nothing changes.
            for (fields, message) in [
                (["role": "village_officer", "areaCode": "99999-99", "version": "1"], "Không có thôn"),
                (["role": "village_officer", "areaCode": "00376", "version": "1"], "Không có thôn"),
                (["role": "village_officer", "areaCode": "00382-01", "version": "1"], "trong phạm vi của bạn"),
                (["role": "commune_officer", "areaCode": "00376", "version": "1"], "không được quản lý tài khoản"),
                (["role": "", "areaCode": "00376-02", "version": "1"], "Hãy chọn vai trò"),
            ] {
                let refused = try await browser.post("/accounts/\(id)/role", form: fields, csrf: form.csrfToken)
                #expect(refused.status == .unprocessableContent, "\(fields)")
                #expect(refused.body.contains(message), "\(fields): \(message)")
            }
            #expect(try await browser.post("/accounts/\(id)/role", form: ["role": "village_officer", "areaCode": "00376-02"],
                                           csrf: form.csrfToken).status == .badRequest)
            #expect(try await villager.get("/areas/\(fixture.thonDong.id)").status == .ok, "refused changes leave the session alone")

            // The move: the village officer of Thôn Đông now serves Thôn Tây.
            let moved = try await browser.post("/accounts/\(id)/role", form: ["role": "village_officer", "areaCode": "00376-02", "version": "1"],
                                               csrf: form.csrfToken)
            #expect(moved.status == .seeOther)
            #expect(try await villager.get("/").status == .seeOther, "the session opened under the old rights ended")
            try await villager.login(DemoUser.village)
            #expect(try await villager.get("/areas/\(fixture.thonTay.id)").status == .ok)
            #expect(try await villager.get("/areas/\(fixture.thonDong.id)").status == .notFound)
            let stale = try await browser.post("/accounts/\(id)/role", form: ["role": "viewer", "areaCode": "00376", "version": "1"],
                                               csrf: form.csrfToken)
            #expect(stale.status == .conflict, "version 1 is outdated after the move")
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Đổi tài khoản socson.thon từ Chi hội khuyến học thôn/tổ dân phố"))

            // Forbidden: one's own account, a role the actor does not manage, another province's account.
            let admin = Browser(client: browser.client)
            try await admin.login(DemoUser.admin)
            let authority = try #require(Self.accountID(named: "socson.ubnd", in: try await admin.get("/accounts?q=socson.ubnd").body))
            #expect(try await browser.get("/accounts/\(authority)/role").status == .forbidden, "the association does not manage the UBND account")
            let quePhong = try #require(Self.accountID(named: "quephong.hoi", in: try await admin.get("/accounts?q=quephong").body))
            #expect(try await browser.get("/accounts/\(quePhong)/role").status == .notFound)
            #expect(try await browser.post("/accounts/\(quePhong)/role", form: ["role": "viewer", "areaCode": "00376", "version": "1"],
                                           csrf: form.csrfToken).status == .notFound)
            let mine = try #require(Self.accountID(named: "socson.hoi", in: try await admin.get("/accounts?q=socson.hoi").body))
            #expect(try await browser.get("/accounts/\(mine)/role").status == .forbidden, "nobody changes their own role")
        }
    }

    /// The account id in the disable/enable form action next to `username`.
    static func accountID(named username: String, in body: String) -> String? {
        guard let row = body.range(of: "<td data-label=\"Tên đăng nhập\">\(username)</td>") else { return nil }
        let rest = body[row.upperBound...]
        guard let end = rest.range(of: "</tr>"), let action = rest[..<end.lowerBound].range(of: "/accounts/") else { return nil }
        return String(rest[action.upperBound...].prefix { $0.isNumber })
    }
}
