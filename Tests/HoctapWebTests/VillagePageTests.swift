import Foundation
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("The commune's villages in the browser")
struct VillagePageTests {
    @Test("a commune officer adds a village through the form; it is listed and audited", arguments: TestDatabases.engines)
    func create(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let form = "/areas/\(fixture.socSon.id)/villages/new"
            #expect(try await browser.get(form).status == .ok)
            // MUT
            let result = try await browser.submit(form, ["kind": "to_dan_pho", "name": "  Tổ dân phố Hòa Bình  ", "code": ""])
            // validate
            #expect(result.status == .seeOther)
            let commune = try await browser.get(result.location ?? "")
            #expect(commune.body.contains("Đã thêm thôn, tổ dân phố."))
            #expect(commune.body.contains("Tổ dân phố Hòa Bình"))
            #expect(commune.body.contains("00376-06"), "next free number after the five demo villages")
            #expect(commune.body.contains("Thôn, bản, ấp, tổ dân phố (6)"))
        }
    }

    @Test("bad village input is refused with the reason, and what was typed is kept", arguments: TestDatabases.engines)
    func invalid(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let form = "/areas/\(fixture.socSon.id)/villages/new"
            let empty = try await browser.submit(form, ["kind": "thon", "name": "   ", "code": "A1"])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("không được để trống"))
            #expect(empty.body.contains(#"value="A1""#))
            let duplicate = try await browser.submit(form, ["kind": "thon", "name": "dong", "code": ""])
            #expect(duplicate.status == .unprocessableContent)
            #expect(duplicate.body.contains("Đã có"))
            let badKind = try await browser.submit(form, ["kind": "commune", "name": "Mới", "code": ""])
            #expect(badKind.status == .unprocessableContent)
            let badCode = try await browser.submit(form, ["kind": "thon", "name": "Mới", "code": "mã có dấu"])
            #expect(badCode.status == .unprocessableContent)
            #expect(badCode.body.contains("Mã thôn chỉ gồm"))
            let takenCode = try await browser.submit(form, ["kind": "thon", "name": "Mới", "code": "01"])
            #expect(takenCode.status == .unprocessableContent)
            let page = try await browser.get("/areas/\(fixture.socSon.id)")
            #expect(page.body.contains("Thôn, bản, ấp, tổ dân phố (5)"), "nothing was added")
        }
    }

    @Test("only the commune association and above create villages, and only in their own subtree", arguments: TestDatabases.engines)
    func forbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.village)
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)").status == .ok)
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/villages/new").status == .notFound, "the commune is above the village officer")
            try await browser.login(DemoUser.council)
            let council = try await browser.get("/areas/\(fixture.socSon.id)/villages/new")
            #expect(council.status == .forbidden)
            let posted = try await browser.post("/areas/\(fixture.socSon.id)/villages/new", form: ["kind": "thon", "name": "Lén"],
                                                csrf: try await browser.get("/").csrfToken)
            #expect(posted.status == .forbidden)
            try await browser.login(DemoUser.otherProvinceCommune)
            let other = try await browser.post("/areas/\(fixture.socSon.id)/villages/new", form: ["kind": "thon", "name": "Lén"],
                                               csrf: try await browser.get("/").csrfToken)
            #expect(other.status == .notFound)
            try await browser.login(DemoUser.communeOfficer)
            #expect(try await browser.get("/areas/\(fixture.socSon.id)").body.contains("Thôn, bản, ấp, tổ dân phố (5)"))
        }
    }

    @Test("editing a village that someone else changed meanwhile is refused, not overwritten", arguments: TestDatabases.engines)
    func edit(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let editPath = "/areas/\(fixture.thonTay.id)/edit"
            let form = try await browser.get(editPath)
            #expect(form.status == .ok)
            #expect(form.body.contains(#"name="version" value="1""#))
            // First save wins.
            let first = try await browser.post(editPath, form: ["kind": "thon", "name": "Tây Hạ", "version": "1"], csrf: form.csrfToken)
            #expect(first.status == .seeOther)
            // A second editor still holding version 1 gets a conflict.
            let second = try await browser.post(editPath, form: ["kind": "thon", "name": "Tây Thượng", "version": "1"], csrf: form.csrfToken)
            #expect(second.status == .conflict)
            #expect(second.body.contains("đã được người khác sửa"))
            let page = try await browser.get("/areas/\(fixture.thonTay.id)")
            #expect(page.body.contains("Thôn Tây Hạ"))
            let noVersion = try await browser.post(editPath, form: ["kind": "thon", "name": "X"], csrf: form.csrfToken)
            #expect(noVersion.status == .badRequest)
            // Provinces and communes are official lists: not editable here.
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/edit").status == .forbidden)
        }
    }

    @Test("a CSV of villages imports all or nothing, with line and column for every problem", arguments: TestDatabases.engines)
    func importCSV(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let importPath = "/areas/\(fixture.socSon.id)/villages/import"
            let formPage = try await browser.get(importPath)
            #expect(formPage.status == .ok)
            let token = try #require(formPage.csrfToken)

            let bad = "Tên,Loại,Mã\nBắc Sơn,Thôn,10\n,Thôn,11\nNam Sơn,làng xã,12\nĐông Sơn,Thôn,10\n"
            let rejected = try await browser.upload(importPath + "?_csrf=\(token)", field: "file", fileName: "../../etc/thon.csv", content: Data(bad.utf8))
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.body.contains("chưa ghi gì"))
            #expect(rejected.body.contains("<td class=\"num\">3</td>"), "line 3: empty name")
            #expect(rejected.body.contains("<td class=\"num\">4</td>"), "line 4: unknown kind")
            #expect(rejected.body.contains("<td class=\"num\">5</td>"), "line 5: duplicate code")
            #expect(rejected.body.contains("thon.csv") && !rejected.body.contains("../"), "only the base name is shown")
            #expect(try await browser.get("/areas/\(fixture.socSon.id)").body.contains("Thôn, bản, ấp, tổ dân phố (5)"))

            let good = "name,kind,code\nBắc Sơn,Thôn,10\nNam Sơn,tổ dân phố,11\nĐông,Thôn,01\n"
            let accepted = try await browser.upload(importPath + "?_csrf=\(token)", field: "file", fileName: "thon.csv", content: Data(good.utf8))
            #expect(accepted.status == .ok)
            #expect(accepted.body.contains("thêm 2, sửa 0, giữ nguyên 1"))
            let again = try await browser.upload(importPath + "?_csrf=\(token)", field: "file", fileName: "thon.csv", content: Data(good.utf8))
            #expect(again.body.contains("thêm 0, sửa 0, giữ nguyên 3"))

            let noToken = try await browser.upload(importPath, field: "file", fileName: "thon.csv", content: Data(good.utf8))
            #expect(noToken.status == .forbidden)
            let noFile = try await browser.upload(importPath + "?_csrf=\(token)", field: "other", fileName: "x.csv", content: Data(good.utf8))
            #expect(noFile.status == .unprocessableContent)
        }
    }

    @Test("an upload over the limit is refused with 413", arguments: [DatabaseEngine.sqlite])
    func oversized(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, configure: { $0.maximumUploadBytes = 64 * 1024 }) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let importPath = "/areas/\(fixture.socSon.id)/villages/import"
            let formPage = try await browser.get(importPath)
            let token = try #require(formPage.csrfToken)
            let big = "name,kind\n" + String(repeating: "Thôn rất dài,Thôn\n", count: 10_000)
            let page = try await browser.upload(importPath + "?_csrf=\(token)", field: "file", fileName: "big.csv", content: Data(big.utf8))
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("Dữ liệu gửi lên quá lớn"))
        }
    }
}
