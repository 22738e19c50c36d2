import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// The public library search: no sign-in, diacritics ignored, matches marked, markup well formed.
@Suite("The public library search")
struct LibraryPageTests {
    /// Two libraries' records, as a harvest would have stored them.
    static func catalogue(_ environment: ServiceEnvironment) async throws {
        try await environment.database.transaction { db in
            let repository = LibraryRepository(db)
            let provincial = try await repository.insertSource(name: "Thư viện Hà Nội", baseURL: "https://tv.example.vn/oai", setSpec: nil, provinceID: nil,
                                                               by: "test", at: Date())
            var first = DublinCore()
            first.titles = ["Gương sáng khuyến học <script>alert(1)</script>"]
            first.creators = ["Nguyễn Đường"]
            first.descriptions = ["Gia đình học tập ở Đắk Lắk & những người con hiếu học."]
            first.identifiers = ["https://tv.example.vn/record/1\" onmouseover=\"x"]
            var second = DublinCore()
            second.titles = ["Sổ tay đường làng"]
            second.creators = ["Trần Văn B"]
            try await repository.store([OAIRecord(identifier: "oai:tv:1", datestamp: "2026-01-01", metadata: first),
                                        OAIRecord(identifier: "oai:tv:2", datestamp: "2026-01-02", metadata: second)], source: provincial, at: Date())
            try await repository.finish(provincial, status: .ok, message: "ok", harvestedUntil: "2026-01-03", at: Date())
        }
    }

    @Test("anyone searches without diacritics; titles before other fields; matches marked; text and links escaped; markup well formed",
          arguments: TestDatabases.engines)
    func search(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: Self.catalogue) { browser, _ in
            let empty = try await browser.get("/thu-vien")
            #expect(empty.status == .ok && empty.body.contains("Tìm trong 2 biểu ghi của Thư viện Hà Nội"))
            let page = try await browser.get("/thu-vien?q=nguyen%20duong")
            #expect(page.status == .ok, "\(page.body)")
            #expect(page.body.contains("1 tài liệu khớp"))
            #expect(page.body.contains("<mark>Nguyễn</mark> <mark>Đường</mark>"), "the author's name marked as written")
            #expect(!page.body.contains("<script>alert"), "the harvested title is escaped")
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.body.contains("\" onmouseover=\"x"), "the link's quote is escaped")
            #expect(MarkupCheck.problems(page.body).isEmpty, "\(MarkupCheck.problems(page.body))")

            let duong = try await browser.get("/thu-vien?q=DUONG")
            let order = ["Sổ tay", "Gương sáng"].map { duong.body.range(of: $0)?.lowerBound }
            #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]!, "a title match ranks above an author match")
            #expect(duong.body.contains("<mark>đường</mark>"), "the matching word in its own spelling")
            #expect(MarkupCheck.problems(duong.body).isEmpty)

            #expect(try await browser.get("/thu-vien?q=kh%C3%B4ng%20c%C3%B3").body.contains("Không tìm thấy tài liệu nào"))
            #expect(try await browser.get("/thu-vien?q=a&trang=0").status == .badRequest)
            #expect(try await browser.get("/thu-vien?q=a&trang=abc").status == .badRequest)
            #expect(try await browser.get("/thu-vien?q=" + String(repeating: "a", count: 201)).status == .badRequest)
            // Operators of either engine's query language are only words here.
            for attack in ["%22", "nguyen%20OR%20*", "duong%27%3B%20DROP%20TABLE%20library_records%3B--", "NEAR(a%20b)", "a%3A*%20%7C%20b", "%5C"] {
                #expect(try await browser.get("/thu-vien?q=\(attack)").status == .ok, "\(attack)")
            }
            #expect(try await browser.get("/thu-vien?q=duong").body.contains("2 tài liệu khớp"), "the table is still there")
        }
    }
}

/// `hoctap library` and `hoctap harvest`, run as the real executable beside the server.
@Suite("The library commands")
struct LibraryCommandTests {
    @Test("add, harvest from a real OAI-PMH server, list; the records are searchable on /thu-vien; a failed harvest exits 1")
    func harvest() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        guard let server = try OAIServerProcess(records: OAIServerProcess.catalogue(5)) else {
            Issue.record(Comment(rawValue: OAIServerProcess.unavailable), severity: .warning)
            return
        }
        try await TestApp.run(.sqlite) { browser, fixture in
            let url = try #require(fixture.databaseURL).description
            let common = ["--database-url", url, "--log-level", "error"]
            let bad = try APICriteriaTests.run(executable, ["library", "add", "--name", "X", "--url", "ftp://x"] + common)
            #expect(bad.status != 0 && bad.error.contains("http"), "\(bad.error)")
            let added = try APICriteriaTests.run(executable, ["library", "add", "--name", "Thư viện tỉnh", "--url", server.url(), "--province", "01"] + common)
            #expect(added.status == 0 && added.text.contains("mã 1"), "\(added.text) \(added.error)")
            // The test server is on loopback: refused unless the operator allows private addresses.
            let guarded = try APICriteriaTests.run(executable, ["harvest", "--retries", "0"] + common)
            #expect(guarded.status == 1 && guarded.text.contains("địa chỉ nội bộ"), "\(guarded.text) \(guarded.error)")
            let allow = ["HOCTAP_HARVEST_ALLOW_PRIVATE": "true"]
            let harvested = try APICriteriaTests.run(executable, ["harvest", "--pause", "0.05"] + common, environment: allow)
            #expect(harvested.status == 0 && harvested.text.contains("✓ Thư viện tỉnh: Đã thu thập 5 biểu ghi"), "\(harvested.text) \(harvested.error)")
            let listed = try APICriteriaTests.run(executable, ["library", "list"] + common)
            #expect(listed.text.contains("5 biểu ghi") && listed.text.contains("\tok\t"), "\(listed.text)")
            let page = try await browser.get("/thu-vien?q=guong%20sang")
            #expect(page.body.contains("<mark>Gương</mark> <mark>sáng</mark>") && page.body.contains("Nguồn: Thư viện tỉnh"))

            _ = try APICriteriaTests.run(executable, ["library", "add", "--name", "Hỏng", "--url", server.url("bad-xml")] + common)
            let failed = try APICriteriaTests.run(executable, ["harvest", "--source", "2", "--retries", "0"] + common, environment: allow)
            #expect(failed.status == 1 && failed.text.contains("✗ Hỏng") && failed.text.contains("XML"), "\(failed.text)")
            #expect(try APICriteriaTests.run(executable, ["harvest", "--every", "5"] + common).status != 0, "too short an interval is refused")
            let removed = try APICriteriaTests.run(executable, ["library", "remove", "1"] + common)
            #expect(removed.status == 0)
            #expect(try await browser.get("/thu-vien?q=guong").body.contains("Không tìm thấy"))
        }
    }
}

/// Public pages as a phone without JavaScript gets them: whole, well-formed markup.
@Suite("Public pages are well formed")
struct PublicMarkupTests {
    @Test("login, statistics of the country and of a province, the library search, an error page")
    func wellFormed() async throws {
        try await TestApp.run(.sqlite, prepare: LibraryPageTests.catalogue) { browser, fixture in
            for path in ["/login", "/thong-ke", "/thong-ke/\(fixture.hanoi.id)", "/thong-ke/\(fixture.socSon.id)", "/thu-vien", "/thu-vien?q=duong",
                         "/thu-vien?q=a&trang=0", "/khong-co-trang-nay"] {
                let page = try await browser.get(path)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true, "\(path)")
                #expect(MarkupCheck.problems(page.body).isEmpty, "\(path): \(MarkupCheck.problems(page.body))")
            }
        }
    }
}

/// "Thư viện liên kết": registering and removing libraries in the browser.
@Suite("Library administration pages")
struct LibraryAdminPageTests {
    @Test("the administrator adds national and provincial libraries; bad input is named and kept; the list shows each harvest",
          arguments: TestDatabases.engines)
    func addAndList(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: LibraryPageTests.catalogue) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let page = try await browser.get("/thu-vien/nguon")
            #expect(page.status == .ok && page.body.contains("Thư viện Hà Nội") && page.body.contains("Thành công"))
            #expect(page.body.contains("href=\"/thu-vien/nguon\""), "the navigation links the page")
            #expect(MarkupCheck.problems(page.body).isEmpty, "\(MarkupCheck.problems(page.body))")

            let bad = try await browser.submit("/thu-vien/nguon", ["name": "Thư viện <b>mới</b>", "url": "ftp://tv/oai", "set": "", "province": ""])
            #expect(bad.status == .unprocessableContent && bad.body.contains("http(s)") && bad.body.contains("Thư viện &lt;b&gt;mới&lt;/b&gt;"))
            let unknown = try await browser.submit("/thu-vien/nguon", ["name": "X", "url": "https://x/oai", "province": "abc"])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("Tỉnh không hợp lệ"))

            let added = try await browser.submit("/thu-vien/nguon", ["name": "Thư viện Nghệ An", "url": "https://tv.nghean.example.vn/oai",
                                                                     "set": "sach", "province": String(fixture.nghean.id)])
            #expect(added.status == .seeOther)
            let listed = try await browser.get(added.location ?? "")
            #expect(listed.body.contains("Đã đăng ký thư viện") && listed.body.contains("Thư viện Nghệ An") && listed.body.contains("bộ sach")
                    && listed.body.contains("Chưa thu thập"))
            let duplicate = try await browser.submit("/thu-vien/nguon", ["name": "Lặp", "url": "https://tv.nghean.example.vn/oai", "province": ""])
            #expect(duplicate.status == .unprocessableContent && duplicate.body.contains("đã được đăng ký"))
        }
    }

    @Test("removal by those who manage the library; others are refused or see nothing; communes have no such page",
          arguments: TestDatabases.engines)
    func removeAndForbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: LibraryPageTests.catalogue) { browser, fixture in
            try await browser.login(DemoUser.admin)
            _ = try await browser.submit("/thu-vien/nguon", ["name": "Thư viện Nghệ An", "url": "https://na.example.vn/oai", "province": String(fixture.nghean.id)])
            _ = try await browser.submit("/thu-vien/nguon", ["name": "Thư viện Hà Nội 2", "url": "https://hn.example.vn/oai", "province": String(fixture.hanoi.id)])
            let adminPage = try await browser.get("/thu-vien/nguon").body
            #expect(adminPage.matches(of: /\/thu-vien\/nguon\/(\d+)\/xoa/).count == 3, "the administrator may remove every library")
            /// The id in the removal button of the row naming `name`.
            func id(_ name: String) throws -> Int64 {
                let row = try #require(adminPage.components(separatedBy: "<tr").first { $0.contains(">\(name)<") }, Comment(rawValue: name))
                return try #require(row.firstMatch(of: /\/thu-vien\/nguon\/(\d+)\/xoa/).map { Int64($0.1)! })
            }
            let national = try id("Thư viện Hà Nội"), nghean = try id("Thư viện Nghệ An"), hanoi = try id("Thư viện Hà Nội 2")

            try await browser.login(DemoUser.province)
            let provincePage = try await browser.get("/thu-vien/nguon")
            #expect(provincePage.status == .ok)
            let removable = provincePage.body.matches(of: /\/thu-vien\/nguon\/(\d+)\/xoa/).map { Int64($0.1)! }
            #expect(removable == [hanoi], "only Hà Nội's own library: \(removable)")
            let csrf = provincePage.csrfToken
            #expect(try await browser.post("/thu-vien/nguon/\(national)/xoa", form: [:], csrf: csrf).status == .forbidden, "a national library")
            #expect(try await browser.post("/thu-vien/nguon/\(nghean)/xoa", form: [:], csrf: csrf).status == .notFound, "another province's")
            #expect(try await browser.post("/thu-vien/nguon/99999/xoa", form: [:], csrf: csrf).status == .notFound)
            #expect(try await browser.post("/thu-vien/nguon/\(hanoi)/xoa", form: [:], csrf: nil).status == .forbidden, "no CSRF token")
            let removed = try await browser.post("/thu-vien/nguon/\(hanoi)/xoa", form: [:], csrf: csrf)
            #expect(removed.status == .seeOther)
            #expect(try await browser.get(removed.location ?? "").body.contains("Đã bỏ thư viện"))
            let other = try await browser.submit("/thu-vien/nguon", ["name": "Nghệ An", "url": "https://na2.example.vn/oai", "province": String(fixture.nghean.id)])
            #expect(other.status == .notFound, "a province officer cannot register for another province")

            try await browser.login(DemoUser.communeOfficer)
            #expect(try await browser.get("/thu-vien/nguon").status == .forbidden)
            let commune = try await browser.get("/")
            #expect(!commune.body.contains("/thu-vien/nguon"), "no link for roles that cannot use the page")
            #expect(try await browser.post("/thu-vien/nguon", form: ["name": "X", "url": "https://x/oai"], csrf: commune.csrfToken).status == .forbidden)
        }
    }
}
