import Foundation
import HoctapDomain
import SQLKit

/// A document of the register, with its file.
public struct DocumentRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var areaID: Area.ID
    public var areaName: String
    public var kind: DocumentKind
    public var slug: String
    public var number: String
    public var issuedOn: Day?
    public var issuer: String
    public var title: String
    public var summary: String
    public var fileName: String
    public var mediaType: PortalMediaType
    public var fileSize: Int
    public var fileSHA256: String
    public var state: PublicationState
    public var publishedAt: Date?
    public var updatedAt: Date
    public var updatedBy: String
    public var version: Int
}

/// Documents of the register and their files.
extension PortalRepository {
    // MARK: Documents

    static let documentColumns: SQLQueryString = """
        r.id, r.area_id, a.full_name AS area_name, a.level AS area_level, r.kind, r.slug, r.number, r.issued_on, r.issuer, r.title, r.summary, r.file_name,
        r.media_type, r.file_size, r.file_sha256, r.state, r.published_at, r.updated_at, r.updated_by_label, r.version
        """

    static func document(_ row: any SQLRow) throws -> DocumentRecord {
        DocumentRecord(
            id: try row.decode(column: "id", as: Int64.self), areaID: try row.decode(column: "area_id", as: Int64.self),
            areaName: try Self.areaName(row), kind: try row.enumValue("kind", as: DocumentKind.self),
            slug: try row.decode(column: "slug", as: String.self), number: try row.decode(column: "number", as: String.self),
            issuedOn: try row.day("issued_on"), issuer: try row.decode(column: "issuer", as: String.self),
            title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String.self),
            fileName: try row.decode(column: "file_name", as: String.self), mediaType: try row.enumValue("media_type", as: PortalMediaType.self),
            fileSize: try row.decode(column: "file_size", as: Int.self), fileSHA256: try row.decode(column: "file_sha256", as: String.self),
            state: try row.enumValue("state", as: PublicationState.self),
            publishedAt: try row.decode(column: "published_at", as: Int64?.self).map(Date.init(epochSeconds:)),
            updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self)),
            updatedBy: try row.decode(column: "updated_by_label", as: String.self), version: try row.decode(column: "version", as: Int.self))
    }

    /// A document's file as stored.
    public struct StoredFile: Sendable {
        public var name: String
        public var mediaType: PortalMediaType
        public var size: Int
        public var sha256: String

        public init(name: String, mediaType: PortalMediaType, size: Int, sha256: String) {
            self.name = name
            self.mediaType = mediaType
            self.size = size
            self.sha256 = sha256
        }
    }

    public func insertDocument(_ draft: DocumentDraft, file: StoredFile, area: Area.ID, slug: String, searchText: String,
                               by label: String, at moment: Date) async throws -> DocumentRecord.ID {
        let id = try await db.raw("""
            INSERT INTO documents (area_id, kind, slug, number, issued_on, issuer, title, summary, file_name, media_type, file_size, file_sha256,
                                   state, created_at, created_by_label, updated_at, updated_by_label, search_text)
            VALUES (\(bind: area), \(bind: draft.kind.rawValue), \(bind: slug), \(bind: draft.number), \(bind: draft.issuedOn?.iso), \(bind: draft.issuer),
                    \(bind: draft.title), \(bind: draft.summary), \(bind: file.name), \(bind: file.mediaType.rawValue), \(bind: file.size),
                    \(bind: file.sha256), \(bind: PublicationState.draft.rawValue), \(bind: moment.epochSeconds), \(bind: label),
                    \(bind: moment.epochSeconds), \(bind: label), \(bind: searchText))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã văn bản mới.") }
        return id
    }

    /// Replaces a document's entry (and its file, when a new one is given) if still at `version`.
    public func updateDocument(_ id: DocumentRecord.ID, _ draft: DocumentDraft, file: StoredFile?, searchText: String,
                               expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
        let fileColumns: SQLQueryString = file.map {
            ", file_name = \(bind: $0.name), media_type = \(bind: $0.mediaType.rawValue), file_size = \(bind: $0.size), file_sha256 = \(bind: $0.sha256)"
        } ?? ""
        let rows = try await db.raw("""
            UPDATE documents SET kind = \(bind: draft.kind.rawValue), number = \(bind: draft.number), issued_on = \(bind: draft.issuedOn?.iso),
                issuer = \(bind: draft.issuer), title = \(bind: draft.title), summary = \(bind: draft.summary), search_text = \(bind: searchText)
                \(fileColumns), updated_at = \(bind: moment.epochSeconds), updated_by_label = \(bind: label), version = version + 1
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    public func setDocumentState(_ id: DocumentRecord.ID, _ state: PublicationState, expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
        try await setState(of: "documents", id, state, expecting: version, by: label, at: moment)
    }

    public func document(_ id: DocumentRecord.ID) async throws -> DocumentRecord? {
        try await db.raw("SELECT \(Self.documentColumns) FROM documents r JOIN areas a ON a.id = r.area_id WHERE r.id = \(bind: id)")
            .first().map(Self.document)
    }

    public func documents(_ filter: PortalFilter, start: PageStart, limit: Int) async throws -> PagedRows<DocumentRecord> {
        var conditions: [SQLQueryString] = filter.publishedOnly ? ["r.state = 'published'"] : []
        if let areas = filter.areaIDs { conditions.append("r.area_id IN (\(binds: areas.isEmpty ? [-1] : areas))") }
        if let kind = filter.documentKind { conditions.append("r.kind = \(bind: kind.rawValue)") }
        let list = KeysetList(
            select: "SELECT \(Self.documentColumns) FROM documents r JOIN areas a ON a.id = r.area_id", countFrom: "documents r",
            table: "documents", alias: "r", filter: Self.joined(conditions),
            keys: filter.publishedOnly ? ["published_at", "id"] : ["updated_at", "id"], descending: true)
        return try await list.page(start, limit: limit, on: db, Self.document)
    }

    public func matchingDocuments(_ terms: [String], limit: Int) async throws -> [DocumentRecord] {
        guard !terms.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(Self.documentColumns) FROM documents r JOIN areas a ON a.id = r.area_id
            WHERE r.state = 'published' AND \(FullTextQuery.filter(terms, index: "document_search", alias: "r", on: db))
            ORDER BY r.id LIMIT \(bind: limit)
            """).all().map(Self.document)
    }
}
