import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// The rollups against a fresh recount, after random sequences of everything that changes a
/// subject's state: registrations, answers, submissions, returns, reviews, council meetings,
/// decisions and amending decisions. Refused steps must leave the rollups as they were too.
@Suite("Rollups")
struct RollupServiceTests {
    static let officialFamilySet = """
        format: hoctap-criteria/1
        id: "kiem-thu-tong-hop"
        model: family
        name: "Bộ tiêu chí kiểm thử tổng hợp"
        issuer: "Quản trị toàn quốc (kiểm thử)"
        document: {number: "01/KT", date: 2026-01-01}
        effective: {from: 2026-01-01}
        status: official
        provenance: ["Bộ tiêu chí hoàn chỉnh dùng trong kiểm thử số liệu tổng hợp."]
        scoring:
          style: points
          grades:
            - {code: "dat", label: "Đạt", min_total: 15}
          fail: {code: "khong-dat", label: "Chưa đạt"}
        criteria:
          - id: "1"
            name: "Học tập"
            points: 20
            items:
              - {id: "1.1", text: "Tham gia lớp học.", points: 10, mandatory: true}
              - {id: "1.2", text: "Có tủ sách.", points: 10, mandatory: true}
        """

    struct People {
        var admin, commune, village, council, authority: Actor
    }

    static func people(_ environment: ServiceEnvironment) async throws -> People {
        People(admin: try await actor("admin", environment), commune: try await actor("socson.hoi", environment),
               village: try await actor("socson.thon", environment), council: try await actor("socson.hoidong", environment),
               authority: try await actor("socson.ubnd", environment))
    }

    /// Publishes the official test set and opens Sóc Sơn's 2026 family cycle with it.
    static func familyCycle(_ environment: ServiceEnvironment, _ people: People) async throws -> CycleRecord {
        let criteria = CriteriaService(environment)
        let draft = try await criteria.importDraft(officialFamilySet, by: people.admin)
        _ = try await criteria.publish("kiem-thu-tong-hop", expectedVersion: draft.record.version, by: people.admin)
        let commune = try await area(.commune, "00376", environment)
        return try await EvaluationService(environment).openCycle(communeID: commune.id, year: 2026, model: .family, setID: "kiem-thu-tong-hop",
                                                                  by: people.commune)
    }

    @Test("property: after any random sequence of steps the rollups equal a fresh recount", arguments: TestDatabases.engines, [UInt64(1), 2, 3])
    func randomSequences(engine: DatabaseEngine, seed: UInt64) async throws {
        try await withDemo(engine) { environment in
            let people = try await Self.people(environment)
            let cycle = try await Self.familyCycle(environment, people)
            let evaluations = EvaluationService(environment)
            let decisions = DecisionService(environment)
            let rollups = RollupService(environment)
            let villages = try await environment.database.read { try await AreaRepository($0).children(of: cycle.communeID) }.map(\.area)
            var random = SeededRandom(seed: seed)
            var issued: [DecisionRecord] = []
            var refused = 0
            let village = try #require(villages.first)
            _ = try await evaluations.registerAll(cycleID: cycle.id, in: village.id, by: people.commune)
            for step in 0..<120 {
                let all = try await evaluations.overview(cycle.id, pageSize: 500, by: people.commune).evaluations.rows
                let pick = try #require(all.randomElement(using: &random))
                let roll = Int.random(in: 0..<100, using: &random)
                do {
                    if roll < 4 {
                        _ = try await evaluations.registerAll(cycleID: cycle.id, in: villages.randomElement(using: &random)!.id, by: people.commune)
                    } else if roll < 10 {
                        // A stale version: refused, nothing changes.
                        try await evaluations.transition(pick.id, action: .submit, reason: nil, expectedVersion: pick.version - 1, by: people.commune)
                    } else if roll < 14 {
                        // Another village's officer: refused, nothing counted.
                        _ = try await evaluations.saveAnswers(pick.id, input: ScoringInput(items: ["1.1": .number(1)]), expectedVersion: pick.version,
                                                              by: people.village)
                    } else {
                        // Mostly the natural next step for the evaluation's state, sometimes a step back.
                        let coin = Bool.random(using: &random)
                        switch pick.state {
                        case .draft, .returned:
                            if pick.verdictLabel == nil || coin {
                                let points = Double(Int.random(in: 0...10, using: &random))
                                _ = try await evaluations.saveAnswers(pick.id, input: ScoringInput(items: ["1.1": .number(points), "1.2": .number(10)]),
                                                                      assessedBy: "Chủ hộ", expectedVersion: pick.version, by: people.commune)
                            } else {
                                try await evaluations.transition(pick.id, action: .submit, reason: nil, expectedVersion: pick.version, by: people.commune)
                            }
                        case .submitted:
                            try await evaluations.transition(pick.id, action: coin ? .review : .return, reason: "Bổ sung minh chứng",
                                                             expectedVersion: pick.version, by: people.commune)
                        case .reviewed:
                            let reviewed = all.filter { $0.state == .reviewed }.shuffled(using: &random).prefix(3)
                            _ = try await decisions.recordCouncil(
                                cycleID: cycle.id, heldOn: Day(2026, 11, 20), members: "Hội đồng xã", minutes: "Họp xét",
                                outcomes: reviewed.map { CouncilOutcome(evaluationID: $0.id, approved: Int.random(in: 0..<4, using: &random) > 0, reason: "Chưa đủ") },
                                by: people.council)
                        case .approved, .recognised:
                            if roll < 24 {
                                // Changing approved answers reopens review (refused once recognised).
                                _ = try await evaluations.saveAnswers(pick.id, input: ScoringInput(items: ["1.1": .number(9), "1.2": .number(9)]),
                                                                      expectedVersion: pick.version, by: people.commune)
                            } else {
                                let approved = all.filter { $0.state == .approved || $0.state == .recognised }.shuffled(using: &random)
                                let amends = pick.state == .recognised ? issued.randomElement(using: &random) : nil
                                let chosen = approved.prefix(Int.random(in: 1...approved.count, using: &random)).map(\.id)
                                issued.append(try await decisions.issueDecision(cycleID: cycle.id, DecisionDraft(
                                    number: "\(step)/QĐ-UBND", signedOn: Day(2026, 11, 21), signerName: "Lê Minh Đức", signerTitle: "Chủ tịch",
                                    legalBasis: "Căn cứ kiểm thử.", validUntil: nil, evaluationIDs: chosen, amends: amends?.id), by: people.authority))
                            }
                        case .notRecognised:
                            try await evaluations.transition(pick.id, action: .return, reason: "Xét lại", expectedVersion: pick.version, by: people.commune)
                        }
                    }
                } catch is ServiceError {
                    refused += 1
                }
                let differences = try await rollups.verify()
                #expect(differences.isEmpty, "seed \(seed), step \(step): \(differences)")
                if !differences.isEmpty { return }
            }
            // The walk did reach the end of the cycle, and also hit refusals.
            let national = try await environment.database.read { try await RollupRepository($0).rows(of: RollupKey.nationID) }
            let family = try #require(national.first { $0.key.model == .family && $0.key.year == 2026 })
            #expect(family.counts.recognised > 0 && family.counts.assessed > family.counts.recognised && refused > 0 && issued.count > 1,
                    "seed \(seed): \(family.counts), \(refused) refusals, \(issued.count) decisions")
        }
    }

    @Test("verify finds a planted difference and rebuild repairs it", arguments: TestDatabases.engines)
    func plantedDifference(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let people = try await Self.people(environment)
            let cycle = try await Self.familyCycle(environment, people)
            let village = try await area(.village, "00376-01", environment)
            let added = try await EvaluationService(environment).registerAll(cycleID: cycle.id, in: village.id, by: people.commune)
            let rollups = RollupService(environment)
            #expect(try await rollups.verify().isEmpty)
            let commune = try await environment.database.read { try await RollupRepository($0).rows(of: cycle.communeID) }
            #expect(commune.map(\.counts) == [RollupCounts(registered: added)])

            try await environment.database.transaction { db in
                try await db.raw("UPDATE rollups SET recognised = recognised + 2 WHERE area_id = \(bind: cycle.communeID)").run()
            }
            let differences = try await rollups.verify()
            #expect(differences.count == 1)
            #expect(differences.first?.key.areaID == cycle.communeID && differences.first?.stored.recognised == 2 && differences.first?.recounted.recognised == 0)
            #expect(try await rollups.rebuild() == 4, "nation, province, commune and village rows")
            #expect(try await rollups.verify().isEmpty)
        }
    }

    @Test("a commune opens one cycle per model and year, so nobody is counted twice", arguments: TestDatabases.engines)
    func oneCyclePerModel(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let people = try await Self.people(environment)
            let cycle = try await Self.familyCycle(environment, people)
            await #expect(throws: ServiceError.self) {
                _ = try await EvaluationService(environment).openCycle(communeID: cycle.communeID, year: 2026, model: .family, by: people.commune)
            }
        }
    }
}
