import Foundation
import HoctapDomain
import Synchronization

/// Recently computed dashboards of the nation and the provinces, reused for `lifetime`.
///
/// Rollups keep every figure exact at the moment of writing; reading a national dashboard
/// still takes about fifteen queries, and under load every official of the country asks for
/// the same few pages. Keeping those for a few seconds turns the national page into a memory
/// read; communes and villages are never cached, so the people who just changed something see
/// it at once. Off (`lifetime` 0) unless configured (`HOCTAP_DASHBOARD_CACHE_SECONDS`).
public final class DashboardCache: Sendable {
    struct Key: Hashable {
        var areaID: Area.ID
        var year: Int
        var canEnterDenominators: Bool
        var publicView: Bool
    }

    public let lifetime: TimeInterval
    private let entries = Mutex<[Key: (dashboard: ProgressDashboard, computedAt: Date)]>([:])

    public init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// The cached dashboard, or `compute()`'s result, stored when the area is cacheable.
    func dashboard(_ area: Area, key: Key, now: Date, compute: () async throws -> ProgressDashboard) async throws -> ProgressDashboard {
        guard lifetime > 0, area.level == .nation || area.level == .province else { return try await compute() }
        if let hit = entries.withLock({ $0[key] }), now.timeIntervalSince(hit.computedAt) < lifetime { return hit.dashboard }
        let fresh = try await compute()
        entries.withLock { entries in
            // Bounded by the number of provinces × years × views; dropped whole if it ever grows past that.
            if entries.count > 2_000 { entries.removeAll() }
            entries[key] = (fresh, now)
        }
        return fresh
    }
}
