import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// An area as a browsing page shows it.
public struct AreaOverview: Sendable {
    public var area: Area
    /// From the nation down to the parent; entries outside the actor's subtree are included
    /// for orientation but carry `visible == false`.
    public var ancestors: [(area: Area, visible: Bool)]
    public var children: [AreaSummary]
    /// Units that merged into this one in July 2025 (for current communes).
    public var predecessors: [(area: Area, part: SuccessionLink.Part)]
    /// Units this one went into (for pre-reform units).
    public var successors: [(area: Area, part: SuccessionLink.Part)]
    /// Number of current units of each level in this subtree.
    public var counts: [AreaLevel: Int]
    /// Predecessors the actor may open.
    public var visiblePredecessors: Set<Area.ID> = []
}

/// Browsing and searching areas, and the commune's own villages.
public struct AreaService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// The area the actor is bound to: where browsing starts.
    public func home(of actor: Actor) async throws -> Area {
        try await environment.database.read { db in
            let areas = AreaRepository(db)
            if let id = actor.scope.areaID, let area = try await areas.find(id: id) { return area }
            return try await areas.nation()
        }
    }

    /// The identifier of the nation row.
    public func nationID() async throws -> Area.ID {
        try await environment.database.read { try await AreaRepository($0).nation().id }
    }

    public func find(_ id: Area.ID, by actor: Actor) async throws -> Area {
        guard let area = try await environment.database.read({ try await AreaRepository($0).find(id: id, within: actor.scope) }) else {
            throw ServiceError.notFound("Không tìm thấy địa bàn này.")
        }
        try Authorization.require(actor, .viewArea(area.position), notFound: "Không tìm thấy địa bàn này.")
        return area
    }

    public func overview(_ id: Area.ID, by actor: Actor) async throws -> AreaOverview {
        let area = try await find(id, by: actor)
        return try await environment.database.read { db in
            let areas = AreaRepository(db)
            let ancestors = try await areas.ancestors(of: area).map { ($0, actor.sees($0.position)) }
            let predecessors = area.level == .commune ? try await areas.predecessors(of: area.id) : []
            return AreaOverview(
                area: area,
                ancestors: ancestors,
                children: try await areas.children(of: area.id),
                predecessors: predecessors,
                successors: area.isCurrent ? [] : try await areas.successors(of: area.id),
                counts: area.isCurrent ? try await areas.countsByLevel(within: area.position) : [:],
                visiblePredecessors: Set(predecessors.filter { actor.sees($0.area.position) }.map(\.area.id)))
        }
    }

    /// Number of current areas of each level in the actor's subtree.
    public func counts(by actor: Actor) async throws -> [AreaLevel: Int] {
        try await environment.database.read { try await AreaRepository($0).countsByLevel(within: actor.scope) }
    }

    public func children(of id: Area.ID, by actor: Actor) async throws -> [AreaSummary] {
        let area = try await find(id, by: actor)
        return try await environment.database.read { try await AreaRepository($0).children(of: area.id) }
    }

    /// Areas in the actor's subtree whose names contain `text`, ignoring case and diacritics.
    public func search(_ text: String, levels: [AreaLevel]? = nil, limit: Int = 50, by actor: Actor) async throws -> [Area] {
        try await environment.database.read { db in
            try await AreaRepository(db).search(text, within: actor.scope, levels: levels, limit: limit)
        }
    }
}
