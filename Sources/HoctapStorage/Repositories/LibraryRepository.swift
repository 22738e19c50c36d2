import Foundation
import HoctapDomain
import SQLKit

/// A library's OAI-PMH endpoint and how its last harvest went.
public struct LibrarySource: Hashable, Sendable {
    public typealias ID = Int64
    public enum Status: String, Sendable { case new, ok, failed }

    public var id: ID
    public var name: String
    public var baseURL: String
    public var setSpec: String?
    public var provinceID: Area.ID?
    public var repositoryName: String
    public var granularity: String
    public var harvestedUntil: String?
    public var lastRunAt: Date?
    public var lastSuccessAt: Date?
    public var status: Status
    public var message: String
    public var recordCount: Int
}

/// A harvested record as search shows it.
public struct LibraryRecord: Hashable, Sendable {
    public var id: Int64
    public var sourceName: String
    public var identifier: String
    public var title: String
    public var creators: String
    public var subjects: String
    public var description: String
    public var issued: String
    public var kind: String
    public var link: String?
}

public struct LibraryRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let sourceColumns: SQLQueryString = """
        id, name, base_url, set_spec, province_id, repository_name, granularity, harvested_until, last_run_at, last_success_at,
        last_status, last_message, record_count
        """

    static func source(_ row: any SQLRow) throws -> LibrarySource {
        LibrarySource(
            id: try row.decode(column: "id", as: Int64.self), name: try row.decode(column: "name", as: String.self),
            baseURL: try row.decode(column: "base_url", as: String.self), setSpec: try row.decode(column: "set_spec", as: String?.self),
            provinceID: try row.decode(column: "province_id", as: Int64?.self), repositoryName: try row.decode(column: "repository_name", as: String.self),
            granularity: try row.decode(column: "granularity", as: String.self), harvestedUntil: try row.decode(column: "harvested_until", as: String?.self),
            lastRunAt: try row.decode(column: "last_run_at", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
            lastSuccessAt: try row.decode(column: "last_success_at", as: Int64?.self).map { Date(timeIntervalSince1970: TimeInterval($0)) },
            status: LibrarySource.Status(rawValue: try row.decode(column: "last_status", as: String.self)) ?? .new,
            message: try row.decode(column: "last_message", as: String.self), recordCount: try row.decode(column: "record_count", as: Int.self))
    }

    public func insertSource(name: String, baseURL: String, setSpec: String?, provinceID: Area.ID?, by label: String, at moment: Date) async throws -> LibrarySource.ID {
        let id = try await db.raw("""
            INSERT INTO library_sources (name, base_url, set_spec, province_id, created_by_label, created_at)
            VALUES (\(bind: name), \(bind: baseURL), \(bind: setSpec), \(bind: provinceID), \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã thư viện mới.") }
        return id
    }

    public func sources() async throws -> [LibrarySource] {
        try await db.raw("SELECT \(Self.sourceColumns) FROM library_sources ORDER BY name, id").all().map(Self.source)
    }

    public func source(_ id: LibrarySource.ID) async throws -> LibrarySource? {
        try await db.raw("SELECT \(Self.sourceColumns) FROM library_sources WHERE id = \(bind: id)").first().map(Self.source)
    }

    public func deleteSource(_ id: LibrarySource.ID) async throws {
        try await db.raw("DELETE FROM library_records WHERE source_id = \(bind: id)").run()
        try await db.raw("DELETE FROM library_sources WHERE id = \(bind: id)").run()
    }

    /// What `Identify` and `ListSets` said about the repository.
    public func describe(_ id: LibrarySource.ID, repositoryName: String, granularity: String, sets: [(spec: String, name: String)]) async throws {
        let json = String(decoding: try JSONEncoder().encode(sets.map { [$0.spec, $0.name] }), as: UTF8.self)
        try await db.raw("""
            UPDATE library_sources SET repository_name = \(bind: repositoryName), granularity = \(bind: granularity), sets = \(bind: json)
            WHERE id = \(bind: id)
            """).run()
    }

    /// Writes one page of records: new and changed ones replace what was stored under their
    /// identifier, deleted ones leave the index.
    public func store(_ records: [OAIRecord], source id: LibrarySource.ID, at moment: Date) async throws {
        for record in records {
            if record.deleted {
                try await db.raw("DELETE FROM library_records WHERE source_id = \(bind: id) AND identifier = \(bind: record.identifier)").run()
                continue
            }
            let dc = record.metadata
            let title = dc.titles.first ?? "(không có nhan đề)"
            let json = String(decoding: try JSONEncoder().encode(dc), as: UTF8.self)
            let search = SearchText.indexed(dc.titles + dc.creators + dc.subjects + dc.descriptions + dc.publishers)
            try await db.raw("""
                INSERT INTO library_records (source_id, identifier, datestamp, title, creators, subjects, description, issued, kind, link, metadata,
                                             search_text, harvested_at)
                VALUES (\(bind: id), \(bind: record.identifier), \(bind: record.datestamp), \(bind: title), \(bind: dc.creators.joined(separator: "; ")),
                        \(bind: dc.subjects.joined(separator: "; ")), \(bind: dc.descriptions.joined(separator: " ")), \(bind: dc.dates.first ?? ""),
                        \(bind: dc.types.first ?? ""), \(bind: dc.link), \(bind: json), \(bind: search), \(bind: moment.epochSeconds))
                ON CONFLICT (source_id, identifier) DO UPDATE SET datestamp = excluded.datestamp, title = excluded.title,
                    creators = excluded.creators, subjects = excluded.subjects, description = excluded.description, issued = excluded.issued,
                    kind = excluded.kind, link = excluded.link, metadata = excluded.metadata, search_text = excluded.search_text,
                    harvested_at = excluded.harvested_at
                """).run()
        }
    }

    /// Records the end of a harvest: its status and message; a complete one also moves the
    /// next harvest's `from` forward.
    public func finish(_ id: LibrarySource.ID, status: LibrarySource.Status, message: String, harvestedUntil: String?, at moment: Date) async throws {
        let until: SQLQueryString = harvestedUntil.map { "\(bind: $0)" } ?? "harvested_until"
        let success: SQLQueryString = status == .ok ? "\(bind: moment.epochSeconds)" : "last_success_at"
        try await db.raw("""
            UPDATE library_sources SET last_status = \(bind: status.rawValue), last_message = \(bind: message), harvested_until = \(until),
                last_run_at = \(bind: moment.epochSeconds), last_success_at = \(success),
                record_count = (SELECT COUNT(*) FROM library_records WHERE source_id = \(bind: id))
            WHERE id = \(bind: id)
            """).run()
    }

    /// Records containing a word that starts with every term, in id order, at most `limit`:
    /// both engines' indexes answer the same set, which the caller ranks.
    public func matching(_ terms: [String], limit: Int) async throws -> [LibraryRecord] {
        guard !terms.isEmpty else { return [] }
        let filter = FullTextQuery.filter(terms, index: "library_search", alias: "r", on: db)
        return try await db.raw("""
            SELECT r.id, s.name AS source_name, r.identifier, r.title, r.creators, r.subjects, r.description, r.issued, r.kind, r.link
            FROM library_records r JOIN library_sources s ON s.id = r.source_id
            WHERE \(filter) ORDER BY r.id LIMIT \(bind: limit)
            """).all().map {
            LibraryRecord(id: try $0.decode(column: "id", as: Int64.self), sourceName: try $0.decode(column: "source_name", as: String.self),
                          identifier: try $0.decode(column: "identifier", as: String.self), title: try $0.decode(column: "title", as: String.self),
                          creators: try $0.decode(column: "creators", as: String.self), subjects: try $0.decode(column: "subjects", as: String.self),
                          description: try $0.decode(column: "description", as: String.self), issued: try $0.decode(column: "issued", as: String.self),
                          kind: try $0.decode(column: "kind", as: String.self), link: try $0.decode(column: "link", as: String?.self))
        }
    }
}
