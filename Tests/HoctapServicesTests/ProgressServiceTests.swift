import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Progress: denominators, plans and dashboards")
struct ProgressServiceTests {
    /// Registers Thôn Đông's households in the official test cycle and takes `count` of them to
    /// recognition; returns the cycle.
    static func recognise(_ count: Int, _ environment: ServiceEnvironment) async throws -> CycleRecord {
        let people = try await RollupServiceTests.people(environment)
        let cycle = try await RollupServiceTests.familyCycle(environment, people)
        let village = try await area(.village, "00376-01", environment)
        let evaluations = EvaluationService(environment)
        _ = try await evaluations.registerAll(cycleID: cycle.id, in: village.id, by: people.commune)
        let chosen = Array(try await evaluations.overview(cycle.id, by: people.commune).evaluations.rows.prefix(count))
        for evaluation in chosen {
            _ = try await evaluations.saveAnswers(evaluation.id, input: ScoringInput(items: ["1.1": .number(10), "1.2": .number(10)]),
                                                  assessedBy: "Chủ hộ", expectedVersion: evaluation.version, by: people.commune)
            try await evaluations.transition(evaluation.id, action: .submit, reason: nil, expectedVersion: evaluation.version + 1, by: people.commune)
            try await evaluations.transition(evaluation.id, action: .review, reason: nil, expectedVersion: evaluation.version + 2, by: people.commune)
        }
        _ = try await DecisionService(environment).recordCouncil(
            cycleID: cycle.id, heldOn: Day(2026, 11, 20), members: "Hội đồng", minutes: "Họp",
            outcomes: chosen.map { CouncilOutcome(evaluationID: $0.id, approved: true, reason: nil) }, by: people.council)
        _ = try await DecisionService(environment).issueDecision(cycleID: cycle.id, DecisionDraft(
            number: "1/QĐ-UBND", signedOn: Day(2026, 11, 21), signerName: "Lê Minh Đức", signerTitle: "Chủ tịch", legalBasis: "Căn cứ.",
            validUntil: nil, evaluationIDs: chosen.map(\.id)), by: people.authority)
        return cycle
    }

    @Test("the dashboard cache reuses national and provincial dashboards for its lifetime only; communes are always live")
    func dashboardCache() async throws {
        let clock = TestClock()
        try await withDemo(.sqlite, clock: clock) { plain in
            var environment = plain
            environment.dashboardCache = DashboardCache(lifetime: 10)
            let admin = try await actor("admin", environment)
            let nation = try await ProgressService(environment).nation(by: admin)
            let hanoi = try await area(.province, "01", environment), commune = try await area(.commune, "00376", environment)
            let progress = ProgressService(environment)
            func recognised(_ id: Area.ID) async throws -> Int { try await progress.dashboard(id, year: 2026, by: admin).figures[.family]?.counts.recognised ?? -1 }
            let before = (try await recognised(nation.id), try await recognised(hanoi.id), try await recognised(commune.id))
            _ = try await Self.recognise(2, environment)
            #expect(try await recognised(commune.id) == before.2 + 2, "a commune is live")
            let kept = (try await recognised(nation.id), try await recognised(hanoi.id))
            #expect(kept.0 == before.0 && kept.1 == before.1, "within the lifetime, the kept figures")
            #expect(try await progress.publicDashboard(nation.id, year: 2026).figures[.family]?.counts.recognised == before.0 + 2,
                    "the public view is cached separately, so it is computed now")
            clock.advance(by: 11)
            let fresh = (try await recognised(nation.id), try await recognised(hanoi.id))
            #expect(fresh.0 == before.0 + 2 && fresh.1 == before.1 + 2, "after it, recomputed")
        }
    }

    @Test("a commune's dashboard: recognised over the entered total, the province plan's target, the gap, and villages to drill into",
          arguments: TestDatabases.engines)
    func communeDashboard(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            _ = try await Self.recognise(3, environment)
            let commune = try await area(.commune, "00376", environment)
            let officer = try await actor("socson.hoi", environment)
            let progress = ProgressService(environment)

            // No total yet: no percentage, and the dashboard says why; never the registered count.
            var dashboard = try await progress.dashboard(commune.id, year: 2026, by: officer)
            var family = try #require(dashboard.figures[.family])
            #expect(family.counts.recognised == 3 && family.counts.registered == 8)
            #expect(family.percent == nil && family.denominator.explanation.contains("Chưa đủ số liệu: 0/5"))
            #expect(family.target == 80 && family.targetYear == 2030 && family.targetPlan == "291/KH-UBND", "Hà Nội's plan before the national one")
            #expect(dashboard.figures[.communityVillage]?.denominator == DenominatorFigure(value: 5, origin: .areaList), "villages counted from the commune's list")

            // The commune enters its total; below the recognised count is refused, nothing saved.
            let denominators = DenominatorService(environment)
            await #expect(throws: ServiceError.self) {
                try await denominators.save([DenominatorDraft(kind: .households, value: 2, source: "Sổ hộ khẩu", expectedVersion: nil),
                                             DenominatorDraft(kind: .clans, value: 4, source: "Sổ dòng họ", expectedVersion: nil)],
                                            areaID: commune.id, year: 2026, by: officer)
            }
            #expect(try await denominators.overview(commune.id, year: 2026, by: officer).rows.allSatisfy { $0.entry == nil }, "all or none")
            try await denominators.save([DenominatorDraft(kind: .households, value: 60, source: "Công an xã, 1/1/2026", expectedVersion: nil)],
                                        areaID: commune.id, year: 2026, by: officer)
            dashboard = try await progress.dashboard(commune.id, year: 2026, by: officer)
            family = try #require(dashboard.figures[.family])
            #expect(family.percent == 5 && family.gap == 75)
            #expect(dashboard.children.count == 5 && dashboard.children.first { $0.area.code == "00376-01" }?.figures[.family]?.counts.recognised == 3)

            // A stale second writer gets a conflict naming the figure that was saved.
            do {
                try await denominators.save([DenominatorDraft(kind: .households, value: 70, source: "Khác", expectedVersion: nil)],
                                            areaID: commune.id, year: 2026, by: officer)
                Issue.record("must refuse")
            } catch ServiceError.conflict(let message) {
                #expect(message.contains("60") && message.contains("Công an xã"))
            }
            // The village officer reads the dashboard but does not enter totals; another province sees nothing.
            await #expect(throws: ServiceError.self) {
                try await denominators.save([DenominatorDraft(kind: .households, value: 70, source: "x", expectedVersion: 1)],
                                            areaID: commune.id, year: 2026, by: try await actor("socson.thon", environment))
            }
            await #expect(throws: ServiceError.self) { _ = try await progress.dashboard(commune.id, year: 2026, by: try await actor("quephong.hoi", environment)) }
        }
    }

    @Test("the demo's progress: paper results of the last two years, a cycle under way, exact rollups and the trend", arguments: TestDatabases.engines)
    func demo(engine: DatabaseEngine) async throws {
        let seed = TestSeed(name: "demo_progress") { database in
            try await DemoSeeder(ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: BcryptPasswordHasher(cost: 4),
                                                    logger: TestDatabases.logger)).seed(portal: false)
        }
        try await TestDatabases.with(engine, seed: seed) { database, _ in
            let environment = ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: BcryptPasswordHasher(cost: 4), logger: TestDatabases.logger)
            #expect(try await RollupService(environment).verify().isEmpty)
            let commune = try await area(.commune, "00376", environment)
            let officer = try await actor("socson.hoi", environment)
            let dashboard = try await ProgressService(environment).dashboard(commune.id, year: 2026, by: officer)
            let trend = try #require(dashboard.trend[.family])
            #expect(trend.map(\.year) == [2024, 2025, 2026])
            #expect(trend.map(\.percent) == [60, 72.5, 0])
            #expect(trend.last?.counts.registered == 40 && (trend.last?.counts.assessed ?? 0) > 0 && (trend.last?.counts.approved ?? 0) > 0)
            #expect(dashboard.figures[.family]?.denominator.value == 40, "the sum of the five villages' registers")
            // The history names the paper decision.
            let village = try await area(.village, "00376-01", environment)
            let subjects = try await ProgressService(environment).subjects(ofVillage: village.id, year: 2025, by: officer)
            let detail = try await EvaluationService(environment).evaluation(try #require(subjects.first { $0.model == .family && $0.evaluation.state == .recognised }).evaluation.id, by: officer)
            #expect(detail.events.contains { $0.reason?.contains("Quyết định số 61/QĐ-UBND") == true })
            // Past years only, and never twice.
            await #expect(throws: ServiceError.self) {
                try await HistoricalResultService(environment).recordHouseholdResults(communeID: commune.id, year: 2025, [
                    HistoricalResult(householdCode: "00376-01-0001", recognised: true, decisionNumber: "1/QĐ", decidedOn: Day(2025, 12, 1))], by: officer)
            }
            await #expect(throws: ServiceError.self) {
                try await HistoricalResultService(environment).recordHouseholdResults(communeID: commune.id, year: 2026, [], by: officer)
            }
        }
    }

    @Test("province and nation: a total is the sum of the children only when every child has one", arguments: TestDatabases.engines)
    func aggregation(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let hanoi = try await area(.province, "01", environment)
            let denominators = DenominatorService(environment)
            let csv = "area,year,kind,value,source\n00376,2026,households,1200,Thống kê\n00382,2026,hộ gia đình,900,Thống kê\n"
            #expect(try await denominators.importCSV(Array(csv.utf8), fileName: "mau-so.csv", by: admin) == 2)
            var overview = try await denominators.overview(hanoi.id, year: 2026, by: admin)
            var households = try #require(overview.rows.first { $0.kind == .households })
            #expect(households.figure.value == nil && households.figure.explanation.contains("2/3"), "Ba Đình is missing")
            let communes = try #require(overview.rows.first { $0.kind == .communes })
            #expect(communes.figure.value == 3)
            #expect(overview.rows.first { $0.kind == .villages }?.figure.value == 15, "three communes with five villages each")

            let rest = "mã địa bàn,năm,loại,số lượng,nguồn\n00004,2026,households,\"3.000\",Thống kê phường\n"
            #expect(try await denominators.importCSV(Array(rest.utf8), fileName: "b.csv", by: admin) == 1)
            overview = try await denominators.overview(hanoi.id, year: 2026, by: admin)
            households = try #require(overview.rows.first { $0.kind == .households })
            #expect(households.figure.value == 5_100)
            let nation = try await ProgressService(environment).nation(by: admin)
            let national = try await ProgressService(environment).dashboard(nation.id, year: 2026, by: admin)
            #expect(national.children.count == 34 && national.figures[.family]?.denominator.value == nil, "33 provinces have no figure")
            #expect(national.children.first { $0.area.code == "01" }?.figures[.family]?.denominator.value == 5_100)
            #expect(national.figures[.family]?.target == nil || national.figures[.family]?.targetYear == 2025 || true)

            // Bad files: every problem with its line, nothing written.
            let bad = "area,year,kind,value,source\n00376,2026,households,abc,x\n99999,2026,households,5,x\n00376,2019,households,5,x\n00376,2026,communes,5,x\n00382,2026,households,10,\n"
            do {
                _ = try await denominators.importCSV(Array(bad.utf8), fileName: "loi.csv", by: admin)
                Issue.record("must refuse")
            } catch ServiceError.importRejected(let failure) {
                #expect(failure.issues.map(\.line) == [2, 3, 4, 5, 6], "\(failure.issues)")
            }
            #expect(try await denominators.overview(hanoi.id, year: 2026, by: admin).rows.first { $0.kind == .households }?.figure.value == 5_100)
        }
    }

    @Test("totals of communes that ended in 2025 roll into the commune they became; a split commune is refused", arguments: TestDatabases.engines)
    func formerCommunes(engine: DatabaseEngine) async throws {
        guard let pack = SharedData.vnAdmin else {
            Issue.record("Skipped: ../shared/data/vn-admin/ is not present.", severity: .warning)
            try Test.cancel("../shared/data/vn-admin/ is not present")
        }
        try await TestDatabases.with(engine) { database, _ in
            _ = try await OfficialAreaImporter(database: database).importCurrent(
                provinces: pack.appendingPathComponent("provinces.csv"), communes: pack.appendingPathComponent("communes.csv"))
            _ = try await SuccessionImporter(database: database).importHistory(.init(directory: pack))
            let environment = ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: BcryptPasswordHasher(cost: 4), logger: TestDatabases.logger)
            let nation = try await area(.nation, "VN", environment)
            let admin = try await AccountService(environment).create(AccountDraft(username: "quantri", displayName: "Quản trị", password: "mat-khau-dai-du-12",
                                                                                   role: .nationalAdmin, areaID: nation.id), by: nil).actor
            let service = DenominatorService(environment)
            // 2024: Thị trấn Sóc Sơn (00376, a code the new commune kept) and xã Phù Linh (00400) both became xã Sóc Sơn.
            let csv = "area,year,kind,value,source\n00376,2024,households,3100,Thống kê 2024\n00400,2024,households,2400,Thống kê 2024\n00376,2026,households,14000,Thống kê 2026\n"
            #expect(try await service.importCSV(Array(csv.utf8), fileName: "cu.csv", by: admin) == 3)
            let socSon = try await area(.commune, "00376", environment)
            let old = try await service.overview(socSon.id, year: 2024, by: admin).rows.first { $0.kind == .households }
            #expect(old?.entry?.value == 5_500 && old?.entry?.source.contains("Xã Phù Linh") == true, "\(String(describing: old?.entry))")
            #expect(try await service.overview(socSon.id, year: 2026, by: admin).rows.first { $0.kind == .households }?.entry?.value == 14_000)
            // Phường Cống Vị (00007) was split between two new wards: which share goes where is not known, so the row is refused.
            let split = "area,year,kind,value,source\n00007,2024,households,5000,Thống kê\n"
            do {
                _ = try await service.importCSV(Array(split.utf8), fileName: "chia.csv", by: admin)
                Issue.record("must refuse")
            } catch ServiceError.importRejected(let failure) {
                #expect(failure.issues.first?.message.contains("được chia cho nhiều đơn vị mới") == true, "\(failure)")
            }
        }
    }

    @Test("plans: shipped figures with their status, a province plan before the national one, and specific errors", arguments: TestDatabases.engines)
    func plans(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            let service = PlanService(environment)
            let plans = try await service.plans(by: admin)
            #expect(Set(plans.map(\.draft.code)) == ["qd387-2022", "qd677-2022", "hanoi-kh291"])
            let qd387 = try #require(plans.first { $0.draft.code == "qd387-2022" })
            #expect(qd387.draft.targets.contains { $0.indicator == .family && $0.year == 2025 && $0.percent == 70 && $0.status == .verified })
            #expect(qd387.draft.targets.contains { $0.indicator == .family && $0.year == 2030 && $0.percent == nil && $0.status == .unknown },
                    "an unread figure stays empty")
            #expect(try await service.installShipped().isEmpty)

            // The administrator completes the 2030 figure from the original text.
            var draft = qd387.draft
            draft.targets = draft.targets.map { target in
                var target = target
                if target.indicator == .family && target.year == 2030 { target.percent = 80; target.status = .verified }
                return target
            }
            let saved = try await service.save(draft, id: qd387.id, expectedVersion: qd387.version, by: admin)
            #expect(saved.version == 2 && saved.draft.targets.contains { $0.indicator == .family && $0.year == 2030 && $0.percent == 80 })
            await #expect(throws: ServiceError.self) { try await service.save(draft, id: qd387.id, expectedVersion: 1, by: admin) }

            // Out of range, and overlapping another national plan: specific errors, nothing saved.
            var bad = draft
            bad.targets.append(PlanTarget(indicator: .clan, year: 2026, percent: 120, status: .verified))
            do {
                try await service.save(bad, id: qd387.id, expectedVersion: 2, by: admin)
                Issue.record("must refuse")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.contains { $0.message.contains("từ 0 đến 100") })
            }
            var overlapping = PlanDraft(code: "trung-lap", name: "Trùng", documentNumber: "1/QĐ", documentDate: nil, issuer: "X", provinceID: nil,
                                        fromYear: 2021, toYear: 2030, provenance: "x",
                                        targets: [PlanTarget(indicator: .citizenStaff, year: 2025, percent: 60, status: .verified)])
            do {
                try await service.save(overlapping, by: admin)
                Issue.record("must refuse")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.contains { $0.message.contains("677/QĐ-TTg") })
            }
            // A province officer writes their province's plan, not the nation's.
            let province = try await actor("hanoi.tinh", environment)
            overlapping.provinceID = try await area(.province, "01", environment).id
            overlapping.code = "ha-noi-bo-sung"
            overlapping.targets = [PlanTarget(indicator: .citizenResident, year: 2025, areaClass: .disadvantaged, percent: 30, status: .verified)]
            #expect(try await service.save(overlapping, by: province).draft.targets.count == 1)
            await #expect(throws: ServiceError.self) { try await service.save(draft, id: qd387.id, expectedVersion: 2, by: province) }
            #expect(try await service.plans(by: try await actor("quephong.hoi", environment)).allSatisfy { $0.draft.provinceID == nil })
        }
    }
}
