import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// Checking and repairing the rollups: `hoctap rollups verify` and `hoctap rollups rebuild`.
public struct RollupService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Every row where the stored counts differ from a recount of the evaluations (empty when exact).
    public func verify(year: Int? = nil) async throws -> [RollupDifference] {
        // One snapshot for both sides, so a write in between cannot show as a difference.
        try await environment.database.transaction { db in
            try await db.useSnapshotIsolation()
            return try await RollupRepository(db).differences(year: year)
        }
    }

    /// Communes whose stored village count (kept by triggers for the dashboards) differs from a
    /// recount of the list of areas; empty when exact.
    public func villageCountDrift() async throws -> [(communeID: Int64, stored: Int, counted: Int)] {
        try await environment.database.transaction { db in
            try await db.useSnapshotIsolation()
            return try await DenominatorRepository(db).villageCountDrift()
        }
    }

    /// Replaces the rollups (and the communes' village counts) by a recount in one transaction; returns the number of rows.
    @discardableResult
    public func rebuild() async throws -> Int {
        try await environment.database.transaction { db in
            let rows = try await RollupRepository(db).rebuild()
            try await DenominatorRepository(db).rebuildVillageCounts()
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(accountID: nil, label: "hoctap rollups rebuild"), action: "rollups.rebuild", entityType: "rollups", entityID: "*",
                area: .nation, summary: "Tính lại số liệu tổng hợp từ các phiếu đánh giá (\(rows) dòng)"), at: environment.clock.now())
            return rows
        }
    }
}
