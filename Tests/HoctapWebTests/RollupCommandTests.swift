import Foundation
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
