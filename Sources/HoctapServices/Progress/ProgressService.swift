import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// One year of an indicator's trend.
public struct TrendPoint: Hashable, Sendable {
    public var year: Int
    public var counts: RollupCounts
    public var percent: Double?
}

/// A child area's figures on its parent's dashboard.
public struct ChildProgress: Sendable {
    public var area: Area
    public var figures: [ProgressIndicator: ProgressFigure]
}

/// Everything a dashboard shows for one area and year. Built from the rollups, the denominators
/// and the plans only: never from the evaluations themselves.
public struct ProgressDashboard: Sendable {
    public var area: Area
    public var year: Int
    public var indicators: [ProgressIndicator]
    public var figures: [ProgressIndicator: ProgressFigure]
    public var trend: [ProgressIndicator: [TrendPoint]]
    /// Where the trend leads by 2025 and 2030 (a straight line through the finished years, and
    /// the current one once it has recognitions); a milestone already reached shows its actual figure.
    public var projections: [ProgressIndicator: [Int: Double]]
    /// Milestones whose figure is actual, not projected.
    public var actualMilestones: [ProgressIndicator: Set<Int>]
    /// The targets for the milestone years, for the projection's comparison.
    public var milestoneTargets: [ProgressIndicator: [Int: Double]]
    public var children: [ChildProgress]
    public var classes: Set<AreaClass>
    public var canEnterDenominators: Bool
}

/// The dashboards of every level: how far an area is from its targets, from the rollups.
public struct ProgressService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// The titles every dashboard shows, with or without data; the others appear once they have some.
    static let alwaysShown: [ProgressIndicator] = [.family, .clan, .communityVillage, .unit, .citizenResident, .citizenWorker, .citizenStaff]
    public static let milestones = [2025, 2030]

    public func nation(by actor: Actor) async throws -> Area {
        guard let nation = try await environment.database.read({ try await AreaRepository($0).current(level: .nation, code: "VN") }) else {
            throw ServiceError.notFound("Chưa có địa bàn toàn quốc.")
        }
        return nation
    }

    /// The public statistics of the country, a province or a commune: aggregate figures only
    /// (no names, no subjects), for anyone. Villages are not published.
    public func publicDashboard(_ areaID: Area.ID?, year: Int) async throws -> ProgressDashboard {
        guard PlanDraft.years.contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Năm phải từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound).")])
        }
        let currentYear = Day(containing: environment.clock.now()).year
        return try await environment.database.read { db in
            let areas = AreaRepository(db)
            let found = if let areaID { try await areas.find(id: areaID) } else { try await areas.current(level: .nation, code: "VN") }
            guard let area = found, area.isCurrent, [.nation, .province, .commune].contains(area.level) else {
                throw ServiceError.notFound("Không có số liệu công khai cho địa bàn này.")
            }
            var dashboard = try await cached(area, year: year, canEnter: false, publicView: true) {
                try await Self.build(area, year: year, currentYear: currentYear, canEnterDenominators: false, db: db)
            }
            if area.level == .commune { dashboard.children = [] }
            return dashboard
        }
    }

    /// The open data of a year, one province at a time (the country's rows first), so that a
    /// file of every commune is written while it is produced, holding one province in memory.
    public func openData(year: Int) async throws -> OpenDataStream {
        OpenDataStream(service: self, nation: try await publicDashboard(nil, year: year))
    }

    /// The subjects of a village in a year, for the last step of the drill-down.
    public func subjects(ofVillage villageID: Area.ID, year: Int, by actor: Actor) async throws -> [(model: LearningModel, evaluation: EvaluationRecord)] {
        let village = try await AreaService(environment).find(villageID, by: actor)
        guard village.level == .village else { return [] }
        return try await environment.database.read { try await EvaluationRepository($0).evaluations(inVillage: village.id, year: year) }
    }

    public func dashboard(_ areaID: Area.ID, year: Int, by actor: Actor) async throws -> ProgressDashboard {
        let area = try await AreaService(environment).find(areaID, by: actor)
        guard PlanDraft.years.contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Năm phải từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound).")])
        }
        let canEnter = AccessPolicy.decide(actor, .manageDenominators(area.position)) == .allow
        let currentYear = Day(containing: environment.clock.now()).year
        return try await cached(area, year: year, canEnter: canEnter, publicView: false) {
            try await environment.database.read { db in
                try await Self.build(area, year: year, currentYear: currentYear, canEnterDenominators: canEnter, db: db)
            }
        }
    }

    private func cached(_ area: Area, year: Int, canEnter: Bool, publicView: Bool, _ compute: () async throws -> ProgressDashboard) async throws -> ProgressDashboard {
        guard let cache = environment.dashboardCache else { return try await compute() }
        return try await cache.dashboard(area, key: .init(areaID: area.id, year: year, canEnterDenominators: canEnter, publicView: publicView),
                                         now: environment.clock.now(), compute: compute)
    }

    static func build(_ area: Area, year: Int, currentYear: Int, canEnterDenominators: Bool, db: any SQLDatabase) async throws -> ProgressDashboard {
        let rollups = RollupRepository(db)
        let rows = try await rollups.rows(of: DenominatorFigures.rollupID(area))
        // Every plan once: the area's own (national and its province's) and, for the nation's children, every province's.
        let allPlans = try await PlanRepository(db).all()
        func targets(of plans: [PlanRecord]) -> [TargetResolution.Candidate] {
            plans.flatMap { plan in
                plan.draft.targets.map { TargetResolution.Candidate(planCode: plan.draft.code, planName: plan.draft.documentNumber,
                                                                    provinceID: plan.draft.provinceID, target: $0) }
            }
        }
        let candidates = targets(of: allPlans.filter { $0.draft.provinceID == nil || $0.draft.provinceID == area.provinceID })
        // The trend needs every year with counts, each with that year's denominators: loaded together.
        let years = Set(rows.map(\.key.year)).union([year]).sorted()
        let yearFigures = try await DenominatorFigures.load(area, years: years, db: db)
        let figures = yearFigures[year]!
        let classIDs = [area.id] + figures.childAreas.map(\.area.id)
        let classes = try await PlanRepository(db).classes(of: classIDs)

        func counts(_ rows: [RollupRow], _ indicator: ProgressIndicator, year: Int) -> RollupCounts {
            rows.filter { $0.key.year == year && $0.key.model == indicator.model && $0.key.segment == indicator.segment }
                .reduce(.zero) { $0 + $1.counts }
        }
        func figure(_ indicator: ProgressIndicator, counts: RollupCounts, denominator: DenominatorFigure?, provinceID: Int64?,
                    classes: Set<AreaClass>, year: Int) -> ProgressFigure {
            let target = TargetResolution.resolve(candidates, indicator: indicator, year: year, provinceID: provinceID, classes: classes)
            return ProgressFigure(indicator: indicator, counts: counts, denominator: denominator ?? DenominatorFigure(value: nil, origin: .children(reported: 0, count: 0)),
                                  target: target?.target.percent, targetPlan: target?.planName, targetYear: target?.target.year)
        }

        let ownClasses = area.level == .commune ? classes[area.id] ?? [] : []
        var own: [ProgressIndicator: ProgressFigure] = [:]
        for indicator in ProgressIndicator.allCases {
            own[indicator] = figure(indicator, counts: counts(rows, indicator, year: year), denominator: figures.own[indicator.denominator],
                                    provinceID: area.provinceID, classes: ownClasses, year: year)
        }
        let indicators = ProgressIndicator.allCases.filter { indicator in
            alwaysShown.contains(indicator) || own[indicator]!.counts.registered > 0 || own[indicator]!.target != nil
                || figures.entries[indicator.denominator] != nil
        }

        // The trend: every year with counts, each with that year's denominator.
        var trend: [ProgressIndicator: [TrendPoint]] = [:]
        for indicator in indicators {
            trend[indicator] = years.map { other in
                let yearCounts = counts(rows, indicator, year: other)
                let denominator = yearFigures[other]?.own[indicator.denominator]
                let percent = denominator?.value.flatMap { $0 > 0 ? Double(yearCounts.recognised) / Double($0) * 100 : nil }
                return TrendPoint(year: other, counts: yearCounts, percent: percent)
            }
        }
        var projections: [ProgressIndicator: [Int: Double]] = [:]
        var milestoneTargets: [ProgressIndicator: [Int: Double]] = [:]
        var actualMilestones: [ProgressIndicator: Set<Int>] = [:]
        for indicator in indicators {
            // A year still under way counts only once it has recognitions; otherwise its 0 % would bend the line.
            let points = (trend[indicator] ?? []).filter { $0.year < currentYear || $0.counts.recognised > 0 }
                .compactMap { point in point.percent.map { (year: point.year, percent: $0) } }
            for milestone in milestones {
                if let actual = points.first(where: { $0.year == milestone }) {
                    projections[indicator, default: [:]][milestone] = actual.percent
                    actualMilestones[indicator, default: []].insert(milestone)
                } else {
                    projections[indicator, default: [:]][milestone] = TrendProjection.project(points, to: milestone)
                }
                let target = TargetResolution.resolve(candidates, indicator: indicator, year: milestone, provinceID: area.provinceID, classes: ownClasses)
                if target?.target.year == milestone { milestoneTargets[indicator, default: [:]][milestone] = target?.target.percent }
            }
        }

        // The children, for the drill-down and the list of those lagging most.
        var children: [ChildProgress] = []
        if area.level != .village {
            let childRows = try await rollups.childRows(of: area.position, year: year)
            let byArea = Dictionary(grouping: childRows, by: \.key.areaID)
            let childPlans = area.level == .nation ? targets(of: allPlans) : candidates
            for child in figures.childAreas {
                var childFigures: [ProgressIndicator: ProgressFigure] = [:]
                let childClasses = child.area.level == .commune ? classes[child.area.id] ?? [] : []
                for indicator in indicators {
                    let target = TargetResolution.resolve(childPlans, indicator: indicator, year: year, provinceID: child.area.provinceID, classes: childClasses)
                    childFigures[indicator] = ProgressFigure(
                        indicator: indicator, counts: counts(byArea[child.area.id] ?? [], indicator, year: year),
                        denominator: figures.children[child.area.id]?[indicator.denominator] ?? DenominatorFigure(value: nil, origin: .children(reported: 0, count: 0)),
                        target: target?.target.percent, targetPlan: target?.planName, targetYear: target?.target.year)
                }
                children.append(ChildProgress(area: child.area, figures: childFigures))
            }
        }
        return ProgressDashboard(area: area, year: year, indicators: indicators, figures: own, trend: trend, projections: projections,
                                 actualMilestones: actualMilestones, milestoneTargets: milestoneTargets, children: children, classes: ownClasses,
                                 canEnterDenominators: canEnterDenominators)
    }
}

/// The rows of the open data, produced province by province.
public struct OpenDataStream: Sendable {
    public typealias Row = (area: Area, parentCode: String?, figure: ProgressFigure)
    let service: ProgressService
    public let nation: ProgressDashboard

    /// The country's own rows.
    public var nationRows: [Row] { nation.indicators.compactMap { indicator in nation.figures[indicator].map { (nation.area, nil, $0) } } }

    /// Calls `body` with each province's rows (the province, then its communes).
    public func forEachProvince(_ body: ([Row]) async throws -> Void) async throws {
        for province in nation.children {
            let dashboard = try await service.publicDashboard(province.area.id, year: nation.year)
            var rows: [Row] = nation.indicators.compactMap { indicator in dashboard.figures[indicator].map { (province.area, nation.area.code, $0) } }
            for commune in dashboard.children {
                rows += nation.indicators.compactMap { indicator in commune.figures[indicator].map { (commune.area, province.area.code, $0) } }
            }
            try await body(rows)
        }
    }
}

