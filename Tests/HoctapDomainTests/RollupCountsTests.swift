import HoctapDomain
import HoctapTestSupport
import Testing

@Suite("Rollup counts")
struct RollupCountsTests {
    @Test("every state counts in the stages it has passed: registered ≥ assessed ≥ approved ≥ recognised")
    func funnel() {
        for state in EvaluationState.allCases {
            let counts = RollupCounts.of(state)
            #expect(counts.registered == 1)
            #expect(counts.registered >= counts.assessed && counts.assessed >= counts.approved && counts.approved >= counts.recognised, "\(state)")
        }
        #expect(RollupCounts.of(.returned) == RollupCounts(registered: 1), "a returned file is back with its assessor")
        #expect(RollupCounts.of(.notRecognised) == RollupCounts(registered: 1, assessed: 1))
        #expect(RollupCounts.of(.recognised) == RollupCounts(registered: 1, assessed: 1, approved: 1, recognised: 1))
    }

    @Test("property: the changes along any path of states add up to the last state's counts")
    func telescoping() {
        var random = SeededRandom(seed: 20_261_122)
        for _ in 0..<500 {
            let path = (0..<Int.random(in: 1...12, using: &random)).map { _ in EvaluationState.allCases.randomElement(using: &random)! }
            var total = RollupCounts.zero
            var previous: EvaluationState?
            for state in path {
                total = total + RollupCounts.change(from: previous, to: state)
                previous = state
            }
            #expect(total == RollupCounts.of(path.last!))
            #expect(total + RollupCounts.change(from: path.last!, to: nil) == .zero, "withdrawing gives back zero")
        }
    }

    @Test("a ledger sums per row at every level above the subject and writes in one fixed order")
    func ledger() {
        var ledger = RollupLedger()
        for _ in 0..<3 {
            ledger.record(from: nil, to: .draft, year: 2026, model: .family, segment: "", provinceID: 1, communeID: 10, villageID: 100)
        }
        ledger.record(from: nil, to: .draft, year: 2026, model: .family, segment: "", provinceID: 1, communeID: 10, villageID: 101)
        ledger.record(from: .reviewed, to: .approved, year: 2026, model: .family, segment: "", provinceID: 1, communeID: 10, villageID: 101)
        ledger.record(from: .draft, to: .draft, year: 2026, model: .family, segment: "", provinceID: 1, communeID: 10, villageID: 101)
        let rows = Dictionary(uniqueKeysWithValues: ledger.ordered.map { ($0.key.areaID, $0.delta) })
        #expect(rows[RollupKey.nationID] == RollupCounts(registered: 4, approved: 1))
        #expect(rows[10] == RollupCounts(registered: 4, approved: 1) && rows[100] == RollupCounts(registered: 3) && rows[101] == RollupCounts(registered: 1, approved: 1))
        #expect(ledger.ordered.map(\.key.level) == [.nation, .province, .commune, .village, .village], "from the top down, the same for every writer")
        var commune = RollupLedger()
        commune.record(from: nil, to: .draft, year: 2026, model: .communityCommune, segment: "", provinceID: 1, communeID: 10, villageID: nil)
        #expect(commune.ordered.count == 3, "a commune's own evaluation has no village row")
    }
}
