import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// The movement dashboard of an area and year: every movement indicator against the targets of
/// the plans, for the area and each child, counted from the records themselves.
public struct MovementDashboard: Sendable {
    public var area: Area
    public var year: Int
    public var counts: MovementCounts
    public var figures: [MovementIndicator: MovementFigure]
    public var children: [(area: Area, counts: MovementCounts, figures: [MovementIndicator: MovementFigure])]
}

/// Builds movement dashboards. The network's records are few (one centre per commune, one
/// branch per village), so each count is one grouped query over indexed columns per level: exact
/// by construction, with no stored rollup to drift.
public struct MovementService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    public func dashboard(_ areaID: Area.ID, year: Int, by actor: Actor) async throws -> MovementDashboard {
        let area = try await AreaService(environment).find(areaID, by: actor)
        guard [.nation, .province, .commune].contains(area.level) else {
            throw ServiceError.notFound("Số liệu phong trào tính cho toàn quốc, tỉnh và xã.")
        }
        guard PlanDraft.years.contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Năm phải từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound).")])
        }
        return try await environment.database.read { db in
            let counts = try await Self.counts(children: area.position, year: year, db: db)
            let children: [Area] = area.level == .commune ? [] : try await AreaRepository(db).children(of: area.id).map(\.area).filter { $0.level != .village }
            let plans = try await PlanRepository(db).all()
            let candidates = plans.flatMap { plan in
                plan.draft.targets.map { TargetResolution.Candidate(planCode: plan.draft.code, planName: plan.draft.documentNumber,
                                                                    provinceID: plan.draft.provinceID, target: $0) }
            }
            let classes = try await PlanRepository(db).classes(of: [area.id] + children.map(\.id))
            func figures(_ counts: MovementCounts, of place: Area) -> [MovementIndicator: MovementFigure] {
                var result: [MovementIndicator: MovementFigure] = [:]
                for indicator in MovementIndicator.allCases {
                    var figure = counts.figure(indicator)
                    let placeClasses = place.level == .commune ? classes[place.id] ?? [] : []
                    if let target = TargetResolution.resolve(candidates, indicator: .movement(indicator), year: year, provinceID: place.provinceID,
                                                             classes: placeClasses) {
                        (figure.target, figure.targetPlan, figure.targetYear) = (target.target.percent, target.planName, target.target.year)
                    }
                    result[indicator] = figure
                }
                return result
            }
            let total = counts.values.reduce(MovementCounts(), +)
            return MovementDashboard(area: area, year: year, counts: total, figures: figures(total, of: area),
                                     children: children.map { child in
                                         let own = counts[child.id] ?? MovementCounts()
                                         return (child, own, figures(own, of: child))
                                     })
        }
    }

    /// The counts of each child of `parent` (or of the commune itself).
    static func counts(children parent: AreaPosition, year: Int, db: any SQLDatabase) async throws -> [Area.ID: MovementCounts] {
        var counts = try await AssociationRepository(db).figures(children: parent, year: year)
        for (id, row) in try await LearningCentreRepository(db).figures(children: parent, year: year) {
            counts[id, default: MovementCounts()].communes = row.communes
            counts[id, default: MovementCounts()].centres = row.centres
            counts[id, default: MovementCounts()].centresLed = row.ledByAssociation
        }
        for (id, digital) in try await LearningRecordRepository(db).digitalFigures(children: parent, year: year) {
            counts[id, default: MovementCounts()].digital = digital
        }
        return counts
    }
}
