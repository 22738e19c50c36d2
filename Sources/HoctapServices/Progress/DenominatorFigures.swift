import HoctapDomain
import HoctapStorage
import SQLKit

/// The denominators of an area and of each of its children for a year, resolved as
/// `DenominatorFigure` explains: an entry first, else the complete sum of the level below;
/// communes (and a commune's villages) counted from the list of areas.
struct DenominatorFigures: Sendable {
    var own: [DenominatorKind: DenominatorFigure]
    var entries: [DenominatorKind: DenominatorRecord]
    var children: [Area.ID: [DenominatorKind: DenominatorFigure]]
    var childAreas: [AreaSummary]

    /// Rollups and denominators name the whole country 0, not the nation's row.
    static func rollupID(_ area: Area) -> Int64 { area.level == .nation ? RollupKey.nationID : area.id }

    static func load(_ area: Area, year: Int, db: any SQLDatabase) async throws -> DenominatorFigures {
        try await load(area, years: [year], db: db)[year]!
    }

    /// The figures of several years with one query per kind of fact, whatever the number of
    /// years (a dashboard's trend needs every year with data).
    static func load(_ area: Area, years: [Int], db: any SQLDatabase) async throws -> [Int: DenominatorFigures] {
        let repository = DenominatorRepository(db)
        let position = area.position
        let ownEntries = try await repository.entries(of: rollupID(area), years: years)
        let childAreas = area.level == .village ? [] : try await AreaRepository(db).children(of: area.id).filter { $0.area.level != .district }
        var childEntries: [Int: [Int64: [DenominatorKind: Int64]]] = [:]
        for entry in try await repository.childEntries(of: position, years: years) {
            childEntries[entry.year, default: [:]][entry.areaID, default: [:]][entry.kind] = entry.value
        }
        let grandchildSums = try await repository.grandchildSums(of: position, years: years)
        let grandchildCounts = area.level == .nation || area.level == .province ? try await repository.grandchildCounts(of: position) : [:]
        let communesInArea = try await repository.communeCount(within: position)
        let villageCounts = try await repository.villageCounts(of: position)

        /// A village count stands for an area only when each of its communes has villages.
        func villages(_ child: AreaSummary) -> Int64? {
            switch child.area.level {
            case .commune: return child.childCount > 0 ? Int64(child.childCount) : nil
            case .province:
                return villageCounts[child.area.id].flatMap { $0.communesWithVillages == child.childCount && child.childCount > 0 ? Int64($0.villages) : nil }
            default: return nil
            }
        }

        var result: [Int: DenominatorFigures] = [:]
        for year in years {
            let entries = Dictionary(ownEntries.filter { $0.year == year }.map { ($0.kind, $0) }) { first, _ in first }
            var children: [Area.ID: [DenominatorKind: DenominatorFigure]] = [:]
            for child in childAreas {
                var figures: [DenominatorKind: DenominatorFigure] = [:]
                let entered = childEntries[year]?[child.area.id] ?? [:]
                for kind in DenominatorKind.allCases {
                    if kind.isCountedFromAreas {
                        let communes: Int64? = switch child.area.level {
                        case .province: Int64(child.childCount)
                        case .commune: 1
                        default: nil
                        }
                        figures[kind] = DenominatorFigure(value: communes, origin: .areaList)
                    } else if let value = entered[kind] {
                        figures[kind] = DenominatorFigure(value: value, origin: .entered(source: ""))
                    } else if kind.isCountableFromVillages, let counted = villages(child) {
                        figures[kind] = DenominatorFigure(value: counted, origin: .areaList)
                    } else {
                        let below = grandchildSums[year]?[child.area.id]?[kind]
                        let count = grandchildCounts[child.area.id] ?? child.childCount
                        let value = DenominatorFigure.childValue(entered: nil, grandchildren: (below?.sum ?? 0, below?.reported ?? 0, count))
                        figures[kind] = DenominatorFigure(value: value, origin: .children(reported: below?.reported ?? 0, count: count))
                    }
                }
                children[child.area.id] = figures
            }
            var own: [DenominatorKind: DenominatorFigure] = [:]
            for kind in DenominatorKind.allCases {
                if kind.isCountedFromAreas {
                    own[kind] = DenominatorFigure(value: area.level == .village ? nil : Int64(communesInArea), origin: .areaList)
                } else if kind.isCountableFromVillages, entries[kind] == nil, area.level == .commune, !childAreas.isEmpty {
                    own[kind] = DenominatorFigure(value: Int64(childAreas.count), origin: .areaList)
                } else {
                    own[kind] = DenominatorFigure.resolve(entered: entries[kind].map { ($0.value, $0.source) },
                                                          children: childAreas.map { children[$0.area.id]?[kind]?.value })
                }
            }
            result[year] = DenominatorFigures(own: own, entries: entries, children: children, childAreas: childAreas)
        }
        return result
    }
}
