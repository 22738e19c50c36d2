import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Movement dashboards")
struct MovementServiceTests {
    @Test("target codes of titles and of the movement never collide, and each reads back from its code")
    func targetCodes() {
        let codes = TargetIndicator.allCases.map(\.rawValue)
        #expect(Set(codes).count == codes.count)
        for indicator in TargetIndicator.allCases { #expect(TargetIndicator(rawValue: indicator.rawValue) == indicator) }
        #expect(TargetIndicator(rawValue: "family") == .family && TargetIndicator(rawValue: "cdht-ky-nang-so") == .movement(.citizensDigital))
        #expect(TargetIndicator(rawValue: "khong-co") == nil)
    }

    @Test("property: counts add up the way their figures do, and every figure's share is its numerator over its denominator")
    func countsProperty() {
        var random = SeededRandom(seed: 677)
        for _ in 0..<300 {
            func counts() -> MovementCounts {
                var counts = MovementCounts()
                counts.communes = Int.random(in: 0...50, using: &random)
                counts.centres = Int.random(in: 0...counts.communes, using: &random)
                counts.centresLed = Int.random(in: 0...counts.centres, using: &random)
                let holders = Int.random(in: 0...500, using: &random), skilled = Int.random(in: 0...holders, using: &random)
                counts.digital = DigitalSkillCounts(holders: holders, skilled: skilled, proficient: Int.random(in: 0...skilled, using: &random), assessed: holders)
                return counts
            }
            let a = counts(), b = counts(), sum = a + b
            for indicator in MovementIndicator.allCases {
                let (left, right, total) = (a.figure(indicator), b.figure(indicator), sum.figure(indicator))
                #expect(total.numerator == left.numerator + right.numerator && total.denominator == left.denominator + right.denominator)
                if let percent = total.percent { #expect(percent >= 0 && percent <= 100, "\(indicator) \(percent)") } else { #expect(total.denominator == 0) }
            }
        }
    }

    @Test("the demo's dashboard: centres and digital skills counted exactly, the shipped targets of QĐ 387 and 677 applied", arguments: TestDatabases.engines)
    func dashboard(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            try await PlanService(environment).installShipped()
            try await DemoNetwork(environment: environment).seed(by: admin)
            let movement = MovementService(environment)
            let nation = try await movement.dashboard(try await area(.nation, "VN", environment).id, year: 2025, by: admin)
            let centres = try await environment.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM learning_centres").first(decodingColumn: "n", as: Int.self) ?? -1
            }
            #expect(nation.figures[.communeCentres]?.numerator == centres && nation.figures[.communeCentres]?.denominator == 102)
            #expect(nation.figures[.centreLeadership]?.target == 100 && nation.figures[.centreLeadership]?.targetPlan == "387/QĐ-TTg")
            let digital = try #require(nation.figures[.citizensDigital])
            #expect(digital.denominator > 10 && digital.numerator < digital.denominator && digital.target == 70)
            let ofHolders = try #require(nation.figures[.citizensProficientOfHolders]), ofSkilled = try #require(nation.figures[.citizensProficientOfSkilled])
            #expect(ofHolders.numerator == ofSkilled.numerator && ofSkilled.denominator == digital.numerator, "both readings keep the same numerator")
            #expect(nation.children.count == 34 && nation.children.map(\.counts.centres).reduce(0, +) == centres)
            let socSon = try await movement.dashboard(try await area(.commune, "00376", environment).id, year: 2025, by: try await actor("socson.hoi", environment))
            #expect(socSon.figures[.citizensDigital] == MovementFigure(indicator: .citizensDigital, numerator: digital.numerator, denominator: digital.denominator,
                                                                      target: 70, targetPlan: "677/QĐ-TTg", targetYear: 2025), "every title holder lives in Sóc Sơn")
            do {
                _ = try await movement.dashboard(try await area(.commune, "00382", environment).id, year: 2025, by: try await actor("socson.hoi", environment))
                Issue.record("a sibling commune's dashboard was shown")
            } catch ServiceError.notFound {}
            do {
                _ = try await movement.dashboard(try await area(.village, "00376-01", environment).id, year: 2025, by: admin)
                Issue.record("a village has no movement dashboard")
            } catch ServiceError.notFound {}
        }
    }
}

@Suite("Shipped plans across upgrades")
struct ShippedPlanUpgradeTests {
    @Test("installing again adds the targets a newer hoctap ships, and never overwrites an administrator's figure", arguments: TestDatabases.engines)
    func upgrade(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let plans = PlanService(environment)
            // An installation from before the movement targets: QĐ 387 without them, one title figure changed by the administrator.
            var old = try #require(try await plans.plans(by: admin).first { $0.draft.code == "qd387-2022" })
            old.draft.targets = old.draft.targets.filter { if case .title = $0.indicator { true } else { false } }
            if let index = old.draft.targets.firstIndex(where: { $0.indicator == .family && $0.year == 2030 }) {
                old.draft.targets[index].percent = 80
                old.draft.targets[index].status = .verified
            }
            let saved = try await plans.save(old.draft, id: old.id, expectedVersion: old.version, by: admin)
            #expect(!saved.draft.targets.contains { $0.indicator == .movement(.centreLeadership) })
            #expect(try await plans.installShipped() == ["qd387-2022"], "only the plan missing targets changes")
            let upgraded = try await plans.plan(old.id, by: admin)
            #expect(upgraded.draft.targets.contains { $0.indicator == .movement(.centreLeadership) && $0.year == 2025 && $0.percent == 100 })
            #expect(upgraded.draft.targets.first { $0.indicator == .family && $0.year == 2030 }?.percent == 80, "the administrator's figure stays")
            #expect(try await plans.installShipped().isEmpty, "a second run changes nothing")
        }
    }
}
