import Foundation
import HoctapDomain
import HoctapStorage

/// One search hit: the record and its snippets, the matching words marked.
public struct LibraryHit: Sendable {
    public var record: LibraryRecord
    public var title: [SearchText.Segment]
    public var snippet: [SearchText.Segment]
}

public struct LibrarySearchResult: Sendable {
    public var query: String
    public var terms: [String]
    public var hits: [LibraryHit]
    /// Matches found, up to `LibraryService.candidateLimit`.
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var hasMore: Bool
}

/// Libraries whose catalogues hoctap harvests, and the search over what was harvested.
public struct LibraryService: Sendable {
    let environment: ServiceEnvironment
    /// Matches ranked per query: the best of them are what a reader looks at.
    public static let candidateLimit = 500

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Registers a library's OAI-PMH endpoint (its base URL, as its `Identify` page names it).
    public func addSource(name: String, baseURL: String, setSpec: String?, provinceID: Area.ID?, by actor: Actor) async throws -> LibrarySource {
        var issues: [FieldIssue] = []
        let name = VietnameseText.normalized(name)
        if name.isEmpty { issues.append(FieldIssue("name", "Tên thư viện không được để trống.")) }
        if name.count > 200 { issues.append(FieldIssue("name", "Tên thư viện dài quá 200 ký tự.")) }
        let url = baseURL.trimmingCharacters(in: .whitespaces)
        if let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host?.isEmpty == false, parsed.query == nil {
        } else {
            issues.append(FieldIssue("baseURL", "Địa chỉ OAI-PMH phải là một địa chỉ http(s) không kèm tham số, ví dụ https://thuvien.example.vn/cgi-bin/koha/oai.pl."))
        }
        let set = setSpec.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let province = try await provinceID.asyncMap { try await AreaService(environment).find($0, by: actor) }
        if let province, province.level != .province { throw ServiceError.invalid([FieldIssue("province", "Thư viện thuộc một tỉnh, thành phố (hoặc cả nước).")]) }
        try Authorization.require(actor, .manageLibrary(province: province?.position), notFound: "Không tìm thấy tỉnh này.")
        let moment = environment.clock.now()
        do {
            return try await environment.database.transaction { db in
                let repository = LibraryRepository(db)
                let id = try await repository.insertSource(name: name, baseURL: url, setSpec: set, provinceID: province?.id, by: actor.username, at: moment)
                try await AuditRepository(db).append(AuditEntry(
                    actor: AuditActor(actor), action: "library.add", entityType: "library", entityID: String(id), area: province?.position ?? actor.scope,
                    summary: "Đăng ký thư viện \(name) (\(url)) để thu thập biểu ghi qua OAI-PMH"), at: moment)
                return try await repository.source(id)!
            }
        } catch where ConstraintViolation(error) == .unique {
            throw ServiceError.invalid([FieldIssue("baseURL", "Địa chỉ \(url) đã được đăng ký.")])
        }
    }

    public func sources() async throws -> [LibrarySource] {
        try await environment.database.read { try await LibraryRepository($0).sources() }
    }

    public func removeSource(_ id: LibrarySource.ID, by actor: Actor) async throws {
        guard let source = try await environment.database.read({ try await LibraryRepository($0).source(id) }) else {
            throw ServiceError.notFound("Không có thư viện mã \(id).")
        }
        let province = try await source.provinceID.asyncMap { try await AreaService(environment).find($0, by: actor) }
        try Authorization.require(actor, .manageLibrary(province: province?.position), notFound: "Không có thư viện mã \(id).")
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            try await LibraryRepository(db).deleteSource(id)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "library.remove", entityType: "library", entityID: String(id), area: province?.position ?? actor.scope,
                summary: "Bỏ thư viện \(source.name) và \(source.recordCount) biểu ghi đã thu thập"), at: moment)
        }
    }

    /// Records matching every word of `query` (diacritics and case aside, each word as the
    /// start of a word), best first: title matches weigh most, then authors, then the rest.
    public func search(_ query: String, page: Int = 1, pageSize: Int = 20) async throws -> LibrarySearchResult {
        let terms = SearchText.terms(query)
        let candidates = try await environment.database.read { try await LibraryRepository($0).matching(terms, limit: Self.candidateLimit) }
        let ranked = candidates.enumerated().map { index, record in
            (record, index, SearchText.score([[record.title], [record.creators], [record.subjects, record.description]], terms: terms))
        }.sorted { ($0.2, -$0.1) > ($1.2, -$1.1) }
        let page = max(1, page)
        let slice = ranked.dropFirst((page - 1) * pageSize).prefix(pageSize)
        let hits = slice.map { record, _, _ in
            let body = record.description.isEmpty ? record.subjects : record.description
            return LibraryHit(record: record, title: SearchText.snippet(record.title, terms: terms, width: 300), snippet: SearchText.snippet(body, terms: terms))
        }
        return LibrarySearchResult(query: query, terms: terms, hits: hits, total: candidates.count, page: page, pageSize: pageSize,
                                   hasMore: ranked.count > page * pageSize)
    }
}
