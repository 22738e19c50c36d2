import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Library harvesting over OAI-PMH")
struct LibraryHarvestTests {
    static func harvester(_ environment: ServiceEnvironment) -> LibraryHarvester {
        // A 1 MB cap on answers, so the test server's oversized one passes it.
        LibraryHarvester(environment, fetcher: URLSessionFetcher(timeout: 2, allowPrivate: true, maximumBytes: 1 << 20), retries: 2, firstPause: 0.05)
    }

    static func count(_ environment: ServiceEnvironment) async throws -> Int {
        try await environment.database.read { try await $0.raw("SELECT COUNT(*) AS n FROM library_records").first(decodingColumn: "n", as: Int.self) ?? -1 }
    }

    @Test("a multi-page harvest, then an incremental one with changes and deletions; search finds records without diacritics",
          arguments: TestDatabases.engines)
    func harvest(engine: DatabaseEngine) async throws {
        guard let server = try OAIServerProcess(records: OAIServerProcess.catalogue(8)) else {
            Issue.record(Comment(rawValue: OAIServerProcess.unavailable), severity: .warning)
            return
        }
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let library = LibraryService(environment)
            let source = try await library.addSource(name: "Thư viện tỉnh thử nghiệm", baseURL: server.url(), setSpec: nil, provinceID: nil, by: admin)
            let first = try await Self.harvester(environment).harvest(source.id)
            #expect(first.succeeded && first.stored == 8 && first.pages == 3, "\(first.message)")
            #expect(try await Self.count(environment) == 8)
            let described = try #require(try await library.sources().first)
            #expect(described.repositoryName == "Thư viện tỉnh thử nghiệm" && described.status == .ok && described.recordCount == 8 && described.harvestedUntil != nil)

            let found = try await library.search("nguyen duong")
            #expect(found.hits.map(\.record.identifier) == ["oai:tv:1"], "\(found.hits.map(\.record.title))")
            #expect(found.hits.first?.title.contains { $0.marked } == false && found.hits.first?.record.link == "https://thuvien.example.vn/record/1")
            let byTitle = try await library.search("GUONG sang")
            #expect(byTitle.hits.first?.title.filter(\.marked).map(\.text) == ["Gương", "sáng"])
            #expect(try await library.search("dak lak").total == 8)
            let nothing = try await library.search(""), unknown = try await library.search("zzzz")
            #expect(nothing.hits.isEmpty && unknown.hits.isEmpty)

            // The library changes: record 2 is corrected, 3 deleted, 9 and 10 added, all dated
            // after the first harvest; an incremental harvest asks only for those.
            // Datestamps are whole seconds: a second apart from each harvest's responseDate.
            try await Task.sleep(nanoseconds: 1_100_000_000)
            var next = OAIServerProcess.catalogue(8)
            let later = ISO8601DateFormatter().string(from: Date())
            next[1]["title"] = ["Tài liệu số hai đã sửa"]
            next[1]["datestamp"] = later
            next[2] = ["identifier": "oai:tv:3", "datestamp": later, "deleted": true]
            next += OAIServerProcess.catalogue(2, from: 9).map { var r = $0; r["datestamp"] = later; return r }
            try server.write(next)
            try await Task.sleep(nanoseconds: 1_100_000_000)
            let second = try await Self.harvester(environment).harvest(source.id)
            #expect(second.succeeded && second.stored == 3 && second.deleted == 1 && second.pages == 2, "\(second.message)")
            #expect(try await Self.count(environment) == 9)
            #expect(try await library.search("da sua").hits.map(\.record.identifier) == ["oai:tv:2"])
            #expect(try await library.search("tai lieu so 3").hits.isEmpty, "the deleted record left the index")

            // Nothing new: noRecordsMatch is a normal, empty harvest.
            let third = try await Self.harvester(environment).harvest(source.id)
            #expect(third.succeeded && third.stored == 0 && third.pages == 0, "\(third.message)")
        }
    }

    @Test("bad XML, an error code, an endless token, a timeout: each a clear message, the watermark kept; a busy server is retried",
          arguments: TestDatabases.engines)
    func misbehaving(engine: DatabaseEngine) async throws {
        guard let server = try OAIServerProcess(records: OAIServerProcess.catalogue(4)) else {
            Issue.record(Comment(rawValue: OAIServerProcess.unavailable), severity: .warning)
            return
        }
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let library = LibraryService(environment)
            let cases: [(path: String, words: String)] = [("bad-xml", "XML hợp lệ"), ("error", "badArgument"), ("loop", "vòng lặp"),
                                                          ("slow", "không trả lời trong thời hạn"),
                                                          // Issue 18: a peer built to exhaust or mislead the harvester.
                                                          ("laughs", "DTD"), ("redirect-loop", "chuyển hướng quá 5 lần"), ("huge", "lớn quá 1 MB")]
            for (path, words) in cases {
                let source = try await library.addSource(name: "Thư viện \(path)", baseURL: server.url(path), setSpec: nil, provinceID: nil, by: admin)
                let report = try await Self.harvester(environment).harvest(source.id)
                #expect(!report.succeeded && report.message.contains(words), "\(path): \(report.message)")
                let stored = try #require(try await library.sources().first { $0.id == source.id })
                #expect(stored.status == .failed && stored.message == report.message && stored.harvestedUntil == nil, "\(path)")
            }
            // The loop's one page was stored whole; search still works.
            #expect(try await library.search("vong lap").hits.count == 1)

            let busy = try await library.addSource(name: "Thư viện bận", baseURL: server.url("busy"), setSpec: nil, provinceID: nil, by: admin)
            let report = try await Self.harvester(environment).harvest(busy.id)
            #expect(report.succeeded && report.stored == 4, "retried after 503 with Retry-After: \(report.message)")
        }
    }

    @Test("registering a library: validated, unique, scoped to the province's officers, audited")
    func sources() async throws {
        try await withDemo(.sqlite) { environment in
            let library = LibraryService(environment)
            let province = try await actor("hanoi.tinh", environment)
            let hanoi = try await area(.province, "01", environment)
            let nghean = try await area(.province, "40", environment)
            do {
                _ = try await library.addSource(name: " ", baseURL: "ftp://x/oai?verb=Identify", setSpec: nil, provinceID: hanoi.id, by: province)
                Issue.record("accepted")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.map(\.field) == ["name", "baseURL"])
            }
            let added = try await library.addSource(name: "Thư viện Hà Nội", baseURL: "https://thuvien.hanoi.example.vn/oai", setSpec: " ", provinceID: hanoi.id, by: province)
            #expect(added.provinceID == hanoi.id && added.setSpec == nil && added.status == .new)
            await #expect(throws: ServiceError.self) {
                _ = try await library.addSource(name: "Lặp", baseURL: "https://thuvien.hanoi.example.vn/oai", setSpec: nil, provinceID: hanoi.id, by: province)
            }
            await #expect(throws: ServiceError.self) {
                _ = try await library.addSource(name: "Quốc gia", baseURL: "https://nlv.example.vn/oai", setSpec: nil, provinceID: nil, by: province)
            }
            await #expect(throws: ServiceError.self) {
                _ = try await library.addSource(name: "Nghệ An", baseURL: "https://na.example.vn/oai", setSpec: nil, provinceID: nghean.id, by: province)
            }
            let commune = try await actor("socson.hoi", environment)
            await #expect(throws: ServiceError.self) { try await library.removeSource(added.id, by: commune) }
            try await library.removeSource(added.id, by: province)
            #expect(try await library.sources().isEmpty)
            let actions = try await environment.database.read { db in
                try await db.raw("SELECT action FROM audit_events WHERE action LIKE 'library.%' ORDER BY seq").all().map { try $0.decode(column: "action", as: String.self) }
            }
            #expect(actions == ["library.add", "library.remove"])
        }
    }
}
