import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// Retention periods: set by the national administrator only, checked, versioned and audited;
/// applying them removes exactly what has run out, files included, and leaves the counts,
/// the decisions and both verifiers as they were.
@Suite("Retention of personal data")
struct RetentionServiceTests {
    @Test("the access log and the evidence of recognised evaluations go when their period has run out, nothing earlier",
          arguments: TestDatabases.engines)
    func apply(engine: DatabaseEngine) async throws {
        let clock = TestClock()
        try await withDemo(engine, clock: clock) { base in
            let files = try TemporaryFiles()
            var environment = base
            environment.evidenceStore = EvidenceStore(root: files.directory.path)
            let admin = try await actor("admin", environment), officer = try await actor("socson.hoi", environment)
            let photo = Array(try Data(contentsOf: PersonErasureTests.png))
            let holders = try await LearningRecordServiceTests.recognisedCitizens(1, environment) { evaluation in
                try await EvidenceService(environment).add(EvidenceDraft(fileBytes: photo, fileName: "goc.png", note: "", link: nil,
                                                                         capturedOn: Day(2026, 10, 1), itemIDs: ["1.1"]), to: evaluation.id, by: officer)
            }
            let holder = try await RegistryService(environment).person(try #require(holders.first), by: officer).record
            let household = try #require(holder.householdID)
            _ = try await RegistryService(environment).openHousehold(household, for: .householdPage, by: officer)
            let retention = RetentionService(environment)

            // Checked input, one administrator, versions.
            for bad in ["0", "-3", "mười", "40000"] {
                do {
                    try await retention.save(.evidenceRecognised, days: bad, expectedVersion: nil, by: admin)
                    Issue.record("\(bad) was accepted")
                } catch ServiceError.invalid(let issues) { #expect(issues.map(\.field) == ["days"]) }
            }
            await #expect(throws: ServiceError.self) { try await retention.save(.evidenceRecognised, days: "30", expectedVersion: nil, by: officer) }
            await #expect(throws: ServiceError.self) { _ = try await retention.apply(by: officer) }
            try await retention.save(.evidenceRecognised, days: "30", expectedVersion: nil, by: admin)
            await #expect(throws: ServiceError.self, "a second first setting is a stale write") {
                try await retention.save(.evidenceRecognised, days: "60", expectedVersion: nil, by: admin)
            }

            // Nothing has run out yet.
            var status = Dictionary(uniqueKeysWithValues: try await retention.status(by: admin).map { ($0.rule, $0) })
            #expect(status[.accessLog]?.days == 730 && status[.accessLog]?.setting == nil, "hoctap's default, labelled as such")
            #expect(status[.evidenceRecognised]?.days == 30 && status[.evidenceRecognised]?.due == 0 && status[.evidenceNotRecognised]?.days == nil)
            #expect(try await retention.apply(by: admin) == RetentionReport(accessLogEntries: 0, evaluations: 0, evidenceRecords: 0, files: 0))

            // 31 days on: the evidence of the recognised evaluation goes, file and all; the decision stays.
            clock.advance(by: 31 * 86_400)
            _ = try await RegistryService(environment).openHousehold(household, for: .householdPage, by: officer)
            status = Dictionary(uniqueKeysWithValues: try await retention.status(by: admin).map { ($0.rule, $0) })
            #expect(status[.evidenceRecognised]?.due == 1 && status[.accessLog]?.due == 0)
            let sha = EvidenceStore.digest(photo)
            let path = files.directory.appendingPathComponent("\(sha.prefix(2))/\(sha)").path
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await retention.apply(by: admin) == RetentionReport(accessLogEntries: 0, evaluations: 1, evidenceRecords: 1, files: 1))
            #expect(!FileManager.default.fileExists(atPath: path))
            let decided = try await environment.database.read {
                try await $0.raw("SELECT COUNT(*) AS n FROM decision_subjects").first(decodingColumn: "n", as: Int.self)
            }
            #expect(decided == 1)

            // Two years on: the first read goes, the one 31 days later stays until its own time.
            clock.advance(by: 700 * 86_400)
            #expect(try await retention.apply(by: admin).accessLogEntries == 1)
            #expect(try await RegistryService(environment).openHousehold(household, for: .householdPage, by: officer).recentReads.count == 2,
                    "the later read and this one")

            // Setting "keep" stops a rule; every change and run is in the trail; the counts and the chain verify.
            try await retention.save(.accessLog, days: "", expectedVersion: nil, by: admin)
            #expect(try await retention.status(by: admin).first { $0.rule == .accessLog }?.days == nil)
            let actions = try await environment.database.read {
                try await $0.raw("SELECT action FROM audit_events WHERE action LIKE 'retention.%' ORDER BY seq").all(decodingColumn: "action", as: String.self)
            }
            #expect(actions == ["retention.set", "retention.apply", "retention.apply", "retention.apply", "retention.set"])
            #expect(try await RollupService(environment).verify().isEmpty)
            #expect(try await AuditService(environment).verify().isIntact)
            withExtendedLifetime(files) {}
        }
    }
}
