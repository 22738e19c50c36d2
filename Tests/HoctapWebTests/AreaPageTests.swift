import Foundation
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Browsing areas")
struct AreaPageTests {
    @Test("a commune officer sees its commune and villages, and nothing of other communes", arguments: TestDatabases.engines)
    func communeScope(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            // MUT + validate: own commune
            let own = try await browser.get("/areas/\(fixture.socSon.id)")
            #expect(own.status == .ok)
            #expect(own.body.contains("Xã Sóc Sơn"))
            #expect(own.body.contains("Thôn, bản, ấp, tổ dân phố (5)"))
            #expect(own.body.contains("Thêm thôn, tổ dân phố"))
            // The province appears in the breadcrumb as text, not as a link.
            #expect(own.body.contains("<li>Hà Nội</li>"))
            #expect(!own.body.contains("href=\"/areas/\(fixture.hanoi.id)\""))
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)").status == .ok)

            // Sibling commune, its village, the province, another province, and a missing id all
            // answer the same 404, so nothing tells them apart.
            let missing = try await browser.get("/areas/987654321")
            #expect(missing.status == .notFound)
            for id in [fixture.kimAnh.id, fixture.kimAnhVillage.id, fixture.hanoi.id, fixture.quePhong.id, fixture.nation.id] {
                let page = try await browser.get("/areas/\(id)")
                #expect(page.status == .notFound, "area \(id)")
                #expect(page.body.contains("Không tìm thấy địa bàn này."))
            }
            #expect(try await browser.get("/areas/not-a-number").status == .notFound)
            // /areas goes to the account's own area.
            #expect(try await browser.get("/areas").location == "/areas/\(fixture.socSon.id)")
        }
    }

    @Test("a province officer browses its province down to villages, and not other provinces", arguments: TestDatabases.engines)
    func provinceScope(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.province)
            let province = try await browser.get("/areas/\(fixture.hanoi.id)")
            #expect(province.status == .ok)
            #expect(province.body.contains("Xã, phường, đặc khu (3)"))
            #expect(province.body.contains("Phường Ba Đình") || province.body.contains(">Ba Đình<"))
            #expect(try await browser.get("/areas/\(fixture.kimAnhVillage.id)").status == .ok)
            #expect(try await browser.get("/areas/\(fixture.quePhong.id)").status == .notFound)
            #expect(try await browser.get("/areas/\(fixture.nghean.id)").status == .notFound)
        }
    }

    @Test("the national administrator sees the 34 provinces with their commune counts", arguments: TestDatabases.engines)
    func nation(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.admin)
            let page = try await browser.get("/areas/\(fixture.nation.id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Tỉnh, thành phố (34)"))
            #expect(page.body.contains("Thành phố Hà Nội") || page.body.contains(">Hà Nội<"))
            #expect(page.body.contains("<strong>102</strong>"), "102 demo communes counted")
        }
    }

    @Test("search ignores case and diacritics, including đ, and stays inside the account's area", arguments: TestDatabases.engines)
    func search(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.province)
            let found = try await browser.get("/areas/search?q=SOC+son")
            #expect(found.status == .ok)
            #expect(found.body.contains("/areas/\(fixture.socSon.id)"))
            let village = try await browser.get("/areas/search?q=thon+dong")
            #expect(village.body.contains("/areas/\(fixture.thonDong.id)"))
            let elsewhere = try await browser.get("/areas/search?q=que+phong")
            #expect(!elsewhere.body.contains("/areas/\(fixture.quePhong.id)"))
            #expect(elsewhere.body.contains("Không tìm thấy địa bàn nào"))
            // Wildcards in the query are plain text, not patterns.
            let wildcard = try await browser.get("/areas/search?q=%25")
            #expect(wildcard.status == .ok)
            #expect(wildcard.body.contains("Không tìm thấy địa bàn nào"))
            // Longer than a search box allows is refused, not silently cut (issue 18).
            let long = try await browser.get("/areas/search?q=" + String(repeating: "a", count: 5000))
            #expect(long.status == .unprocessableContent)
        }
    }
}
