import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// A person's lifelong-learning record over real HTTP: digital skills by year, entries, the
/// classes attended at the centre, and the open JSON export.
@Suite("Lifelong-learning record pages")
struct LearningRecordPageTests {
    @Test("record digital skills and courses, bad values named and kept, exported as JSON; scoped and refused where not allowed",
          arguments: TestDatabases.engines)
    func record(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.village)
            let household = try #require(try await browser.get("/areas/\(fixture.thonDong.id)/households").body
                .firstMatch(of: /\/households\/(\d+)"/).map { String($0.1) })
            let person = try #require(try await browser.get("/households/\(household)").body.firstMatch(of: /\/persons\/(\d+)\/edit/).map { String($0.1) })
            #expect(try await browser.get("/persons/\(person)/edit").body.contains("/persons/\(person)/hoc-tap"), "the person's form links the record")
            let path = "/persons/\(person)/hoc-tap"
            let page = try await browser.get(path)
            #expect(page.status == .ok && page.body.contains("Chưa ghi kết quả nào") && MarkupCheck.problems(page.body).isEmpty, "\(MarkupCheck.problems(page.body))")
            let csrf = try #require(page.csrfToken)

            // Digital skills: bad values named, then recorded, then a stale second result refused.
            let skill = "/persons/\(person)/ky-nang-so"
            let noLevel = try await browser.post(skill, form: ["year": "2026", "level": "gioi", "version": ""], csrf: csrf)
            #expect(noLevel.status == .unprocessableContent && noLevel.body.contains("Chọn mức kỹ năng số"))
            let badYear = try await browser.post(skill, form: ["year": "hai nghìn", "level": "co-ban", "version": ""], csrf: csrf)
            #expect(badYear.status == .unprocessableContent && badYear.body.contains("không phải số"))
            let future = try await browser.post(skill, form: ["year": "2030", "level": "co-ban", "version": ""], csrf: csrf)
            #expect(future.status == .unprocessableContent && future.body.contains("phải từ 2021 đến 2026"))
            #expect(try await browser.post(skill, form: ["year": "2026", "level": "thanh-thao", "note": "Tự đánh giá", "version": ""], csrf: csrf).status == .seeOther)
            let twice = try await browser.post(skill, form: ["year": "2026", "level": "co-ban", "version": ""], csrf: csrf)
            #expect(twice.status == .conflict && twice.body.contains("vừa được người khác ghi"))
            #expect(try await browser.post(skill, form: ["year": "2026", "level": "co-ban", "version": "1"], csrf: csrf).status == .seeOther)
            #expect(try await browser.get(path).body.contains("Năm 2026: Có kỹ năng số đáp ứng"))

            // Entries.
            let bad = try await browser.post(path, form: ["kind": "chung-chi", "title": "Tin học <i>cơ bản</i>", "startsOn": "31/02/2025", "hours": "mười"], csrf: csrf)
            #expect(bad.status == .unprocessableContent && bad.body.contains("không phải ngày") && bad.body.contains("Số giờ \"mười\""))
            #expect(bad.body.contains("Tin học &lt;i&gt;cơ bản&lt;/i&gt;"), "the title as typed, escaped")
            let noCertificate = try await browser.post(path, form: ["kind": "chung-chi", "title": "Tin học", "startsOn": "01/04/2025"], csrf: csrf)
            #expect(noCertificate.status == .unprocessableContent && noCertificate.body.contains("Ghi tên văn bằng"))
            #expect(try await browser.post(path, form: ["kind": "chung-chi", "title": "Ứng dụng CNTT cơ bản", "provider": "Trung tâm GDTX", "startsOn": "01/04/2025",
                                                        "endsOn": "30/06/2025", "hours": "60", "certificate": "Số 123"], csrf: csrf).status == .seeOther)
            let withEntry = try await browser.get(path)
            #expect(withEntry.body.contains("01/04/2025 – 30/06/2025") && withEntry.body.contains("60,0"))
            let entryID = try #require(withEntry.body.firstMatch(of: /\/hoc-tap\/(\d+)\/xoa/).map { String($0.1) })

            // Export: open JSON that a reader decodes.
            let exported = try await browser.get("/persons/\(person)/hoc-tap.json")
            #expect(exported.status == .ok && exported.headers[.contentDisposition]?.contains("ho-so-hoc-tap-") == true)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let document = try decoder.decode(LearningRecordExport.self, from: Data(exported.body.utf8))
            #expect(document.format == "hoctap-learning-record/1" && document.entries.first?.certificate == "Số 123" && document.digitalSkills.first?.level == "co-ban")

            // The council member reads but does not change or export; another province sees nothing.
            try await browser.login(DemoUser.council)
            let read = try await browser.get(path)
            #expect(read.status == .ok && !read.body.contains("Ghi kỹ năng số"))
            let token = read.csrfToken
            #expect(try await browser.post(path, form: ["kind": "khoa-hoc", "title": "X", "startsOn": "2025-01-01"], csrf: token).status == .forbidden)
            #expect(try await browser.post(skill, form: ["year": "2026", "level": "co-ban"], csrf: token).status == .forbidden)
            #expect(try await browser.post("/hoc-tap/\(entryID)/xoa", form: [:], csrf: token).status == .forbidden)
            #expect(try await browser.get("/persons/\(person)/hoc-tap.json").status == .forbidden)
            try await browser.login(DemoUser.otherProvinceCommune)
            let other = try await browser.get("/").csrfToken
            #expect(try await browser.get(path).status == .notFound)
            #expect(try await browser.get("/persons/\(person)/hoc-tap.json").status == .notFound)
            #expect(try await browser.post("/hoc-tap/\(entryID)/xoa", form: [:], csrf: other).status == .notFound)
            #expect(try await browser.post("/hoc-tap/999999/xoa", form: [:], csrf: other).status == .notFound)

            try await browser.login(DemoUser.village)
            #expect(try await browser.post("/hoc-tap/\(entryID)/xoa", form: [:], csrf: try await browser.get(path).csrfToken).status == .seeOther)
            #expect(try await browser.get(path).body.contains("Chưa có mục nào"))
        }
    }
}
