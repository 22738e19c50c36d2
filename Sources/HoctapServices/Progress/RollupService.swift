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

    /// Replaces the rollups by a recount in one transaction; returns the number of rows.
    @discardableResult
    public func rebuild() async throws -> Int {
        try await environment.database.transaction { db in
            let rows = try await RollupRepository(db).rebuild()
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(accountID: nil, label: "hoctap rollups rebuild"), action: "rollups.rebuild", entityType: "rollups", entityID: "*",
                area: .nation, summary: "Tính lại số liệu tổng hợp từ các phiếu đánh giá (\(rows) dòng)"), at: environment.clock.now())
            return rows
        }
    }
}
