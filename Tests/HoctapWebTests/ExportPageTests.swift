import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// Downloads of units, citizens, clans and results from their pages: streamed CSV and XLSX in
/// the import layout, scoped to the reader's area, audited.
@Suite("Downloads of registries and results")
struct ExportPageTests {
    /// Sóc Sơn's past results (2024 and 2025, Thôn Đông's and Thôn Tây's households) and two
    /// citizens registered on their own.
    static func pastResults(_ environment: ServiceEnvironment) async throws {
        let files = try TemporaryFiles()
        _ = try await BulkImportService(environment).importResults(file: try files.write("kq.csv", """
            year,household,verdict,decision_number,decided_on
            2024,00376-01-0001,Công nhận,15/QĐ-UBND,2024-12-20
            2025,00376-01-0001,Công nhận,9/QĐ-UBND,2025-12-19
            2025,00376-01-0002,Không công nhận,,
            2025,00376-02-0001,Công nhận,9/QĐ-UBND,2025-12-19
            """), by: .commandLine)
        _ = try await BulkImportService(environment).importCitizens(file: try files.write("cd.csv", """
            commune,village,full_name,target_group
            00376,00376-01,Lê Thị Hoa,Người dân trong xã
            00376,,Trần Văn Minh,Người lao động
            """), by: .commandLine)
    }

    @Test("units, citizens and clans: linked from their lists, CSV and XLSX in the import layout, audited", arguments: TestDatabases.engines)
    func registries(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: Self.pastResults) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            for kind in [ExportKind.units, .citizens, .clans] {
                let list = try await browser.get("/areas/\(fixture.socSon.id)/\(kind.rawValue)")
                #expect(list.body.contains("/areas/\(fixture.socSon.id)/\(kind.rawValue)/export.xlsx"), "\(kind): the list links its download")
                let csv = try await browser.get("/areas/\(fixture.socSon.id)/\(kind.rawValue)/export.csv")
                #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(csv.headers[.contentDisposition]?.contains("\(kind.fileStem)-00376.csv") == true)
                let records = try csvRecords(csv.bytes)
                #expect(records.first == kind.columns)
                #expect(records.count > 1, "\(kind): the demo's rows")
                #expect(records.dropFirst().allSatisfy { $0[0] == "00376" }, "\(kind): only Sóc Sơn's rows")
            }
            let units = try csvRecords(try await browser.get("/areas/\(fixture.socSon.id)/units/export.csv").bytes)
            #expect(units.contains { UnitKind(parsing: $0[3]) != nil }, "unit kinds as the import reads them")

            let xlsx = try await browser.get("/areas/\(fixture.socSon.id)/units/export.xlsx")
            #expect(xlsx.status == .ok && xlsx.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            if let sheet = try await Openpyxl.sheets(of: xlsx.bytes)?.first {
                let data = sheet.rows(after: "commune")
                #expect(sheet.rows[0][0] == "Danh sách cơ quan, đơn vị")
                #expect(data.count == units.count - 1)
                #expect(data.allSatisfy { $0[4] == "None" || Int($0[4]) != nil }, "staff counts are numbers in the sheet")
            } else {
                Issue.record(Comment(rawValue: Openpyxl.unavailable), severity: .warning)
            }
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Tải danh sách cơ quan, đơn vị của Xã Sóc Sơn (CSV)") && audit.body.contains("(XLSX)"))
        }
    }

    @Test("results of a year: linked from progress, filtered by year and model, bad filters refused", arguments: TestDatabases.engines)
    func results(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: Self.pastResults) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let progress = try await browser.get("/areas/\(fixture.socSon.id)/progress?year=2025")
            #expect(progress.body.contains("/areas/\(fixture.socSon.id)/results/export.xlsx?year=2025"))
            let all = try csvRecords(try await browser.get("/areas/\(fixture.socSon.id)/results/export.csv").bytes)
            #expect(all.first == ExportKind.results.columns)
            let year = try await browser.get("/areas/\(fixture.socSon.id)/results/export.csv?year=2025&model=family")
            #expect(year.headers[.contentDisposition]?.contains("ket-qua-00376-2025.csv") == true)
            let rows = try csvRecords(year.bytes).dropFirst()
            #expect(!rows.isEmpty && rows.allSatisfy { $0[0] == "2025" && $0[1] == "Gia đình học tập" && $0[2] == "00376" })
            #expect(rows.contains { $0[6] == "Công nhận" && !$0[8].isEmpty } && rows.contains { $0[6] == "Không công nhận" })
            #expect(all.count > rows.count + 1, "other years are in the unfiltered file")
            #expect(try csvRecords(try await browser.get("/areas/\(fixture.socSon.id)/results/export.csv?model=unit").bytes).count == 1,
                    "no unit results: the header alone")

            for query in ["year=abc", "year=1999", "model=school"] {
                let bad = try await browser.get("/areas/\(fixture.socSon.id)/results/export.csv?\(query)")
                #expect(bad.status == .badRequest, "\(query)")
            }
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/results/export.csv?year=2025").status == .ok)
        }
    }

    @Test("a village reads its own rows; another province gets the same answer as for an area that does not exist", arguments: TestDatabases.engines)
    func forbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: Self.pastResults) { browser, fixture in
            try await browser.login(DemoUser.village)
            let own = try csvRecords(try await browser.get("/areas/\(fixture.thonDong.id)/results/export.csv").bytes)
            #expect(own.dropFirst().map { $0[5] } == ["00376-01-0001", "00376-01-0001", "00376-01-0002"], "Thôn Đông's results only, by year")
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/units/export.csv").status == .notFound, "not the commune's")
            browser.clearBearer()
            try await browser.login(DemoUser.otherProvinceCommune)
            for kind in ExportKind.allCases {
                let hidden = try await browser.get("/areas/\(fixture.socSon.id)/\(kind.rawValue)/export.xlsx")
                let missing = try await browser.get("/areas/99999999/\(kind.rawValue)/export.xlsx")
                #expect(hidden.status == .notFound && missing.status == .notFound && hidden.bodyWithoutToken == missing.bodyWithoutToken, "\(kind)")
            }
            #expect(try await browser.get("/areas/abc/clans/export.csv").status == .notFound)
        }
    }

    @Test("hoctap export writes a province's file in the import layout; bad options are refused before anything is written")
    func command() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        try await TestApp.run(.sqlite, prepare: Self.pastResults) { browser, fixture in
            let url = try #require(fixture.databaseURL).description
            let files = try TemporaryFiles()
            let output = files.directory.appendingPathComponent("kq.csv").path
            let run = try APICriteriaTests.run(executable, ["export", "results", "--area", "01", "--year", "2025", "--output", output,
                                                           "--database-url", url, "--log-level", "error"])
            #expect(run.status == 0 && run.error.contains("Đã xuất"), "\(run.text) \(run.error)")
            let rows = try csvRecords(Array(try Data(contentsOf: URL(fileURLWithPath: output))))
            #expect(rows.first == ExportKind.results.columns && rows.count == 4, "\(rows)")

            let xlsx = files.directory.appendingPathComponent("dv.xlsx").path
            #expect(try APICriteriaTests.run(executable, ["export", "units", "--area", "00376", "--format", "xlsx", "--output", xlsx,
                                                          "--database-url", url, "--log-level", "error"]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: xlsx)).starts(with: [0x50, 0x4B, 0x03, 0x04]))

            let unknown = files.directory.appendingPathComponent("x.csv").path
            let badArea = try APICriteriaTests.run(executable, ["export", "units", "--area", "99999", "--output", unknown, "--database-url", url, "--log-level", "error"])
            #expect(badArea.status != 0 && badArea.error.contains("99999"), "\(badArea.error)")
            #expect(!FileManager.default.fileExists(atPath: unknown), "a failed export leaves no file behind")
            let badOption = try APICriteriaTests.run(executable, ["export", "units", "--year", "2025", "--database-url", url])
            #expect(badOption.status != 0 && badOption.error.contains("--year"), "\(badOption.error)")
            let badKind = try APICriteriaTests.run(executable, ["export", "villagers", "--database-url", url])
            #expect(badKind.status != 0)
        }
    }
}
