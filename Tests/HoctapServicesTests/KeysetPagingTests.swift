import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Lists read by key")
struct KeysetPagingTests {
    /// Follows `next` links from the first page to the end, then `previous` links back.
    static func walk<Row>(pageSize: Int, _ id: (Row) -> Int64,
                          _ fetch: (PageStart) async throws -> PagedRows<Row>) async throws -> (forward: [Int64], backward: [Int64], pages: Int) {
        var forward: [Int64] = [], pages = 0
        var page = try await fetch(.first)
        #expect(!page.hasPrevious, "the first page has nothing before it")
        while true {
            pages += 1
            #expect(page.rows.count <= pageSize)
            #expect(page.rows.count == pageSize || !page.hasNext, "only the last page is short")
            forward += page.rows.map(id)
            guard page.hasNext, let last = page.rows.last else { break }
            page = try await fetch(.after(id(last)))
            #expect(page.hasPrevious)
        }
        var backward: [Int64] = page.rows.map(id).reversed()
        while page.hasPrevious, let first = page.rows.first {
            page = try await fetch(.before(id(first)))
            #expect(page.hasNext)
            backward += page.rows.map(id).reversed()
        }
        return (forward, backward, pages)
    }

    @Test("every row once, in order, forwards and backwards; rows added behind the reader do not repeat", arguments: TestDatabases.engines)
    func households(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let registry = RegistryService(environment)
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment)
            let village = try await area(.village, "00376-01", environment)
            for index in 0..<23 {
                _ = try await registry.createHousehold(HouseholdDraft(headName: "Chủ hộ \(index)", address: ""), inVillage: village.id, by: officer)
            }
            let everything = try await environment.database.read { db in
                try await db.raw("SELECT id FROM households WHERE commune_id = \(bind: commune.id) ORDER BY commune_id, code").all()
                    .map { try $0.decode(column: "id", as: Int64.self) }
            }
            #expect(everything.count >= 23)
            let walked = try await Self.walk(pageSize: 7, \HouseholdRecord.id) {
                try await registry.households(in: commune.id, start: $0, pageSize: 7, by: officer)
            }
            #expect(walked.forward == everything)
            #expect(walked.backward == everything.reversed())
            #expect(walked.pages == (everything.count + 6) / 7)
            let total = try await registry.households(in: commune.id, pageSize: 7, by: officer).total
            #expect(total == everything.count)

            // A household added while someone reads page two sorts before the cursor: page two
            // neither repeats the last row of page one nor skips one.
            let first = try await registry.households(in: commune.id, pageSize: 7, by: officer)
            _ = try await registry.createHousehold(HouseholdDraft(headName: "Hộ mới", address: ""), inVillage: village.id, by: officer)
            let second = try await registry.households(in: commune.id, start: .after(first.rows.last!.id), pageSize: 7, by: officer)
            #expect(Array(second.rows.map(\.id)) == Array(everything[7..<14]))

            // Searching pages within the matches.
            let matches = try await Self.walk(pageSize: 4, \HouseholdRecord.id) {
                try await registry.households(in: commune.id, search: "chu ho 1", start: $0, pageSize: 4, by: officer)
            }
            #expect(matches.forward.count == 11, "Chủ hộ 1 and 10–19, found without diacritics")

            // Other provinces page nothing of this commune, whatever the cursor.
            let elsewhere = try await actor("quephong.hoi", environment)
            await #expect(throws: ServiceError.self) {
                _ = try await registry.households(in: commune.id, start: .after(everything[0]), by: elsewhere)
            }
            let own = try await area(.commune, "16738", environment)
            let foreignCursor = try await registry.households(in: own.id, start: .after(everything[0]), by: elsewhere)
            #expect(foreignCursor.rows.allSatisfy { $0.place.position.communeID == own.id })
        }
    }

    @Test("counting stops past the limit: a list says 'more than 10,000' instead of counting millions", arguments: TestDatabases.engines)
    func cappedCount(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let province = try await actor("hanoi.tinh", environment)
            let files = try TemporaryFiles()
            let count = PagedRows<Int>.countLimit + 50
            let rows = (1...count).map { "00376-01,\(1000 + $0),,Người thứ \($0),Chủ hộ" }.joined(separator: "\n")
            let file = try files.write("ho.csv", "village,household,address,full_name,relation\n\(rows)\n")
            _ = try await BulkImportService(environment).importHouseholds(file: file, by: province)
            let registry = RegistryService(environment)
            let commune = try await area(.commune, "00376", environment)
            let page = try await registry.households(in: commune.id, by: province)
            #expect(page.totalCapped && page.total == PagedRows<Int>.countLimit && page.rows.count == 50 && page.hasNext)
            let few = try await registry.households(in: commune.id, search: "nguoi thu 999", by: province)
            #expect(!few.totalCapped && few.total == 11, "a search within the limit is counted exactly (999 and 9990–9999)")
        }
    }

    @Test("citizens, units, clans, accounts and a cycle's evaluations page by key too", arguments: TestDatabases.engines)
    func otherLists(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let registry = RegistryService(environment)
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment)
            for index in 0..<9 {
                _ = try await registry.createCitizen(PersonDraft(fullName: "Công dân \(index % 3)", targetGroup: .resident), in: commune.id, by: officer)
                _ = try await registry.createUnit(UnitDraft(name: "Đơn vị \(index % 3)", kind: .school, staffCount: nil), in: commune.id, by: officer)
                _ = try await registry.createClan(ClanDraft(name: "Họ \(["Nguyễn", "Lê", "Đỗ"][index % 3]) \(index)", headName: ""), in: commune.id, by: officer)
            }
            func same(_ walked: (forward: [Int64], backward: [Int64], pages: Int), total: Int) {
                #expect(walked.forward.count == total && Set(walked.forward).count == total, "every row once")
                #expect(walked.backward == walked.forward.reversed())
            }
            let citizens = try await registry.citizens(in: commune.id, by: officer).total
            same(try await Self.walk(pageSize: 2, \PersonView.record.id) { try await registry.citizens(in: commune.id, start: $0, pageSize: 2, by: officer) },
                 total: citizens)
            let units = try await registry.units(in: commune.id, by: officer).total
            same(try await Self.walk(pageSize: 2, \UnitRecord.id) { try await registry.units(in: commune.id, start: $0, pageSize: 2, by: officer) }, total: units)
            let clans = try await registry.clans(in: commune.id, by: officer).total
            same(try await Self.walk(pageSize: 2, \ClanRecord.id) { try await registry.clans(in: commune.id, start: $0, pageSize: 2, by: officer) }, total: clans)

            let admin = try await actor("admin", environment)
            let accounts = AccountService(environment)
            let everyone = try await accounts.list(by: admin).total
            #expect(everyone >= 8)
            same(try await Self.walk(pageSize: 3, \AccountRecord.id) { try await accounts.list(by: admin, start: $0, pageSize: 3) }, total: everyone)

            let evaluations = EvaluationService(environment)
            let cycle = try await RollupServiceTests.familyCycle(environment, try await RollupServiceTests.people(environment))
            _ = try await evaluations.registerAll(cycleID: cycle.id, in: commune.id, by: officer)
            let count = try await evaluations.overview(cycle.id, by: officer).evaluations.total
            #expect(count > 4)
            same(try await Self.walk(pageSize: 3, \EvaluationRecord.id) { try await evaluations.overview(cycle.id, start: $0, pageSize: 3, by: officer).evaluations },
                 total: count)
        }
    }
}
