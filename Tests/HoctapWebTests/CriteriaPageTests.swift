import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HoctapWeb
import SQLKit
import Testing

@Suite("Criteria sets in the browser")
struct CriteriaPageTests {
    static let commune = "tt25-2023-cdht-xa"

    @Test("anyone signed in lists, views, prints and downloads the sets; only managers see the managing controls")
    func browse() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            try await browser.login(DemoUser.viewer)
            let list = try await browser.get("/criteria")
            #expect(list.status == .ok)
            #expect(list.body.contains("Cộng đồng học tập cấp xã"))
            #expect(list.body.contains("Chưa đầy đủ") && list.body.contains("Chính thức"))
            #expect(!list.body.contains("/criteria/import"), "a viewer is not offered the import")
            #expect(list.body == list.body.precomposedStringWithCanonicalMapping, "Vietnamese text is NFC")

            let set = try await browser.get("/criteria/\(Self.commune)")
            #expect(set.status == .ok)
            #expect(set.body.contains("25/2023/TT-BGDĐT ngày 27/12/2023"))
            #expect(set.body.contains("Bảng chấm (in được)"))
            #expect(!set.body.contains("Mở bản nháp"))
            #expect(!set.body.contains("Tạo biến thể"))

            let incomplete = try await browser.get("/criteria/tt22-2020-dvht")
            #expect(incomplete.body.contains("Chưa dùng được để công nhận chính thức vì:"))

            let yaml = try await browser.get("/criteria/\(Self.commune)/yaml")
            #expect(yaml.status == .ok)
            #expect(yaml.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(yaml.headers[.contentDisposition]?.contains("\(Self.commune)-v1.yaml") == true)
            #expect(yaml.body.hasPrefix("format: hoctap-criteria/1"))

            #expect(try await browser.get("/criteria/khong-co-bo-nay").status == .notFound)
            #expect(try await browser.get("/criteria/KH%C3%94NG%20H%E1%BB%A2P").status == .notFound)
            #expect(try await browser.get("/criteria/\(Self.commune)/rubric?version=9").status == .notFound)
            #expect(try await browser.get("/criteria/\(Self.commune)/rubric?version=abc").status == .unprocessableContent)
            #expect(try await browser.get("/criteria/\(Self.commune)/yaml?draft=1").status == .forbidden)
        }
    }

    @Test("the rubric of every shipped set renders in Vietnamese, ready for A4")
    func rubrics() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            try await browser.login(DemoUser.communeOfficer)
            let files = try ShippedCriteriaSets.files()
            #expect(files.count >= 13)
            for file in files {
                let set = try CriteriaDocument.parse(file.yaml)
                guard set.variant == nil || set.variant?.provinceCode == "01" else { continue }
                let page = try await browser.get("/criteria/\(set.id)/rubric")
                #expect(page.status == .ok, "\(set.id)")
                #expect(page.body.contains("Bảng chấm: "), "\(set.id)")
                #expect(page.body.contains("Minh chứng"), "\(set.id)")
                #expect(page.body.contains("(ký, ghi rõ họ tên)"), "\(set.id)")
                #expect(page.body == page.body.precomposedStringWithCanonicalMapping, "\(set.id) is NFC")
                for criterion in set.criteria {
                    #expect(page.body.contains(HTMLEscapeForTests.text("\(criterion.id). \(criterion.name)")), "\(set.id) shows criterion \(criterion.id)")
                }
            }
            let levels = try await browser.get("/criteria/\(Self.commune)/rubric")
            #expect(levels.body.contains("Yêu cầu Mức độ 1 (Khá)") && levels.body.contains("Yêu cầu Mức độ 2 (Tốt)"))
            let points = try await browser.get("/criteria/qd324-2023-cdht-nguoi-dan/rubric")
            #expect(points.body.contains("Điểm tối đa") && points.body.contains("Điểm tự chấm"))
            let css = try await browser.get(SiteURL.stylesheet.path)
            #expect(css.body.contains("@page{size:A4"))
        }
    }

    @Test("an administrator opens a draft, saves invalid text without losing it, fixes it and publishes version 2", arguments: TestDatabases.engines)
    func editAndPublish(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            try await browser.login(DemoUser.admin)
            let setPage = "/criteria/\(Self.commune)"
            let opened = try await browser.submit(setPage, to: "\(setPage)/draft/open", [:])
            #expect(opened.status == .seeOther)
            #expect(opened.location == "\(setPage)/draft")
            let original = try await browser.get("\(setPage)/yaml?draft=1").body

            // Invalid text is saved as typed, with its problem and line listed.
            let broken = original + "bogus: 1\n"
            let saved = try await browser.submit("\(setPage)/draft", ["yaml": broken, "version": "1"])
            #expect(saved.status == .seeOther)
            let editor = try await browser.get(saved.location ?? "")
            #expect(editor.body.contains("Bản nháp đã lưu còn 1 lỗi"))
            #expect(editor.body.contains("khóa không hợp lệ"))
            #expect(!editor.body.contains("Công bố phiên bản mới"), "an invalid draft offers no publish button")
            #expect(try await browser.get("\(setPage)/yaml?draft=1").body == broken)
            let refused = try await browser.submit("\(setPage)/draft", to: "\(setPage)/publish", ["version": "2"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Chưa công bố được."))

            // Someone else's save in between is not overwritten: both texts are shown.
            let stale = try await browser.submit("\(setPage)/draft", ["yaml": original + "# của tôi\n", "version": "1"])
            #expect(stale.status == .conflict)
            #expect(stale.body.contains("# của tôi"))
            #expect(stale.body.contains("bogus: 1"))

            let renamed = original.replacingOccurrences(of: "cấp xã\"\n", with: "cấp xã (sửa đổi)\"\n")
            #expect(renamed != original)
            #expect(try await browser.submit("\(setPage)/draft", ["yaml": renamed, "version": "2"]).status == .seeOther)
            let published = try await browser.submit("\(setPage)/draft", to: "\(setPage)/publish", ["version": "3"])
            #expect(published.status == .seeOther)
            let after = try await browser.get(published.location ?? "")
            #expect(after.body.contains("Đã công bố phiên bản mới."))
            #expect(after.body.contains("(sửa đổi)"))
            #expect(after.body.contains("?version=1"), "version 1 stays listed")
            #expect(try await browser.get("\(setPage)/rubric?version=1").body.contains("(sửa đổi)") == false)
            #expect(try await browser.get("\(setPage)/draft").status == .notFound, "publishing consumed the draft")
        }
    }

    @Test("a draft can be thrown away; the published version stays")
    func discard() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            try await browser.login(DemoUser.admin)
            let setPage = "/criteria/\(Self.commune)"
            _ = try await browser.submit(setPage, to: "\(setPage)/draft/open", [:])
            #expect(try await browser.submit("\(setPage)/draft", to: "\(setPage)/draft/discard", ["version": "7"]).status == .conflict)
            let discarded = try await browser.submit("\(setPage)/draft", to: "\(setPage)/draft/discard", ["version": "1"])
            #expect(discarded.status == .seeOther)
            #expect(try await browser.get(discarded.location ?? "").body.contains("Đã bỏ bản nháp."))
            #expect(try await browser.get("\(setPage)/draft").status == .notFound)
            #expect(try await browser.get(setPage).status == .ok)
        }
    }

    @Test("a province officer derives a variant for their own province only, and cannot touch national sets", arguments: TestDatabases.engines)
    func provinceVariant(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.province)
            let setPage = "/criteria/\(Self.commune)"
            let national = try await browser.get(setPage)
            #expect(national.body.contains("Tạo biến thể của tỉnh"))
            #expect(!national.body.contains("Mở bản nháp"))
            let form = try await browser.get("\(setPage)/derive")
            #expect(form.body.contains("Thành phố Hà Nội"))
            #expect(!form.body.contains("Tỉnh Nghệ An"), "only the officer's own province is offered")

            let badID = try await browser.submit("\(setPage)/derive", ["id": "Mã Sai", "province": "01", "effectiveFrom": ""])
            #expect(badID.status == .unprocessableContent)
            #expect(badID.body.contains("Mã bộ tiêu chí chỉ gồm"))
            let badDate = try await browser.submit("\(setPage)/derive", ["id": "cdht-xa-ha-noi", "province": "01", "effectiveFrom": "31/02/2027"])
            #expect(badDate.status == .unprocessableContent)
            let otherProvince = try await browser.submit("\(setPage)/derive", ["id": "cdht-xa-nghe-an", "province": "40", "effectiveFrom": ""])
            #expect(otherProvince.status == .forbidden)
            let taken = try await browser.submit("\(setPage)/derive", ["id": Self.commune, "province": "01", "effectiveFrom": ""])
            #expect(taken.status == .unprocessableContent)

            let derived = try await browser.submit("\(setPage)/derive", ["id": "cdht-xa-ha-noi", "province": "01", "effectiveFrom": "01/01/2027"])
            #expect(derived.status == .seeOther)
            #expect(derived.location?.hasPrefix("/criteria/cdht-xa-ha-noi/draft") == true)
            let published = try await browser.submit("/criteria/cdht-xa-ha-noi/draft", to: "/criteria/cdht-xa-ha-noi/publish", ["version": "1"])
            #expect(published.status == .seeOther)
            let variant = try await browser.get("/criteria/cdht-xa-ha-noi")
            #expect(variant.body.contains("Biến thể của Thành phố Hà Nội"))
            #expect(variant.body.contains("từ 01/01/2027"))

            // National sets and other provinces' variants are out of reach.
            let csrf = try await browser.get("/").csrfToken
            #expect(try await browser.post("\(setPage)/draft/open", form: [:], csrf: csrf).status == .forbidden)
            try await browser.login(DemoUser.admin)
            #expect(try await browser.submit("\(setPage)/derive", ["id": "cdht-xa-nghe-an", "province": "40", "effectiveFrom": ""]).status == .seeOther)
            try await browser.login(DemoUser.province)
            #expect(try await browser.get("/criteria/cdht-xa-nghe-an/draft").status == .notFound, "another province's unpublished draft is invisible")
            let csrf2 = try await browser.get("/").csrfToken
            #expect(try await browser.post("/criteria/cdht-xa-nghe-an/publish", form: ["version": "1"], csrf: csrf2).status == .forbidden)
            _ = fixture
        }
    }

    @Test("commune officers and viewers cannot manage sets")
    func forbidden() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            for user in [DemoUser.communeOfficer, DemoUser.viewer] {
                try await browser.login(user)
                let csrf = try await browser.get("/").csrfToken
                #expect(try await browser.get("/criteria/import").status == .forbidden, "\(user)")
                #expect(try await browser.get("/criteria/\(Self.commune)/derive").status == .forbidden, "\(user)")
                #expect(try await browser.post("/criteria/\(Self.commune)/draft/open", form: [:], csrf: csrf).status == .forbidden, "\(user)")
                #expect(try await browser.post("/criteria/\(Self.commune)/derive", form: ["id": "abc-def", "province": "01"], csrf: csrf).status == .forbidden)
                // Rights on the draft are checked before its body is read (issue 18).
                #expect(try await browser.post("/criteria/\(Self.commune)/draft", form: ["yaml": "x", "version": "1"], csrf: csrf).status == .forbidden)
                #expect(try await browser.post("/criteria/\(Self.commune)/draft/discard", form: ["version": "1"], csrf: csrf).status == .notFound)
                #expect(try await browser.post("/criteria/\(Self.commune)/publish", form: ["version": "1"], csrf: csrf).status == .notFound)
            }
            // Without the CSRF token nothing is accepted, even from an administrator.
            try await browser.login(DemoUser.admin)
            #expect(try await browser.post("/criteria/\(Self.commune)/draft/open", form: [:], csrf: nil).status == .forbidden)
        }
    }

    @Test("uploading a set file makes it a draft; a broken file is refused with lines, and nothing is stored", arguments: TestDatabases.engines)
    func importFile(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            try await browser.login(DemoUser.admin)
            let page = try await browser.get("/criteria/import")
            #expect(page.status == .ok)
            let csrf = try #require(page.csrfToken)
            let original = try await browser.get("/criteria/\(Self.commune)/yaml").body
            let copy = original.replacingOccurrences(of: "id: \"\(Self.commune)\"", with: "id: \"cdht-xa-ban-sao\"")
            let uploaded = try await browser.upload("/criteria/import?_csrf=\(csrf)", field: "file", fileName: "ban-sao.yaml", content: Data(copy.utf8))
            #expect(uploaded.status == .seeOther)
            #expect(uploaded.location == "/criteria/cdht-xa-ban-sao/draft?ok=imported")

            let broken = copy.replacingOccurrences(of: "cdht-xa-ban-sao", with: "cdht-xa-hong")
                .replacingOccurrences(of: "style: levels", with: "style: stars")
            let refused = try await browser.upload("/criteria/import?_csrf=\(csrf)", field: "file", fileName: "hong.yaml", content: Data(broken.utf8))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("scoring.style"))
            #expect(refused.body.contains("chưa lưu gì"))
            #expect(try await browser.get("/criteria/cdht-xa-hong/draft").status == .notFound)

            let binary = try await browser.upload("/criteria/import?_csrf=\(csrf)", field: "file", fileName: "x.yaml", content: Data([0xFF, 0xFE, 0x00]))
            #expect(binary.status == .unprocessableContent)
            #expect(try await browser.upload("/criteria/import", field: "file", fileName: "x.yaml", content: Data(copy.utf8)).status == .forbidden,
                    "no CSRF token")

            try await browser.login(DemoUser.province)
            let provincePage = try await browser.get("/criteria/import")
            let national = try await browser.upload("/criteria/import?_csrf=\(provincePage.csrfToken ?? "")", field: "file", fileName: "x.yaml",
                                                    content: Data(copy.replacingOccurrences(of: "cdht-xa-ban-sao", with: "cdht-xa-tinh").utf8))
            #expect(national.status == .forbidden, "a province officer cannot import a national set")
        }
    }

    @Test("trial scoring shows the verdict, what failed and the smallest change; bad numbers are named")
    func trialScoring() async throws {
        try await TestApp.run(.sqlite) { browser, _ in
            try await browser.login(DemoUser.viewer)
            let set = try CriteriaDocument.parse(try ShippedCriteriaSets.files().first { $0.name.hasPrefix("qd324-2023-cdht-nguoi-dan") }!.yaml)
            let blank = try await browser.get("/criteria/\(set.id)/score")
            #expect(blank.status == .ok)
            #expect(blank.body.contains("Chấm thử"))

            var query = set.items.enumerated().map { index, item in "i.\(item.id)=\(index == 0 ? "4" : "9,5")" }
            let failing = try await browser.get("/criteria/\(set.id)/score?" + query.joined(separator: "&"))
            #expect(failing.status == .ok)
            #expect(failing.body.contains("Kết quả"))
            #expect(failing.body.contains("Để đạt"), "the smallest change is shown")

            query[0] = "i.\(set.items[0].id)=abc"
            let badNumber = try await browser.get("/criteria/\(set.id)/score?" + query.joined(separator: "&"))
            #expect(badNumber.status == .unprocessableContent)
            #expect(badNumber.body.contains("không phải số điểm"))
            query[0] = "i.\(set.items[0].id)=11"
            let overMax = try await browser.get("/criteria/\(set.id)/score?" + query.joined(separator: "&"))
            #expect(overMax.status == .unprocessableContent)
            #expect(overMax.body.contains("vượt điểm tối đa"))

            let levels = try await browser.get("/criteria/\(Self.commune)/score?i.1.1=1&c.xa-kho-khan=1")
            #expect(levels.status == .unprocessableContent, "mandatory answers are missing")
            #expect(levels.body.contains("thiếu"))
            #expect(levels.body.contains("Xã thuộc vùng khó khăn"))
        }
    }
}

/// The text as the views escape it, to look for it in a page.
enum HTMLEscapeForTests {
    static func text(_ value: String) -> String {
        value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
