import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// `hoctap import` households and results: streamed, batched through the engine's bulk path,
/// all or nothing, with line-numbered issues; the rollups stay exact.
@Suite("Bulk import")
struct BulkImportTests {
    static let header = "village,household,address,full_name,relation,birth_year,sex,schooling,literate,studying,citizen_id\n"

    /// Row counts of `tables`, to show a refused import wrote nothing.
    static func counts(_ environment: ServiceEnvironment,
                       tables: [String] = ["households", "persons", "personal_ids", "evaluations", "evaluation_events", "audit_events"]) async throws -> [Int] {
        try await environment.database.read { db in
            var counts: [Int] = []
            for table in tables {
                counts.append(try await db.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self) ?? -1)
            }
            return counts
        }
    }

    /// Imports `text` as a file; a small batch size makes even a short file span several batches.
    static func importHouseholds(_ text: String, _ environment: ServiceEnvironment, by actor: Actor, batchSize: Int = 2) async throws -> BulkHouseholdReport {
        let files = try TemporaryFiles()
        return try await BulkImportService(environment, batchSize: batchSize).importHouseholds(file: try files.write("ho.csv", text), by: actor)
    }

    /// The demo's environment with the key that seals ID numbers.
    static func withKey(_ environment: ServiceEnvironment) -> ServiceEnvironment {
        var keyed = environment
        keyed.personalData = RegistryServiceTests.key
        return keyed
    }

    static func rejection(_ body: () async throws -> Void) async -> [ImportIssue] {
        do {
            try await body()
            Issue.record("the import was accepted")
            return []
        } catch ServiceError.importRejected(let failure) {
            return failure.issues
        } catch {
            Issue.record("unexpected error: \(error)")
            return []
        }
    }

    @Test("households and members are written in batches with codes, search text, sealed ID numbers and one audit entry", arguments: TestDatabases.engines)
    func households(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { plain in
            let environment = Self.withKey(plain)
            let officer = try await actor("hanoi.tinh", environment)
            let before = try await Self.counts(environment)
            let text = Self.header + """
                00376-01,501,Xóm Đông,Nguyễn Văn An,Chủ hộ,1975,Nam,Trung học phổ thông,Có,,001075000001
                00376-01,501,,Trần Thị Bình,Vợ/chồng,1978,Nữ,Trung học cơ sở,Có,,
                00376-01,501,,Nguyễn Văn Cường,Con,2010,Nam,Trung học cơ sở,Có,Có,
                00376-01,502,"Số 2, Xóm Đông",Đặng Thị Dung,chủ hộ,1960,nữ,,,,
                00382-01,7,,Lê Văn Em,Chủ hộ,1980,Nam,,,,001080000002
                """
            let report = try await Self.importHouseholds(text, environment, by: officer)
            #expect((report.rows, report.households, report.members, report.personalIDs) == (5, 3, 5, 2))
            let after = try await Self.counts(environment)
            #expect(after[0] - before[0] == 3 && after[1] - before[1] == 5 && after[2] - before[2] == 2 && after[5] - before[5] == 1)

            let registry = RegistryService(environment)
            let household = try #require(try await environment.database.read { try await RegistryRepository($0).household(code: "00376-01-0501", within: .nation) })
            #expect(household.headName == "Nguyễn Văn An" && household.address == "Xóm Đông")
            let members = try await registry.household(household.id, by: officer).members
            #expect(members.map(\.record.fullName) == ["Nguyễn Văn An", "Trần Thị Bình", "Nguyễn Văn Cường"])
            #expect(members[0].personalID == "001075000001")
            // Found by search without diacritics, as households added by hand are.
            let found = try await registry.households(in: try await area(.commune, "00376", environment).id, search: "dang thi dung", by: officer)
            #expect(found.rows.map(\.code) == ["00376-01-0502"])
            // Identifiers reserved for the load do not collide with the next household added by hand.
            let next = try await registry.createHousehold(HouseholdDraft(headName: "Vũ Văn Giang", address: ""),
                                                          inVillage: try await area(.village, "00376-01", environment).id, by: officer)
            #expect(next.code == "00376-01-0503")
            _ = try await registry.addMember(PersonDraft(fullName: "Vũ Văn Giang", relation: .head), to: next.id, by: officer)
        }
    }

    @Test("every kind of bad row is reported with its line and column, and nothing is written", arguments: TestDatabases.engines)
    func badRows(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { plain in
            let environment = Self.withKey(plain)
            let officer = try await actor("hanoi.tinh", environment)
            let before = try await Self.counts(environment)
            let text = Self.header + """
                00376-01,601,,Nguyễn Văn An,Chủ hộ,1975,Nam,,,,001075000009
                00376-01,601,,Nguyễn Văn Bảo,Chủ hộ,1976,Nam,,,,
                00376-99,602,,Trần Thị Cúc,Chủ hộ,1970,Nữ,,,,
                00376-01,603,,Lê Văn Dũng,Chủ hộ,1890,Nam,,,,
                00376-01,604,,Phạm Thị Én,Chủ hộ,1980,Nữ,,,,001075000009
                00376-01,601,,Hồ Văn Phú,Chủ hộ,1981,Nam,,,,
                00376-01,abc,,Đỗ Văn Giàu,Chủ hộ,1982,Nam,,,,
                01273-01,5,,Lò Văn Hải,Chủ hộ,1983,Nam,,,,
                """
            let issues = await Self.rejection { _ = try await Self.importHouseholds(text, environment, by: officer, batchSize: 100) }
            let located = issues.map { "\($0.line):\($0.column ?? 0)" }
            #expect(located.contains("2:5"), "two heads in household 601 (relation, column 5)")
            #expect(located.contains("4:1"), "unknown village 00376-99")
            #expect(located.contains("5:6"), "birth year 1890")
            #expect(located.contains("6:11"), "ID number repeated from line 2")
            #expect(located.contains("7:2"), "household 601 again, not next to its rows")
            #expect(located.contains("8:2"), "household number not a number")
            #expect(located.contains("9:1"), "a village of Cao Bằng is outside Hà Nội's scope")
            #expect(try await Self.counts(environment) == before)
        }
    }

    static func registryCounts(_ environment: ServiceEnvironment) async throws -> [Int] {
        try await counts(environment, tables: ["units", "persons", "personal_ids", "clans", "clan_households", "audit_events"])
    }

    @Test("units, citizens and clans of many communes: written in batches, searchable, scoped; every bad row named; nothing half-written", arguments: TestDatabases.engines)
    func otherRegistries(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { plain in
            let environment = Self.withKey(plain)
            let province = try await actor("hanoi.tinh", environment)
            let files = try TemporaryFiles()
            let service = BulkImportService(environment, batchSize: 2)
            let before = try await Self.registryCounts(environment)

            let units = try await service.importUnits(file: try files.write("dv.csv", """
                commune,village,name,kind,staff_count
                00376,,Trường Tiểu học Sóc Sơn,Trường phổ thông,40
                00376,01,Hợp tác xã Đông,to-chuc-kinh-te,
                00382,,Trạm y tế Kim Anh,don-vi-su-nghiep-cong-lap,12
                """), by: province)
            #expect((units.rows, units.created) == (3, 3))
            let citizens = try await service.importCitizens(file: try files.write("cd.csv", """
                commune,village,full_name,target_group,birth_year,sex,citizen_id
                00376,02,Đỗ Thị Hạnh,Người lao động,1990,Nữ,001190000001
                00376,,Ngô Văn Ích,"Học sinh, sinh viên, học viên",2008,Nam,
                00382,01,Lương Thị Kim,staff,1985,Nữ,001185000002
                """), by: province)
            #expect((citizens.created, citizens.personalIDs) == (3, 2))
            let clans = try await service.importClans(file: try files.write("dh.csv", """
                commune,village,clan,head_name,household
                00376,01,Họ Nguyễn Đình,Nguyễn Đình Lâm,00376-01-0001
                00376,01,Họ Nguyễn Đình,,00376-01-0002
                00376,,Họ Trần,Trần Văn Minh,00376-02-0001
                00376,,Họ Trần,,00376-03-0001
                00382,,Họ Lê Kim Anh,,
                """), by: province)
            #expect((clans.created, clans.households) == (3, 4))
            let after = try await Self.registryCounts(environment)
            #expect(zip(after, before).map { $0 - $1 } == [3, 3, 2, 3, 4, 3], "three audit entries, one per file")

            let socSon = try await area(.commune, "00376", environment)
            let registry = RegistryService(environment)
            #expect(try await registry.citizens(in: socSon.id, search: "do thi hanh", by: province).rows.first?.personalID == "001190000001")
            #expect(try await registry.units(in: socSon.id, search: "hop tac xa dong", by: province).rows.first?.place.villageID != nil)
            let trần = try #require(try await registry.clans(in: socSon.id, search: "ho tran", by: province).rows.first)
            #expect(trần.householdCount == 2 && trần.headName == "Trần Văn Minh", "a clan of the commune gathers households of several villages")

            // Bad rows of every kind, each with its line and column; nothing of any file written.
            let written = try await Self.registryCounts(environment)
            let unitIssues = await Self.rejection { _ = try await service.importUnits(file: try files.write("x.csv", """
                commune,village,name,kind,staff_count
                00376,,Trường Mầm non,Trường phổ thông,10
                0376,,Sai mã xã,Trường phổ thông,
                00376,77,Sai thôn,Trường phổ thông,
                00376,,Sai loại,Nhà máy,
                00376,,Sai số người,Trường phổ thông,-3
                04000,,Xã ngoài tỉnh,Trường phổ thông,
                """), by: province) }
            #expect(Set(unitIssues.map { "\($0.line):\($0.column ?? 0)" }) == ["3:1", "4:2", "5:4", "6:5", "7:1"])
            let citizenIssues = await Self.rejection { _ = try await service.importCitizens(file: try files.write("y.csv", """
                commune,village,full_name,target_group,birth_year,sex,citizen_id
                00376,01,Phan Văn Nam,Người lao động,1990,Nam,001190000003
                00376,01,Phan Văn Oanh,Người lao động,1991,Nữ,001190000003
                00376,01,Phan Văn Phúc,Người lao động,1992,Nam,001190000001
                00376,01,,Ai đó,3000,X,12
                """), by: province) }
            #expect(Set(citizenIssues.map { "\($0.line):\($0.column ?? 0)" }).isSuperset(of: ["3:7", "4:7", "5:3", "5:4", "5:5", "5:6", "5:7"]))
            let clanIssues = await Self.rejection { _ = try await service.importClans(file: try files.write("z.csv", """
                commune,village,clan,head_name,household
                00376,01,Họ Phạm,Phạm Văn Quý,00376-01-0001
                00376,01,Họ Phạm,Phạm Văn Khác,00376-01-9999
                00376,01,Họ Phạm,,00376-01-0001
                00376,01,Họ Vũ,,00376-01-0003
                00376,01,họ phạm,,00376-01-0004
                00376,,Họ Trần,,
                """), by: province) }
            #expect(Set(clanIssues.map { "\($0.line):\($0.column ?? 0)" }) == ["3:4", "3:5", "4:5", "6:3", "7:3"],
                    "another head, an unknown household, a household twice, a clan's rows apart, a clan already registered")
            #expect(try await Self.registryCounts(environment) == written)

            // A commune officer imports into its own commune only; the whole file is refused otherwise.
            let officer = try await actor("socson.hoi", environment)
            await #expect(throws: ServiceError.self) {
                _ = try await service.importUnits(file: try files.write("w.csv", "commune,name,kind\n00376,Nhà văn hóa,Cơ quan nhà nước\n00382,Nhà văn hóa,Cơ quan nhà nước\n"), by: officer)
            }
            #expect(try await Self.registryCounts(environment) == written)
        }
    }

    @Test("a file that cannot be read as a table is refused with the place of the problem", arguments: TestDatabases.engines)
    func unreadable(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("hanoi.tinh", environment)
            let before = try await Self.counts(environment)
            let missingColumn = await Self.rejection { _ = try await Self.importHouseholds("village,household,full_name\n00376-01,1,An\n", environment, by: officer) }
            #expect(missingColumn.first?.message.contains("relation") == true)
            var bytes = Data((Self.header + "00376-01,701,,Nguy").utf8)
            bytes.append(contentsOf: [0xC3, 0x28])
            bytes.append(contentsOf: Data("n,Chủ hộ,1975,Nam,,,,\n".utf8))
            let files = try TemporaryFiles()
            let latin = await Self.rejection {
                _ = try await BulkImportService(environment).importHouseholds(file: try files.write("latin.csv", bytes), by: officer)
            }
            #expect(latin.first?.line == 2 && latin.first?.column == 4)
            #expect(latin.first?.message.contains("UTF-8") == true)
            let truncated = await Self.rejection {
                _ = try await Self.importHouseholds(Self.header + "00376-01,702,,An,Chủ hộ,1975,Nam,,,,\n00376-01,703,\"Xóm", environment, by: officer)
            }
            #expect(truncated.first?.line == 3)
            let short = await Self.rejection {
                _ = try await Self.importHouseholds(Self.header + "00376-01,702,,An,Chủ hộ,1975,Nam,,,,\n00376-01,703,,Bình", environment, by: officer)
            }
            #expect(short.first?.line == 3 && short.first?.message.contains("trường") == true)
            #expect(try await Self.counts(environment) == before)
        }
    }

    @Test("decomposed Vietnamese is stored in NFC and the report says how many fields were normalised")
    func nfc() async throws {
        try await withDemo(.sqlite) { environment in
            let officer = try await actor("socson.hoi", environment)
            let decomposed = "Nguyễn Văn Đức".decomposedStringWithCanonicalMapping
            #expect(!decomposed.utf8.elementsEqual("Nguyễn Văn Đức".utf8))
            let report = try await Self.importHouseholds("village,household,full_name,relation\n00376-02,801,\(decomposed),Chủ hộ\n", environment, by: officer)
            #expect(report.normalisedFields == 1)
            let name = try await environment.database.read { db in
                try await db.raw("SELECT full_name FROM persons WHERE search_name = 'nguyen van duc' ORDER BY id DESC LIMIT 1").first(decodingColumn: "full_name", as: String.self)
            }
            #expect(name.map { Array($0.utf8) } == Array("Nguyễn Văn Đức".utf8))
        }
    }

    @Test("roles that may not register subjects are refused; villages outside the account's area are unknown to it", arguments: TestDatabases.engines)
    func scope(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let line = "village,household,full_name,relation\n00376-01,901,An,Chủ hộ\n"
            await #expect(throws: ServiceError.self) { _ = try await Self.importHouseholds(line, environment, by: try await actor("socson.hoidong", environment)) }
            let outside = await Self.rejection { _ = try await Self.importHouseholds(line, environment, by: try await actor("quephong.hoi", environment)) }
            #expect(outside.first?.message.contains("00376-01") == true)
        }
    }

    @Test("past results open the cycles, write evaluations and events, and keep the rollups exact; a repeat is refused", arguments: TestDatabases.engines)
    func results(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("hanoi.tinh", environment)
            _ = try await Self.importHouseholds(Self.header + """
                00376-01,511,,Nguyễn Văn An,Chủ hộ,1975,Nam,,,,
                00376-01,512,,Trần Thị Bình,Chủ hộ,1978,Nữ,,,,
                00382-01,513,,Lê Văn Cường,Chủ hộ,1980,Nam,,,,
                """, environment, by: officer)
            let files = try TemporaryFiles()
            let text = """
                year,household,verdict,decision_number,decided_on
                2024,00376-01-0511,Công nhận,15/QĐ-UBND,20/12/2024
                2024,00376-01-0512,không công nhận,,
                2025,00376-01-0511,Công nhận,22/QĐ-UBND,2025-12-18
                2025,00382-01-0513,Công nhận,9/QĐ-UBND,
                """
            let report = try await BulkImportService(environment, batchSize: 2).importResults(file: try files.write("kq.csv", text), by: officer)
            #expect((report.results, report.recognised) == (4, 3))
            #expect(try await RollupService(environment).verify().isEmpty)
            let reason = try await environment.database.read { db in
                try await db.raw("SELECT reason FROM evaluation_events WHERE reason LIKE '%15/QĐ-UBND%'").first(decodingColumn: "reason", as: String.self)
            }
            #expect(reason == "Kết quả năm 2024 theo hồ sơ giấy: Quyết định số 15/QĐ-UBND ngày 20/12/2024")

            let before = try await Self.counts(environment)
            let again = await Self.rejection {
                _ = try await BulkImportService(environment).importResults(file: try files.write("kq2.csv", """
                    year,household,verdict,decision_number
                    2024,00376-01-0512,Công nhận,16/QĐ-UBND
                    2024,00376-01-0404,Công nhận,
                    2031,00376-01-0511,Công nhận,1/QĐ
                    2024,99999-01-0001,Công nhận,1/QĐ
                    """), by: officer)
            }
            #expect(again.map(\.line) == [2, 3, 4, 5])
            #expect(try await Self.counts(environment) == before)
            // Other models name their subjects by village code, the commune, or a name in the commune;
            // names that match nobody or several are refused with their line, like unknown models.
            let wrong = await Self.rejection {
                _ = try await BulkImportService(environment).importResults(file: try files.write("kq3.csv", """
                    year,model,commune,village,subject,household,verdict,decision_number
                    2024,dòng họ học tập,00376,,Họ Trần,,Công nhận,17/QĐ-UBND
                    2024,unit,00376,02,Trường Tiểu học Sóc Sơn,,Công nhận,17/QĐ-UBND
                    2024,trường học,00376,,Trường Tiểu học Sóc Sơn,,Công nhận,17/QĐ-UBND
                    2024,clan,,,Họ Nguyễn thôn Đông,,Công nhận,17/QĐ-UBND
                    2024,community-village,,00376-99,,,Công nhận,17/QĐ-UBND
                    2024,family,00382,,,00376-01-0512,Công nhận,17/QĐ-UBND
                    """), by: officer)
            }
            #expect(wrong.map(\.line) == [2, 3, 4, 5, 6, 7], "\(wrong)")
            #expect(wrong.map { $0.columnName ?? "" } == ["subject", "subject", "model", "commune", "village", "household"], "\(wrong)")
            #expect(try await Self.counts(environment) == before)

            // And every model is written: a clan, a unit, a village, the commune, a learning citizen.
            _ = try await BulkImportService(environment).importCitizens(file: try files.write("cd.csv", """
                commune,village,full_name,target_group
                00376,00376-01,Lê Thị Hoa,Người dân trong xã
                00376,00376-02,Lê Thị Hoa,Người lao động
                """), by: officer)
            let all = try await BulkImportService(environment).importResults(file: try files.write("kq4.csv", """
                year,model,commune,village,subject,household,verdict,decision_number
                2024,Dòng họ học tập,00376,,ho nguyen thon dong,,Công nhận,18/QĐ-UBND
                2024,unit,00376,,Trường Tiểu học Sóc Sơn,,Không công nhận,
                2025,community-village,,00376-01,,,Công nhận,19/QĐ-UBND
                2025,community-commune,00376,,,,Công nhận,20/QĐ-UBND
                2025,citizen,00376,02,Lê Thị Hoa,,Công nhận,21/QĐ-UBND
                """), by: officer)
            #expect(all.byModel == ["clan": 1, "unit": 1, "community-village": 1, "community-commune": 1, "citizen": 1] && all.recognised == 4)
            let subjects = try await environment.database.read { db in
                try await db.raw("""
                    SELECT e.subject_kind, e.subject_name, c.model FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id
                    WHERE e.paper_decision_number IN ('18/QĐ-UBND', '19/QĐ-UBND', '20/QĐ-UBND', '21/QĐ-UBND') ORDER BY e.paper_decision_number
                    """).all().map { "\(try $0.decode(column: "subject_kind", as: String.self)):\(try $0.decode(column: "subject_name", as: String.self)):\(try $0.decode(column: "model", as: String.self))" }
            }
            #expect(subjects == ["clan:Họ Nguyễn thôn Đông:clan", "village:\(try await area(.village, "00376-01", environment).fullName):community-village",
                                 "commune:\(try await area(.commune, "00376", environment).fullName):community-commune", "person:Lê Thị Hoa:citizen"], "\(subjects)")
            // The second Lê Thị Hoa (a worker, in Thôn 2) was meant: the workers' set and cycle.
            let group = try await environment.database.read { db in
                try await db.raw("""
                    SELECT p.target_group FROM evaluations e JOIN persons p ON p.id = e.subject_id WHERE e.paper_decision_number = '21/QĐ-UBND'
                    """).first(decodingColumn: "target_group", as: String.self)
            }
            #expect(group == "worker")
            let ambiguous = await Self.rejection {
                _ = try await BulkImportService(environment).importResults(file: try files.write("kq5.csv", """
                    year,model,commune,subject,verdict,decision_number
                    2023,citizen,00376,Lê Thị Hoa,Công nhận,22/QĐ-UBND
                    """), by: officer)
            }
            #expect(ambiguous.first?.message.contains("có 2 công dân tên") == true, "\(ambiguous)")
            #expect(try await RollupService(environment).verify().isEmpty)
        }
    }
}

/// The synthetic country: the same seed makes the same files; the sizes add up exactly.
@Suite("Country generator")
struct CountryGeneratorTests {
    struct Collected: GeneratedRows {
        var villages: [[String]] = [], members: [[String]] = [], results: [[String]] = []
        var units: [[String]] = [], citizens: [[String]] = [], clans: [[String]] = []
        mutating func village(_ fields: [String]) { villages.append(fields) }
        mutating func member(_ fields: [String]) { members.append(fields) }
        mutating func result(_ fields: [String]) { results.append(fields) }
        mutating func unit(_ fields: [String]) { units.append(fields) }
        mutating func citizen(_ fields: [String]) { citizens.append(fields) }
        mutating func clan(_ fields: [String]) { clans.append(fields) }
    }

    @Test("property: for any seed and size, the households add up, numbers run 1… in each village, and the same seed repeats", arguments: [UInt64(1), 7, 2026])
    func shape(seed: UInt64) throws {
        let shape = CountryShape.synthetic(provinces: 5, communes: 40)
        let size = 500 + Int(seed % 1000)
        var first = Collected(), second = Collected()
        try CountryGenerator(shape: shape, options: GeneratorOptions(households: size, seed: seed)).generate(into: &first)
        try CountryGenerator(shape: shape, options: GeneratorOptions(households: size, seed: seed)).generate(into: &second)
        #expect(first.members == second.members && first.results == second.results)
        var households: [String: Set<Int>] = [:]
        for member in first.members { households[member[0], default: []].insert(Int(member[1])!) }
        #expect(households.values.reduce(0) { $0 + $1.count } == size)
        for numbers in households.values { #expect(numbers == Set(1...numbers.count)) }
        #expect(first.members.filter { $0[4] == "Chủ hộ" }.count == size)
        var other = Collected()
        try CountryGenerator(shape: shape, options: GeneratorOptions(households: size, seed: seed + 1)).generate(into: &other)
        #expect(other.members != first.members)

        // Units, citizens and clans repeat too, and every clan's household exists, once per clan,
        // with the rows of a clan together.
        #expect(first.units == second.units && first.citizens == second.citizens && first.clans == second.clans)
        #expect(!first.units.isEmpty && !first.citizens.isEmpty && !first.clans.isEmpty)
        let codes = Set(first.members.map { "\($0[0])-\(String(format: "%04d", Int($0[1])!))" })
        #expect(first.clans.allSatisfy { codes.contains($0[4]) })
        var finished: Set<String> = [], open = ""
        for row in first.clans where row[0] + row[2] != open {
            #expect(!finished.contains(row[0] + row[2]), "clan \(row[2]) of \(row[0]): rows together")
            finished.insert(open)
            open = row[0] + row[2]
        }
        for clan in Dictionary(grouping: first.clans, by: { $0[0] + $0[2] }).values { #expect(Set(clan.map { $0[4] }).count == clan.count) }

        // Results of every model, each naming a subject the other files register, unambiguously.
        let byModel = Dictionary(grouping: first.results, by: { $0[1] })
        #expect(Set(byModel.keys) == Set(LearningModel.allCases.map(\.rawValue)))
        #expect(byModel["family"]!.allSatisfy { codes.contains($0[5]) })
        let villages = Set(first.villages.map { "\($0[0])-\($0[1])" })
        #expect(byModel["community-village"]!.allSatisfy { villages.contains($0[3]) })
        let units = Set(first.units.map { "\($0[0])/\($0[2])" }), clans = Set(first.clans.map { "\($0[0])/\($0[1])/\($0[2])" })
        #expect(byModel["unit"]!.allSatisfy { units.contains("\($0[2])/\($0[4])") })
        #expect(byModel["clan"]!.allSatisfy { clans.contains("\($0[2])/\($0[3])/\($0[4])") })
        let citizens = Dictionary(grouping: first.citizens, by: { "\($0[0])/\($0[1])/\(VietnameseText.fold($0[2]))" })
        #expect(byModel["citizen"]!.allSatisfy { citizens["\($0[2])/\($0[3])/\(VietnameseText.fold($0[4]))"]?.count == 1 }, "one citizen per name and village")
        // A model's share is its own: none for clans leaves the others as they were.
        var noClans = Collected()
        try CountryGenerator(shape: shape, options: GeneratorOptions(households: size, seed: seed, resultShares: [.clan: 0])).generate(into: &noClans)
        #expect(noClans.results == first.results.filter { $0[1] != "clan" })
    }
}
