import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// Registry and result downloads: streamed by key, in the layout the importers read, so that
/// what one database exports another imports into the same registers and results.
@Suite("Exports")
struct ExportTests {
    /// The demo's country without registries: the areas, villages, criteria sets and accounts
    /// that the exported files refer to.
    static let emptyCountry = TestSeed(name: "demo_country_only") { database in
        try await DemoSeeder(ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: BcryptPasswordHasher(cost: 4),
                                                logger: TestDatabases.logger)).seed(progress: false, registries: false, portal: false)
    }

    /// The whole download of `kind` for `areaID`, as bytes.
    static func download(_ kind: ExportKind, _ format: ExportFormat = .csv, area areaID: Area.ID, filter: ResultFilter = ResultFilter(),
                         _ environment: ServiceEnvironment, by actor: Actor = .commandLine, pageSize: Int = 3) async throws -> [UInt8] {
        let export = try await RegistryService(environment).export(kind, in: areaID, filter: filter, format: format.rawValue, by: actor, pageSize: pageSize)
        var bytes: [UInt8] = []
        try await export.write(format, today: Day(2026, 11, 22)!) { bytes += $0 }
        return bytes
    }

    @Test("every registry and the results, exported and imported into an empty country, export again byte for byte", arguments: TestDatabases.engines)
    func roundTrip(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await withDemo(engine, clock: clock) { source in
            let nation = try await area(.nation, "VN", source).id
            // Beside the demo's registers: citizens on their own and past results, some with a decision.
            let extra = try TemporaryFiles()
            _ = try await BulkImportService(source).importCitizens(file: try extra.write("cd.csv", """
                commune,village,full_name,target_group,birth_year,sex
                00376,00376-01,Lê Thị Hoa,Người dân trong xã,1990,Nữ
                00376,,"Trần Văn Minh, con",Người lao động,,
                """), by: .commandLine)
            _ = try await BulkImportService(source).importResults(file: try extra.write("kq.csv", """
                year,model,commune,village,subject,household,verdict,decision_number,decided_on
                2024,family,,,,00376-01-0001,Công nhận,15/QĐ-UBND,2024-12-20
                2024,family,,,,00376-01-0002,Không công nhận,,
                2025,family,,,,00376-01-0001,Công nhận,9/QĐ-UBND,
                2024,clan,00376,,Họ Nguyễn thôn Đông,,Công nhận,16/QĐ-UBND,2024-12-21
                2025,unit,00376,,Trường Tiểu học Sóc Sơn,,Không công nhận,,
                2025,community-village,,00376-02,,,Công nhận,10/QĐ-UBND,2025-12-19
                2025,community-commune,00376,,,,Công nhận,11/QĐ-UBND,2025-12-20
                2025,citizen,00376,,"Trần Văn Minh, con",,Công nhận,12/QĐ-UBND,2025-12-20
                """), by: .commandLine)
            var files: [ExportKind: [UInt8]] = [:]
            for kind in ExportKind.allCases { files[kind] = try await Self.download(kind, area: nation, source) }
            // The demo has something of each, so the comparison below is not between empty files.
            for kind in ExportKind.allCases { #expect(try csvRecords(files[kind]!).count > 1, "\(kind) has rows") }
            let results = try csvRecords(files[.results]!)
            #expect(results.contains { $0[6] == "Công nhận" && !$0[8].isEmpty && !$0[9].isEmpty }, "paper results keep their decision number and date")
            #expect(Set(results.dropFirst().map { $0[1] }) == Set(LearningModel.allCases.map(\.label)), "results of every model: \(results)")

            try await TestDatabases.with(engine, seed: Self.emptyCountry) { database, _ in
                let target = ServiceEnvironment(database: database, clock: clock, passwordHasher: BcryptPasswordHasher(cost: 4), logger: TestDatabases.logger)
                let temporary = try TemporaryFiles()
                let bulk = BulkImportService(target, batchSize: 4)
                func file(_ kind: ExportKind) throws -> URL { try temporary.write("\(kind.rawValue).csv", Data(files[kind]!)) }
                _ = try await bulk.importHouseholds(file: try file(.households), by: .commandLine)
                _ = try await bulk.importUnits(file: try file(.units), by: .commandLine)
                _ = try await bulk.importCitizens(file: try file(.citizens), by: .commandLine)
                _ = try await bulk.importClans(file: try file(.clans), by: .commandLine)
                _ = try await bulk.importResults(file: try file(.results), by: .commandLine)
                let targetNation = try await area(.nation, "VN", target).id
                for kind in ExportKind.allCases {
                    let again = try await Self.download(kind, area: targetNation, target)
                    #expect(again == files[kind]!, "\(kind): \(String(decoding: again.prefix(400), as: UTF8.self))")
                }
            }
        }
    }

    @Test("an XLSX longer than a sheet continues on numbered sheets with the header repeated; a reader gets every row back")
    func sheets() async throws {
        try await withDemo(.sqlite) { environment in
            let sonSon = try await area(.commune, "00376", environment).id
            let csv = try csvRecords(try await Self.download(.households, area: sonSon, environment))
            let export = try await RegistryService(environment).export(.households, in: sonSon, format: "xlsx", by: .commandLine)
            var bytes: [UInt8] = []
            try await export.write(.xlsx, today: Day(2026, 11, 22)!, rowsPerSheet: 10) { bytes += $0 }
            guard let sheets = try await Openpyxl.sheets(of: bytes) else {
                Issue.record(Comment(rawValue: Openpyxl.unavailable), severity: .warning)
                return
            }
            let expected = (csv.count - 1 + 5 + 8) / 9  // title block (5 rows) and the data, a header per sheet
            #expect(sheets.count == expected && sheets[1].name == "Hộ gia đình (2)")
            #expect(sheets.allSatisfy { $0.rows.count <= 10 })
            #expect(sheets.map { $0.rows(after: "village").count }.reduce(0, +) == csv.count - 1, "every row back, each sheet with its header")
        }
    }

    @Test("property: any row written by CSVBytes reads back through the import parser field for field (formulas neutralised)",
          arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func csvRoundTrip(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let pieces = ["Nguyễn Đường", ",", "\"", "\n", "\r\n", "=SUM(A1)", "-5", "@x", "+1", "Họ \"Lê\", thôn 1", "", " ", "đ", "á", "\t=1+1"]
        var bytes: [UInt8] = []
        var rows: [[String]] = []
        for _ in 0..<30 {
            let row = (0..<(1 + Int.random(in: 0..<6, using: &random))).map { _ in (0..<Int.random(in: 0..<4, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined() }
            // A row of one empty field is a blank line, which readers skip.
            if row == [""] { continue }
            rows.append(row)
            CSVBytes.appendRow(row, to: &bytes)
        }
        let read = try csvRecords(bytes)
        // OWASP's list: a spreadsheet skips a leading TAB or CR and reads the formula behind it.
        let expected = rows.map { $0.map { field in field.utf8.first.map { "=+-@\t\r".utf8.contains($0) } == true ? "'" + field : field } }
        #expect(read == expected)
    }
}
