import Foundation
import HoctapDomain
import SQLKit

/// A retention period as set by an administrator.
public struct RetentionSetting: Sendable, Equatable {
    public var rule: RetentionRule
    /// `nil`: keep.
    public var days: Int?
    public var updatedBy: String
    public var updatedAt: Date
    public var version: Int
}

/// The retention periods administrators have set (rules without a row use hoctap's default).
public struct RetentionRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func settings() async throws -> [RetentionRule: RetentionSetting] {
        var settings: [RetentionRule: RetentionSetting] = [:]
        for row in try await db.raw("SELECT name, days, updated_by_label, updated_at, version FROM retention_settings").all() {
            guard let rule = RetentionRule(rawValue: try row.decode(column: "name", as: String.self)) else { continue }
            settings[rule] = RetentionSetting(rule: rule, days: try row.decode(column: "days", as: Int?.self),
                                              updatedBy: try row.decode(column: "updated_by_label", as: String.self),
                                              updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self)),
                                              version: try row.decode(column: "version", as: Int.self))
        }
        return settings
    }

    /// Sets a period: the first time with `expectedVersion` nil, afterwards only over the version read.
    public func save(_ rule: RetentionRule, days: Int?, expectedVersion: Int?, by label: String, at moment: Date) async throws {
        if let expectedVersion {
            let updated = try await db.raw("""
                UPDATE retention_settings SET days = \(bind: days), updated_by_label = \(bind: label), updated_at = \(bind: moment.epochSeconds),
                    version = version + 1
                WHERE name = \(bind: rule.rawValue) AND version = \(bind: expectedVersion) RETURNING name
                """).all()
            if updated.isEmpty { throw VersionConflict(entity: "Thời hạn lưu giữ") }
        } else {
            do {
                try await db.raw("""
                    INSERT INTO retention_settings (name, days, updated_by_label, updated_at, version)
                    VALUES (\(bind: rule.rawValue), \(bind: days), \(bind: label), \(bind: moment.epochSeconds), 1)
                    """).run()
            } catch where ConstraintViolation(error) == .unique {
                throw VersionConflict(entity: "Thời hạn lưu giữ")
            }
        }
    }
}
