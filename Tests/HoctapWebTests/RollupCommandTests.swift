import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// `hoctap rollups verify` and `rebuild`, run as the real executable against the server's database.
@Suite("The rollups commands")
struct RollupCommandTests {
    @Test("verify reports zero differences, detects a planted one with exit code 1, and rebuild repairs it")
    func verifyAndRebuild() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        try await TestApp.run(.sqlite) { browser, fixture in
            // Registrations over HTTP are counted as they happen.
            let cycle = try await EvaluationPageTests.openFamilyCycle(browser, fixture)
            #expect(try await browser.get(cycle).status == .ok)
            let url = try #require(fixture.databaseURL).description
            let clean = try APICriteriaTests.run(executable, ["rollups", "verify", "--database-url", url, "--log-level", "error"])
            #expect(clean.status == 0 && clean.text.contains("Khớp"), "\(clean.text) \(clean.error)")

            guard case .sqlite(let path) = try #require(fixture.databaseURL) else { Issue.record("a SQLite database"); return }
            let database = try await SQLiteBackend.open(path: path, logger: TestDatabases.logger)
            try await database.transaction { db in
                try await db.raw("UPDATE rollups SET registered = registered + 5 WHERE level = 'commune'").run()
            }
            await database.close()
            let planted = try APICriteriaTests.run(executable, ["rollups", "verify", "--database-url", url, "--log-level", "error"])
            #expect(planted.status == 1 && planted.text.contains("Chênh lệch ở 1 dòng") && planted.text.contains("rollups rebuild"), "\(planted.text)")

            let rebuilt = try APICriteriaTests.run(executable, ["rollups", "rebuild", "--database-url", url, "--log-level", "error"])
            #expect(rebuilt.status == 0 && rebuilt.text.contains("Đã tính lại"), "\(rebuilt.text) \(rebuilt.error)")
            #expect(try APICriteriaTests.run(executable, ["rollups", "verify", "--database-url", url, "--log-level", "error"]).status == 0)
        }
    }
}

/// `hoctap audit verify` as the real executable, and the audit trail page.
@Suite("The audit trail")
struct AuditTrailTests {
    @Test("verify says intact, then names the edited entry with exit code 1")
    func verifyCommand() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        try await TestApp.run(.sqlite) { browser, fixture in
            _ = try await EvaluationPageTests.openFamilyCycle(browser, fixture)
            let url = try #require(fixture.databaseURL).description
            let clean = try APICriteriaTests.run(executable, ["audit", "verify", "--database-url", url, "--log-level", "error"])
            #expect(clean.status == 0 && clean.text.contains("Nguyên vẹn"), "\(clean.text) \(clean.error)")
            guard case .sqlite(let path) = try #require(fixture.databaseURL) else { return }
            let database = try await SQLiteBackend.open(path: path, logger: TestDatabases.logger)
            try await database.transaction { db in try await db.raw("UPDATE audit_events SET actor_label = 'người khác' WHERE seq = 3").run() }
            await database.close()
            let tampered = try APICriteriaTests.run(executable, ["audit", "verify", "--database-url", url, "--log-level", "error"])
            #expect(tampered.status == 1 && tampered.text.contains("Mục số 3") && tampered.text.contains("đã bị sửa"), "\(tampered.text)")
        }
    }

    @Test("officials read the trail of their own area, newest first, paged by key", arguments: TestDatabases.engines)
    func page(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            _ = try await EvaluationPageTests.openFamilyCycle(browser, fixture)
            try await browser.login(DemoUser.communeOfficer)
            let page = try await browser.get("/audit")
            #expect(page.status == .ok && page.body.contains("Mở đợt đánh giá Gia đình học tập năm 2026") && page.body.contains("Xã Sóc Sơn"))
            #expect(try await browser.get("/audit?before=abc").status == .unprocessableContent)
            try await browser.login(DemoUser.otherProvinceCommune)
            let foreign = try await browser.get("/audit")
            #expect(foreign.status == .ok && !foreign.body.contains("Sóc Sơn"), "another province's trail is not shown")
            try await browser.login(DemoUser.admin)
            #expect(try await browser.get("/audit").body.contains("Sóc Sơn"))
        }
    }
}

/// `hoctap backup` while the server runs, `hoctap restore` into a new place, and the restored
/// database serving the same figures.
@Suite("Backup and restore")
struct BackupRestoreTests {
    @Test("a backup taken while serving restores to a database that verifies and serves the same open data")
    func roundTrip() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        let scratchFiles = try TemporaryFiles()
        let scratchDirectory = scratchFiles.directory
        try await TestApp.run(.sqlite) { browser, fixture in
            try await ProgressPageTests.recogniseHousehold(browser, fixture)
            let url = try #require(fixture.databaseURL).description
            let backup = scratchDirectory.appendingPathComponent("sao-luu").path
            let keyFile = scratchDirectory.appendingPathComponent("personal-data.key").path
            try Data((Data(repeating: 7, count: 32).base64EncodedString() + "\n").utf8).write(to: URL(fileURLWithPath: keyFile))
            let taken = try APICriteriaTests.run(executable, ["backup", backup, "--database-url", url, "--data-dir", scratchDirectory.path, "--log-level", "error"])
            #expect(taken.status == 0 && taken.text.contains("Đã sao lưu"), "\(taken.text) \(taken.error)")
            // A leaked backup must not carry the key that opens its ID numbers (issue 18).
            #expect(!FileManager.default.fileExists(atPath: backup + "/personal-data.key"))
            let withKey = scratchDirectory.appendingPathComponent("sao-luu-kem-khoa").path
            let keyed = try APICriteriaTests.run(executable, ["backup", withKey, "--include-key", "--database-url", url, "--data-dir", scratchDirectory.path,
                                                              "--log-level", "error"])
            #expect(keyed.status == 0 && keyed.error.contains("CẢNH BÁO"), "\(keyed.text) \(keyed.error)")
            #expect(FileManager.default.fileExists(atPath: withKey + "/personal-data.key"), "only when asked")
            #expect(try String(contentsOfFile: backup + "/MANIFEST.txt", encoding: .utf8).contains("audit chain head"))
            #expect(try APICriteriaTests.run(executable, ["backup", backup, "--database-url", url, "--log-level", "error"]).status != 0, "never over an existing backup")

            let target = scratchDirectory.appendingPathComponent("khoi-phuc")
            let restoredURL = "sqlite://" + target.appendingPathComponent("hoctap.sqlite").path
            let restored = try APICriteriaTests.run(executable, ["restore", backup, "--database-url", restoredURL, "--data-dir", target.path, "--log-level", "error"])
            #expect(restored.status == 0 && restored.text.contains("Số liệu tổng hợp: khớp") && restored.text.contains("Nhật ký: nguyên vẹn"), "\(restored.text) \(restored.error)")
            #expect(try APICriteriaTests.run(executable, ["restore", backup, "--database-url", restoredURL, "--data-dir", target.path]).status != 0,
                    "an existing database is not overwritten without --force")

            // The restored database, served by the real binary, gives the same public figures as the original.
            let original = try await browser.get("/thong-ke/du-lieu.csv?year=2026").body
            let port = Int.random(in: 20_000...40_000)
            let server = Process()
            server.executableURL = executable
            server.arguments = ["serve", "--database-url", restoredURL, "--data-dir", target.path, "--port", String(port), "--log-level", "error"]
            try server.run()
            defer { server.terminate(); server.waitUntilExit() }
            var served: String?
            for _ in 0..<100 {
                if let (data, _) = try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/thong-ke/du-lieu.csv?year=2026")!) {
                    served = String(decoding: data, as: UTF8.self)
                    break
                }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(served == original && original.contains("00376"))
        }
        withExtendedLifetime(scratchFiles) {}
    }
}

/// Ending every other session of one's account, from a page or the API.
@Suite("Logging out everywhere else")
struct LogoutEverywhereTests {
    @Test("the phone left signed in is signed out; this session and other accounts stay", arguments: TestDatabases.engines)
    func endOthers(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let phone = Browser(client: browser.client)
            try await phone.login(DemoUser.village)
            let colleague = Browser(client: browser.client)
            try await colleague.login(DemoUser.communeOfficer)
            try await browser.login(DemoUser.village)
            let page = try await browser.get("/account/password")
            #expect(page.body.contains("Đăng xuất mọi thiết bị khác"))
            let ended = try await browser.post("/account/sessions/end-others", form: [:], csrf: page.csrfToken)
            #expect(ended.status == .seeOther)
            #expect(try await browser.get("/account/password?ok=sessions-ended").body.contains("phiên này vẫn tiếp tục"))
            let lost = try await phone.get("/areas/\(fixture.thonDong.id)")
            #expect(lost.status == .seeOther && lost.location?.hasPrefix("/login") == true, "the other device must sign in again")
            #expect(try await colleague.get("/areas/\(fixture.socSon.id)").status == .ok, "other accounts are untouched")
            #expect(try await browser.post("/account/sessions/end-others", form: [:], csrf: "sai").status == .forbidden, "CSRF checked")

            // Over the API: this token stays, the others end.
            let first = Browser(client: browser.client)
            try await first.apiLogin(DemoUser.province)
            let second = Browser(client: browser.client)
            try await second.apiLogin(DemoUser.province)
            #expect(try await first.request(.delete, "/api/v1/me/sessions").status == .noContent)
            #expect(try await first.get("/api/v1/me").status == .ok)
            #expect(try await second.get("/api/v1/me").status == .unauthorized)
            #expect(try await Browser(client: browser.client).request(.delete, "/api/v1/me/sessions").status == .unauthorized)
        }
    }
}
