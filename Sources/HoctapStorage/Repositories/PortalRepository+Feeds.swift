import Foundation
import HoctapDomain
import SQLKit

/// What machines read: the sitemap's links and the OAI-PMH provider's items.
extension PortalRepository {
    // MARK: Links

    /// A published article or document's address parts, for the sitemap.
    public struct LinkEntry: Sendable {
        public var isDocument: Bool
        public var id: Int64
        public var slug: String
        public var updatedAt: Date
    }

    /// Published articles and documents, most recently changed first, at most `limit`.
    public func publishedLinks(limit: Int) async throws -> [LinkEntry] {
        try await db.raw("""
            SELECT 0 AS document, id, slug, updated_at FROM articles WHERE state = 'published'
            UNION ALL SELECT 1 AS document, id, slug, updated_at FROM documents WHERE state = 'published'
            ORDER BY updated_at DESC, document, id LIMIT \(bind: limit)
            """).all().map {
            LinkEntry(isDocument: try $0.decode(column: "document", as: Int.self) == 1, id: try $0.decode(column: "id", as: Int64.self),
                      slug: try $0.decode(column: "slug", as: String.self),
                      updatedAt: Date(epochSeconds: try $0.decode(column: "updated_at", as: Int64.self)))
        }
    }

    // MARK: OAI-PMH

    /// An item the OAI-PMH provider exposes: ever published (a withdrawn one is reported as
    /// deleted, and since published content is never deleted, it stays reported).
    public struct OAIItem: Sendable {
        public var position: OAIPosition
        public var deleted: Bool
        public var isDocument: Bool { position.kind == 1 }
    }

    /// Items in datestamp order after `after`, within `from`…`until`, of one kind (0 articles,
    /// 1 documents) or both.
    public func oaiItems(kind: Int?, from: Int64?, until: Int64?, after: OAIPosition?, limit: Int) async throws -> [OAIItem] {
        func branch(_ table: String, _ code: Int) -> SQLQueryString {
            var query: SQLQueryString = "SELECT \(unsafeRaw: String(code)) AS kind, id, updated_at, state FROM \(unsafeRaw: table) WHERE published_at IS NOT NULL"
            if let from { query = "\(query) AND updated_at >= \(bind: from)" }
            if let until { query = "\(query) AND updated_at <= \(bind: until)" }
            return query
        }
        var branches: [SQLQueryString] = []
        if kind != 1 { branches.append(branch("articles", 0)) }
        if kind != 0 { branches.append(branch("documents", 1)) }
        var union = branches[0]
        if branches.count > 1 { union = "\(union) UNION ALL \(branches[1])" }
        let position: SQLQueryString = after.map {
            "WHERE (updated_at, kind, id) > (\(bind: $0.updatedAt), \(bind: $0.kind), \(bind: $0.id))"
        } ?? ""
        return try await db.raw("""
            SELECT kind, id, updated_at, state FROM (\(union)) items \(position)
            ORDER BY updated_at, kind, id LIMIT \(bind: limit)
            """).all().map {
            OAIItem(position: OAIPosition(updatedAt: try $0.decode(column: "updated_at", as: Int64.self), kind: try $0.decode(column: "kind", as: Int.self),
                                          id: try $0.decode(column: "id", as: Int64.self)),
                    deleted: try $0.decode(column: "state", as: String.self) != PublicationState.published.rawValue)
        }
    }

    /// One item by kind and id, if it was ever published.
    public func oaiItem(kind: Int, id: Int64) async throws -> OAIItem? {
        let table = kind == 1 ? "documents" : "articles"
        return try await db.raw("""
            SELECT updated_at, state FROM \(unsafeRaw: table) WHERE id = \(bind: id) AND published_at IS NOT NULL
            """).first().map {
            OAIItem(position: OAIPosition(updatedAt: try $0.decode(column: "updated_at", as: Int64.self), kind: kind, id: id),
                    deleted: try $0.decode(column: "state", as: String.self) != PublicationState.published.rawValue)
        }
    }

    /// The earliest datestamp the provider can answer with.
    public func oaiEarliest() async throws -> Int64? {
        try await db.raw("""
            SELECT MIN(updated_at) AS earliest FROM (SELECT updated_at FROM articles WHERE published_at IS NOT NULL
                                                     UNION ALL SELECT updated_at FROM documents WHERE published_at IS NOT NULL) items
            """).first(decodingColumn: "earliest", as: Int64?.self) ?? nil
    }
}
