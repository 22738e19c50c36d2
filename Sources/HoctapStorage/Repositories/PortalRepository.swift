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
    func setState(of table: String, _ id: Int64, _ state: PublicationState, expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
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
