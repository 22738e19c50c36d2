import Foundation
import HoctapDomain
import SQLKit

/// An article as stored: the Markdown its editor wrote and the sanitised HTML readers get.
public struct ArticleRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var areaID: Area.ID
    public var areaName: String
    public var kind: ArticleKind
    public var slug: String
    public var title: String
    public var summary: String
    public var body: String
    public var bodyHTML: String
    public var category: String
    public var tags: [String]
    public var state: PublicationState
    public var publishedAt: Date?
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
    public var version: Int
}

/// An image or attachment of an article.
public struct ArticleFileRecord: Hashable, Sendable {
    public var id: Int64
    public var articleID: ArticleRecord.ID
    public var name: String
    public var mediaType: PortalMediaType
    public var size: Int
    public var sha256: String
}

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

/// Which of the portal's content a list shows.
public struct PortalFilter: Hashable, Sendable {
    /// Published content only (the public), or every state (editors).
    public var publishedOnly: Bool
    /// Content of these areas only (a province's readers: the nation's and their province's;
    /// a province's editors: their province's); nil for all.
    public var areaIDs: [Area.ID]?
    public var articleKind: ArticleKind?
    public var documentKind: DocumentKind?
    public var category: String?
    /// A tag's folded form.
    public var tagKey: String?

    public init(publishedOnly: Bool, areaIDs: [Area.ID]? = nil, articleKind: ArticleKind? = nil, documentKind: DocumentKind? = nil,
                category: String? = nil, tagKey: String? = nil) {
        self.publishedOnly = publishedOnly
        self.areaIDs = areaIDs
        self.articleKind = articleKind
        self.documentKind = documentKind
        self.category = category
        self.tagKey = tagKey
    }
}

/// Articles, their files and documents.
public struct PortalRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    // MARK: Articles

    static let articleColumns: SQLQueryString = """
        r.id, r.area_id, a.full_name AS area_name, a.level AS area_level, r.kind, r.slug, r.title, r.summary, r.body, r.body_html, r.category, r.tags,
        r.state, r.published_at, r.created_at, r.created_by_label, r.updated_at, r.updated_by_label, r.version
        """

    static func article(_ row: any SQLRow) throws -> ArticleRecord {
        let tags = try row.decode(column: "tags", as: String.self)
        return ArticleRecord(
            id: try row.decode(column: "id", as: Int64.self), areaID: try row.decode(column: "area_id", as: Int64.self),
            areaName: try Self.areaName(row), kind: try row.enumValue("kind", as: ArticleKind.self),
            slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self),
            summary: try row.decode(column: "summary", as: String.self), body: try row.decode(column: "body", as: String.self),
            bodyHTML: try row.decode(column: "body_html", as: String.self), category: try row.decode(column: "category", as: String.self),
            tags: tags.isEmpty ? [] : tags.components(separatedBy: ", "), state: try row.enumValue("state", as: PublicationState.self),
            publishedAt: try row.decode(column: "published_at", as: Int64?.self).map(Date.init(epochSeconds:)),
            createdAt: Date(epochSeconds: try row.decode(column: "created_at", as: Int64.self)),
            createdBy: try row.decode(column: "created_by_label", as: String.self),
            updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self)),
            updatedBy: try row.decode(column: "updated_by_label", as: String.self), version: try row.decode(column: "version", as: Int.self))
    }

    /// The columns an article's content fills, from its draft and rendering.
    public struct ArticleContent: Sendable {
        public var draft: ArticleDraft
        public var bodyHTML: String
        /// The folded words of title, summary, body text, category and tags.
        public var searchText: String

        public init(draft: ArticleDraft, bodyHTML: String, searchText: String) {
            self.draft = draft
            self.bodyHTML = bodyHTML
            self.searchText = searchText
        }

        var tags: String { draft.tags.joined(separator: ", ") }
        var tagKeys: String { draft.tags.isEmpty ? "" : "|" + draft.tags.map(VietnameseText.fold).joined(separator: "|") + "|" }
    }

    public func insertArticle(_ content: ArticleContent, area: Area.ID, slug: String, by label: String, at moment: Date) async throws -> ArticleRecord.ID {
        let draft = content.draft
        let id = try await db.raw("""
            INSERT INTO articles (area_id, kind, slug, title, summary, body, body_html, category, tags, tag_keys, state, created_at, created_by_label,
                                  updated_at, updated_by_label, search_text)
            VALUES (\(bind: area), \(bind: draft.kind.rawValue), \(bind: slug), \(bind: draft.title), \(bind: draft.summary), \(bind: draft.body),
                    \(bind: content.bodyHTML), \(bind: draft.category), \(bind: content.tags), \(bind: content.tagKeys),
                    \(bind: PublicationState.draft.rawValue), \(bind: moment.epochSeconds), \(bind: label), \(bind: moment.epochSeconds), \(bind: label),
                    \(bind: content.searchText))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã bài viết mới.") }
        return id
    }

    /// Replaces an article's content if it is still at `version`; false when someone saved first.
    public func updateArticle(_ id: ArticleRecord.ID, _ content: ArticleContent, expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
        let draft = content.draft
        let rows = try await db.raw("""
            UPDATE articles SET kind = \(bind: draft.kind.rawValue), title = \(bind: draft.title), summary = \(bind: draft.summary),
                body = \(bind: draft.body), body_html = \(bind: content.bodyHTML), category = \(bind: draft.category), tags = \(bind: content.tags),
                tag_keys = \(bind: content.tagKeys), search_text = \(bind: content.searchText), updated_at = \(bind: moment.epochSeconds),
                updated_by_label = \(bind: label), version = version + 1
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Publishes (keeping the first publication date when republished) or withdraws an article.
    public func setArticleState(_ id: ArticleRecord.ID, _ state: PublicationState, expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
        try await setState(of: "articles", id, state, expecting: version, by: label, at: moment)
    }

    /// The state change articles and documents share; false when the row is no longer at `version`.
    private func setState(of table: String, _ id: Int64, _ state: PublicationState, expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
        let published: SQLQueryString = state == .published ? "COALESCE(published_at, \(bind: moment.epochSeconds))" : "published_at"
        let rows = try await db.raw("""
            UPDATE \(ident: table) SET state = \(bind: state.rawValue), published_at = \(published), updated_at = \(bind: moment.epochSeconds),
                updated_by_label = \(bind: label), version = version + 1
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING id
            """).all()
        return !rows.isEmpty
    }

    public func deleteArticle(_ id: ArticleRecord.ID) async throws {
        try await db.raw("DELETE FROM article_files WHERE article_id = \(bind: id)").run()
        try await db.raw("DELETE FROM articles WHERE id = \(bind: id)").run()
    }

    public func article(_ id: ArticleRecord.ID) async throws -> ArticleRecord? {
        try await db.raw("SELECT \(Self.articleColumns) FROM articles r JOIN areas a ON a.id = r.area_id WHERE r.id = \(bind: id)")
            .first().map(Self.article)
    }

    /// A page of articles, newest publication (then newest change) first.
    public func articles(_ filter: PortalFilter, start: PageStart, limit: Int) async throws -> PagedRows<ArticleRecord> {
        var conditions: [SQLQueryString] = filter.publishedOnly ? ["r.state = 'published'"] : []
        if let areas = filter.areaIDs { conditions.append("r.area_id IN (\(binds: areas.isEmpty ? [-1] : areas))") }
        if let kind = filter.articleKind { conditions.append("r.kind = \(bind: kind.rawValue)") }
        if let category = filter.category { conditions.append("r.category = \(bind: category)") }
        if let tag = filter.tagKey { conditions.append("r.tag_keys LIKE \(bind: "%|" + likeEscaped(tag) + "|%") ESCAPE '\\'") }
        let list = KeysetList(
            select: "SELECT \(Self.articleColumns) FROM articles r JOIN areas a ON a.id = r.area_id", countFrom: "articles r",
            table: "articles", alias: "r", filter: Self.joined(conditions),
            keys: filter.publishedOnly ? ["published_at", "id"] : ["updated_at", "id"], descending: true)
        return try await list.page(start, limit: limit, on: db, Self.article)
    }

    /// Published articles and documents of `areaIDs` (all when nil) for feeds and the sitemap, newest first.
    public func recentArticles(areaIDs: [Area.ID]?, limit: Int) async throws -> [ArticleRecord] {
        try await articles(PortalFilter(publishedOnly: true, areaIDs: areaIDs), start: .first, limit: limit).rows
    }

    /// Categories in use among published articles, with their counts.
    public func categories(areaIDs: [Area.ID]?) async throws -> [(name: String, count: Int)] {
        let areas: SQLQueryString = areaIDs.map { "AND area_id IN (\(binds: $0.isEmpty ? [-1] : $0))" } ?? ""
        return try await db.raw("""
            SELECT category, COUNT(*) AS n FROM articles WHERE state = 'published' AND category <> '' \(areas)
            GROUP BY category ORDER BY category
            """).all().map { (try $0.decode(column: "category", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    public func matchingArticles(_ terms: [String], limit: Int) async throws -> [ArticleRecord] {
        guard !terms.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(Self.articleColumns) FROM articles r JOIN areas a ON a.id = r.area_id
            WHERE r.state = 'published' AND \(FullTextQuery.filter(terms, index: "article_search", alias: "r", on: db))
            ORDER BY r.id LIMIT \(bind: limit)
            """).all().map(Self.article)
    }

    // MARK: Article files

    public func insertFile(article: ArticleRecord.ID, name: String, mediaType: PortalMediaType, size: Int, sha256: String,
                           by label: String, at moment: Date) async throws -> Int64 {
        let id = try await db.raw("""
            INSERT INTO article_files (article_id, name, media_type, size, sha256, created_at, created_by_label)
            VALUES (\(bind: article), \(bind: name), \(bind: mediaType.rawValue), \(bind: size), \(bind: sha256), \(bind: moment.epochSeconds), \(bind: label))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã tệp mới.") }
        return id
    }

    static func file(_ row: any SQLRow) throws -> ArticleFileRecord {
        ArticleFileRecord(
            id: try row.decode(column: "id", as: Int64.self), articleID: try row.decode(column: "article_id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self), mediaType: try row.enumValue("media_type", as: PortalMediaType.self),
            size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self))
    }

    public func files(of article: ArticleRecord.ID) async throws -> [ArticleFileRecord] {
        try await db.raw("SELECT id, article_id, name, media_type, size, sha256 FROM article_files WHERE article_id = \(bind: article) ORDER BY id")
            .all().map(Self.file)
    }

    public func file(_ id: Int64) async throws -> ArticleFileRecord? {
        try await db.raw("SELECT id, article_id, name, media_type, size, sha256 FROM article_files WHERE id = \(bind: id)").first().map(Self.file)
    }

    public func deleteFile(_ id: Int64) async throws {
        try await db.raw("DELETE FROM article_files WHERE id = \(bind: id)").run()
    }

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

    // MARK: Helpers

    /// What readers are told content belongs to: its province, or "Toàn quốc" for the nation's.
    static func areaName(_ row: any SQLRow) throws -> String {
        try row.decode(column: "area_level", as: String.self) == AreaLevel.nation.rawValue ? "Toàn quốc" : try row.decode(column: "area_name", as: String.self)
    }

    static func joined(_ conditions: [SQLQueryString]) -> SQLQueryString {
        guard var result = conditions.first else { return "1 = 1" }
        for condition in conditions.dropFirst() { result = "\(result) AND \(condition)" }
        return result
    }

}

