import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage

/// The JSON shapes of progress in `/api/v1`: dashboards, denominators, plans.
extension APIModels {
    struct Figure: Codable, Sendable {
        var indicator: String
        var label: String
        var registered, assessed, approved, recognised: Int
        var denominator: Int64?
        var denominatorNote: String
        var percent: Double?
        var target: Double?
        var targetYear: Int?
        var targetPlan: String?
        var gap: Double?

        init(_ figure: ProgressFigure) {
            indicator = figure.indicator.rawValue
            label = figure.indicator.label
            registered = figure.counts.registered
            assessed = figure.counts.assessed
            approved = figure.counts.approved
            recognised = figure.counts.recognised
            denominator = figure.denominator.value
            denominatorNote = figure.denominator.explanation
            percent = figure.percent
            target = figure.target
            targetYear = figure.targetYear
            targetPlan = figure.targetPlan
            gap = figure.gap
        }
    }

    struct Progress: Codable, Sendable {
        struct Child: Codable, Sendable {
            var area: Area
            var figures: [Figure]
        }

        struct Trend: Codable, Sendable {
            var indicator: String
            var years: [Point]
            var projection2025: Double?
            var projection2030: Double?
        }

        struct Point: Codable, Sendable {
            var year: Int
            var recognised: Int
            var percent: Double?
        }

        var area: Area
        var year: Int
        var figures: [Figure]
        var trends: [Trend]
        var children: [Child]

        init(_ dashboard: ProgressDashboard) {
            area = Area(dashboard.area)
            year = dashboard.year
            figures = dashboard.indicators.compactMap { dashboard.figures[$0].map(Figure.init) }
            trends = dashboard.indicators.map { indicator in
                Trend(indicator: indicator.rawValue,
                      years: (dashboard.trend[indicator] ?? []).map { Point(year: $0.year, recognised: $0.counts.recognised, percent: $0.percent) },
                      projection2025: dashboard.projections[indicator]?[2025], projection2030: dashboard.projections[indicator]?[2030])
            }
            children = dashboard.children.map { child in
                Child(area: Area(child.area), figures: dashboard.indicators.compactMap { child.figures[$0].map(Figure.init) })
            }
        }
    }

    struct Denominator: Codable, Sendable {
        var kind: String
        var label: String
        var value: Int64?
        var note: String
        var entered: Int64?
        var source: String?
        var version: Int?
        var recognised: Int
    }

    struct DenominatorPage: Codable, Sendable {
        var year: Int
        var items: [Denominator]

        init(_ overview: DenominatorOverview) {
            year = overview.year
            items = overview.rows.map {
                Denominator(kind: $0.kind.rawValue, label: $0.kind.label, value: $0.figure.value, note: $0.figure.explanation, entered: $0.entry?.value,
                            source: $0.entry?.source, version: $0.entry?.version, recognised: $0.recognised)
            }
        }
    }

    struct DenominatorBody: Codable, Sendable {
        struct Item: Codable, Sendable {
            var kind: String
            var value: Int64
            var source: String
            var version: Int?
        }

        var year: Int
        var items: [Item]
    }

    struct PlanTargetJSON: Codable, Sendable {
        var indicator: String
        var year: Int
        var areaClass: String?
        var percent: Double?
        var status: String
        var note: String?
    }

    struct Plan: Codable, Sendable {
        var id: Int64
        var code: String
        var name: String
        var documentNumber: String
        var documentDate: String?
        var issuer: String
        var provinceId: Int64?
        var fromYear: Int
        var toYear: Int
        var provenance: String
        var version: Int
        var targets: [PlanTargetJSON]

        init(_ record: PlanRecord) {
            let plan = record.draft
            id = record.id
            code = plan.code
            name = plan.name
            documentNumber = plan.documentNumber
            documentDate = plan.documentDate?.iso
            issuer = plan.issuer
            provinceId = plan.provinceID
            fromYear = plan.fromYear
            toYear = plan.toYear
            provenance = plan.provenance
            version = record.version
            targets = plan.targets.map {
                PlanTargetJSON(indicator: $0.indicator.rawValue, year: $0.year, areaClass: $0.areaClass?.rawValue, percent: $0.percent,
                               status: $0.status.rawValue, note: $0.note)
            }
        }
    }

    struct PlanTargetsBody: Codable, Sendable {
        var version: Int
        var targets: [PlanTargetJSON]
    }
}
