import HoctapDomain
import HoctapStorage
import SQLKit

/// The denominators of an area and of each of its children for one year, resolved as
/// `DenominatorFigure` explains: an entry first, else the complete sum of the level below.
struct DenominatorFigures: Sendable {
    var own: [DenominatorKind: DenominatorFigure]
    var entries: [DenominatorKind: DenominatorRecord]
    var children: [Area.ID: [DenominatorKind: DenominatorFigure]]
    var childAreas: [AreaSummary]

    /// Rollups and denominators name the whole country 0, not the nation's row.
    static func rollupID(_ area: Area) -> Int64 { area.level == .nation ? RollupKey.nationID : area.id }

    static func load(_ area: Area, year: Int, db: any SQLDatabase) async throws -> DenominatorFigures {
        let repository = DenominatorRepository(db)
        let position = area.position
        let entries = Dictionary(try await repository.entries(of: rollupID(area), year: year).map { ($0.kind, $0) }) { first, _ in first }
        let childAreas = area.level == .village ? [] : try await AreaRepository(db).children(of: area.id)
            .filter { $0.area.level != .district }
        var childEntries: [Int64: [DenominatorKind: Int64]] = [:]
        for entry in try await repository.childEntries(of: position, year: year) { childEntries[entry.areaID, default: [:]][entry.kind] = entry.value }
        let grandchildren = try await repository.grandchildTotals(of: position, year: year)
        let communesInArea = try await repository.communeCount(within: position)
        let villageCounts = try await repository.villageCounts(of: position)
        /// A village count stands for an area only when each of its communes has villages.
        func villages(_ area: Area, childCount: Int) -> Int64? {
            switch area.level {
            case .commune: return childCount > 0 ? Int64(childCount) : nil
            case .province: return villageCounts[area.id].flatMap { $0.communesWithVillages == childCount && childCount > 0 ? Int64($0.villages) : nil }
            default: return nil
            }
        }

        var children: [Area.ID: [DenominatorKind: DenominatorFigure]] = [:]
        for child in childAreas {
            var figures: [DenominatorKind: DenominatorFigure] = [:]
            for kind in DenominatorKind.allCases {
                if kind.isCountedFromAreas {
                    let communes: Int64? = switch child.area.level {
                    case .province: Int64(child.childCount)
                    case .commune: 1
                    default: nil
                    }
                    figures[kind] = DenominatorFigure(value: communes, origin: .areaList)
                    continue
                }
                if kind.isCountableFromVillages, childEntries[child.area.id]?[kind] == nil, let counted = villages(child.area, childCount: child.childCount) {
                    figures[kind] = DenominatorFigure(value: counted, origin: .areaList)
                    continue
                }
                let below = grandchildren[child.area.id]?[kind]
                let value = DenominatorFigure.childValue(entered: childEntries[child.area.id]?[kind],
                                                        grandchildren: below.map { ($0.sum, $0.reported, $0.count) })
                if let entered = childEntries[child.area.id]?[kind] {
                    figures[kind] = DenominatorFigure(value: entered, origin: .entered(source: ""))
                } else {
                    figures[kind] = DenominatorFigure(value: value, origin: .children(reported: below?.reported ?? 0, count: below?.count ?? child.childCount))
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
        return DenominatorFigures(own: own, entries: entries, children: children, childAreas: childAreas)
    }
}
