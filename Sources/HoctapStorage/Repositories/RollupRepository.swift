import Foundation
import HoctapDomain
import SQLKit

/// The year, model and citizens' target group a cycle's evaluations count under.
public struct RollupCycleKey: Hashable, Sendable {
    public var year: Int
    public var model: LearningModel
    public var segment: String
}

/// One rollup row as read.
public struct RollupRow: Hashable, Sendable {
    public var key: RollupKey
    public var counts: RollupCounts
}

/// A difference between the stored rollups and a fresh recount.
public struct RollupDifference: Hashable, Sendable {
    public var key: RollupKey
    public var stored: RollupCounts
    public var recounted: RollupCounts
}

/// SQL for the rollups: applying a transaction's changes, reading them for dashboards, and
/// recounting them from the evaluations to verify or rebuild.
public struct RollupRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func cycleKey(_ cycleID: CycleRecord.ID) async throws -> RollupCycleKey {
        guard let row = try await db.raw("""
            SELECT c.year, c.model, COALESCE(v.target_group, '') AS segment FROM evaluation_cycles c
            JOIN criteria_set_versions v ON v.set_id = c.set_id AND v.version = c.set_version WHERE c.id = \(bind: cycleID)
            """).first() else { throw StoredValueError(description: "Không có đợt đánh giá \(cycleID).") }
        return RollupCycleKey(year: try row.decode(column: "year", as: Int.self), model: try row.enumValue("model", as: LearningModel.self),
                              segment: try row.decode(column: "segment", as: String.self))
    }

    /// Adds a transaction's changes, row by row in one fixed order (see `RollupKey.<`). A change
    /// that only adds may create its row; one that takes away needs the row it takes from (the
    /// counts never go below zero, which the table also checks).
    public func apply(_ ledger: RollupLedger) async throws {
        for (key, delta) in ledger.ordered {
            if delta.registered >= 0 && delta.assessed >= 0 && delta.approved >= 0 && delta.recognised >= 0 {
                try await db.raw("""
                    INSERT INTO rollups (area_id, level, year, model, segment, registered, assessed, approved, recognised)
                    VALUES (\(bind: key.areaID), \(bind: key.level.rawValue), \(bind: key.year), \(bind: key.model.rawValue), \(bind: key.segment),
                            \(bind: delta.registered), \(bind: delta.assessed), \(bind: delta.approved), \(bind: delta.recognised))
                    ON CONFLICT (area_id, year, model, segment) DO UPDATE SET
                        registered = rollups.registered + excluded.registered, assessed = rollups.assessed + excluded.assessed,
                        approved = rollups.approved + excluded.approved, recognised = rollups.recognised + excluded.recognised
                    """).run()
            } else {
                let updated = try await db.raw("""
                    UPDATE rollups SET registered = registered + \(bind: delta.registered), assessed = assessed + \(bind: delta.assessed),
                        approved = approved + \(bind: delta.approved), recognised = recognised + \(bind: delta.recognised)
                    WHERE area_id = \(bind: key.areaID) AND year = \(bind: key.year) AND model = \(bind: key.model.rawValue) AND segment = \(bind: key.segment)
                    RETURNING area_id
                    """).all()
                if updated.isEmpty {
                    throw StoredValueError(description: "Số liệu tổng hợp thiếu dòng \(key.level.rawValue) \(key.areaID), năm \(key.year); chạy `hoctap rollups rebuild`.")
                }
            }
        }
    }

    static func row(_ row: any SQLRow) throws -> RollupRow {
        RollupRow(key: RollupKey(areaID: try row.decode(column: "area_id", as: Int64.self), level: try row.enumValue("level", as: AreaLevel.self),
                                 year: try row.decode(column: "year", as: Int.self), model: try row.enumValue("model", as: LearningModel.self),
                                 segment: try row.decode(column: "segment", as: String.self)),
                  counts: RollupCounts(registered: try row.decode(column: "registered", as: Int.self), assessed: try row.decode(column: "assessed", as: Int.self),
                                       approved: try row.decode(column: "approved", as: Int.self), recognised: try row.decode(column: "recognised", as: Int.self)))
    }

    static let columns: SQLQueryString = "r.area_id, r.level, r.year, r.model, r.segment, r.registered, r.assessed, r.approved, r.recognised"

    /// The rows of one area (`RollupKey.nationID` for the country), every year.
    public func rows(of areaID: Int64) async throws -> [RollupRow] {
        try await db.raw("SELECT \(Self.columns) FROM rollups r WHERE r.area_id = \(bind: areaID) ORDER BY r.year, r.model, r.segment")
            .all().map(Self.row)
    }

    /// The rows of the children of an area (provinces of the nation, communes of a province,
    /// villages of a commune) for one year.
    public func childRows(of parent: AreaPosition, year: Int) async throws -> [RollupRow] {
        let filter: SQLQueryString
        switch parent.level {
        case .nation: filter = "r.level = 'province'"
        case .province: filter = "r.level = 'commune' AND a.province_id = \(bind: parent.provinceID)"
        case .commune: filter = "r.level = 'village' AND a.commune_id = \(bind: parent.communeID)"
        case .district, .village: return []
        }
        return try await db.raw("""
            SELECT \(Self.columns) FROM rollups r JOIN areas a ON a.id = r.area_id
            WHERE r.year = \(bind: year) AND \(filter) ORDER BY r.area_id, r.model, r.segment
            """).all().map(Self.row)
    }

    /// Every stored row, optionally of one year.
    public func stored(year: Int?) async throws -> [RollupKey: RollupCounts] {
        let filter: SQLQueryString = year.map { "WHERE r.year = \(bind: $0)" } ?? ""
        var rows: [RollupKey: RollupCounts] = [:]
        for row in try await db.raw("SELECT \(Self.columns) FROM rollups r \(filter)").all().map(Self.row) { rows[row.key] = row.counts }
        return rows
    }

    /// The rows recounted from the evaluations.
    public func recount(year: Int?) async throws -> [RollupKey: RollupCounts] {
        var rows: [RollupKey: RollupCounts] = [:]
        for row in try await db.raw(SQLQueryString(RollupSQL.recount(year: year))).all().map(Self.row) { rows[row.key] = row.counts }
        return rows
    }

    /// Where the stored rows and a recount disagree (a row missing on one side counts as zero).
    public func differences(year: Int?) async throws -> [RollupDifference] {
        let stored = try await stored(year: year)
        let recounted = try await recount(year: year)
        return Set(stored.keys).union(recounted.keys).compactMap { key in
            let have = stored[key] ?? .zero
            let want = recounted[key] ?? .zero
            return have == want ? nil : RollupDifference(key: key, stored: have, recounted: want)
        }.sorted { $0.key < $1.key }
    }

    /// Replaces the stored rows by a recount; returns how many rows were written.
    @discardableResult
    public func rebuild() async throws -> Int {
        try await db.raw("DELETE FROM rollups").run()
        try await db.raw(SQLQueryString("""
            INSERT INTO rollups (area_id, level, year, model, segment, registered, assessed, approved, recognised) \(unsafeRaw: RollupSQL.recount(year: nil))
            """)).run()
        return try await db.raw("SELECT COUNT(*) AS n FROM rollups").first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
