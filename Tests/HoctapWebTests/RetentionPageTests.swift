import Foundation
import HoctapStorage
import HoctapTestSupport
import Testing

/// The retention page over real HTTP: the national administrator sets and applies the periods;
/// bad input is refused by field, stale forms by version, every other role by 403.
@Suite("Retention page")
struct RetentionPageTests {
    @Test("set, refuse, apply; only the national administrator", arguments: TestDatabases.engines)
    func retention(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            try await browser.login(DemoUser.admin)
            let page = try await browser.get("/quan-tri/luu-giu")
            #expect(page.status == .ok && page.body.contains("Nhật ký truy cập dữ liệu cá nhân") && page.body.contains("730 ngày (mặc định của hoctap)"))
            #expect(page.body.contains("Lưu giữ dữ liệu"), "in the administrator's navigation")
            #expect(MarkupCheck.problems(page.body).isEmpty)

            let bad = try await browser.post("/quan-tri/luu-giu", form: ["rule": "evidence-recognised", "version": "", "days-evidence-recognised": "mười"],
                                             csrf: page.csrfToken)
            #expect(bad.status == .unprocessableContent && bad.body.contains("Thời hạn là số ngày từ 1 đến 36.500") && bad.body.contains(#"value="mười""#))
            #expect(try await browser.post("/quan-tri/luu-giu", form: ["rule": "everything", "days-everything": "1"], csrf: page.csrfToken).status == .badRequest)
            #expect(try await browser.post("/quan-tri/luu-giu", form: ["rule": "access-log", "days-access-log": "365"], csrf: nil).status == .forbidden, "CSRF")
            let saved = try await browser.post("/quan-tri/luu-giu", form: ["rule": "access-log", "version": "", "days-access-log": "365"], csrf: page.csrfToken)
            #expect(saved.status == .seeOther)
            let after = try await browser.get("/quan-tri/luu-giu?ok=saved")
            #expect(after.body.contains("Đã lưu thời hạn.") && after.body.contains("365 ngày") && after.body.contains("admin,"))
            let stale = try await browser.post("/quan-tri/luu-giu", form: ["rule": "access-log", "version": "", "days-access-log": "100"], csrf: page.csrfToken)
            #expect(stale.status == .conflict)
            let applied = try await browser.post("/quan-tri/luu-giu/ap-dung", form: [:], csrf: page.csrfToken)
            #expect(applied.status == .ok && applied.body.contains("Đã áp dụng: xóa 0 lượt xem hồ sơ"))
            #expect(try await browser.get("/audit").body.contains("Đặt thời hạn lưu giữ \"Nhật ký truy cập dữ liệu cá nhân\": 365 ngày"))

            for user in [DemoUser.province, DemoUser.communeOfficer, DemoUser.viewer] {
                try await browser.login(user)
                #expect(try await browser.get("/quan-tri/luu-giu").status == .forbidden, "\(user)")
                let token = try await browser.get("/").csrfToken
                #expect(try await browser.post("/quan-tri/luu-giu", form: ["rule": "access-log", "days-access-log": "1"], csrf: token).status == .forbidden)
                #expect(try await browser.post("/quan-tri/luu-giu/ap-dung", form: [:], csrf: token).status == .forbidden)
                #expect(!(try await browser.get("/").body.contains("Lưu giữ dữ liệu")))
            }
        }
    }
}
