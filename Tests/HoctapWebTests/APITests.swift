import Foundation
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import NIOCore
import Testing

@Suite("JSON API: sessions and the signed-in account")
struct APISessionTests {
    @Test("login gives a bearer token; bad credentials, bad JSON and wrong content types get specific errors", arguments: TestDatabases.engines)
    func login(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let wrong = try await browser.json(.post, "/api/v1/session", ["username": "admin", "password": "sai-mat-khau-roi"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "unauthenticated")
            let malformed = try await browser.request(.post, "/api/v1/session", headers: [.contentType: "application/json"],
                                                      body: ByteBuffer(string: "{\"username\": \"admin\""))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad_request")
            let missing = try await browser.json(.post, "/api/v1/session", ["username": "admin"])
            #expect(missing.status == .badRequest)
            #expect(missing.body.contains("password"))
            let form = try await browser.request(.post, "/api/v1/session", headers: [.contentType: "text/plain"],
                                                 body: ByteBuffer(string: "username=admin"))
            #expect(form.status == .unsupportedMediaType)
            let huge = try await browser.request(.post, "/api/v1/session", headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: "{\"username\":\"" + String(repeating: "a", count: 2 << 20) + "\"}"))
            #expect(huge.status == .contentTooLarge)

            try await browser.apiLogin(DemoUser.communeOfficer)
            let me = try await browser.get("/api/v1/me")
            #expect(me.status == .ok)
            struct Me: Decodable { var username: String; var role: String; var areaId: Int64 }
            let decoded = try me.json(Me.self)
            #expect(decoded.username == "socson.hoi" && decoded.role == "commune_officer" && decoded.areaId == fixture.socSon.id)

            #expect(try await browser.request(.delete, "/api/v1/session").status == .noContent)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized, "the token is gone")
        }
    }

    @Test("a browser session calling the API must send its CSRF token on writes", arguments: TestDatabases.engines)
    func cookieCSRF(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let token = try #require(try await browser.get("/").csrfToken)
            #expect(try await browser.get("/api/v1/me").status == .ok, "reads need no token")
            let body = ["name": "Lò Gạch", "kind": "thon"]
            let refused = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", body)
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "csrf_failed")
            let crossSite = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", body,
                                                   headers: [.init("X-CSRF-Token")!: token, .init("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden)
            let accepted = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", body,
                                                  headers: [.init("X-CSRF-Token")!: token])
            #expect(accepted.status == .created)
        }
    }

    @Test("NUL bytes and control characters in input never reach the database as such", arguments: TestDatabases.engines)
    func controlCharacters(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let login = try await browser.json(.post, "/api/v1/session", ["username": "ad\u{0}min", "password": "x\u{0}"])
            #expect(login.status == .unauthorized)
            try await browser.apiLogin(DemoUser.communeOfficer)
            let search = try await browser.get("/api/v1/areas?q=%00dong")
            #expect(search.status == .ok)
            let created = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", ["name": "Lò\u{0}Vôi\u{7}", "kind": "thon"])
            #expect(created.status == .created)
            #expect(created.body.contains("\"fullName\":\"Thôn LòVôi\""))
            let csv = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/villages/import?fileName=a%00b.csv",
                                                headers: [.contentType: "text/csv"], body: ByteBuffer(string: "name,kind\nGạch\u{0},Thôn\n"))
            #expect(csv.status == .ok)
        }
    }

    @Test("changing the password through the API", arguments: TestDatabases.engines)
    func password(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            try await browser.apiLogin(DemoUser.viewer)
            let wrong = try await browser.json(.post, "/api/v1/me/password", ["currentPassword": "x", "newPassword": "mat-khau-moi-2026"])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("currentPassword"))
            let ok = try await browser.json(.post, "/api/v1/me/password", ["currentPassword": DemoSeeder.password, "newPassword": "mat-khau-moi-2026"])
            #expect(ok.status == .noContent)
            browser.clearBearer()
            try await browser.apiLogin(DemoUser.viewer, password: "mat-khau-moi-2026")
        }
    }
}

@Suite("JSON API: areas and villages")
struct APIAreaTests {
    struct Items: Decodable { var items: [Item] }
    struct Item: Decodable { var id: Int64; var code: String; var fullName: String; var level: String; var version: Int }

    @Test("list, search, children and detail stay inside the caller's area", arguments: TestDatabases.engines)
    func browse(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.province)
            let home = try await browser.get("/api/v1/areas").json(Items.self)
            #expect(home.items.map(\.id) == [fixture.hanoi.id])
            let communes = try await browser.get("/api/v1/areas?parentId=\(fixture.hanoi.id)").json(Items.self)
            #expect(communes.items.count == 3)
            let found = try await browser.get("/api/v1/areas?q=kim%20anh&level=commune").json(Items.self)
            #expect(found.items.map(\.id) == [fixture.kimAnh.id])
            let villages = try await browser.get("/api/v1/areas/\(fixture.socSon.id)/children").json(Items.self)
            #expect(villages.items.count == 5)
            let detail = try await browser.get("/api/v1/areas/\(fixture.socSon.id)")
            #expect(detail.status == .ok)
            #expect(detail.body.contains("\"village\":5"))

            for path in ["/api/v1/areas/\(fixture.quePhong.id)", "/api/v1/areas/\(fixture.nation.id)/children",
                         "/api/v1/areas?parentId=\(fixture.nghean.id)", "/api/v1/areas/99999999", "/api/v1/areas/abc"] {
                let page = try await browser.get(path)
                #expect(page.status == .notFound, "\(path)")
                #expect(page.errorCode == "not_found")
            }
            let badLevel = try await browser.get("/api/v1/areas?q=a&level=planet")
            #expect(badLevel.status == .unprocessableContent)
            #expect(badLevel.errorCode == "invalid_input")
            #expect(try await browser.get("/api/v1/areas?limit=0").status == .unprocessableContent)
            #expect(try await browser.get("/api/v1/areas?parentId=x").status == .unprocessableContent)
            #expect(try await browser.get("/api/v1/areas?q=" + String(repeating: "x", count: 200)).status == .unprocessableContent)
        }
    }

    @Test("villages are created and edited with versions; conflicts and bad input are refused", arguments: TestDatabases.engines)
    func villages(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.communeOfficer)
            let created = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages",
                                                 ["name": "Đồng Xuân", "kind": "Thôn", "code": "DX"])
            #expect(created.status == .created)
            let village = try created.json(Item.self)
            #expect(village.code == "00376-DX" && village.fullName == "Thôn Đồng Xuân" && village.level == "village")

            let badKind = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", ["name": "X", "kind": "city"])
            #expect(badKind.status == .unprocessableContent)
            #expect(badKind.body.contains("\"field\":\"kind\""))
            let duplicate = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", ["name": "dong xuan", "kind": "thon"])
            #expect(duplicate.status == .unprocessableContent)
            let notCommune = try await browser.json(.post, "/api/v1/areas/\(fixture.thonDong.id)/villages", ["name": "Con", "kind": "thon"])
            #expect(notCommune.status == .forbidden)
            let elsewhere = try await browser.json(.post, "/api/v1/areas/\(fixture.kimAnh.id)/villages", ["name": "Lén", "kind": "thon"])
            #expect(elsewhere.status == .notFound)

            let update = JSONBody(["name": "Đồng Xuân Thượng", "kind": "thon", "version": 1])
            let first = try await browser.json(.patch, "/api/v1/areas/\(village.id)", update)
            #expect(first.status == .ok)
            #expect(try first.json(Item.self).version == 2)
            let conflict = try await browser.json(.patch, "/api/v1/areas/\(village.id)", update)
            #expect(conflict.status == .conflict)
            #expect(conflict.errorCode == "conflict")
            let provincePatch = try await browser.json(.patch, "/api/v1/areas/\(fixture.socSon.id)", JSONBody(["name": "X", "kind": "thon", "version": 1]))
            #expect(provincePatch.status == .forbidden)

            browser.clearBearer()
            try await browser.apiLogin(DemoUser.village)
            let byVillager = try await browser.json(.post, "/api/v1/areas/\(fixture.socSon.id)/villages", ["name": "Lén", "kind": "thon"])
            #expect(byVillager.status == .notFound)
        }
    }

    @Test("CSV import through the API reports line and column, and is idempotent", arguments: TestDatabases.engines)
    func importCSV(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.communeOfficer)
            let path = "/api/v1/areas/\(fixture.socSon.id)/villages/import?fileName=thon.csv"
            let bad = try await browser.request(.post, path, headers: [.contentType: "text/csv"],
                                                body: ByteBuffer(string: "name,kind\nHạ,Thôn\n\"Mở,Thôn\n"))
            #expect(bad.status == .unprocessableContent)
            let body = try bad.json(Browser.Page.ErrorBody.self)
            #expect(body.code == "import_rejected")
            #expect(body.issues?.first?.line == 3)
            let wrongColumns = try await browser.request(.post, path, headers: [.contentType: "text/csv"],
                                                         body: ByteBuffer(string: "ten_thon\nHạ\n"))
            #expect(wrongColumns.status == .unprocessableContent)
            #expect(wrongColumns.body.contains("Thiếu cột"))
            let good = ByteBuffer(string: "name,kind\nHạ,Thôn\nThượng,Thôn\n")
            let first = try await browser.request(.post, path, headers: [.contentType: "text/csv"], body: good)
            #expect(first.status == .ok)
            #expect(first.body.contains("\"created\":2"))
            let again = try await browser.request(.post, path, headers: [.contentType: "text/csv"], body: good)
            #expect(again.body.contains("\"unchanged\":2"))
            let json = try await browser.json(.post, path, ["name": "x"])
            #expect(json.status == .unsupportedMediaType)
        }
    }
}

@Suite("JSON API: accounts")
struct APIAccountTests {
    struct Account: Decodable { var id: Int64; var username: String; var disabled: Bool; var version: Int }
    struct Accounts: Decodable { var items: [Account] }

    @Test("create, read, list, disable and enable within scope", arguments: TestDatabases.engines)
    func lifecycle(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.province)
            let created = try await browser.json(.post, "/api/v1/accounts", JSONBody([
                "username": "kimanh.hoi", "displayName": "Ngô Văn Kim", "password": "mat-khau-kim-anh",
                "role": "commune_officer", "areaId": .int(fixture.kimAnh.id),
            ]))
            #expect(created.status == .created)
            let account = try created.json(Account.self)
            #expect(try await browser.get("/api/v1/accounts/\(account.id)").status == .ok)
            let list = try await browser.get("/api/v1/accounts?q=kim").json(Accounts.self)
            #expect(list.items.map(\.username) == ["kimanh.hoi"])

            let disabled = try await browser.json(.post, "/api/v1/accounts/\(account.id)/disable", JSONBody(["version": 1]))
            #expect(disabled.status == .ok)
            #expect(try disabled.json(Account.self).disabled)
            let stale = try await browser.json(.post, "/api/v1/accounts/\(account.id)/enable", JSONBody(["version": 1]))
            #expect(stale.status == .conflict)
            let enabled = try await browser.request(.post, "/api/v1/accounts/\(account.id)/enable")
            #expect(enabled.status == .ok)

            let invalid = try await browser.json(.post, "/api/v1/accounts", JSONBody([
                "username": "x", "displayName": "X", "password": "123", "role": "commune_officer", "areaId": .int(fixture.kimAnh.id),
            ]))
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.body.contains("\"field\":\"username\"") && invalid.body.contains("\"field\":\"password\""))
            let badRole = try await browser.json(.post, "/api/v1/accounts", JSONBody([
                "username": "abc.def", "displayName": "X", "password": "mat-khau-dai-du", "role": "king", "areaId": .int(fixture.kimAnh.id),
            ]))
            #expect(badRole.status == .unprocessableContent)
        }
    }

    @Test("a role change over the API: checked, versioned, ends the account's sessions; not for oneself, other provinces or unmanaged roles",
          arguments: TestDatabases.engines)
    func changeRole(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let villager = Browser(client: browser.client)
            try await villager.apiLogin(DemoUser.village)
            #expect(try await villager.get("/api/v1/me").status == .ok)
            try await browser.apiLogin(DemoUser.communeOfficer)
            let all = try await browser.get("/api/v1/accounts").json(Accounts.self)
            let village = try #require(all.items.first { $0.username == DemoUser.village })
            let own = try #require(all.items.first { $0.username == DemoUser.communeOfficer })
            let authority = try #require(all.items.first { $0.username == DemoUser.communeAuthority })

            let unknown = try await browser.json(.post, "/api/v1/accounts/\(village.id)/role", JSONBody(["role": "king", "areaCode": "00376", "version": 1]))
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("\"field\":\"role\""))
            let nowhere = try await browser.json(.post, "/api/v1/accounts/\(village.id)/role", JSONBody(["role": "viewer", "areaCode": "VN", "version": 1]))
            #expect(nowhere.status == .unprocessableContent && nowhere.body.contains("\"field\":\"areaCode\""), "the nation is outside a commune")
            let broken = try await browser.json(.post, "/api/v1/accounts/\(village.id)/role", JSONBody(["role": "viewer"]))
            #expect(broken.status == .badRequest)
            #expect(try await villager.get("/api/v1/me").status == .ok, "refused changes end nothing")

            let changed = try await browser.json(.post, "/api/v1/accounts/\(village.id)/role", JSONBody(["role": "viewer", "areaCode": "00376", "version": .int(Int64(village.version))]))
            #expect(try changed.status == .ok && changed.json(Account.self).version == village.version + 1)
            #expect(try await villager.get("/api/v1/me").status == .unauthorized, "the token issued under the old role ended")
            let stale = try await browser.json(.post, "/api/v1/accounts/\(village.id)/role", JSONBody(["role": "village_officer", "areaCode": "00376-01", "version": .int(Int64(village.version))]))
            #expect(stale.status == .conflict)
            #expect(try await browser.json(.post, "/api/v1/accounts/\(own.id)/role", JSONBody(["role": "viewer", "areaCode": "00376", "version": 1])).status == .forbidden)
            #expect(try await browser.json(.post, "/api/v1/accounts/\(authority.id)/role", JSONBody(["role": "viewer", "areaCode": "00376", "version": 1])).status == .forbidden)
            browser.clearBearer()
            try await browser.apiLogin(DemoUser.otherProvinceCommune)
            #expect(try await browser.json(.post, "/api/v1/accounts/\(village.id)/role", JSONBody(["role": "viewer", "areaCode": "16738", "version": 2])).status == .notFound)
        }
    }

    @Test("accounts outside the caller's area are invisible; roles above it cannot be created", arguments: TestDatabases.engines)
    func scope(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.admin)
            let all = try await browser.get("/api/v1/accounts").json(Accounts.self)
            let quePhong = try #require(all.items.first { $0.username == DemoUser.otherProvinceCommune })
            let provinceOfficer = try #require(all.items.first { $0.username == DemoUser.province })
            browser.clearBearer()

            try await browser.apiLogin(DemoUser.province)
            #expect(try await browser.get("/api/v1/accounts/\(quePhong.id)").status == .notFound)
            #expect(try await browser.request(.post, "/api/v1/accounts/\(quePhong.id)/disable").status == .notFound)
            #expect(try await browser.request(.post, "/api/v1/accounts/\(provinceOfficer.id)/disable").status == .forbidden, "not oneself")
            let peer = try await browser.json(.post, "/api/v1/accounts", JSONBody([
                "username": "hanoi.tinh2", "displayName": "Y", "password": "mat-khau-dai-du", "role": "province_officer",
                "areaId": .int(fixture.hanoi.id),
            ]))
            #expect(peer.status == .forbidden)
            let outside = try await browser.json(.post, "/api/v1/accounts", JSONBody([
                "username": "nghean.moi", "displayName": "Y", "password": "mat-khau-dai-du", "role": "commune_officer",
                "areaId": .int(fixture.quePhong.id),
            ]))
            #expect(outside.status == .unprocessableContent)
            #expect(outside.body.contains("phạm vi của bạn"))
            browser.clearBearer()

            try await browser.apiLogin(DemoUser.village)
            #expect(try await browser.get("/api/v1/accounts").status == .forbidden)
            #expect(try await browser.get("/api/v1/accounts/\(quePhong.id)").status == .forbidden)
        }
    }
}
