import Foundation
import HoctapDomain
import HoctapStorage

/// What erasing one person's data would do, shown before the official confirms.
public struct ErasurePreview: Sendable {
    public var person: PersonView
    /// Evaluations named in a recognition decision: their row, the name and the title stay as the decision's minimal record.
    public var keptForDecisions: [ErasableEvaluation]
    /// Evaluations no decision names: they stay in the counts under a replaced name.
    public var anonymised: [ErasableEvaluation]
    public var evidenceRecords: Int
    public var learningEntries: Int
    public var digitalSkills: Int
    /// For a household head: the household keeps existing, its head's name is replaced until officials record a new head.
    public var isHouseholdHead: Bool
}

/// What an erasure did.
public struct ErasureReport: Sendable, Equatable {
    public var evidenceRecords: Int
    /// Files removed from disk (those nothing else uses).
    public var files: Int
    public var keptForDecisions: Int
    public var anonymised: Int
    /// Exemplary-model stories (with their photos) taken off the portal.
    public var exemplaryModels: Int

    public init(evidenceRecords: Int, files: Int, keptForDecisions: Int, anonymised: Int, exemplaryModels: Int = 0) {
        self.evidenceRecords = evidenceRecords
        self.files = files
        self.keptForDecisions = keptForDecisions
        self.anonymised = anonymised
        self.exemplaryModels = exemplaryModels
    }
}

/// Erasing a person's data on their request, where the law allows it. The record goes with
/// everything that hangs on it (citizen ID, learning record, digital skills, centre attendance),
/// and so does the evidence of their evaluations; what a recognition decision names stays as its
/// minimal record (name, year, title, decision), and every other evaluation keeps only its place
/// in the counts, under "Người đã xóa dữ liệu". The access log and the audit trail stay: they are
/// the record of who processed the data, which the rules require to keep.
extension String {
    /// The text with its first letter in capitals (Vietnamese letters included).
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}

extension RegistryService {
    /// The name an evaluation carries once its subject's data is erased.
    public static let erasedName = "Người đã xóa dữ liệu"
    /// What stands for an erased head's name in the household's record and its undecided evaluations.
    public static let erasedHead = "chủ hộ đã xóa dữ liệu"

    public func erasurePreview(_ id: PersonRecord.ID, by actor: Actor) async throws -> ErasurePreview {
        let view = try await person(id, by: actor)
        try Authorization.require(actor, .manageSubject(view.record.place.position), notFound: "Không tìm thấy người này.")
        return try await environment.database.read { db in
            let erasure = ErasureRepository(db)
            let evaluations = try await erasure.evaluations(of: .person, id: id)
            var evidence = 0
            for evaluation in evaluations { evidence += try await EvidenceRepository(db).evidence(of: evaluation.id).count }
            let records = LearningRecordRepository(db)
            return ErasurePreview(
                person: view, keptForDecisions: evaluations.filter(\.decided), anonymised: evaluations.filter { !$0.decided },
                evidenceRecords: evidence, learningEntries: try await records.entries(of: id).count,
                digitalSkills: try await records.digitalSkills(of: id).count,
                isHouseholdHead: view.record.relation == .head && view.record.householdID != nil)
        }
    }

    /// Erases the person's data in one transaction (nothing half-done survives a failure), then
    /// removes from disk the evidence files nothing else uses.
    public func erasePerson(_ id: PersonRecord.ID, expectedVersion: Int, receivedOn: String, basis: String, confirmed: Bool,
                            by actor: Actor) async throws -> ErasureReport {
        // Scope and rights first; the transaction below reads the record again under its lock.
        let current = try await person(id, by: actor).record
        try Authorization.require(actor, .manageSubject(current.place.position), notFound: "Không tìm thấy người này.")
        let today = Day(containing: environment.clock.now())
        let basis = VietnameseText.normalized(basis)
        var issues: [FieldIssue] = []
        let received = Day(vietnamese: receivedOn) ?? Day(iso: receivedOn)
        if received == nil { issues.append(FieldIssue("receivedOn", "Hãy nhập ngày nhận yêu cầu (ngày/tháng/năm).")) }
        else if let received, received > today { issues.append(FieldIssue("receivedOn", "Ngày nhận yêu cầu không thể sau hôm nay.")) }
        if basis.isEmpty { issues.append(FieldIssue("basis", "Hãy ghi yêu cầu được nhận thế nào (đơn, biên bản…) để lưu vết.")) }
        if basis.count > 500 { issues.append(FieldIssue("basis", "Ghi chú dài quá 500 ký tự.")) }
        if !confirmed { issues.append(FieldIssue("confirm", "Hãy đánh dấu xác nhận: việc xóa không hoàn tác được.")) }
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }
        let moment = environment.clock.now()
        let report: (ErasureReport, [String]) = try await environment.database.transaction { db in
            let erasure = ErasureRepository(db)
            let repository = RegistryRepository(db)
            guard let person = try await repository.person(id, within: actor.scope), person.version == expectedVersion else {
                throw ServiceError.conflict("Thông tin của người này đã được sửa sau khi bạn mở; hãy tải lại và xem lại trước khi xóa.")
            }
            let evaluations = try await erasure.evaluations(of: .person, id: id)
            let removed = try await erasure.deleteEvidence(of: evaluations.map(\.id))
            let exemplary = try await erasure.deleteExemplary(of: evaluations.map(\.id))
            for evaluation in evaluations {
                try await erasure.anonymise(evaluation: evaluation.id, name: evaluation.decided ? nil : Self.erasedName,
                                            shareToken: Secrets.token(), at: moment)
            }
            var household = ""
            if person.relation == .head, let householdID = person.householdID,
               let record = try await repository.household(householdID, within: .nation) {
                // The household is the other members' record too: it stays, without the head's name.
                if record.headName == person.fullName {
                    try await repository.updateHousehold(householdID, HouseholdDraft(headName: Self.erasedHead.capitalisedFirst, address: record.address),
                                                         expectedVersion: record.version, at: moment)
                }
                for evaluation in try await erasure.evaluations(of: .household, id: householdID)
                where !evaluation.decided && evaluation.subjectName.contains(person.fullName) {
                    try await erasure.anonymise(evaluation: evaluation.id,
                                                name: evaluation.subjectName.replacingOccurrences(of: person.fullName, with: Self.erasedHead),
                                                shareToken: nil, at: moment)
                }
                household = "; tên chủ hộ của hộ \(record.code) được thay"
            }
            try await repository.deletePerson(id)
            let kept = evaluations.filter(\.decided)
            let report = ErasureReport(evidenceRecords: removed.records, files: 0,
                                       keptForDecisions: kept.count, anonymised: evaluations.count - kept.count, exemplaryModels: exemplary.models)
            // The summary names no one: the entry outlives the data it is about.
            try await audit(db, actor, "person.erase", "person", id, person.place,
                            "Xóa dữ liệu cá nhân của người số \(id) theo yêu cầu nhận ngày \(VietnameseFormat.date(received!)) (\(basis)): "
                            + "\(report.evidenceRecords) minh chứng, \(report.anonymised) phiếu đánh giá bỏ tên"
                            + household + (exemplary.models == 0 ? "" : "; gỡ \(exemplary.models) mô hình tiêu biểu khỏi cổng thông tin")
                            + (kept.isEmpty ? "" : "; giữ tên và danh hiệu trong quyết định công nhận năm \(kept.map { String($0.year) }.joined(separator: ", "))"))
            return (report, removed.orphanedFiles + exemplary.files)
        }
        var done = report.0
        done.files = try await removeFiles(report.1)
        return done
    }

    /// Removes from disk the files whose evidence rows are gone, unless something else uses the
    /// same bytes (the portal, another upload since); returns how many were removed.
    func removeFiles(_ digests: [String]) async throws -> Int {
        guard let store = environment.evidenceStore else { return 0 }
        var removed = 0
        for sha in digests where !(try await environment.database.read { try await ErasureRepository($0).fileInUse(sha) }) {
            store.remove(sha)
            removed += 1
        }
        return removed
    }
}
