import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import HoctapWeb
import HTTPTypes
import Testing

@Suite("The yearly cycle in the browser: opening, registration, assessment, workflow")
struct EvaluationPageTests {
    /// Every item of the Hà Nội demo family set at full marks.
    /// Every item at its maximum, and the household member who self-assessed (the family sets are self-assessed).
    static let fullMarks: [String: String] = Dictionary(uniqueKeysWithValues: ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2"].map { ("i.\($0)", "10") })
        .merging(["assessedBy": "Nguyễn Văn An (chủ hộ)"]) { $1 }

    /// Opens the 2026 family cycle of Sóc Sơn and registers Thôn Đông's households; returns the cycle's path.
    static func openFamilyCycle(_ browser: Browser, _ fixture: Fixture) async throws -> String {
        try await browser.login(DemoUser.communeOfficer)
        let opened = try await browser.submit("/areas/\(fixture.socSon.id)/cycles", ["year": "2026", "model": "family", "targetGroup": "", "setID": ""])
        #expect(opened.status == .seeOther)
        let cycle = String((opened.location ?? "").split(separator: "?")[0])
        let registered = try await browser.submit(cycle, to: "\(cycle)/register", ["areaID": String(fixture.thonDong.id), "code": ""])
        #expect(registered.status == .seeOther)
        #expect(try await browser.get(registered.location ?? "").body.contains("Đã đăng ký thêm 8 đối tượng."))
        return cycle
    }

    static func firstEvaluation(_ page: String) throws -> String {
        let range = try #require(page.range(of: "href=\"/evaluations/"))
        return "/evaluations/" + page[range.upperBound...].prefix { $0.isNumber }
    }

    @Test("a household goes from draft through a return with reason to review; answers are checked and locked at each step", arguments: TestDatabases.engines)
    func household(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let cycle = try await Self.openFamilyCycle(browser, fixture)
            let overview = try await browser.get(cycle)
            #expect(overview.body.contains("qd448-2015-gia-dinh-trinh-dien-ha-noi"), "Hà Nội's variant is the set in force")
            #expect(overview.body.contains("Đang đánh giá: 8"))
            #expect(overview.body.contains("chưa dùng được để công nhận chính thức"), "a demo set says so")
            let again = try await browser.submit(cycle, to: "\(cycle)/register", ["areaID": String(fixture.thonDong.id), "code": ""])
            #expect(try await browser.get(again.location ?? "").body.contains("Đã đăng ký thêm 0 đối tượng."), "registering twice adds nothing")
            let evaluation = try Self.firstEvaluation(overview.body)

            // The village officer fills in part of the form: saved, with a running result.
            try await browser.login(DemoUser.village)
            let form = try await browser.get(evaluation)
            #expect(form.status == .ok && form.body.contains("Lưu kết quả"))
            var partial = ["version": "1", "i.1.1": "10", "i.1.2": "8"]
            #expect(try await browser.submit(evaluation, partial).status == .seeOther)
            let saved = try await browser.get(evaluation)
            #expect(saved.body.contains("18/100 điểm") && saved.body.contains("chưa có kết quả"))
            // Out of range: refused, and what was typed stays on the form.
            partial["version"] = "2"
            partial["i.1.3"] = "15"
            let refused = try await browser.submit(evaluation, partial)
            #expect(refused.status == .unprocessableContent && refused.body.contains("vượt điểm tối đa") && refused.body.contains(#"value="15""#))
            // Submitting an incomplete form names what is missing.
            let early = try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "submit", "version": "2"])
            #expect(early.status == .unprocessableContent && early.body.contains("Chưa nộp được"))
            #expect(early.body.contains("người tự đánh giá"), "a self-assessed set asks who assessed")
            // A stale save (another tab) is a conflict, not an overwrite.
            var complete = Self.fullMarks
            complete["version"] = "2"
            #expect(try await browser.submit(evaluation, complete).status == .seeOther)
            let stale = try await browser.submit(evaluation, ["version": "2", "i.1.1": "1"])
            #expect(stale.status == .conflict && stale.body.contains(#"value="1""#))
            #expect(try await browser.get(evaluation).body.contains("100/100 điểm"))
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "submit", "version": "3"]).status == .seeOther)
            let submitted = try await browser.get(evaluation)
            #expect(submitted.body.contains("Đã nộp") && !submitted.body.contains("Lưu kết quả"), "submitted answers are locked")
            #expect(try await browser.submit(evaluation, complete.merging(["version": "4"]) { $1 }).status == .conflict)

            // The commune returns it: a reason is required and recorded.
            try await browser.login(DemoUser.communeOfficer)
            let noReason = try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "return", "version": "4", "reason-return": " "])
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("Hãy ghi lý do"))
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition",
                                             ["action": "return", "version": "4", "reason-return": "Thiếu minh chứng học bạ của cháu."]).status == .seeOther)
            try await browser.login(DemoUser.village)
            let returned = try await browser.get(evaluation)
            #expect(returned.body.contains("Trả lại để sửa") && returned.body.contains("Thiếu minh chứng học bạ của cháu."))
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "submit", "version": "5"]).status == .seeOther)
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "review", "version": "6"]).status == .seeOther)
            let reviewed = try await browser.get(evaluation)
            #expect(reviewed.body.contains("Đã thẩm định"))
            for step in ["Nộp (Đang đánh giá → Đã nộp)", "Trả lại (Đã nộp → Trả lại để sửa)", "Thẩm định (Đã nộp → Đã thẩm định)"] {
                #expect(reviewed.body.contains(step), "history shows \(step)")
            }
            // Approval goes through the council's minutes, not a button.
            try await browser.login(DemoUser.council)
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "approve", "version": "7"]).status == .unprocessableContent)
        }
    }

    @Test("who may do what: roles, areas and states", arguments: TestDatabases.engines)
    func forbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let cycle = try await Self.openFamilyCycle(browser, fixture)
            let evaluation = try Self.firstEvaluation(try await browser.get(cycle).body)
            // The council reads but does not fill in or submit.
            try await browser.login(DemoUser.council)
            #expect(try await browser.get(evaluation).status == .ok)
            #expect(try await browser.submit(evaluation, ["version": "1", "i.1.1": "5"]).status == .forbidden)
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "submit", "version": "1"]).status == .forbidden)
            // Cycles are opened by the commune association only.
            #expect(try await browser.submit("/areas/\(fixture.socSon.id)/cycles", ["year": "2026", "model": "clan"]).status == .forbidden)
            // Another commune, another province: not found.
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get(evaluation).status == .notFound)
            #expect(try await browser.get(cycle).status == .notFound)
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/cycles").status == .notFound)
            // Bad input when opening: a year out of range, no target group for citizens, a set that does not apply, twice the same cycle.
            try await browser.login(DemoUser.communeOfficer)
            let url = "/areas/\(fixture.socSon.id)/cycles"
            #expect(try await browser.submit(url, ["year": "1999", "model": "family"]).body.contains("Năm đánh giá phải từ"))
            #expect(try await browser.submit(url, ["year": "2026", "model": "citizen", "targetGroup": ""]).body.contains("nhóm đối tượng"))
            #expect(try await browser.submit(url, ["year": "2026", "model": "unit", "setID": "tt25-2023-cdht-xa"]).body.contains("không áp dụng"))
            let twice = try await browser.submit(url, ["year": "2026", "model": "family"])
            #expect(twice.status == .unprocessableContent && twice.body.contains("đã được mở"))
            let empty = try await browser.submit(url, ["year": "2026", "model": "unit", "setID": "qd448-2015-dvht-xa"])
            #expect(empty.status == .unprocessableContent && empty.body.contains("chưa có nội dung chỉ tiêu"), "a set without items cannot be assessed")
            #expect(try await browser.submit(url, ["year": "2026", "model": "unit", "setID": "tt24-2023-dvht-huyen"]).status == .seeOther)
            // The village officer registers only in their village.
            try await browser.login(DemoUser.village)
            let tay = try await browser.submit(cycle, to: "\(cycle)/register", ["areaID": String(fixture.thonTay.id)])
            #expect(tay.status == .notFound)
            let own = try await browser.get("/areas/\(fixture.thonDong.id)/cycles")
            #expect(own.status == .ok && own.body.contains("Gia đình học tập"), "a village officer finds the commune's cycles from the village")
        }
    }

    @Test("autosave: the page loads its script; a JSON save returns the new version, a stale one a conflict, bad values a message")
    func autosave() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            let cycle = try await Self.openFamilyCycle(browser, fixture)
            let evaluation = try Self.firstEvaluation(try await browser.get(cycle).body)
            try await browser.login(DemoUser.village)
            let page = try await browser.get(evaluation)
            #expect(page.body.contains("data-autosave=\"evaluation-") && page.body.contains(SiteURL.script.path))
            let script = try await browser.get(SiteURL.script.path)
            #expect(script.status == .ok && script.headers[.contentType]?.hasPrefix("text/javascript") == true && script.body.contains("localStorage"))
            let csrf = try #require(page.csrfToken)
            let json: HTTPFields = [.accept: "application/json"]
            let saved = try await browser.post(evaluation, form: ["version": "1", "i.1.1": "10"], csrf: csrf, headers: json)
            #expect(saved.status == .ok && saved.body.contains("\"version\":2"))
            let stale = try await browser.post(evaluation, form: ["version": "1", "i.1.1": "9"], csrf: csrf, headers: json)
            #expect(stale.status == .conflict && stale.body.contains("message"))
            let bad = try await browser.post(evaluation, form: ["version": "2", "i.1.1": "99"], csrf: csrf, headers: json)
            #expect(bad.status == .unprocessableContent && bad.body.contains("vượt điểm tối đa"))
            #expect(try await browser.post(evaluation, form: ["version": "2", "i.1.1": "5"], csrf: nil, headers: json).status == .forbidden, "CSRF still applies")
        }
    }

    @Test("the subject's own link shows its result read-only, without signing in; other links show nothing")
    func sharedResult() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            let cycle = try await Self.openFamilyCycle(browser, fixture)
            let evaluation = try Self.firstEvaluation(try await browser.get(cycle).body)
            try await browser.login(DemoUser.village)
            #expect(try await browser.submit(evaluation, ["version": "1", "i.1.1": "10"]).status == .seeOther)
            let page = try await browser.get(evaluation).body
            let range = try #require(page.range(of: "href=\"/ket-qua/"))
            let link = "/ket-qua/" + page[range.upperBound...].prefix { $0 != "\"" }
            browser.setCookie("hoctap_session", nil)
            let shared = try await browser.get(link)
            #expect(shared.status == .ok && shared.body.contains("00376-01-0001") && shared.body.contains("10/100 điểm"))
            #expect(!shared.body.contains("Lưu kết quả") && !shared.body.contains("<form action=\"/evaluations"), "read only")
            #expect(shared.headers[.cacheControl] == "private, no-store")
            #expect(try await browser.get("/ket-qua/khong-dung").status == .notFound)
            #expect(try await browser.get("/ket-qua/" + String(repeating: "a", count: 43)).status == .notFound)
            #expect(try await browser.get("/ket-qua/%27%20OR%201%3D1--").status == .notFound)
        }
    }

    @Test("one household registered by its code; a wrong code is named")
    func registerByCode() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let opened = try await browser.submit("/areas/\(fixture.socSon.id)/cycles", ["year": "2026", "model": "family"])
            let cycle = String((opened.location ?? "").split(separator: "?")[0])
            let one = try await browser.submit(cycle, to: "\(cycle)/register", ["code": "00376-02-0001"])
            #expect(one.status == .seeOther && one.location?.hasPrefix("/evaluations/") == true)
            let twice = try await browser.submit(cycle, to: "\(cycle)/register", ["code": "00376-02-0001"])
            #expect(twice.status == .unprocessableContent && twice.body.contains("đã đăng ký"))
            let unknown = try await browser.submit(cycle, to: "\(cycle)/register", ["code": "99999-01-0001"])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("Không có hộ mã"))
        }
    }
}
