import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// The movement dashboard over real HTTP, with its CSV and an XLSX that a real reader opens.
@Suite("Movement dashboard pages")
struct MovementPageTests {
    @Test("the commune's and the province's dashboards with the QĐ 387 target; exports open in a spreadsheet reader; bad input and other areas refused",
          arguments: TestDatabases.engines)
    func dashboard(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let csrf = try #require(try await browser.get("/areas/\(fixture.socSon.id)/tthtcd").csrfToken)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd", form: ["name": "TTHTCĐ xã Sóc Sơn", "version": ""], csrf: csrf).status == .seeOther)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd/can-bo", form: [
                "fullName": "Vũ Thị Lan", "position": "Phó Giám đốc", "office": "chair"], csrf: csrf).status == .seeOther)

            let page = try await browser.get("/areas/\(fixture.socSon.id)/phong-trao?year=2025")
            #expect(page.status == .ok && MarkupCheck.problems(page.body).isEmpty, "\(MarkupCheck.problems(page.body))")
            #expect(page.body.contains("Trung tâm học tập cộng đồng có lãnh đạo Hội Khuyến học xã tham gia quản lý") && page.body.contains("100 % · 387/QĐ-TTg"))
            #expect(page.body.contains("trên số người có kỹ năng số"), "both readings of the proficient share are explained")
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/phong-trao?year=abc").status == .unprocessableContent)
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/phong-trao?indicator=khong-co").status == .unprocessableContent)
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)/phong-trao").status == .notFound, "villages have no movement dashboard")
            #expect(try await browser.get("/areas/\(fixture.kimAnh.id)/phong-trao").status == .notFound, "a sibling commune")
            #expect(try await browser.get("/areas/\(fixture.kimAnh.id)/phong-trao.csv").status == .notFound)
            #expect(try await browser.get("/areas/\(fixture.kimAnh.id)/phong-trao.xlsx").status == .notFound)

            try await browser.login(DemoUser.province)
            let province = try await browser.get("/areas/\(fixture.hanoi.id)/phong-trao?year=2025&indicator=xa-co-tthtcd")
            #expect(province.status == .ok && province.body.contains("Xã Sóc Sơn") && MarkupCheck.problems(province.body).isEmpty)
            let csv = try await browser.get("/areas/\(fixture.hanoi.id)/phong-trao.csv?year=2025")
            #expect(csv.status == .ok && csv.body.hasPrefix("\u{FEFF}Mã địa bàn,Địa bàn,Chỉ tiêu"))
            #expect(csv.body.contains("00376,Xã Sóc Sơn,Trung tâm học tập cộng đồng có lãnh đạo Hội Khuyến học xã tham gia quản lý,tthtcd-lanh-dao-hoi,1,1,Số trung tâm học tập cộng đồng,100,100,2025,387/QĐ-TTg,0"),
                    "\(csv.body.prefix(600))")
            #expect(csv.body.contains("01,Thành phố Hà Nội,Xã có trung tâm học tập cộng đồng,xa-co-tthtcd,1,3,"))
            let xlsx = try await browser.get("/areas/\(fixture.hanoi.id)/phong-trao.xlsx?year=2025")
            #expect(xlsx.status == .ok && xlsx.headers[.contentDisposition]?.contains("phong-trao-01-2025.xlsx") == true)
            try await browser.login(DemoUser.viewer)
            #expect(try await browser.get("/areas/\(fixture.hanoi.id)/phong-trao").status == .notFound, "another province's viewer")
            guard let sheet = try await Openpyxl.sheets(of: xlsx.bytes)?.first else {
                Issue.record(Comment(rawValue: Openpyxl.unavailable), severity: .warning)
                return
            }
            #expect(sheet.rows.first?.first?.contains("BẢNG TỔNG HỢP PHONG TRÀO") == true)
            let row = sheet.rows.dropFirst(5).first { $0[0] == "00376" && $0[3] == "tthtcd-lanh-dao-hoi" }?.joined(separator: "|")
            #expect(row?.hasPrefix("00376|Xã Sóc Sơn|Trung tâm học tập cộng đồng có lãnh đạo Hội Khuyến học xã tham gia quản lý|tthtcd-lanh-dao-hoi|1|1|") == true,
                    "\(row ?? "no row")")
        }
    }
}
