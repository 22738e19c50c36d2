import Foundation
import HoctapDomain
import HoctapStorage

/// The demo's progress: xã Sóc Sơn's totals (marked as demonstration figures), its 2024 and
/// 2025 family results recorded from paper decisions, and a live 2026 cycle part-way through,
/// so that the dashboards, the trend and the exports show something true to the data.
struct DemoProgress {
    let environment: ServiceEnvironment

    func seed() async throws {
        guard let commune = try await environment.database.read({ try await AreaRepository($0).current(level: .commune, code: "00376") }) else { return }
        let officer = try await actor("socson.hoi"), council = try await actor("socson.hoidong")
        let year = Day(containing: environment.clock.now()).year
        let households = try await RegistryService(environment).households(in: commune.id, pageSize: 1_000, by: officer).rows
        let villages = Dictionary(grouping: households, by: { $0.place.villageID ?? 0 })

        // Totals: each village's households as its own register counts them, and the commune's other totals.
        let denominators = DenominatorService(environment)
        let source = "Số liệu trình diễn"
        for demoYear in [year - 2, year - 1, year] {
            for (villageID, members) in villages {
                try await denominators.save([DenominatorDraft(kind: .households, value: Int64(members.count), source: "\(source): sổ hộ của thôn", expectedVersion: nil)],
                                            areaID: villageID, year: demoYear, by: officer)
            }
            try await denominators.save([
                DenominatorDraft(kind: .clans, value: 6, source: "\(source): danh sách dòng họ của xã", expectedVersion: nil),
                DenominatorDraft(kind: .organisations, value: 12, source: "\(source): cơ quan, trường học, doanh nghiệp trên địa bàn", expectedVersion: nil),
                DenominatorDraft(kind: .adults, value: 96, source: "\(source): người từ 15 tuổi trong các hộ", expectedVersion: nil),
                DenominatorDraft(kind: .workers, value: 58, source: "\(source): người trong độ tuổi lao động", expectedVersion: nil),
                DenominatorDraft(kind: .staff, value: 95, source: "\(source): cán bộ, giáo viên, người lao động của các đơn vị", expectedVersion: nil),
            ], areaID: commune.id, year: demoYear, by: officer)
        }

        // The two previous years, from the commune's paper decisions: 60 % then 72,5 % recognised.
        let sorted = households.sorted { $0.code < $1.code }
        let history = HistoricalResultService(environment)
        for (offset, share, number, day) in [(2, 24, "56/QĐ-UBND", Day(year - 2, 12, 20)), (1, 29, "61/QĐ-UBND", Day(year - 1, 12, 19))] {
            let recognisedCodes = Set(sorted.enumerated().filter { ($0.offset * 7) % sorted.count < share }.map(\.element.code))
            try await history.recordHouseholdResults(communeID: commune.id, year: year - offset, sorted.map {
                HistoricalResult(householdCode: $0.code, recognised: recognisedCodes.contains($0.code), decisionNumber: number, decidedOn: day)
            }, by: officer)
        }

        // This year's cycle under the set in force, part-way: some handed in, some reviewed, a few approved by the council.
        let evaluations = EvaluationService(environment)
        let cycle = try await evaluations.openCycle(communeID: commune.id, year: year, model: .family, by: officer)
        for villageID in villages.keys.sorted() { _ = try await evaluations.registerAll(cycleID: cycle.id, in: villageID, by: officer) }
        let set = try await CriteriaService(environment).published(cycle.setID, version: cycle.setVersion).set
        let rows = try await evaluations.overview(cycle.id, pageSize: 1_000, by: officer).evaluations.rows
        var approved: [EvaluationRecord.ID] = []
        for (index, evaluation) in rows.enumerated() where index % 4 != 3 {
            let detail = try await evaluations.saveAnswers(evaluation.id, input: Self.answers(set, variant: index), assessedBy: "Chủ hộ",
                                                           expectedVersion: evaluation.version, by: officer)
            guard index % 2 == 0 else { continue }
            try await evaluations.transition(evaluation.id, action: .submit, reason: nil, expectedVersion: detail.evaluation.version, by: officer)
            guard index % 4 == 0 else { continue }
            try await evaluations.transition(evaluation.id, action: .review, reason: nil, expectedVersion: detail.evaluation.version + 1, by: officer)
            if index % 8 == 0 { approved.append(evaluation.id) }
        }
        if !approved.isEmpty {
            _ = try await DecisionService(environment).recordCouncil(
                cycleID: cycle.id, heldOn: Day(containing: environment.clock.now()), members: "Phạm Thu Hương (Chủ tịch Hội Khuyến học xã), Trần Văn Sơn, Lê Minh Đức",
                minutes: "Hội đồng xét các hồ sơ đã thẩm định đợt 1.", outcomes: approved.map { CouncilOutcome(evaluationID: $0, approved: true, reason: nil) },
                by: council)
        }
    }

    /// Answers that complete the set: full marks, with a few points off for variety.
    static func answers(_ set: CriteriaSet, variant: Int) -> ScoringInput {
        var input = ScoringInput()
        for (position, item) in set.items.enumerated() {
            switch item.answer {
            case .points(let max, _): input.items[item.id] = .number((position + variant) % 5 == 0 ? max - 1 : max)
            case .check: input.items[item.id] = .bool(true)
            case .number(let rule): input.items[item.id] = .number(rule.range.upperBound)
            case .measure(let name, let rule): input.measures[name] = MeasureValue(rule.range.upperBound)
            }
        }
        return input
    }

    func actor(_ username: String) async throws -> Actor {
        guard let account = try await environment.database.read({ try await AccountRepository($0).find(username: username) }) else {
            throw StoredValueError(description: "Thiếu tài khoản trình diễn \(username).")
        }
        return account.actor
    }
}
