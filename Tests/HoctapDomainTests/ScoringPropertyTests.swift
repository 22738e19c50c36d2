import HoctapDomain
import HoctapTestSupport
import Testing

/// Random sets and answers, repeatable by seed.
struct RandomSets {
    var random: SeededRandom

    mutating func pointsSet() -> CriteriaSet {
        let criteriaCount = Int.random(in: 1...3, using: &random)
        var criteria: [Criterion] = []
        var counter = 0
        for c in 0..<criteriaCount {
            let items = (0..<Int.random(in: 1...4, using: &random)).map { _ -> Item in
                counter += 1
                let max = Double(Int.random(in: 1...20, using: &random))
                let floor: Double? = Bool.random(using: &random) && max > 2 ? Double(Int.random(in: 1...Int(max / 2), using: &random)) : nil
                return SampleSets.pointsItem("i\(counter)", max, min: floor)
            }
            let sum = items.compactMap(\.maxPoints).reduce(0, +)
            let minPoints: Double? = Bool.random(using: &random) ? (sum * 0.4).rounded(.down) : nil
            criteria.append(Criterion(id: "c\(c)", name: "Tiêu chí \(c)", status: .verified, note: nil, points: sum,
                                      minPoints: minPoints, items: items))
        }
        let total = criteria.compactMap(\.points).reduce(0, +)
        let bands = [0.85, 0.7, 0.5].prefix(Int.random(in: 1...3, using: &random)).map { max(1, ($0 * total).rounded(.down)) }
        let grades = Array(Set(bands)).sorted(by: >).filter { $0 > 0 }.enumerated().map {
            PointsRules.Grade(outcome: Outcome(code: "g\($0.offset)", label: "Mức \($0.offset)"), minTotal: $0.element)
        }
        return CriteriaSet(
            id: "random-points", model: .unit, name: "Ngẫu nhiên", issuer: "Thử", document: LegalDocument(number: "1", dates: []),
            effective: EffectivePeriod(from: nil, to: nil), status: .official, provenance: [], variant: nil, targetGroup: nil,
            scoring: .points(PointsRules(grades: grades, fail: Outcome(code: "fail", label: "Không đạt"),
                                         minPerItem: nil)), criteria: criteria)
    }

    mutating func answers(for set: CriteriaSet) -> ScoringInput {
        var items: [String: AnswerValue] = [:]
        for item in set.items {
            if let max = item.maxPoints { items[item.id] = .number(Double(Int.random(in: 0...Int(max), using: &random))) }
        }
        return ScoringInput(items: items)
    }

    mutating func levelsSet() -> CriteriaSet {
        let levels = (1...Int.random(in: 1...3, using: &random)).map { Outcome(code: "l\($0)", label: "Mức \($0)") }
        var items: [Item] = []
        for index in 0..<Int.random(in: 1...6, using: &random) {
            if Bool.random(using: &random) {
                items.append(Item(id: "k\(index)", text: "Kiểm", status: .verified, answer: .check(requiredAt: []), mandatory: false, evidence: []))
            } else {
                var minimum: [String: Double] = [:]
                var value = Double(Int.random(in: 0...5, using: &random)) / 10
                for level in levels {
                    minimum[level.code] = value
                    value = min(1, value + Double(Int.random(in: 0...3, using: &random)) / 10)
                }
                items.append(Item(id: "n\(index)", text: "Số", status: .verified,
                                  answer: .number(NumberRule(unit: .share, range: 0...1, minimum: minimum)), mandatory: false, evidence: []))
            }
        }
        return CriteriaSet(
            id: "random-levels", model: .communityCommune, name: "Ngẫu nhiên", issuer: "Thử",
            document: LegalDocument(number: "1", dates: []), effective: EffectivePeriod(from: nil, to: nil), status: .official,
            provenance: [], variant: nil, targetGroup: nil,
            scoring: .levels(LevelRules(levels: levels, fail: Outcome(code: "fail", label: "Chưa đạt"))),
            criteria: [Criterion(id: "c", name: "Tiêu chí", status: .verified, note: nil, points: nil, minPoints: nil, items: items)])
    }

    mutating func levelAnswers(for set: CriteriaSet) -> ScoringInput {
        var items: [String: AnswerValue] = [:]
        for item in set.items {
            switch item.answer {
            case .check: if Bool.random(using: &random) { items[item.id] = .bool(Bool.random(using: &random)) }
            case .number: items[item.id] = .number(Double(Int.random(in: 0...10, using: &random)) / 10)
            default: break
            }
        }
        return ScoringInput(items: items)
    }
}

@Suite("Scoring properties")
struct ScoringPropertyTests {
    @Test("generated sets are valid")
    func generatedSetsAreValid() {
        var generator = RandomSets(random: SeededRandom(seed: 1))
        for _ in 0..<200 {
            let points = generator.pointsSet()
            #expect(CriteriaSetValidator.problems(of: points).isEmpty, "\(CriteriaSetValidator.problems(of: points))")
            let levels = generator.levelsSet()
            #expect(CriteriaSetValidator.problems(of: levels).isEmpty, "\(CriteriaSetValidator.problems(of: levels))")
        }
    }

    @Test("points: totals are the sums of items, and raising any item never lowers the verdict")
    func pointsMonotone() throws {
        var generator = RandomSets(random: SeededRandom(seed: 20_261_122))
        for _ in 0..<500 {
            let set = generator.pointsSet()
            let input = generator.answers(for: set)
            let result = try ScoringEngine.score(set, input: input)
            let sum = input.items.values.reduce(0.0) { if case .number(let v) = $1 { return $0 + v } else { return $0 } }
            #expect(abs((result.total ?? -1) - sum) < 1e-9)
            #expect(abs(result.criteria.compactMap(\.points).reduce(0, +) - sum) < 1e-9)
            let item = set.items.randomElement(using: &generator.random)!
            guard case .number(let current)? = input.items[item.id], let max = item.maxPoints else { continue }
            var raised = input
            raised.items[item.id] = .number(Double.random(in: current...max, using: &generator.random))
            let after = try ScoringEngine.score(set, input: raised)
            #expect(after.verdict.rank >= result.verdict.rank, "raising \(item.id) lowered the verdict")
        }
    }

    @Test("points: the suggested changes reach the target, and no smaller set of items could")
    func pointsNextStep() throws {
        var generator = RandomSets(random: SeededRandom(seed: 77))
        for _ in 0..<300 {
            let set = generator.pointsSet()
            let input = generator.answers(for: set)
            let result = try ScoringEngine.score(set, input: input)
            guard let next = result.next else { continue }
            var applied = input
            for change in next.changes {
                #expect(change.to > (change.from ?? 0))
                applied.items[change.item] = .number(change.to)
            }
            let after = try ScoringEngine.score(set, input: applied)
            guard case .points(let rules) = set.scoring,
                  let targetRank = rules.grades.firstIndex(where: { $0.outcome == next.target }).map({ rules.grades.count - $0 }) else {
                Issue.record("target is not a grade")
                continue
            }
            #expect(after.verdict.rank >= targetRank, "changes \(next.changes) did not reach \(next.target.code)")
            // Brute force over smaller sets of items, each raised to its maximum.
            let ids = set.items.map(\.id)
            guard ids.count <= 10, next.changes.count > 1 else { continue }
            for mask in 0..<(1 << ids.count) where mask.nonzeroBitCount < next.changes.count {
                var trial = input
                for (index, id) in ids.enumerated() where mask & (1 << index) != 0 {
                    trial.items[id] = .number(set.item(id)!.maxPoints!)
                }
                let rank = try ScoringEngine.score(set, input: trial).verdict.rank
                #expect(rank < targetRank, "a smaller change (\(mask.nonzeroBitCount) items) reaches \(next.target.code)")
            }
        }
    }

    @Test("levels: raising any answer never lowers the level; the listed changes reach the next level")
    func levelsMonotone() throws {
        var generator = RandomSets(random: SeededRandom(seed: 2_025))
        for _ in 0..<500 {
            let set = generator.levelsSet()
            let input = generator.levelAnswers(for: set)
            let result = try ScoringEngine.score(set, input: input)
            let item = set.items.randomElement(using: &generator.random)!
            var raised = input
            switch input.items[item.id] {
            case .number(let value)?: raised.items[item.id] = .number(Double.random(in: value...1, using: &generator.random))
            default: raised.items[item.id] = .bool(true)
            }
            if case .number = item.answer, input.items[item.id] == nil { raised.items[item.id] = .number(1) }
            #expect(try ScoringEngine.score(set, input: raised).verdict.rank >= result.verdict.rank)
            if let next = result.next {
                var applied = input
                for change in next.changes {
                    if case .check = set.item(change.item)!.answer { applied.items[change.item] = .bool(true) }
                    else { applied.items[change.item] = .number(change.to) }
                }
                let after = try ScoringEngine.score(set, input: applied)
                #expect(after.verdict.rank >= result.verdict.rank + 1, "\(set.items) \(input) \(next.changes) → \(after.failures)")
            }
        }
    }
}
