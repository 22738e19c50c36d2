import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Digital skills and lifelong-learning records")
struct LearningRecordServiceTests {
    /// A complete citizen set for residents, official so that a commune may recognise with it.
    static let officialCitizenSet = """
        format: hoctap-criteria/1
        id: "kiem-thu-cong-dan"
        model: citizen
        name: "Bộ tiêu chí Công dân học tập kiểm thử"
        issuer: "Quản trị toàn quốc (kiểm thử)"
        document: {number: "02/KT", date: 2026-01-01}
        effective: {from: 2026-01-01}
        status: official
        target_group: "resident"
        provenance: ["Bộ tiêu chí hoàn chỉnh dùng trong kiểm thử kỹ năng số."]
        scoring:
          style: points
          grades:
            - {code: "dat", label: "Đạt", min_total: 15}
          fail: {code: "khong-dat", label: "Chưa đạt"}
        criteria:
          - id: "1"
            name: "Tự học"
            points: 20
            items:
              - {id: "1.1", text: "Tự học hằng ngày.", points: 10, mandatory: true}
              - {id: "1.2", text: "Dùng công cụ số để học.", points: 10, mandatory: true}
        """

    /// Recognises `count` of Sóc Sơn's resident learning citizens in 2026 (the shipped set, every item full marks); returns their person ids.
    /// `beforeSubmit` runs on each chosen evaluation while it can still take evidence.
    static func recognisedCitizens(_ count: Int, _ environment: ServiceEnvironment,
                                   beforeSubmit: (EvaluationRecord) async throws -> Void = { _ in }) async throws -> [Int64] {
        let people = try await RollupServiceTests.people(environment)
        let commune = try await area(.commune, "00376", environment)
        let evaluations = EvaluationService(environment)
        let criteria = CriteriaService(environment)
        let draft = try await criteria.importDraft(officialCitizenSet, by: people.admin)
        _ = try await criteria.publish("kiem-thu-cong-dan", expectedVersion: draft.record.version, by: people.admin)
        let cycle = try await evaluations.openCycle(communeID: commune.id, year: 2026, model: .citizen, targetGroup: .resident, setID: "kiem-thu-cong-dan",
                                                    by: people.commune)
        _ = try await evaluations.registerAll(cycleID: cycle.id, in: commune.id, by: people.commune)
        let chosen = Array(try await evaluations.overview(cycle.id, pageSize: 100, by: people.commune).evaluations.rows.sorted { $0.id < $1.id }.prefix(count))
        let set = try await CriteriaService(environment).published(cycle.setID, version: cycle.setVersion).set
        var input = ScoringInput()
        for item in set.items {
            if case .points(let max, _) = item.answer { input.items[item.id] = .number(max) }
        }
        for evaluation in chosen {
            try await beforeSubmit(evaluation)
            _ = try await evaluations.saveAnswers(evaluation.id, input: input, assessedBy: "Chính người dân", expectedVersion: evaluation.version, by: people.commune)
            try await evaluations.transition(evaluation.id, action: .submit, reason: nil, expectedVersion: evaluation.version + 1, by: people.commune)
            try await evaluations.transition(evaluation.id, action: .review, reason: nil, expectedVersion: evaluation.version + 2, by: people.commune)
        }
        _ = try await DecisionService(environment).recordCouncil(
            cycleID: cycle.id, heldOn: Day(2026, 11, 20), members: "Hội đồng", minutes: "Họp",
            outcomes: chosen.map { CouncilOutcome(evaluationID: $0.id, approved: true, reason: nil) }, by: people.council)
        _ = try await DecisionService(environment).issueDecision(cycleID: cycle.id, DecisionDraft(
            number: "7/QĐ-UBND", signedOn: Day(2026, 11, 21), signerName: "Lê Minh Đức", signerTitle: "Chủ tịch", legalBasis: "Căn cứ.",
            validUntil: nil, evaluationIDs: chosen.map(\.id)), by: people.authority)
        return chosen.map(\.subjectID)
    }

    @Test("the 677 counts: title holders with digital skills, and the proficient share by both readings", arguments: TestDatabases.engines)
    func digitalFigures(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment)
            let holders = try await Self.recognisedCitizens(5, environment)
            let records = LearningRecordService(environment)
            // Two proficient, one basic (recorded the year before, still counted), one not yet, one never assessed.
            try await records.setDigitalSkill(holders[0], year: 2026, level: .proficient, note: "", expectedVersion: nil, by: officer)
            try await records.setDigitalSkill(holders[1], year: 2026, level: .proficient, note: "", expectedVersion: nil, by: officer)
            try await records.setDigitalSkill(holders[2], year: 2025, level: .basic, note: "Lớp tin học 2025", expectedVersion: nil, by: officer)
            try await records.setDigitalSkill(holders[3], year: 2026, level: .none, note: "", expectedVersion: nil, by: officer)
            let socSon = try await area(.commune, "00376", environment)
            let commune = try await records.digitalFigures(socSon, year: 2026)
            #expect(commune.total == DigitalSkillCounts(holders: 5, skilled: 3, proficient: 2, assessed: 4))
            #expect(commune.total.skilledShare == 0.6 && commune.total.proficientOfHolders == 0.4)
            #expect(commune.total.proficientOfSkilled.map { abs($0 - 2.0 / 3.0) < 1e-9 } == true, "the other reading of 'trong đó'")
            let nation = try await records.digitalFigures(try await area(.nation, "VN", environment), year: 2026)
            #expect(nation.total == commune.total && nation.children.count == 1, "the country adds up the same people, under Hà Nội")
            #expect(try await records.digitalFigures(socSon, year: 2025).total.holders == 0, "no title holders that year")

            // A second result for the same year needs the version it replaces.
            do {
                try await records.setDigitalSkill(holders[3], year: 2026, level: .basic, note: "", expectedVersion: nil, by: officer)
                Issue.record("a second result overwrote the first")
            } catch ServiceError.conflict {}
            try await records.setDigitalSkill(holders[3], year: 2026, level: .basic, note: "", expectedVersion: 1, by: officer)
            #expect(try await records.digitalFigures(socSon, year: 2026).total.skilled == 4)
            do {
                try await records.setDigitalSkill(holders[3], year: 2027, level: .basic, note: "", expectedVersion: nil, by: officer)
                Issue.record("a future year was accepted")
            } catch ServiceError.invalid {}
        }
    }

    @Test("entries are checked, kept by the officials of the person's area, exported with the centre's classes as open JSON",
          arguments: TestDatabases.engines)
    func recordAndExport(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment), village = try await actor("socson.thon", environment)
            let commune = try await area(.commune, "00376", environment)
            let household = try #require(try await RegistryService(environment).households(in: commune.id, pageSize: 1, by: officer).rows.first)
            let person = try #require(try await environment.database.read { try await RegistryRepository($0).members(of: household.id) }.first)
            let records = LearningRecordService(environment)
            do {
                try await records.addEntry(person.id, LearningEntryDraft(kind: .certificate, title: "Tin học cơ bản", provider: "", startsOn: Day(2027, 1, 1)!,
                                                                         endsOn: Day(2026, 1, 1), hours: -2, certificate: ""), by: officer)
                Issue.record("a bad entry was saved")
            } catch ServiceError.invalid(let issues) {
                #expect(Set(issues.map(\.field)) == ["startsOn", "endsOn", "hours", "certificate"])
            }
            try await records.addEntry(person.id, LearningEntryDraft(kind: .certificate, title: "Chứng chỉ ứng dụng CNTT cơ bản", provider: "Trung tâm GDNN-GDTX",
                                                                     startsOn: Day(2025, 4, 1)!, endsOn: Day(2025, 6, 30), hours: 60,
                                                                     certificate: "Số 123/CNTT"), by: village)
            let centres = LearningCentreService(environment)
            _ = try await centres.save(commune: commune.id, CentreDraft(name: "TTHTCĐ xã Sóc Sơn", establishedYear: nil, address: "", resources: ""),
                                       expectedVersion: nil, by: officer)
            let activity = try await centres.addActivity(commune: commune.id, CentreActivityDraft(
                kind: .talk, topic: "Phòng chống lừa đảo trực tuyến", startsOn: Day(2026, 3, 1)!, endsOn: Day(2026, 3, 1)!, hours: 3, participants: 40), by: officer)
            try await centres.recordAttendance(activity.id, add: [person.id], remove: [], by: officer)

            let export = try await records.export(person.id, by: officer)
            #expect(export.format == "hoctap-learning-record/1" && export.learner.fullName == person.fullName)
            #expect(export.entries.map(\.source) == ["officer", "centre-attendance"] && export.totalHours == 63)
            let json = try JSONEncoder().encode(export)
            let decoded = try JSONDecoder().decode(LearningRecordExport.self, from: json)
            #expect(decoded.entries.count == 2 && decoded.entries[0].certificate == "Số 123/CNTT")

            // Outside the area: not found; a viewer reads but does not add or export.
            let quePhong = try await actor("quephong.hoi", environment)
            do { _ = try await records.record(person.id, by: quePhong); Issue.record("another province read the record") } catch ServiceError.notFound {}
            let council = try await actor("socson.hoidong", environment)
            #expect(try await records.record(person.id, by: council).canManage == false)
            do { _ = try await records.export(person.id, by: council); Issue.record("a council member exported the record") } catch ServiceError.forbidden {}
            let entry = try #require(try await records.record(person.id, by: officer).entries.first)
            do { _ = try await records.removeEntry(entry.id, by: quePhong); Issue.record("removed from elsewhere") } catch ServiceError.notFound {}
            #expect(try await records.removeEntry(entry.id, by: officer) == person.id)
            #expect(try await records.record(person.id, by: officer).entries.isEmpty)
            let audited = try await environment.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'person.learning_%'").first(decodingColumn: "n", as: Int.self)
            }
            #expect(audited == 3, "added, exported, removed")
        }
    }
}
