import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// A person's own data on request: one JSON document, for the officials who manage the record,
/// in the audit trail.
@Suite("Personal data on request")
struct PersonDataTests {
    struct Export: Decodable {
        struct Person: Decodable { var id: Int64; var fullName: String; var commune: String; var household: String? }
        struct Change: Decodable { var action: String }
        var exportedBy: String
        var person: Person
        var history: [Change]
        var accesses: [PersonalDataRead]
    }

    @Test("the commune officer downloads everything about a member; other roles and provinces are refused", arguments: TestDatabases.engines)
    func export(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let households = try await browser.get("/areas/\(fixture.thonDong.id)/households")
            let household = try #require(households.body.firstMatch(of: /\/households\/(\d+)/).map { String($0.1) })
            let members = try await browser.get("/households/\(household)")
            let person = try #require(members.body.firstMatch(of: /\/persons\/(\d+)\/edit/).map { String($0.1) })
            let form = try await browser.get("/persons/\(person)/edit")
            #expect(form.body.contains("/persons/\(person)/export.json"), "the form offers the download")
            let download = try await browser.get("/persons/\(person)/export.json")
            #expect(download.status == .ok && download.headers[.contentType]?.hasPrefix("application/json") == true
                    && download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let export = try decoder.decode(Export.self, from: Data(download.body.utf8))
            #expect(String(export.person.id) == person && export.person.commune == "Xã Sóc Sơn" && export.exportedBy == DemoUser.communeOfficer)
            #expect(export.person.household?.hasPrefix("00376-01-") == true)
            let again = try decoder.decode(Export.self, from: Data(try await browser.get("/persons/\(person)/export.json").body.utf8))
            #expect(again.history.contains { $0.action == "person.export" }, "the first export is in the second one's history")
            #expect(try await browser.get("/persons/abc/export.json").status == .notFound)

            try await browser.login(DemoUser.council)
            #expect(try await browser.get("/persons/\(person)/export.json").status == .forbidden, "sees the record, does not manage it")
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/persons/\(person)/export.json").status == .notFound)
        }
    }

    @Test("every opening of a household or a person is in the access log: shown to those who manage the record, given to the person, never for refused reads",
          arguments: TestDatabases.engines)
    func accessLog(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let households = try await browser.get("/areas/\(fixture.thonDong.id)/households")
            let household = try #require(households.body.firstMatch(of: /\/households\/(\d+)/).map { String($0.1) })
            let person = try #require(try await browser.get("/households/\(household)").body.firstMatch(of: /\/persons\/(\d+)\/edit/).map { String($0.1) })

            // Reads by others: the council member's page, the village officer's API call, the learning record.
            let council = Browser(client: browser.client)
            try await council.login(DemoUser.council)
            let councilView = try await council.get("/households/\(household)")
            #expect(councilView.status == .ok && !councilView.body.contains("Lượt xem dữ liệu cá nhân"), "the log is for those who manage the record")
            let villager = Browser(client: browser.client)
            try await villager.login(DemoUser.village)
            #expect(try await villager.get("/api/v1/persons/\(person)").status == .ok)
            #expect(try await villager.get("/persons/\(person)/hoc-tap").status == .ok)
            // Refused reads leave no entry: another province, a missing record, a role that may not open the form.
            let outsider = Browser(client: browser.client)
            try await outsider.login(DemoUser.otherProvinceCommune)
            #expect(try await outsider.get("/households/\(household)").status == .notFound)
            #expect(try await outsider.get("/api/v1/persons/\(person)").status == .notFound)
            #expect(try await council.get("/persons/\(person)/edit").status == .forbidden)

            let form = try await browser.get("/persons/\(person)/edit")
            #expect(form.body.contains("Lượt xem dữ liệu cá nhân gần đây"))
            for (who, what) in [(DemoUser.council, "Xem trang hộ và các thành viên"), (DemoUser.village, "Đọc thông tin của người này qua API"),
                                (DemoUser.village, "Xem hồ sơ học tập suốt đời"), (DemoUser.communeOfficer, "Mở thông tin của người này để sửa")] {
                #expect(form.body.contains("<td data-label=\"Tài khoản\">\(who)</td><td data-label=\"Việc\">\(what)</td>"), "\(who): \(what)")
            }
            #expect(!form.body.contains(DemoUser.otherProvinceCommune))
            #expect(MarkupCheck.problems(form.body).isEmpty)

            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let export = try decoder.decode(Export.self, from: Data(try await browser.get("/persons/\(person)/export.json").body.utf8))
            let purposes = export.accesses.map { "\($0.by) \($0.purpose.rawValue)" }
            #expect(purposes.first == "\(DemoUser.communeOfficer) person.export", "newest first, the export itself included")
            #expect(Set(purposes).isSuperset(of: ["\(DemoUser.council) household.page", "\(DemoUser.village) person.api",
                                                  "\(DemoUser.village) learning-record.page", "\(DemoUser.communeOfficer) person.form"]))
            #expect(!purposes.contains { $0.hasPrefix(DemoUser.otherProvinceCommune) } && !purposes.contains("\(DemoUser.council) person.form"))
        }
    }

    @Test("erasure on request: previewed, confirmed with the request's date, refused for bad input, stale versions, other roles and provinces",
          arguments: TestDatabases.engines)
    func erasure(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let households = try await browser.get("/areas/\(fixture.thonDong.id)/households")
            let household = try #require(households.body.firstMatch(of: /\/households\/(\d+)/).map { String($0.1) })
            let members = try await browser.get("/households/\(household)")
            let person = try #require(members.body.matches(of: /\/persons\/(\d+)\/edit/).last.map { String($0.1) })
            let name = try #require(try await browser.get("/persons/\(person)/edit").body.firstMatch(of: /name="fullName" value="([^"]+)"/).map { String($0.1) })

            let council = Browser(client: browser.client)
            try await council.login(DemoUser.council)
            #expect(try await council.get("/persons/\(person)/xoa-du-lieu").status == .forbidden)
            let outsider = Browser(client: browser.client)
            try await outsider.login(DemoUser.otherProvinceCommune)
            #expect(try await outsider.get("/persons/\(person)/xoa-du-lieu").status == .notFound)
            let outsiderForm = try await outsider.get("/")
            #expect(try await outsider.post("/persons/\(person)/xoa-du-lieu", form: ["version": "1", "receivedOn": "20/11/2026", "basis": "Đơn", "confirm": "1"],
                                            csrf: outsiderForm.csrfToken).status == .notFound)

            let page = try await browser.get("/persons/\(person)/xoa-du-lieu")
            #expect(page.status == .ok && page.body.contains("Sẽ xóa") && page.body.contains("Được giữ lại") && MarkupCheck.problems(page.body).isEmpty)
            let version = try #require(page.body.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.1) })
            let bad = try await browser.post("/persons/\(person)/xoa-du-lieu", form: ["version": version, "receivedOn": "hôm qua", "basis": ""],
                                             csrf: page.csrfToken)
            #expect(bad.status == .unprocessableContent && bad.body.contains("Hãy nhập ngày nhận yêu cầu") && bad.body.contains("Hãy đánh dấu xác nhận"))
            #expect(try await browser.post("/persons/\(person)/xoa-du-lieu", form: ["receivedOn": "20/11/2026", "basis": "Đơn", "confirm": "1"],
                                           csrf: page.csrfToken).status == .badRequest)
            #expect(try await browser.post("/persons/\(person)/xoa-du-lieu", form: ["version": String(Int(version)! + 1), "receivedOn": "20/11/2026",
                                                                                     "basis": "Đơn", "confirm": "1"], csrf: page.csrfToken).status == .conflict)
            #expect(try await browser.post("/persons/\(person)/xoa-du-lieu", form: ["version": version, "receivedOn": "20/11/2026", "basis": "Đơn", "confirm": "1"],
                                           csrf: nil).status == .forbidden, "CSRF")
            #expect(try await browser.get("/persons/\(person)/edit").status == .ok, "nothing erased by the refused requests")

            let done = try await browser.post("/persons/\(person)/xoa-du-lieu", form: ["version": version, "receivedOn": "20/11/2026",
                                                                                        "basis": "Đơn đề nghị nộp tại UBND xã", "confirm": "1"], csrf: page.csrfToken)
            #expect(done.status == .seeOther && done.location == "/households/\(household)?ok=erased")
            #expect(try await browser.get("/persons/\(person)/edit").status == .notFound)
            #expect(!(try await browser.get("/households/\(household)").body.contains(name)))
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Xóa dữ liệu cá nhân của người số \(person) theo yêu cầu nhận ngày 20/11/2026") && !audit.body.contains("Xóa dữ liệu cá nhân của \(name)"))
        }
    }
}
