import Foundation
import HoctapDomain
import SQLKit

/// Who acted: an account, or the operator at the command line.
public struct AuditActor: Sendable, Hashable {
    public var accountID: Int64?
    public var label: String

    public init(accountID: Int64?, label: String) {
        self.accountID = accountID
        self.label = label
    }

    public init(_ actor: Actor) {
        self.init(accountID: actor.accountID, label: actor.username)
    }

    /// The operator running a `hoctap` command on the server.
    public static let commandLine = AuditActor(accountID: nil, label: "dòng lệnh")
}

/// One entry of the audit trail.
public struct AuditEntry: Sendable {
    public var actor: AuditActor
    public var action: String
    public var entityType: String
    public var entityID: String?
    public var area: AreaPosition?
    public var summary: String
    public var before: String?
    public var after: String?

    public init(actor: AuditActor, action: String, entityType: String, entityID: String?, area: AreaPosition?,
                summary: String, before: String? = nil, after: String? = nil) {
        self.actor = actor
        self.action = action
        self.entityType = entityType
        self.entityID = entityID
        self.area = area
        self.summary = summary
        self.before = before
        self.after = after
    }

    /// Encodes a value as the compact JSON stored in `before_json` / `after_json`.
    public static func json(_ value: some Encodable) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) }
    }
}

/// A stored audit entry.
public struct AuditRecord: Sendable, Hashable {
    public var id: Int64
    public var occurredAt: Date
    public var actorLabel: String
    public var action: String
    public var entityType: String
    public var entityID: String?
    public var summary: String
    public var before: String?
    public var after: String?
}

/// Appends to and reads the audit trail. Appends run in the same transaction as the change they
/// describe, so a change and its trace are committed or rolled back together.
public struct AuditRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func append(_ entry: AuditEntry, at moment: Date) async throws {
        try await db.raw("""
            INSERT INTO audit_events (occurred_at, actor_account_id, actor_label, action, entity_type, entity_id,
                                      area_id, province_id, commune_id, summary, before_json, after_json)
            VALUES (\(bind: moment.epochSeconds), \(bind: entry.actor.accountID), \(bind: entry.actor.label),
                    \(bind: entry.action), \(bind: entry.entityType), \(bind: entry.entityID), \(bind: entry.area?.areaID),
                    \(bind: entry.area?.provinceID), \(bind: entry.area?.communeID), \(bind: entry.summary),
                    \(bind: entry.before), \(bind: entry.after))
            """).run()
    }

    /// Entries about one record, newest first.
    public func history(entityType: String, entityID: String, limit: Int = 100) async throws -> [AuditRecord] {
        try await db.raw("""
            SELECT id, occurred_at, actor_label, action, entity_type, entity_id, summary, before_json, after_json
            FROM audit_events WHERE entity_type = \(bind: entityType) AND entity_id = \(bind: entityID)
            ORDER BY id DESC LIMIT \(literal: limit)
            """).all().map { row in
            AuditRecord(
                id: try row.decode(column: "id", as: Int64.self),
                occurredAt: Date(epochSeconds: try row.decode(column: "occurred_at", as: Int64.self)),
                actorLabel: try row.decode(column: "actor_label", as: String.self),
                action: try row.decode(column: "action", as: String.self),
                entityType: try row.decode(column: "entity_type", as: String.self),
                entityID: try row.decode(column: "entity_id", as: String?.self),
                summary: try row.decode(column: "summary", as: String.self),
                before: try row.decode(column: "before_json", as: String?.self),
                after: try row.decode(column: "after_json", as: String?.self)
            )
        }
    }
}
