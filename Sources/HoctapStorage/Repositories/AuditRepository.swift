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
        self.init(accountID: actor.accountID == Actor.commandLine.accountID ? nil : actor.accountID, label: actor.username)
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
    /// The entry's place in the hash chain.
    public var seq: Int64?
}

/// Appends to and reads the audit trail. Appends run in the same transaction as the change they
/// describe, so a change and its trace are committed or rolled back together.
public struct AuditRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// Appends an entry at the end of the hash chain. The chain's head row is locked for the rest
    /// of the transaction (SQLite has one writer anyway), so concurrent appends queue up instead of
    /// forking the chain; a rolled-back change takes its entry and the head's advance with it.
    public func append(_ entry: AuditEntry, at moment: Date) async throws {
        let (last, previous) = try await lockedHead()
        let seq = last + 1
        let fields = AuditChain.Fields(
            seq: seq, occurredAt: moment.epochSeconds, actorAccountID: entry.actor.accountID, actorLabel: entry.actor.label, action: entry.action,
            entityType: entry.entityType, entityID: entry.entityID, areaID: entry.area?.areaID, provinceID: entry.area?.provinceID,
            communeID: entry.area?.communeID, summary: entry.summary, before: entry.before, after: entry.after)
        try await insert(fields, previous: previous)
    }

    /// The chain's head, locked until the transaction ends (SQLite's single writer needs no lock).
    private func lockedHead() async throws -> (seq: Int64, hash: String) {
        let lock: SQLQueryString = db.dialect.name == "postgresql" ? " FOR UPDATE" : ""
        guard let head = try await db.raw("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1\(lock)").first() else {
            throw StoredValueError(description: "Thiếu đầu chuỗi nhật ký (audit_chain).")
        }
        return (try head.decode(column: "last_seq", as: Int64.self), try head.decode(column: "last_hash", as: String.self))
    }

    private func insert(_ fields: AuditChain.Fields, previous: String) async throws {
        let hash = AuditChain.hash(previous: previous, fields)
        try await db.raw("""
            INSERT INTO audit_events (seq, prev_hash, hash, occurred_at, actor_account_id, actor_label, action, entity_type, entity_id,
                                      area_id, province_id, commune_id, summary, before_json, after_json)
            VALUES (\(bind: fields.seq), \(bind: previous), \(bind: hash), \(bind: fields.occurredAt), \(bind: fields.actorAccountID),
                    \(bind: fields.actorLabel), \(bind: fields.action), \(bind: fields.entityType), \(bind: fields.entityID), \(bind: fields.areaID),
                    \(bind: fields.provinceID), \(bind: fields.communeID), \(bind: fields.summary), \(bind: fields.before), \(bind: fields.after))
            """).run()
        try await db.raw("UPDATE audit_chain SET last_seq = \(bind: fields.seq), last_hash = \(bind: hash) WHERE id = 1").run()
    }

    static let chainColumns: SQLQueryString = """
        id, seq, prev_hash, hash, occurred_at, actor_account_id, actor_label, action, entity_type, entity_id, area_id, province_id,
        commune_id, summary, before_json, after_json
        """

    static func fields(_ row: any SQLRow, seq: Int64) throws -> AuditChain.Fields {
        AuditChain.Fields(
            seq: seq, occurredAt: try row.decode(column: "occurred_at", as: Int64.self),
            actorAccountID: try row.decode(column: "actor_account_id", as: Int64?.self), actorLabel: try row.decode(column: "actor_label", as: String.self),
            action: try row.decode(column: "action", as: String.self), entityType: try row.decode(column: "entity_type", as: String.self),
            entityID: try row.decode(column: "entity_id", as: String?.self), areaID: try row.decode(column: "area_id", as: Int64?.self),
            provinceID: try row.decode(column: "province_id", as: Int64?.self), communeID: try row.decode(column: "commune_id", as: Int64?.self),
            summary: try row.decode(column: "summary", as: String.self), before: try row.decode(column: "before_json", as: String?.self),
            after: try row.decode(column: "after_json", as: String?.self))
    }

    /// Chains entries written before the chain existed (a database upgraded from an earlier
    /// version), in the order they were written. Returns how many were sealed.
    public func sealUnchained() async throws -> Int {
        var (seq, previous) = try await lockedHead()
        var sealed = 0
        while true {
            let rows = try await db.raw("SELECT \(Self.chainColumns) FROM audit_events WHERE seq IS NULL ORDER BY id LIMIT 1000").all()
            if rows.isEmpty { break }
            for row in rows {
                seq += 1
                let fields = try Self.fields(row, seq: seq)
                let hash = AuditChain.hash(previous: previous, fields)
                try await db.raw("""
                    UPDATE audit_events SET seq = \(bind: seq), prev_hash = \(bind: previous), hash = \(bind: hash)
                    WHERE id = \(bind: try row.decode(column: "id", as: Int64.self))
                    """).run()
                previous = hash
                sealed += 1
            }
        }
        if sealed > 0 { try await db.raw("UPDATE audit_chain SET last_seq = \(bind: seq), last_hash = \(bind: previous) WHERE id = 1").run() }
        return sealed
    }

    /// One stored link of the chain, as `hoctap audit verify` reads it.
    public struct Link: Sendable {
        public var id: Int64
        public var seq: Int64?
        public var previousHash: String?
        public var hash: String?
        public var fields: AuditChain.Fields
    }

    /// Links in sequence order after `seq`, a page at a time (unsealed entries have no sequence and come last).
    public func links(after seq: Int64, limit: Int) async throws -> [Link] {
        try await db.raw("""
            SELECT \(Self.chainColumns) FROM audit_events WHERE seq > \(bind: seq) ORDER BY seq LIMIT \(unsafeRaw: String(max(1, min(limit, 10_000))))
            """).all().map { row in
            let seq = try row.decode(column: "seq", as: Int64?.self)
            return Link(id: try row.decode(column: "id", as: Int64.self), seq: seq, previousHash: try row.decode(column: "prev_hash", as: String?.self),
                        hash: try row.decode(column: "hash", as: String?.self), fields: try Self.fields(row, seq: seq ?? 0))
        }
    }

    public func unsealedCount() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE seq IS NULL").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    public func head() async throws -> (seq: Int64, hash: String) {
        guard let row = try await db.raw("SELECT last_seq, last_hash FROM audit_chain WHERE id = 1").first() else { return (0, AuditChain.genesis) }
        return (try row.decode(column: "last_seq", as: Int64.self), try row.decode(column: "last_hash", as: String.self))
    }

    /// Entries inside `scope`, newest first, before the sequence number `before` (key paging).
    public func entries(within scope: AreaPosition, before: Int64?, limit: Int = 50) async throws -> [AuditRecord] {
        var filter: SQLQueryString
        switch scope.level {
        case .nation: filter = "1 = 1"
        case .province: filter = "province_id = \(bind: scope.provinceID)"
        case .commune, .village: filter = "commune_id = \(bind: scope.communeID)"
        case .district: filter = "area_id = \(bind: scope.areaID)"
        }
        if scope.level == .village { filter = "\(filter) AND area_id = \(bind: scope.villageID)" }
        if let before { filter = "\(filter) AND seq < \(bind: before)" }
        return try await db.raw("""
            SELECT id, seq, occurred_at, actor_label, action, entity_type, entity_id, summary, before_json, after_json
            FROM audit_events WHERE seq IS NOT NULL AND \(filter) ORDER BY seq DESC LIMIT \(unsafeRaw: String(max(1, min(limit, 500))))
            """).all().map(Self.record)
    }

    static func record(_ row: any SQLRow) throws -> AuditRecord {
        AuditRecord(
            id: try row.decode(column: "id", as: Int64.self),
            occurredAt: Date(epochSeconds: try row.decode(column: "occurred_at", as: Int64.self)),
            actorLabel: try row.decode(column: "actor_label", as: String.self),
            action: try row.decode(column: "action", as: String.self),
            entityType: try row.decode(column: "entity_type", as: String.self),
            entityID: try row.decode(column: "entity_id", as: String?.self),
            summary: try row.decode(column: "summary", as: String.self),
            before: try row.decode(column: "before_json", as: String?.self),
            after: try row.decode(column: "after_json", as: String?.self),
            seq: try row.decode(column: "seq", as: Int64?.self)
        )
    }

    /// Entries about one record, newest first.
    public func history(entityType: String, entityID: String, limit: Int = 100) async throws -> [AuditRecord] {
        try await db.raw("""
            SELECT id, seq, occurred_at, actor_label, action, entity_type, entity_id, summary, before_json, after_json
            FROM audit_events WHERE entity_type = \(bind: entityType) AND entity_id = \(bind: entityID)
            ORDER BY id DESC LIMIT \(literal: limit)
            """).all().map(Self.record)
    }
}
