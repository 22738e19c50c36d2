import Foundation
import HoctapDomain
import HoctapStorage

/// One hit of the portal's search, whatever it is.
public struct PortalHit: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case article, document, model, library

        public var label: String {
            switch self {
            case .article: "Bài viết"
            case .document: "Văn bản"
            case .model: "Mô hình tiêu biểu"
            case .library: "Thư viện"
            }
        }
    }

    public var kind: Kind
    public var id: Int64
    public var title: [SearchText.Segment]
    public var snippet: [SearchText.Segment]
    /// Where the hit lives: the portal's page, or the library's record.
    public var link: String?
    /// Kind, date, area or source, as one line.
    public var meta: String
    /// Articles and documents carry their slug for their permanent URL.
    public var slug: String
    public var score: Int
}

public struct PortalSearchResult: Sendable {
    public var query: String
    public var terms: [String]
    public var hits: [PortalHit]
    public var total: Int
    public var counts: [PortalHit.Kind: Int]
    public var page: Int
    public var pageSize: Int
    public var hasMore: Bool
}

/// Search across the portal's published articles and documents and the libraries' records, on
/// the same folded words and ranking as the library search, so a reader types once.
public struct PortalSearch: Sendable {
    let environment: ServiceEnvironment
    public static let candidateLimit = 300

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Hits of `kinds` (all when empty), best first; ties keep articles, then documents, then
    /// library records, each in id order, so both engines give the same page.
    public func search(_ query: String, kinds: Set<PortalHit.Kind> = [], page: Int = 1, pageSize: Int = 20) async throws -> PortalSearchResult {
        let terms = SearchText.terms(query)
        let wanted = kinds.isEmpty ? Set(PortalHit.Kind.allCases) : kinds
        let (articles, documents, models, records) = try await environment.database.read { db in
            let portal = PortalRepository(db)
            return (wanted.contains(.article) ? try await portal.matchingArticles(terms, limit: Self.candidateLimit) : [],
                    wanted.contains(.document) ? try await portal.matchingDocuments(terms, limit: Self.candidateLimit) : [],
                    wanted.contains(.model) ? try await ExemplaryRepository(db).matching(terms, limit: Self.candidateLimit) : [],
                    wanted.contains(.library) ? try await LibraryRepository(db).matching(terms, limit: Self.candidateLimit) : [])
        }
        var hits: [PortalHit] = []
        for article in articles {
            let text = article.summary.isEmpty ? ArticleMarkdown.text(ofHTML: article.bodyHTML) : article.summary
            hits.append(PortalHit(
                kind: .article, id: article.id, title: SearchText.snippet(article.title, terms: terms, width: 300),
                snippet: SearchText.snippet(text, terms: terms), link: nil,
                meta: [article.kind.label, article.publishedAt.map { VietnameseFormat.date(Day(containing: $0)) } ?? "", article.areaName]
                    .filter { !$0.isEmpty }.joined(separator: " · "),
                slug: article.slug,
                score: SearchText.score([[article.title], [article.summary, article.category] + article.tags, [ArticleMarkdown.text(ofHTML: article.bodyHTML)]], terms: terms)))
        }
        for document in documents {
            hits.append(PortalHit(
                kind: .document, id: document.id, title: SearchText.snippet(document.title, terms: terms, width: 300),
                snippet: SearchText.snippet(document.summary.isEmpty ? document.issuer : document.summary, terms: terms), link: nil,
                meta: [document.kind.label, document.number, document.issuedOn.map(VietnameseFormat.date) ?? "", document.issuer]
                    .filter { !$0.isEmpty }.joined(separator: " · "),
                slug: document.slug,
                score: SearchText.score([[document.title, document.number], [document.issuer], [document.summary]], terms: terms)))
        }
        for model in models {
            let name = model.publicName
            hits.append(PortalHit(
                kind: .model, id: model.id, title: SearchText.snippet(name, terms: terms, width: 300),
                snippet: SearchText.snippet(model.story, terms: terms), link: nil,
                meta: [model.model.label, String(model.year), model.communeName, model.provinceName].joined(separator: " · "),
                slug: "",
                score: SearchText.score([[model.consent ? name : ""], [model.communeName], [model.story]], terms: terms)))
        }
        for record in records {
            hits.append(PortalHit(
                kind: .library, id: record.id, title: SearchText.snippet(record.title, terms: terms, width: 300),
                snippet: SearchText.snippet(record.description.isEmpty ? record.subjects : record.description, terms: terms), link: record.link,
                meta: [record.creators, record.issued, record.sourceName].filter { !$0.isEmpty }.joined(separator: " · "),
                slug: "",
                score: SearchText.score([[record.title], [record.creators], [record.subjects, record.description]], terms: terms)))
        }
        let order = Dictionary(uniqueKeysWithValues: PortalHit.Kind.allCases.enumerated().map { ($1, $0) })
        hits.sort { ($0.score, -order[$0.kind]!, -$0.id) > ($1.score, -order[$1.kind]!, -$1.id) }
        let page = max(1, page)
        let counts = Dictionary(grouping: hits, by: \.kind).mapValues(\.count)
        return PortalSearchResult(query: query, terms: terms, hits: Array(hits.dropFirst((page - 1) * pageSize).prefix(pageSize)), total: hits.count,
                                  counts: counts, page: page, pageSize: pageSize, hasMore: hits.count > page * pageSize)
    }
}
