import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

/// The association's network and officers' training over real HTTP.
@Suite("Association network and training pages")
struct NetworkPageTests {
    @Test("record the association, a branch, the year's figures and an officer; bad input named and kept; read-only and other areas refused",
          arguments: TestDatabases.engines)
    func network(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let path = "/areas/\(fixture.socSon.id)/hoi"
            let empty = try await browser.get(path)
            #expect(empty.status == .ok && empty.body.contains("Chưa ghi tổ chức nào") && MarkupCheck.problems(empty.body).isEmpty, "\(MarkupCheck.problems(empty.body))")
            let csrf = try #require(empty.csrfToken)
            let noKind = try await browser.post(path, form: ["kind": "hoi-lon", "attached": "", "name": "Hội <b>lớn</b>"], csrf: csrf)
            #expect(noKind.status == .unprocessableContent && noKind.body.contains("Chọn loại tổ chức") && noKind.body.contains("Hội &lt;b&gt;lớn&lt;/b&gt;"))
            let badYear = try await browser.post(path, form: ["kind": "hoi-xa", "foundedYear": "xưa"], csrf: csrf)
            #expect(badYear.status == .unprocessableContent && badYear.body.contains("không phải số"))
            #expect(try await browser.post(path, form: ["kind": "hoi-xa", "foundedYear": "2001"], csrf: csrf).status == .seeOther)
            #expect(try await browser.post(path, form: ["kind": "hoi-xa"], csrf: csrf).status == .conflict, "one association per commune")
            #expect(try await browser.post(path, form: ["kind": "chi-hoi-thon", "attached": String(fixture.thonDong.id)], csrf: csrf).status == .seeOther)
            let foreign = try await browser.post(path, form: ["kind": "chi-hoi-thon", "attached": String(fixture.kimAnhVillage.id)], csrf: csrf)
            #expect(foreign.status == .unprocessableContent && foreign.body.contains("Chọn thôn, tổ dân phố của Xã Sóc Sơn"))

            let page = try await browser.get(path)
            #expect(page.body.contains("Hội Khuyến học xã Sóc Sơn") && page.body.contains("Chi hội khuyến học thôn Đông"))
            let bodies = page.body.matches(of: /name="body" value="(\d+)"/).map { String($0.1) }
            #expect(bodies.count == 2)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func grid(_ pairs: [(String, String)]) async throws -> Browser.Page {
                try await browser.request(.post, "\(path)/so-lieu", headers: form, body: LearningCentrePageTests.repeated([("_csrf", csrf), ("year", "2026")]
                    + bodies.map { ("body", $0) } + pairs))
            }
            let tooMany = try await grid([("m.\(bodies[0])", "200"), ("s.\(bodies[0])", "150"), ("a.\(bodies[0])", "1"), ("m.\(bodies[1])", "30"), ("s.\(bodies[1])", "40")])
            #expect(tooMany.status == .unprocessableContent && tooMany.body.contains("nhiều hơn số hội viên"))
            #expect(tooMany.body.contains("value=\"40\""), "the typed figures stay in the grid")
            let notNumber = try await grid([("m.\(bodies[0])", "hai trăm")])
            #expect(notNumber.status == .unprocessableContent && notNumber.body.contains("phải là số nguyên"))
            #expect(try await grid([("m.\(bodies[0])", "200"), ("s.\(bodies[0])", "150"), ("a.\(bodies[0])", "1"), ("m.\(bodies[1])", "30"), ("s.\(bodies[1])", "20"),
                                    ("a.\(bodies[1])", "1")]).status == .seeOther)
            let stale = try await grid([("m.\(bodies[1])", "31"), ("s.\(bodies[1])", "20"), ("a.\(bodies[1])", "1")])
            #expect(stale.status == .conflict, "the page's version was not sent: someone saved since")
            let saved = try await browser.get(path)
            #expect(saved.body.contains("name=\"m.\(bodies[1])\" value=\"30\""))

            let officers = "\(path)/can-bo"
            let noName = try await browser.post(officers, form: ["officerBody": bodies[0], "fullName": "", "position": "Chủ tịch"], csrf: csrf)
            #expect(noName.status == .unprocessableContent && noName.body.contains("Ghi họ và tên") && noName.body.contains("value=\"Chủ tịch\""))
            #expect(try await browser.post(officers, form: ["officerBody": "999999", "fullName": "A", "position": "B"], csrf: csrf).status == .unprocessableContent)
            #expect(try await browser.post(officers, form: ["officerBody": bodies[0], "fullName": "Trần Văn Sơn", "position": "Chủ tịch"], csrf: csrf).status == .seeOther)
            let withOfficer = try await browser.get(path)
            #expect(withOfficer.body.contains("Trần Văn Sơn – Chủ tịch, Hội Khuyến học xã Sóc Sơn"))
            let officerID = try #require(withOfficer.body.firstMatch(of: /\/hoi\/can-bo\/(\d+)\/xoa/).map { String($0.1) })

            // Read-only roles and other areas.
            try await browser.login(DemoUser.council)
            let read = try await browser.get(path)
            #expect(read.status == .ok && !read.body.contains("Lưu số liệu năm") && read.body.contains("Trần Văn Sơn"))
            let token = read.csrfToken
            #expect(try await browser.post(path, form: ["kind": "hoi-xa"], csrf: token).status == .forbidden)
            #expect(try await browser.post("\(path)/so-lieu", form: ["year": "2026"], csrf: token).status == .forbidden)
            #expect(try await browser.post(officers, form: ["officerBody": bodies[0], "fullName": "A", "position": "B"], csrf: token).status == .forbidden)
            #expect(try await browser.post("/hoi/can-bo/\(officerID)/xoa", form: [:], csrf: token).status == .forbidden)
            try await browser.login(DemoUser.otherProvinceCommune)
            let other = try await browser.get("/").csrfToken
            #expect(try await browser.get(path).status == .notFound)
            #expect(try await browser.post(path, form: ["kind": "hoi-xa"], csrf: other).status == .notFound)
            #expect(try await browser.post("/hoi/can-bo/\(officerID)/xoa", form: [:], csrf: other).status == .notFound)
            try await browser.login(DemoUser.communeOfficer)
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)/hoi").status == .notFound, "the network is recorded per commune")
            #expect(try await browser.post("/hoi/can-bo/\(officerID)/xoa", form: [:], csrf: try await browser.get(path).csrfToken).status == .seeOther)
        }
    }

    @Test("a province records an IT course and its communes' officers; a commune sees its own; bad input and other provinces refused")
    func training() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let csrf = try #require(try await browser.get("/areas/\(fixture.socSon.id)/hoi").csrfToken)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/hoi", form: ["kind": "hoi-xa"], csrf: csrf).status == .seeOther)
            let body = try #require(try await browser.get("/areas/\(fixture.socSon.id)/hoi").body.firstMatch(of: /name="body" value="(\d+)"/).map { String($0.1) })
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/hoi/can-bo", form: ["officerBody": body, "fullName": "Trần Văn Sơn", "position": "Chủ tịch"],
                                           csrf: csrf).status == .seeOther)

            try await browser.login(DemoUser.province)
            let list = "/areas/\(fixture.hanoi.id)/tap-huan"
            let page = try await browser.get("\(list)?year=2026")
            #expect(page.status == .ok && page.body.contains("Chưa ghi lớp nào") && MarkupCheck.problems(page.body).isEmpty)
            let token = try #require(page.csrfToken)
            let bad = try await browser.post(list, form: ["topic": "cntt", "title": "Chuyển đổi số <i>cơ bản</i>", "organiser": "Hội tỉnh", "startsOn": "30/02/2026",
                                                          "hours": "tám"], csrf: token)
            #expect(bad.status == .unprocessableContent && bad.body.contains("không phải ngày") && bad.body.contains("Chuyển đổi số &lt;i&gt;cơ bản&lt;/i&gt;"))
            let added = try await browser.post(list, form: ["topic": "cntt", "title": "Chuyển đổi số cho cán bộ hội", "organiser": "Hội Khuyến học thành phố Hà Nội",
                                                            "startsOn": "12/09/2026", "hours": "8"], csrf: token)
            #expect(added.status == .seeOther)
            let coursePath = try #require(added.location?.components(separatedBy: "?").first)
            let courseID = try #require(coursePath.split(separator: "/").last.map(String.init))
            let found = try await browser.get("\(coursePath)?q=tran%20van%20son")
            let officer = try #require(found.body.firstMatch(of: /name="add" value="(\d+)"/).map { String($0.1) }, "officers are found without diacritics")
            #expect(MarkupCheck.problems(found.body).isEmpty, "\(MarkupCheck.problems(found.body))")
            #expect(try await browser.post("/tap-huan/\(courseID)/diem-danh", form: ["add": "x"], csrf: token).status == .unprocessableContent)
            #expect(try await browser.post("/tap-huan/\(courseID)/diem-danh", form: [:], csrf: token).status == .unprocessableContent)
            #expect(try await browser.post("/tap-huan/\(courseID)/diem-danh", form: ["add": officer], csrf: token).status == .seeOther)
            #expect(try await browser.get(coursePath).body.contains("Cán bộ đã dự (1)"))
            let movement = try await browser.get("/areas/\(fixture.hanoi.id)/phong-trao.csv?year=2026")
            #expect(movement.body.contains("01,Thành phố Hà Nội,Cán bộ Hội Khuyến học xã được tập huấn ứng dụng công nghệ thông tin,can-bo-hoi-tin-hoc,1,1,"),
                    "the attendance counts towards the QĐ 387 indicator")

            // The commune sees the province's course and its own officer; it may not organise for the province.
            try await browser.login(DemoUser.communeOfficer)
            let seen = try await browser.get(coursePath)
            #expect(seen.status == .ok && seen.body.contains("Trần Văn Sơn"))
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/tap-huan?year=2026").body.contains("Chuyển đổi số cho cán bộ hội"))
            #expect(try await browser.post(list, form: ["topic": "cntt", "title": "X", "organiser": "Y", "startsOn": "2026-01-01", "hours": "1"],
                                           csrf: seen.csrfToken).status == .notFound, "a commune does not see the province's page")
            try await browser.login(DemoUser.council)
            let council = try await browser.get("/areas/\(fixture.socSon.id)/tap-huan")
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tap-huan", form: ["topic": "cntt"], csrf: council.csrfToken).status == .forbidden)
            #expect(try await browser.post("/tap-huan/\(courseID)/diem-danh", form: ["remove": officer], csrf: council.csrfToken).status == .forbidden)
            try await browser.login(DemoUser.otherProvinceCommune)
            let other = try await browser.get("/").csrfToken
            #expect(try await browser.get(coursePath).status == .notFound, "another province's course")
            #expect(try await browser.post("/tap-huan/\(courseID)/diem-danh", form: ["add": officer], csrf: other).status == .notFound)
            #expect(try await browser.get("/areas/\(fixture.hanoi.id)/tap-huan").status == .notFound)
            #expect(try await browser.get("/areas/\(fixture.quePhong.id)/tap-huan?year=abc").status == .unprocessableContent)
        }
    }
}
