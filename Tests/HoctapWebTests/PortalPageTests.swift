import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// The portal over real HTTP: editors write, publish and withdraw; readers find, read and
/// follow; whatever an editor types cannot run in a reader's browser.
@Suite("The public portal: articles and documents")
struct PortalPageTests {
    static let attack = """
        # Tuyên dương Gia đình học tập

        Xã Sóc Sơn có **120** gia đình đạt danh hiệu.<script>stealCookies('x')</script>

        <img src=x onerror="alert(1)"> [Xem thêm](javascript:alert(2)) <a href="https://khuyenhoc.example.vn/tin">nguồn</a>

        <iframe src="https://evil.example"></iframe>
        """

    /// The article id in a redirect to its editing page.
    static func id(_ location: String?) throws -> Int64 {
        try #require(location?.firstMatch(of: /\/noi-dung\/(?:bai-viet|van-ban)\/(\d+)/).map { Int64($0.1)! }, "\(location ?? "no location")")
    }

    static func fixture(_ name: String) throws -> Data { try EvidenceTests.fixture(name) }

    @Test("an editor drafts, publishes and withdraws; drafts stay hidden; Markdown is sanitised; the URL is permanent; pages validate",
          arguments: TestDatabases.engines)
    func articleFlow(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.province)
            let form = try await browser.get("/noi-dung/bai-viet/moi")
            #expect(form.status == .ok && form.body.contains("Thành phố Hà Nội") && !form.body.contains("Toàn quốc"),
                    "a province officer publishes for their province only")
            #expect(MarkupCheck.problems(form.body).isEmpty, "\(MarkupCheck.problems(form.body))")
            let created = try await browser.post("/noi-dung/bai-viet/moi", form: [
                "area": String(fixture.hanoi.id), "kind": "tin-tuc", "title": "Tuyên dương Gia đình học tập năm 2026",
                "summary": "Sóc Sơn tuyên dương 120 gia đình.", "body": Self.attack, "category": "Gia đình học tập", "tags": "khuyến học, Sóc Sơn",
            ], csrf: form.csrfToken)
            #expect(created.status == .seeOther, "\(created.body)")
            let id = try Self.id(created.location)
            let path = "/bai-viet/\(id)-tuyen-duong-gia-dinh-hoc-tap-nam-2026"

            // A draft: its editors preview it; the public does not see it anywhere.
            #expect(try await browser.get(path).body.contains("Bản nháp"))
            let anonymous = Browser(client: browser.client)
            #expect(try await anonymous.get(path).status == .notFound)
            #expect(!(try await anonymous.get("/tin-tuc").body.contains("Tuyên dương")))
            #expect(!(try await anonymous.get("/tim-kiem?q=tuyen%20duong").body.contains("Tuyên dương")))

            let editing = try await browser.get("/noi-dung/bai-viet/\(id)")
            #expect(editing.body.contains("Đăng bài") && editing.body.contains("Tuyên dương Gia đình học tập năm 2026"))
            let published = try await browser.post("/noi-dung/bai-viet/\(id)/trang-thai", form: ["state": "published", "version": "1"], csrf: editing.csrfToken)
            #expect(published.status == .seeOther)

            let page = try await anonymous.get(path)
            #expect(page.status == .ok && page.headers[.cacheControl] == "public, max-age=300")
            #expect(page.body.contains("<h2>Tuyên dương Gia đình học tập</h2>") && page.body.contains("<strong>120</strong>"))
            #expect(!page.body.contains("stealCookies") && !page.body.contains("onerror") && !page.body.contains("href=\"javascript:")
                    && !page.body.contains("<iframe"), "nothing an editor typed runs")
            #expect(page.body.contains("href=\"https://khuyenhoc.example.vn/tin\" rel=\"nofollow noopener\""))
            #expect(page.body.contains("property=\"og:title\" content=\"Tuyên dương Gia đình học tập năm 2026\"")
                    && page.body.contains("property=\"og:description\" content=\"Sóc Sơn tuyên dương 120 gia đình.\"")
                    && page.body.contains("rel=\"canonical\" href=\"http://localhost\(path)\""),
                    "link previews: \(page.body.firstMatch(of: /rel="canonical"[^>]*/).map { String($0.output) } ?? "none")")
            #expect(MarkupCheck.problems(page.body).isEmpty, "\(MarkupCheck.problems(page.body))")
            // The id finds it; any other words after the id lead to the one address.
            let moved = try await anonymous.get("/bai-viet/\(id)-ten-cu")
            #expect(moved.status == .movedPermanently && moved.location == path)
            #expect(try await anonymous.get("/bai-viet/\(id)").status == .movedPermanently)
            #expect(try await anonymous.get("/bai-viet/khong-co-so").status == .notFound)
            #expect(try await anonymous.get("/bai-viet/999999-x").status == .notFound)

            // Found by readers, in lists, by tag and category, in the province's feed, without diacritics.
            let news = try await anonymous.get("/tin-tuc?tinh=\(fixture.hanoi.id)")
            #expect(news.body.contains(path) && news.body.contains("Gia đình học tập (1)"))
            #expect(MarkupCheck.problems(news.body).isEmpty, "\(MarkupCheck.problems(news.body))")
            #expect(!(try await anonymous.get("/tin-tuc?tinh=\(fixture.nghean.id)").body.contains(path)), "another province's readers")
            #expect(try await anonymous.get("/tin-tuc?the=khuyen%20hoc").body.contains(path), "a tag, without its diacritics")
            #expect(try await anonymous.get("/tin-tuc?chu-de=Gia%20%C4%91%C3%ACnh%20h%E1%BB%8Dc%20t%E1%BA%ADp").body.contains(path))
            let found = try await anonymous.get("/tim-kiem?q=GIA%20DINH%20soc%20son")
            #expect(found.body.contains("<mark>Gia</mark> <mark>đình</mark>") && found.body.contains(path), "\(found.body)")
            #expect(MarkupCheck.problems(found.body).isEmpty, "\(MarkupCheck.problems(found.body))")
            #expect(!(try await anonymous.get("/tim-kiem?q=stealcookies").body.contains(path)), "removed script text is not indexed")

            // Two editors on the same version: the second hears who saved first and keeps their text.
            let first = try await browser.post("/noi-dung/bai-viet/\(id)", form: [
                "kind": "tin-tuc", "title": "Tuyên dương (sửa)", "body": "Nội dung mới", "version": "2"], csrf: editing.csrfToken)
            #expect(first.status == .seeOther)
            let second = try await browser.post("/noi-dung/bai-viet/\(id)", form: [
                "kind": "tin-tuc", "title": "Bản của người thứ hai", "body": "Đoạn văn người thứ hai gõ", "version": "2"], csrf: editing.csrfToken)
            #expect(second.status == .conflict && second.body.contains(DemoUser.province) && second.body.contains("Đoạn văn người thứ hai gõ"))
            #expect(try await anonymous.get(path).body.contains("Tuyên dương (sửa)"), "the permanent URL survives a new title")

            // Withdrawn: gone for readers, the address kept; a published article cannot be deleted.
            let current = try await browser.get("/noi-dung/bai-viet/\(id)")
            #expect(try await browser.post("/noi-dung/bai-viet/\(id)/xoa", form: [:], csrf: current.csrfToken).status == .conflict)
            #expect(try await browser.post("/noi-dung/bai-viet/\(id)/trang-thai", form: ["state": "draft", "version": "3"], csrf: current.csrfToken).status == .seeOther)
            #expect(try await anonymous.get(path).status == .notFound)

            // Audited.
            try await browser.login(DemoUser.admin)
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Đăng bài") && audit.body.contains("Gỡ bài"))
        }
    }

    @Test("bad input is named and kept; unknown filters and pages are refused clearly")
    func badInput() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let form = try await browser.get("/noi-dung/bai-viet/moi")
            #expect(form.body.contains("Toàn quốc") && form.body.contains("Thành phố Hà Nội"), "the administrator publishes anywhere")
            let bad = try await browser.post("/noi-dung/bai-viet/moi", form: [
                "area": String(fixture.nation.id), "kind": "tin-tuc", "title": "", "summary": String(repeating: "x", count: 501),
                "body": "Nội dung <giữ nguyên> & \"kể cả dấu\"", "tags": "a",
            ], csrf: form.csrfToken)
            #expect(bad.status == .unprocessableContent && bad.body.contains("Tiêu đề không được để trống") && bad.body.contains("Tóm tắt dài 501"))
            #expect(bad.body.contains("Nội dung &lt;giữ nguyên&gt; &amp; &quot;kể cả dấu&quot;") || bad.body.contains("Nội dung &lt;giữ nguyên&gt; &amp; \"kể cả dấu\""),
                    "the body as typed")
            #expect(MarkupCheck.problems(bad.body).isEmpty, "\(MarkupCheck.problems(bad.body))")
            let commune = try await browser.post("/noi-dung/bai-viet/moi", form: ["area": String(fixture.socSon.id), "kind": "tin-tuc", "title": "T", "body": "B"],
                                                 csrf: form.csrfToken)
            #expect(commune.status == .unprocessableContent && commune.body.contains("toàn quốc hoặc một tỉnh"))
            let kind = try await browser.post("/noi-dung/bai-viet/moi", form: ["area": String(fixture.nation.id), "kind": "x", "title": "T", "body": "B"],
                                              csrf: form.csrfToken)
            #expect(kind.status == .unprocessableContent)
            #expect(try await browser.post("/noi-dung/bai-viet/moi", form: ["area": "1"], csrf: nil).status == .forbidden, "CSRF")

            for query in ["loai=x", "tinh=abc", "tinh=-1", "chu-de=" + String(repeating: "a", count: 81), "after=0", "after=1&before=2"] {
                #expect(try await browser.get("/tin-tuc?\(query)").status == .badRequest, "\(query)")
            }
            #expect(try await browser.get("/tin-tuc?tinh=\(fixture.socSon.id)").status == .notFound, "a commune is not a province")
            #expect(try await browser.get("/van-ban?loai=x").status == .badRequest)
            #expect(try await browser.get("/tim-kiem?q=a&loai=x").status == .badRequest)
            #expect(try await browser.get("/tim-kiem?q=a&trang=26").status == .badRequest)
            #expect(try await browser.get("/tim-kiem?q=" + String(repeating: "a", count: 201)).status == .badRequest)
            for attack in ["%22", "a%20OR%20*", "x%27%3B%20DROP%20TABLE%20articles%3B--", "NEAR(a%20b)", "a%3A*%20%7C%20b"] {
                #expect(try await browser.get("/tim-kiem?q=\(attack)").status == .ok, "\(attack)")
                #expect(try await browser.get("/tin-tuc?the=\(attack)").status == .ok, "\(attack)")
            }
        }
    }

    @Test("only the nation's administrator and a province's officers edit, each their own; others are refused or see nothing",
          arguments: TestDatabases.engines)
    func forbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let form = try await browser.get("/noi-dung/bai-viet/moi")
            let nghean = try Self.id(try await browser.post("/noi-dung/bai-viet/moi", form: [
                "area": String(fixture.nghean.id), "kind": "tin-tuc", "title": "Tin Nghệ An", "body": "Nội dung"], csrf: form.csrfToken).location)
            let national = try Self.id(try await browser.post("/noi-dung/bai-viet/moi", form: [
                "area": String(fixture.nation.id), "kind": "huong-dan", "title": "Hướng dẫn chung", "body": "Nội dung"], csrf: form.csrfToken).location)

            try await browser.login(DemoUser.province)
            let csrf = try await browser.get("/noi-dung").csrfToken
            #expect(try await browser.get("/noi-dung/bai-viet/\(nghean)").status == .notFound, "another province's article does not exist for them")
            #expect(try await browser.get("/bai-viet/\(nghean)-tin-nghe-an").status == .notFound, "nor its draft")
            #expect(try await browser.post("/noi-dung/bai-viet/\(nghean)/trang-thai", form: ["state": "published", "version": "1"], csrf: csrf).status == .notFound)
            #expect(try await browser.get("/noi-dung/bai-viet/\(national)").status == .forbidden, "the nation's is the administrator's")
            let forNation = try await browser.post("/noi-dung/bai-viet/moi", form: ["area": String(fixture.nation.id), "kind": "tin-tuc", "title": "T", "body": "B"],
                                                   csrf: csrf)
            #expect(forNation.status == .forbidden)
            let forOther = try await browser.post("/noi-dung/bai-viet/moi", form: ["area": String(fixture.nghean.id), "kind": "tin-tuc", "title": "T", "body": "B"],
                                                  csrf: csrf)
            #expect(forOther.status == .notFound)
            let list = try await browser.get("/noi-dung")
            #expect(list.status == .ok && !list.body.contains("Tin Nghệ An") && !list.body.contains("Hướng dẫn chung"))

            for user in [DemoUser.communeOfficer, DemoUser.village, DemoUser.viewer] {
                try await browser.login(user)
                let token = try await browser.get("/").csrfToken
                #expect(try await browser.get("/noi-dung").status == .forbidden, "\(user)")
                #expect(try await browser.get("/noi-dung/bai-viet/moi").status == .forbidden, "\(user)")
                #expect(try await browser.get("/noi-dung/van-ban/moi").status == .forbidden, "\(user)")
                #expect(try await browser.post("/noi-dung/bai-viet/moi", form: ["area": String(fixture.hanoi.id), "kind": "tin-tuc", "title": "T", "body": "B"],
                                               csrf: token).status == .forbidden, "\(user)")
                #expect(try await browser.get("/noi-dung/bai-viet/\(national)").status == .forbidden, "\(user)")
            }
        }
    }

    @Test("images and attachments: checked by content, size-limited, named safely, served so that nothing runs", arguments: TestDatabases.engines)
    func files(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let form = try await browser.get("/noi-dung/bai-viet/moi")
            let id = try Self.id(try await browser.post("/noi-dung/bai-viet/moi", form: [
                "area": String(fixture.nation.id), "kind": "tai-lieu-tap-huan", "title": "Tài liệu tập huấn", "body": "Xem ảnh"], csrf: form.csrfToken).location)
            let csrf = try #require(form.csrfToken)
            let uploaded = try await browser.upload("/noi-dung/bai-viet/\(id)/tep?_csrf=\(csrf)", field: "file", fileName: "../../etc/góc học tập.png",
                                                    content: try Self.fixture("goc-hoc-tap.png"))
            #expect(uploaded.status == .seeOther, "\(uploaded.body)")
            let editing = try await browser.get("/noi-dung/bai-viet/\(id)")
            let fileID = try #require(editing.body.firstMatch(of: /\/tep\/(\d+)/).map { Int64($0.1)! })
            #expect(editing.body.contains("góc học tập.png") && !editing.body.contains("../"), "only the last part of a client's path")
            #expect(editing.body.contains("![góc học tập.png](/tep/\(fileID))"), "the line to paste")

            let disguised = try await browser.upload("/noi-dung/bai-viet/\(id)/tep?_csrf=\(csrf)", field: "file", fileName: "anh.png",
                                                     content: Data("<html><script>alert(1)</script></html>".utf8))
            #expect(disguised.status == .unprocessableContent && disguised.body.contains("không phải ảnh"))
            var polyglot = Data([0xFF, 0xD8, 0xFF, 0xE0])
            polyglot.append(Data("<script>alert(1)</script>".utf8))
            let fake = try await browser.upload("/noi-dung/bai-viet/\(id)/tep?_csrf=\(csrf)", field: "file", fileName: "a.jpg", content: polyglot)
            #expect(fake.status == .unprocessableContent, "starts like a JPEG, never ends like one")
            var big = try Self.fixture("hoc-ba.jpg")
            big.insert(contentsOf: Data(repeating: 0x20, count: PortalService.maximumImageBytes), at: 4)
            let oversized = try await browser.upload("/noi-dung/bai-viet/\(id)/tep?_csrf=\(csrf)", field: "file", fileName: "lon.jpg", content: big)
            #expect(oversized.status == .unprocessableContent && oversized.body.contains("tối đa 5,0 MB"), "\(oversized.body.prefix(300))")
            #expect(try await browser.upload("/noi-dung/bai-viet/\(id)/tep", field: "file", fileName: "a.png", content: try Self.fixture("goc-hoc-tap.png"))
                .status == .forbidden, "CSRF")
            let pdf = try await browser.upload("/noi-dung/bai-viet/\(id)/tep?_csrf=\(csrf)", field: "file", fileName: "bien-ban.pdf", content: try Self.fixture("bien-ban.pdf"))
            #expect(pdf.status == .seeOther)

            // A draft's files are its editors'; once published, everyone's.
            let anonymous = Browser(client: browser.client)
            #expect(try await anonymous.get("/tep/\(fileID)").status == .notFound)
            let state = try await browser.post("/noi-dung/bai-viet/\(id)/trang-thai", form: ["state": "published", "version": "1"], csrf: csrf)
            #expect(state.status == .seeOther)
            let image = try await anonymous.get("/tep/\(fileID)")
            #expect(image.status == .ok && image.headers[.contentType] == "image/png" && image.headers[.contentSecurityPolicy]?.hasPrefix("sandbox") == true)
            #expect(image.headers[.contentDisposition]?.hasPrefix("inline") == true)
            let article = try await anonymous.get("/bai-viet/\(id)-tai-lieu-tap-huan")
            #expect(article.body.contains("bien-ban.pdf") && article.body.contains("property=\"og:image\""))
            let attachment = try #require(article.body.firstMatch(of: /href="\/tep\/(\d+)">bien-ban\.pdf/).map { String($0.1) })
            #expect(try await anonymous.get("/tep/\(attachment)").headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(try await anonymous.get("/tep/abc").status == .notFound)

            // Someone else's upload URL for an article outside their province.
            try await browser.login(DemoUser.province)
            let token = try #require(try await browser.get("/noi-dung").csrfToken)
            #expect(try await browser.upload("/noi-dung/bai-viet/\(id)/tep?_csrf=\(token)", field: "file", fileName: "a.png",
                                             content: try Self.fixture("goc-hoc-tap.png")).status == .forbidden)
        }
    }

    @Test("documents: registered with their file, corrected, published, listed and downloaded; bad input named", arguments: TestDatabases.engines)
    func documents(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let form = try await browser.get("/noi-dung/van-ban/moi")
            #expect(form.status == .ok && MarkupCheck.problems(form.body).isEmpty, "\(MarkupCheck.problems(form.body))")
            let csrf = try #require(form.csrfToken)
            let fields = ["area": String(fixture.nation.id), "kind": "quyet-dinh", "number": "387/QĐ-TTg", "issuedOn": "25/03/2022",
                          "issuer": "Thủ tướng Chính phủ", "title": "Phê duyệt Chương trình Đẩy mạnh phong trào học tập suốt đời", "summary": "Giai đoạn 2021–2030."]
            var missing = fields
            missing["issuedOn"] = "31/02/2022"
            let bad = try await browser.multipart("/noi-dung/van-ban/moi?_csrf=\(csrf)", fields: missing, files: [])
            #expect(bad.status == .unprocessableContent && bad.body.contains("31/02/2022") && bad.body.contains("387/QĐ-TTg"), "the date named, the rest kept")
            let noFile = try await browser.multipart("/noi-dung/van-ban/moi?_csrf=\(csrf)", fields: fields, files: [])
            #expect(noFile.status == .unprocessableContent && noFile.body.contains("Chọn tệp văn bản"))
            let html = try await browser.multipart("/noi-dung/van-ban/moi?_csrf=\(csrf)", fields: fields,
                                                   files: [("file", "qd.pdf", Data("<html>not a pdf</html>".utf8))])
            #expect(html.status == .unprocessableContent && html.body.contains("không phải PDF"))
            let created = try await browser.multipart("/noi-dung/van-ban/moi?_csrf=\(csrf)", fields: fields,
                                                      files: [("file", "qd-387.pdf", try Self.fixture("bien-ban.pdf"))])
            #expect(created.status == .seeOther, "\(created.body.prefix(400))")
            let id = try Self.id(created.location)
            let anonymous = Browser(client: browser.client)
            #expect(!(try await anonymous.get("/van-ban").body.contains("387/QĐ-TTg")), "a draft")

            var corrected = fields
            corrected["version"] = "1"
            corrected["summary"] = "Chương trình giai đoạn 2021–2030, mục tiêu đến 2025 và 2030."
            #expect(try await browser.multipart("/noi-dung/van-ban/\(id)?_csrf=\(csrf)", fields: corrected, files: []).status == .seeOther)
            #expect(try await browser.multipart("/noi-dung/van-ban/\(id)?_csrf=\(csrf)", fields: corrected, files: []).status == .conflict, "a stale version")
            #expect(try await browser.post("/noi-dung/van-ban/\(id)/trang-thai", form: ["state": "published", "version": "2"], csrf: csrf).status == .seeOther)

            let list = try await anonymous.get("/van-ban?loai=quyet-dinh")
            #expect(list.body.contains("387/QĐ-TTg") && list.body.contains("25/03/2022"))
            #expect(MarkupCheck.problems(list.body).isEmpty, "\(MarkupCheck.problems(list.body))")
            let path = try #require(list.body.firstMatch(of: /href="(\/van-ban\/\d+-[a-z0-9-]+)"/).map { String($0.1) })
            let page = try await anonymous.get(path)
            #expect(page.status == .ok && page.body.contains("Thủ tướng Chính phủ") && page.body.contains("mục tiêu đến 2025"))
            #expect(MarkupCheck.problems(page.body).isEmpty, "\(MarkupCheck.problems(page.body))")
            let file = try await anonymous.get(path + "/tep")
            #expect(file.status == .ok && file.headers[.contentType] == "application/pdf" && file.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(try await anonymous.get("/tim-kiem?q=hoc%20tap%20suot%20doi&loai=van-ban").body.contains(path))
            #expect(try await anonymous.get("/van-ban/\(id)-sai").status == .movedPermanently)

            try await browser.login(DemoUser.province)
            #expect(try await browser.get("/noi-dung/van-ban/\(id)").status == .forbidden, "the nation's document")
            let token = try #require(try await browser.get("/noi-dung").csrfToken)
            #expect(try await browser.multipart("/noi-dung/van-ban/moi?_csrf=\(token)", fields: fields,
                                                files: [("file", "a.pdf", try Self.fixture("bien-ban.pdf"))]).status == .forbidden)
        }
    }

    @Test("feeds, sitemap and robots: well-formed XML listing what is published, per province", arguments: TestDatabases.engines)
    func feeds(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let form = try await browser.get("/noi-dung/bai-viet/moi")
            for (area, title) in [(fixture.hanoi.id, "Hà Nội <tuyên dương> & khen thưởng"), (fixture.nghean.id, "Tin Nghệ An"), (fixture.nation.id, "Tin toàn quốc")] {
                let id = try Self.id(try await browser.post("/noi-dung/bai-viet/moi", form: [
                    "area": String(area), "kind": "tin-tuc", "title": title, "body": "Nội dung **đậm**", "category": "Khen thưởng"], csrf: form.csrfToken).location)
                _ = try await browser.post("/noi-dung/bai-viet/\(id)/trang-thai", form: ["state": "published", "version": "1"], csrf: form.csrfToken)
            }
            let anonymous = Browser(client: browser.client)
            let atom = try await anonymous.get("/tin-tuc/atom.xml?tinh=\(fixture.hanoi.id)")
            #expect(atom.status == .ok && atom.headers[.contentType]?.hasPrefix("application/atom+xml") == true)
            #expect(Self.wellFormed(atom.body), "\(atom.body)")
            #expect(atom.body.contains("Hà Nội &lt;tuyên dương&gt; &amp; khen thưởng") && atom.body.contains("Tin toàn quốc") && !atom.body.contains("Tin Nghệ An"))
            #expect(atom.body.contains("&lt;strong&gt;đậm&lt;/strong&gt;"), "content as escaped HTML")
            let rss = try await anonymous.get("/tin-tuc/rss.xml")
            #expect(rss.status == .ok && Self.wellFormed(rss.body) && rss.body.contains("Tin Nghệ An") && rss.body.contains("GMT</pubDate>"))
            let sitemap = try await anonymous.get("/sitemap.xml")
            #expect(sitemap.status == .ok && Self.wellFormed(sitemap.body) && sitemap.body.matches(of: /\/bai-viet\/\d+-/).count == 3)
            let robots = try await anonymous.get("/robots.txt")
            #expect(robots.body.contains("Sitemap: http://localhost/sitemap.xml") && robots.body.contains("Disallow: /noi-dung"), "\(robots.body)")
            #expect(try await anonymous.get("/tin-tuc/atom.xml?tinh=abc").status == .badRequest)
            #expect(try await anonymous.get("/tin-tuc/rss.xml?tinh=\(fixture.socSon.id)").status == .notFound)
            let news = try await anonymous.get("/tin-tuc")
            #expect(news.body.contains("type=\"application/atom+xml\""), "the feed is announced")
        }
    }

    @Test("a draft that was never published can be deleted by its editors, and only by them")
    func deleteDraft() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let form = try await browser.get("/noi-dung/bai-viet/moi")
            let id = try Self.id(try await browser.post("/noi-dung/bai-viet/moi", form: [
                "area": String(fixture.nation.id), "kind": "tin-tuc", "title": "Bản nháp bỏ đi", "body": "Nội dung"], csrf: form.csrfToken).location)
            try await browser.login(DemoUser.province)
            let token = try await browser.get("/noi-dung").csrfToken
            #expect(try await browser.post("/noi-dung/bai-viet/\(id)/xoa", form: [:], csrf: token).status == .forbidden, "the nation's draft")
            #expect(try await browser.post("/noi-dung/bai-viet/abc/xoa", form: [:], csrf: token).status == .notFound)
            try await browser.login(DemoUser.admin)
            let csrf = try await browser.get("/noi-dung").csrfToken
            let deleted = try await browser.post("/noi-dung/bai-viet/\(id)/xoa", form: [:], csrf: csrf)
            #expect(deleted.status == .seeOther && deleted.location == "/noi-dung?ok=deleted")
            let list = try await browser.get("/noi-dung?ok=deleted")
            #expect(list.body.contains("Đã xóa bản nháp") && !list.body.contains("Bản nháp bỏ đi"))
            #expect(try await browser.get("/noi-dung/bai-viet/\(id)").status == .notFound)
        }
    }

    static func wellFormed(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }
}
