import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Importing the official unit lists")
struct OfficialAreaImportTests {
    @Test("the real lists give 34 provinces and 3,321 communes; re-running changes nothing", arguments: TestDatabases.engines)
    func realLists(engine: DatabaseEngine) async throws {
        let pack = try requireDataPack()
        try await TestDatabases.with(engine) { database, _ in
            let importer = OfficialAreaImporter(database: database, clock: TestClock())
            // MUT
            let first = try await importer.importCurrent(
                provinces: pack.appendingPathComponent("provinces.csv"), communes: pack.appendingPathComponent("communes.csv"))
            // validate
            #expect(first.created[.province] == 34)
            #expect(first.created[.commune] == 3_321)
            let counts = try await database.read { try await AreaRepository($0).countsByLevel(within: .nation) }
            #expect(counts[.province] == 34)
            #expect(counts[.commune] == 3_321)

            let second = try await importer.importCurrent(
                provinces: pack.appendingPathComponent("provinces.csv"), communes: pack.appendingPathComponent("communes.csv"))
            #expect(!second.changedAnything)
            #expect(second.unchanged[.commune] == 3_321)

            // Every commune knows its province for scope checks; provinces and communes name themselves.
            let hanoi = try #require(try await database.read { try await AreaRepository($0).current(level: .province, code: "01") })
            #expect(hanoi.provinceID == hanoi.id)
            let baDinh = try #require(try await database.read { try await AreaRepository($0).current(level: .commune, code: "00004") })
            #expect(baDinh.fullName == "Phường Ba Đình")
            #expect(baDinh.provinceID == hanoi.id && baDinh.communeID == baDinh.id && baDinh.parentID == hanoi.id)
            let hanoiCommunes = try await database.read { try await AreaRepository($0).countsByLevel(within: hanoi.position) }
            #expect(hanoiCommunes[.commune] == 126)

            // One audit entry for the import that changed something, none for the re-run.
            let audits = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'areas.import'").first(decodingColumn: "n", as: Int.self)
            }
            #expect(audits == 1)
        }
    }

    @Test("the old → new mapping resolves every old code it lists", arguments: TestDatabases.engines)
    func mapping(engine: DatabaseEngine) async throws {
        let pack = try requireDataPack()
        try await TestDatabases.with(engine) { database, _ in
            _ = try await OfficialAreaImporter(database: database).importCurrent(
                provinces: pack.appendingPathComponent("provinces.csv"), communes: pack.appendingPathComponent("communes.csv"))
            let importer = SuccessionImporter(database: database)
            // MUT
            let report = try await importer.importHistory(.init(directory: pack))
            // validate
            #expect(report.created[.province] == 63)
            #expect(report.created[.district] == 696)
            #expect((report.created[.commune] ?? 0) >= 10_035)

            var expected = Set<String>()
            try CSVSource.read(file: pack.appendingPathComponent("old-to-new-communes.csv")) { record in
                guard record.line > 1 else { return }
                expected.insert("\(record.fields[2])|\(record.fields[0])|\(record.fields[4])")
            }
            let stored = try await database.read { db in
                try await db.raw("""
                    SELECT o.level AS old_level, o.code AS old_code, n.code AS new_code
                    FROM area_successions s JOIN areas o ON o.id = s.old_area_id JOIN areas n ON n.id = s.new_area_id
                    """).all().map {
                    "\(try $0.decode(column: "old_level", as: String.self))|\(try $0.decode(column: "old_code", as: String.self))|\(try $0.decode(column: "new_code", as: String.self))"
                }
            }
            #expect(expected.count == 10_604)
            #expect(Set(stored) == expected)

            // An old commune is overseen by the province it merged into: Hà Giang (02) → Tuyên Quang (08).
            let tuyenQuang = try #require(try await database.read { try await AreaRepository($0).current(level: .province, code: "08") })
            let oldHaGiangCommunes = try await database.read { db in
                try await db.raw("""
                    SELECT COUNT(*) AS n FROM areas a JOIN areas d ON d.id = a.parent_id JOIN areas p ON p.id = d.parent_id
                    WHERE a.level = 'commune' AND a.valid_to IS NOT NULL AND p.code = '02' AND a.province_id = \(bind: tuyenQuang.id)
                    """).first(decodingColumn: "n", as: Int.self)
            }
            #expect((oldHaGiangCommunes ?? 0) > 100)

            // Phường Phúc Xá (00001) went wholly into Phường Hồng Hà (00097): it belongs to Hồng Hà's
            // subtree, so Hồng Hà's officers see where their ward came from.
            let phucXa = try #require(try await database.read { db in
                try await db.raw("SELECT id FROM areas WHERE level = 'commune' AND code = '00001' AND valid_to IS NOT NULL")
                    .first(decodingColumn: "id", as: Int64.self)
            })
            let hongHa = try #require(try await database.read { try await AreaRepository($0).current(level: .commune, code: "00097") })
            let oldWard = try #require(try await database.read { try await AreaRepository($0).find(id: phucXa) })
            #expect(oldWard.communeID == hongHa.id)
            #expect(hongHa.position.contains(oldWard.position))
            let predecessors = try await database.read { try await AreaRepository($0).predecessors(of: hongHa.id) }
            #expect(predecessors.contains { $0.area.id == phucXa && $0.part == .full })

            let again = try await importer.importHistory(.init(directory: pack))
            #expect(!again.changedAnything)
        }
    }

    @Test("bad rows are reported with file, line and column, and nothing is written", arguments: TestDatabases.engines)
    func badRows(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            let files = try TemporaryFiles()
            let provinces = try files.write("provinces.csv", """
                code,name,full_name,type
                01,Hà Nội,Thành phố Hà Nội,municipality
                1,Sai mã,Tỉnh Sai mã,province
                04,Cao Bằng,Tỉnh Cao Bằng,kingdom
                01,Trùng,Tỉnh Trùng,province

                """)
            let communes = try files.write("communes.csv", """
                code,name,full_name,type,province_code
                00004,Ba Đình,Phường Ba Đình,ward,01
                00008,"Ngọc Hà",Phường Ngọc Hà,ward

                """)
            // MUT
            let failure = await #expect(throws: ImportFailure.self) {
                try await OfficialAreaImporter(database: database).importCurrent(provinces: provinces, communes: communes)
            }
            // validate
            let issues = try #require(failure).issues
            #expect(issues.contains { $0.file == "provinces.csv" && $0.line == 3 && $0.column == 1 && $0.columnName == "code" })
            #expect(issues.contains { $0.file == "provinces.csv" && $0.line == 4 && $0.columnName == "type" && $0.message.contains("kingdom") })
            #expect(issues.contains { $0.file == "communes.csv" && $0.line == 3 && $0.message.contains("5 trường") == false && $0.message.contains("4 trường") })
            let counts = try await database.read { try await AreaRepository($0).countsByLevel(within: .nation) }
            #expect(counts[.province] == nil)
        }
    }

    @Test("a commune of an unknown province fails the whole import", arguments: TestDatabases.engines)
    func unknownParent(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            let files = try TemporaryFiles()
            let provinces = try files.write("provinces.csv", "code,name,full_name,type\n01,Hà Nội,Thành phố Hà Nội,municipality\n")
            let communes = try files.write("communes.csv", """
                code,name,full_name,type,province_code
                00004,Ba Đình,Phường Ba Đình,ward,01
                99999,Lạc,Xã Lạc,commune,77
                """)
            let failure = await #expect(throws: ImportFailure.self) {
                try await OfficialAreaImporter(database: database).importCurrent(provinces: provinces, communes: communes)
            }
            #expect(failure?.issues.first?.line == 3)
            #expect(failure?.issues.first?.message.contains("77") == true)
            // The province line was valid, but nothing of the failed import landed.
            let hanoi = try await database.read { try await AreaRepository($0).current(level: .province, code: "01") }
            #expect(hanoi == nil)
        }
    }

    @Test("a renamed unit is updated in place on re-import, keeping its identifier", arguments: TestDatabases.engines)
    func rename(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            let files = try TemporaryFiles()
            let communes = try files.write("communes.csv", "code,name,full_name,type,province_code\n00745,Phó Bảng,Xã Phó Bảng,commune,08\n")
            let provinces = try files.write("provinces.csv", "code,name,full_name,type\n08,Tuyên Quang,Tỉnh Tuyên Quang,province\n")
            let importer = OfficialAreaImporter(database: database)
            _ = try await importer.importCurrent(provinces: provinces, communes: communes)
            let before = try #require(try await database.read { try await AreaRepository($0).current(level: .commune, code: "00745") })
            let corrected = try files.write("communes.csv", "code,name,full_name,type,province_code\n00745,Phố Bảng,Xã Phố Bảng,commune,08\n")
            let report = try await importer.importCurrent(provinces: provinces, communes: corrected)
            #expect(report.updated[.commune] == 1)
            let after = try #require(try await database.read { try await AreaRepository($0).current(level: .commune, code: "00745") })
            #expect(after.id == before.id)
            #expect(after.name == "Phố Bảng")
            #expect(after.version == before.version + 1)
            let found = try await database.read { try await AreaRepository($0).search("pho bang", within: .nation) }
            #expect(found.map(\.id) == [after.id])
        }
    }
}

/// The real data pack, or a skip with a message when this checkout has none beside it.
func requireDataPack() throws -> URL {
    guard let pack = SharedData.vnAdmin else {
        Issue.record("Skipped: ../shared/data/vn-admin/ is not present.", severity: .warning)
        try Test.cancel("../shared/data/vn-admin/ is not present")
    }
    return pack
}
