import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// Erasing a person's data on request: the record and what hangs on it go, evidence files go
/// from disk once nothing uses them, a recognition decision keeps its minimal record, the counts
/// and both verifiers stay exact.
@Suite("Erasing a person's data")
struct PersonErasureTests {
    static let png = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HoctapWebTests/Fixtures/goc-hoc-tap.png")

    @Test("a decided citizen keeps name and title in the decision; an undecided one loses the name; evidence files leave the disk when unused",
          arguments: TestDatabases.engines)
    func erase(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { base in
            let files = try TemporaryFiles()
            var environment = base
            environment.evidenceStore = EvidenceStore(root: files.directory.path)
            let officer = try await actor("socson.hoi", environment)
            let registry = RegistryService(environment)
            let decidedID = try #require(try await LearningRecordServiceTests.recognisedCitizens(1, environment).first)

            // Two undecided citizens of the same cycle share one photo as evidence.
            let (undecided, other) = try await environment.database.read { db -> (EvaluationRecord, EvaluationRecord) in
                let rows = try await db.raw("""
                    SELECT id FROM evaluations WHERE subject_kind = 'person' AND state = 'draft' ORDER BY id LIMIT 2
                    """).all(decodingColumn: "id", as: Int64.self)
                let repository = EvaluationRepository(db)
                return (try await repository.evaluation(rows[0], within: .nation)!, try await repository.evaluation(rows[1], within: .nation)!)
            }
            let photo = Array(try Data(contentsOf: Self.png))
            for evaluation in [undecided, other] {
                try await EvidenceService(environment).add(EvidenceDraft(fileBytes: photo, fileName: "goc.png", note: "Góc học tập", link: nil,
                                                                         capturedOn: Day(2026, 10, 1), itemIDs: ["1.1"]), to: evaluation.id, by: officer)
            }
            try await LearningRecordService(environment).addEntry(undecided.subjectID, LearningEntryDraft(
                kind: .course, title: "Tin học văn phòng", provider: "", startsOn: Day(2026, 5, 1)!, endsOn: nil, hours: 20, certificate: ""), by: officer)
            let stored = EvidenceStore.digest(photo)
            let storedPath = files.directory.appendingPathComponent("\(stored.prefix(2))/\(stored)").path
            #expect(FileManager.default.fileExists(atPath: storedPath))

            // Bad requests change nothing.
            let person = try await registry.person(undecided.subjectID, by: officer).record
            do {
                _ = try await registry.erasePerson(person.id, expectedVersion: person.version, receivedOn: "31/02/2026", basis: " ", confirmed: false, by: officer)
                Issue.record("an unconfirmed erasure went through")
            } catch ServiceError.invalid(let issues) {
                #expect(Set(issues.map(\.field)) == ["receivedOn", "basis", "confirm"])
            }
            await #expect(throws: ServiceError.self) {
                _ = try await registry.erasePerson(person.id, expectedVersion: person.version + 1, receivedOn: "20/11/2026", basis: "Đơn", confirmed: true, by: officer)
            }
            let council = try await actor("socson.hoidong", environment)
            await #expect(throws: ServiceError.self, "the council sees the record but does not manage it") {
                _ = try await registry.erasePerson(person.id, expectedVersion: person.version, receivedOn: "20/11/2026", basis: "Đơn", confirmed: true, by: council)
            }
            #expect(try await EvidenceService(environment).evidence(of: undecided.id, by: officer).count == 1)

            // The undecided citizen: the name on the evaluation goes, the evidence goes, the file stays (the other uses it).
            let preview = try await registry.erasurePreview(person.id, by: officer)
            #expect(preview.anonymised.map(\.id) == [undecided.id] && preview.keptForDecisions.isEmpty && preview.evidenceRecords == 1
                    && preview.learningEntries == 1)
            let first = try await registry.erasePerson(person.id, expectedVersion: person.version, receivedOn: "20/11/2026",
                                                       basis: "Đơn đề nghị nộp tại UBND xã", confirmed: true, by: officer)
            #expect(first == ErasureReport(evidenceRecords: 1, files: 0, keptForDecisions: 0, anonymised: 1))
            await #expect(throws: ServiceError.self) { _ = try await registry.person(person.id, by: officer) }
            let after = try #require(try await environment.database.read { try await EvaluationRepository($0).evaluation(undecided.id, within: .nation) })
            #expect(after.subjectName == RegistryService.erasedName && after.shareToken != undecided.shareToken && after.state == .draft)
            #expect(try await environment.database.read { try await EvaluationRepository($0).evaluation(shareToken: undecided.shareToken) } == nil,
                    "the link handed out before stops working")
            #expect(FileManager.default.fileExists(atPath: storedPath), "still used by the other citizen's evidence")
            let learning = try await environment.database.read {
                try await $0.raw("SELECT COUNT(*) AS n FROM learning_entries WHERE person_id = \(bind: person.id)").first(decodingColumn: "n", as: Int.self)
            }
            #expect(learning == 0)

            // The other one: no evidence uses the file any more, but the portal shows the same bytes
            // as an article's image (the store is shared by content), so the file stays on disk.
            let portal = PortalService(environment)
            let article = try await portal.createArticle(ArticleDraft(kind: .news, title: "Góc học tập", summary: "", body: "Ảnh.", category: "", tags: []),
                                                         area: try await area(.province, "01", environment).id, by: try await actor("hanoi.tinh", environment))
            _ = try await portal.attach(fileName: "goc.png", bytes: photo, to: article.id, by: try await actor("hanoi.tinh", environment))
            let second = try await registry.person(other.subjectID, by: officer).record
            let report = try await registry.erasePerson(second.id, expectedVersion: second.version, receivedOn: "2026-11-20", basis: "Biên bản",
                                                        confirmed: true, by: officer)
            #expect(report.evidenceRecords == 1 && report.files == 0 && FileManager.default.fileExists(atPath: storedPath),
                    "the article's image is the same file")

            // The recognised citizen, shown on the portal as an exemplary model with a photo: the
            // decision keeps the name and the title; the story and its photo leave the portal (and the disk).
            let holder = try await registry.person(decidedID, by: officer).record
            let decidedEvaluation = try #require(try await environment.database.read {
                try await ErasureRepository($0).evaluations(of: .person, id: holder.id).first { $0.decided }
            })
            let portrait = Array(try Data(contentsOf: Self.png.deletingLastPathComponent().appendingPathComponent("hoc-ba.jpg")))
            _ = try await ExemplaryService(environment).nominate(evaluation: decidedEvaluation.id, NominationDraft(
                story: "Tự học tin học ở tuổi 60, nay hướng dẫn cả thôn dùng điện thoại để học.", consent: true, consentNote: "Đồng ý bằng văn bản ngày 1/10/2026"),
                photos: [.init(fileName: "chan-dung.jpg", bytes: portrait)], by: officer)
            let portraitPath = files.directory.appendingPathComponent("\(EvidenceStore.digest(portrait).prefix(2))/\(EvidenceStore.digest(portrait))").path
            #expect(FileManager.default.fileExists(atPath: portraitPath))
            let kept = try await registry.erasePerson(holder.id, expectedVersion: holder.version, receivedOn: "20/11/2026", basis: "Đơn",
                                                      confirmed: true, by: officer)
            #expect(kept.keptForDecisions == 1 && kept.anonymised == 0 && kept.exemplaryModels == 1 && kept.files == 1)
            #expect(!FileManager.default.fileExists(atPath: portraitPath), "consent withdrawn: the portrait is gone")
            #expect(try await ExemplaryService(environment).nomination(of: decidedEvaluation.id, by: officer) == nil)
            // A head (the demo's residents head their households): the household stays, without the name.
            if holder.relation == .head, let householdID = holder.householdID {
                let household = try await registry.household(householdID, by: officer).household
                #expect(household.headName == "Chủ hộ đã xóa dữ liệu")
            }
            let decision = try await environment.database.read { db in
                try await db.raw("""
                    SELECT d.subject_name, d.verdict_label, e.subject_name AS evaluation_name FROM decision_subjects d
                    JOIN evaluations e ON e.id = d.evaluation_id WHERE e.subject_kind = 'person' AND e.subject_id = \(bind: holder.id)
                    """).first()
            }
            let row = try #require(decision)
            #expect(try row.decode(column: "subject_name", as: String.self) == holder.fullName)
            #expect(try row.decode(column: "evaluation_name", as: String.self) == holder.fullName)

            // The trail names no one it erased; the counts and the chain still verify.
            let summaries = try await environment.database.read {
                try await $0.raw("SELECT summary FROM audit_events WHERE action = 'person.erase'").all(decodingColumn: "summary", as: String.self)
            }
            #expect(summaries.count == 3)
            #expect(!summaries.contains { $0.contains(person.fullName) || $0.contains(holder.fullName) })
            #expect(try await RollupService(environment).verify().isEmpty)
            #expect(try await AuditService(environment).verify().isIntact)
            withExtendedLifetime(files) {}
        }
    }
}
