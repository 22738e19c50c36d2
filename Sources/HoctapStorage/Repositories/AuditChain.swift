import Crypto
import Foundation

/// How an audit entry is hashed into the chain. The content is written as a JSON array of its
/// fields in a fixed order (strings or null), so no two different entries share a text, and the
/// hash covers the previous entry's hash: changing, removing or reordering any entry breaks every
/// link after it.
public enum AuditChain {
    /// The "previous hash" of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public struct Fields: Sendable, Hashable {
        public var seq: Int64
        public var occurredAt: Int64
        public var actorAccountID: Int64?
        public var actorLabel: String
        public var action: String
        public var entityType: String
        public var entityID: String?
        public var areaID: Int64?
        public var provinceID: Int64?
        public var communeID: Int64?
        public var summary: String
        public var before: String?
        public var after: String?
    }

    public static func hash(previous: String, _ fields: Fields) -> String {
        let values: [String?] = [
            String(fields.seq), String(fields.occurredAt), fields.actorAccountID.map(String.init), fields.actorLabel, fields.action,
            fields.entityType, fields.entityID, fields.areaID.map(String.init), fields.provinceID.map(String.init),
            fields.communeID.map(String.init), fields.summary, fields.before, fields.after,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let content = (try? encoder.encode(values)) ?? Data()
        var hasher = SHA256()
        hasher.update(data: Data(previous.utf8))
        hasher.update(data: Data([0x0A]))
        hasher.update(data: content)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
