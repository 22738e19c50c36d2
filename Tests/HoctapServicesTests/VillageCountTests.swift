import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Communes' village counts for the dashboards")
struct VillageCountTests {
    static func stored(_ communeID: Int64, _ environment: ServiceEnvironment) async throws -> Int? {
        try await environment.database.read { db in
            try await db.raw("SELECT villages FROM commune_villages WHERE commune_id = \(bind: communeID)").first(decodingColumn: "villages", as: Int.self)
        }
    }

    @Test("kept exact by the database on every path that writes areas; verify finds drift and rebuild repairs it", arguments: TestDatabases.engines)
    func maintained(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let rollups = RollupService(environment)
            #expect(try await rollups.villageCountDrift().isEmpty, "the demo's areas, written after the migration, are counted")
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment)
            let before = try #require(try await Self.stored(commune.id, environment))
            #expect(before > 0)

            // The village form, the commune's CSV import and ending a village.
            let kind = try #require(AreaKind.allCases.first { $0.level == .village })
            let added = try await VillageService(environment).create(VillageDraft(localCode: "99", name: "Thôn Mới", kind: kind), inCommune: commune.id, by: officer)
            let imported = try await VillageService(environment).importCSV(Array("code,name,kind\n98,Thôn Nhập,\(kind.label)\n".utf8), fileName: "t.csv",
                                                                           intoCommune: commune.id, by: officer)
            #expect(imported.created == 1)
            #expect(try await Self.stored(commune.id, environment) == before + 2)
            try await environment.database.transaction { db in
                try await AreaRepository(db).end(id: added.id, expectedVersion: added.version, on: try #require(Day(2026, 6, 30)), at: Date())
            }
            #expect(try await Self.stored(commune.id, environment) == before + 1)
            #expect(try await rollups.villageCountDrift().isEmpty)

            // A failed transaction takes its count change with it.
            await #expect(throws: (any Error).self) {
                try await environment.database.transaction { db in
                    _ = try await AreaRepository(db).insert(NewArea(code: "00376-97", kind: kind, name: "Thôn Hỏng", fullName: "Thôn Hỏng",
                                                                    parentID: commune.id, provinceID: commune.position.provinceID, communeID: commune.id, validFrom: nil), at: Date())
                    throw CancellationError()
                }
            }
            #expect(try await Self.stored(commune.id, environment) == before + 1)

            // A count changed behind the application's back is found, then repaired.
            try await environment.database.transaction { db in try await db.raw("UPDATE commune_villages SET villages = 40 WHERE commune_id = \(bind: commune.id)").run() }
            let drift = try await rollups.villageCountDrift()
            #expect(drift.count == 1 && drift.first?.communeID == commune.id && drift.first?.stored == 40 && drift.first?.counted == before + 1)
            try await rollups.rebuild()
            #expect(try await rollups.villageCountDrift().isEmpty)
        }
    }
}
