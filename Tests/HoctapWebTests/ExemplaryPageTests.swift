import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// Exemplary models over real HTTP: a commune nominates a recognised family, the province
/// approves, the public honour board shows it, with the name and photos only when consent was
/// recorded.
@Suite("Exemplary models and the honour board")
struct ExemplaryPageTests {
    /// Two households of Thôn Đông recognised in 2025 on paper; their evaluations and names.
    static func recognised(_ found: LockedBox<[(id: Int64, name: String)]>) -> @Sendable (ServiceEnvironment) async throws -> Void {
        { environment in
            let officer = try #require(try await environment.database.read { try await AccountRepository($0).find(username: DemoUser.communeOfficer) }).actor
            let commune = try #require(try await environment.database.read { try await AreaRepository($0).current(level: .commune, code: "00376") })
            let village = try #require(try await environment.database.read { try await AreaRepository($0).current(level: .village, code: "00376-01") })
            try await HistoricalResultService(environment).recordHouseholdResults(communeID: commune.id, year: 2025, [
                HistoricalResult(householdCode: "00376-01-0001", recognised: true, decisionNumber: "61/QĐ-UBND", decidedOn: Day(2025, 12, 20)),
                HistoricalResult(householdCode: "00376-01-0002", recognised: true, decisionNumber: "61/QĐ-UBND", decidedOn: Day(2025, 12, 20)),
            ], by: officer)
            let subjects = try await ProgressService(environment).subjects(ofVillage: village.id, year: 2025, by: officer)
            found.set(subjects.filter { $0.evaluation.state == .recognised }.map { ($0.evaluation.id, $0.evaluation.subjectName) }.sorted { $0.id < $1.id })
        }
    }

    static let story = "Gia đình ba thế hệ cùng học: ông bà học tin học ở trung tâm học tập cộng đồng, bố mẹ học nghề, các cháu đều là học sinh giỏi."

    @Test("nominate with consent and photos, approve at province level, shown on the public board; bad input named and kept",
          arguments: TestDatabases.engines)
    func nominateAndApprove(engine: DatabaseEngine) async throws {
        let found = LockedBox<[(id: Int64, name: String)]>([])
        try await TestApp.run(engine, prepare: Self.recognised(found)) { browser, fixture in
            let (evaluation, name) = try #require(found.value.first)
            try await browser.login(DemoUser.communeOfficer)
            let page = try await browser.get("/evaluations/\(evaluation)")
            #expect(page.body.contains("/evaluations/\(evaluation)/de-cu"), "the recognised evaluation offers the nomination")
            let form = try await browser.get("/evaluations/\(evaluation)/de-cu")
            #expect(form.status == .ok && MarkupCheck.problems(form.body).isEmpty, "\(MarkupCheck.problems(form.body))")
            let csrf = try #require(form.csrfToken)
            let png = try EvidenceTests.fixture("goc-hoc-tap.png")
            let bad = try await browser.multipart("/evaluations/\(evaluation)/de-cu?_csrf=\(csrf)", fields: ["story": "Ngắn <b>quá</b>", "consentNote": ""],
                                                  files: [("photos", "a.png", png)])
            #expect(bad.status == .unprocessableContent && bad.body.contains("ít nhất 40 ký tự") && bad.body.contains("Chỉ đăng ảnh khi đã có sự đồng ý"))
            #expect(bad.body.contains("Ngắn &lt;b&gt;quá&lt;/b&gt;"), "the story as typed, escaped")
            let disguised = try await browser.multipart("/evaluations/\(evaluation)/de-cu?_csrf=\(csrf)",
                fields: ["story": Self.story, "consent": "1", "consentNote": "Chủ hộ ký giấy đồng ý ngày 20/11/2026"],
                files: [("photos", "a.png", png), ("photos", "b.png", Data("<script>alert(1)</script>".utf8))])
            #expect(disguised.status == .unprocessableContent && disguised.body.contains("\"b.png\" không phải ảnh"))
            let nominated = try await browser.multipart("/evaluations/\(evaluation)/de-cu?_csrf=\(csrf)",
                fields: ["story": Self.story, "consent": "1", "consentNote": "Chủ hộ ký giấy đồng ý ngày 20/11/2026"],
                files: [("photos", "nha-em.png", png), ("photos", "hoc-ba.jpg", try EvidenceTests.fixture("hoc-ba.jpg"))])
            #expect(nominated.status == .seeOther, "\(nominated.body.prefix(300))")
            let path = try #require(nominated.location)
            let id = try #require(path.firstMatch(of: /\/mo-hinh-tieu-bieu\/(\d+)/).map { String($0.1) })
            #expect(try await browser.get(path).body.contains("Chờ tỉnh duyệt"), "the nominating commune sees its nomination")
            let again = try await browser.multipart("/evaluations/\(evaluation)/de-cu?_csrf=\(csrf)",
                fields: ["story": Self.story, "consent": "1", "consentNote": "x"], files: [])
            #expect(again.status == .conflict, "one nomination per recognised subject")
            let anonymous = Browser(client: browser.client)
            #expect(try await anonymous.get(path).status == .notFound, "not public before the province approves")
            #expect(!(try await anonymous.get("/mo-hinh-tieu-bieu").body.contains(name)))
            // The commune cannot approve its own nomination.
            #expect(try await browser.post("/mo-hinh/\(id)/duyet", form: ["decision": "approve", "version": "1"], csrf: csrf).status == .forbidden)

            try await browser.login(DemoUser.province)
            let list = try await browser.get("/mo-hinh")
            #expect(list.body.contains(name) && list.body.contains("Duyệt") && MarkupCheck.problems(list.body).isEmpty)
            let token = list.csrfToken
            let noReason = try await browser.post("/mo-hinh/\(id)/duyet", form: ["decision": "reject", "note": "", "version": "1"], csrf: token)
            #expect(noReason.status == .unprocessableContent && noReason.body.contains("Ghi lý do không duyệt"))
            #expect(try await browser.post("/mo-hinh/\(id)/duyet", form: ["decision": "maybe", "version": "1"], csrf: token).status == .badRequest)
            #expect(try await browser.post("/mo-hinh/\(id)/duyet", form: ["decision": "approve", "version": "1"], csrf: token).status == .seeOther)
            #expect(try await browser.post("/mo-hinh/\(id)/duyet", form: ["decision": "approve", "version": "1"], csrf: token).status == .conflict, "a stale version")

            let display = ExemplaryRecord.displayName(name, model: .family)
            let board = try await anonymous.get("/mo-hinh-tieu-bieu?tinh=\(fixture.hanoi.id)&nam=2025")
            #expect(!board.body.contains("00376-01-000"), "never the household's register code")
            #expect(board.body.contains(display) && display.hasPrefix("Gia đình ") && MarkupCheck.problems(board.body).isEmpty, "\(MarkupCheck.problems(board.body))")
            #expect(!(try await anonymous.get("/mo-hinh-tieu-bieu?tinh=\(fixture.nghean.id)").body.contains(display)))
            let shown = try await anonymous.get(path)
            #expect(shown.status == .ok && shown.body.contains("ba thế hệ cùng học") && shown.body.contains("property=\"og:image\""))
            #expect(MarkupCheck.problems(shown.body).isEmpty, "\(MarkupCheck.problems(shown.body))")
            let photos = shown.body.matches(of: /\/mo-hinh-tieu-bieu\/anh\/(\d+)/).map { String($0.1) }
            #expect(Set(photos).count == 2)
            let photo = try await anonymous.get("/mo-hinh-tieu-bieu/anh/\(photos[0])")
            #expect(photo.status == .ok && photo.headers[.contentType] == "image/png")
            let searched = try await anonymous.get("/tim-kiem?q=\(SearchText.words(display).joined(separator: "%20"))&loai=mo-hinh")
            #expect(searched.body.contains(path), "found by name, without diacritics")
            for query in ["nam=abc", "nam=1800", "tinh=x", "after=0"] {
                #expect(try await anonymous.get("/mo-hinh-tieu-bieu?\(query)").status == .badRequest, "\(query)")
            }
            #expect(try await anonymous.get("/mo-hinh-tieu-bieu?tinh=\(fixture.socSon.id)").status == .notFound)
            #expect(try await anonymous.get("/mo-hinh-tieu-bieu/abc").status == .notFound)

            try await browser.login(DemoUser.admin)
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Đề cử") && audit.body.contains("Duyệt mô hình tiêu biểu"))
        }
    }

    @Test("without consent the board names neither the family nor shows photos, and search cannot find its name")
    func withoutConsent() async throws {
        let found = LockedBox<[(id: Int64, name: String)]>([])
        try await TestApp.run(.sqlite, prepare: Self.recognised(found)) { browser, _ in
            let (evaluation, name) = try #require(found.value.last)
            try await browser.login(DemoUser.communeOfficer)
            let csrf = try #require(try await browser.get("/evaluations/\(evaluation)/de-cu").csrfToken)
            let nominated = try await browser.multipart("/evaluations/\(evaluation)/de-cu?_csrf=\(csrf)", fields: ["story": Self.story, "consentNote": ""], files: [])
            #expect(nominated.status == .seeOther)
            let path = try #require(nominated.location)
            let id = try #require(path.firstMatch(of: /\/mo-hinh-tieu-bieu\/(\d+)/).map { String($0.1) })
            try await browser.login(DemoUser.admin)
            let token = try await browser.get("/mo-hinh").csrfToken
            #expect(try await browser.post("/mo-hinh/\(id)/duyet", form: ["decision": "approve", "version": "1"], csrf: token).status == .seeOther)
            let anonymous = Browser(client: browser.client)
            let shown = try await anonymous.get(path)
            let person = try #require(name.components(separatedBy: " – ").last)
            #expect(shown.status == .ok && !shown.body.contains(person) && shown.body.contains("Gia đình học tập ở Xã Sóc Sơn"), "\(shown.body.prefix(600))")
            #expect(!(try await anonymous.get("/mo-hinh-tieu-bieu").body.contains(person)))
            #expect(!(try await anonymous.get("/tim-kiem?q=\(SearchText.words(person).joined(separator: "%20"))").body.contains(path)))
            #expect(try await anonymous.get("/tim-kiem?q=ba%20the%20he").body.contains(path), "the story is searchable")
        }
    }

    @Test("who may nominate and decide: the commune association and above in their subtree; others refused or see nothing")
    func forbidden() async throws {
        let found = LockedBox<[(id: Int64, name: String)]>([])
        try await TestApp.run(.sqlite, prepare: Self.recognised(found)) { browser, _ in
            let (evaluation, _) = try #require(found.value.first)
            try await browser.login(DemoUser.village)
            #expect(try await browser.get("/evaluations/\(evaluation)/de-cu").status == .forbidden, "the village officer sees the family, cannot nominate")
            try await browser.login(DemoUser.otherProvinceCommune)
            let token = try await browser.get("/").csrfToken
            #expect(try await browser.get("/evaluations/\(evaluation)/de-cu").status == .notFound)
            #expect(try await browser.multipart("/evaluations/\(evaluation)/de-cu?_csrf=\(token ?? "")", fields: ["story": Self.story], files: []).status == .notFound)
            #expect(try await browser.get("/mo-hinh").status == .ok)
            // An evaluation that is not recognised cannot be nominated.
            try await browser.login(DemoUser.communeOfficer)
            let csrf = try #require(try await browser.get("/").csrfToken)
            #expect(try await browser.multipart("/evaluations/999999/de-cu?_csrf=\(csrf)", fields: ["story": Self.story], files: []).status == .notFound)
        }
    }
}
