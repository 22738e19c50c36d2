import Foundation

/// What the public portal publishes: articles (news, guidance, training material) and
/// documents (decisions, circulars, plans, forms), each drafted by an editor of an area (the
/// nation or one province) and published under a URL that never changes.

/// Whether the public sees a piece of content.
public enum PublicationState: String, CaseIterable, Codable, Sendable {
    case draft
    case published

    public var label: String {
        switch self {
        case .draft: "Bản nháp"
        case .published: "Đã đăng"
        }
    }
}

/// The sections of the portal's articles.
public enum ArticleKind: String, CaseIterable, Codable, Sendable {
    case news = "tin-tuc"
    case guidance = "huong-dan"
    case training = "tai-lieu-tap-huan"

    public var label: String {
        switch self {
        case .news: "Tin tức"
        case .guidance: "Hướng dẫn"
        case .training: "Tài liệu tập huấn"
        }
    }
}

/// The kinds of legal and working documents the portal lists.
public enum DocumentKind: String, CaseIterable, Codable, Sendable {
    case decision = "quyet-dinh"
    case circular = "thong-tu"
    case directive = "chi-thi"
    case plan = "ke-hoach"
    case guidance = "huong-dan"
    case form = "bieu-mau"
    case other = "khac"

    public var label: String {
        switch self {
        case .decision: "Quyết định"
        case .circular: "Thông tư"
        case .directive: "Chỉ thị"
        case .plan: "Kế hoạch"
        case .guidance: "Hướng dẫn"
        case .form: "Biểu mẫu"
        case .other: "Văn bản khác"
        }
    }
}

/// An article as its editor writes it: Markdown body, classification and summary.
public struct ArticleDraft: Hashable, Sendable {
    public var kind: ArticleKind
    public var title: String
    public var summary: String
    public var body: String
    public var category: String
    public var tags: [String]

    public static let maximumBodyCharacters = 100_000

    public init(kind: ArticleKind, title: String, summary: String, body: String, category: String, tags: [String]) {
        self.kind = kind
        self.title = VietnameseText.normalized(title)
        self.summary = VietnameseText.normalized(summary)
        // The body keeps its line breaks: they are Markdown.
        self.body = body.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
        self.category = VietnameseText.normalized(category)
        self.tags = Self.tags(tags)
    }

    /// Tags as a reader types them ("khuyến học, gia đình"): trimmed, deduplicated ignoring
    /// case and diacritics, empty ones dropped.
    public static func tags(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.flatMap { $0.split(separator: ",") }.map { VietnameseText.normalized(String($0)) }
            .filter { !$0.isEmpty && seen.insert(VietnameseText.fold($0)).inserted }
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if title.isEmpty { problems.append(("title", "Tiêu đề không được để trống.")) }
        if title.count > 200 { problems.append(("title", "Tiêu đề dài \(title.count) ký tự; tối đa 200.")) }
        if summary.count > 500 { problems.append(("summary", "Tóm tắt dài \(summary.count) ký tự; tối đa 500.")) }
        if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append(("body", "Nội dung bài viết không được để trống.")) }
        if body.count > Self.maximumBodyCharacters {
            problems.append(("body", "Nội dung dài \(body.count) ký tự; tối đa \(Self.maximumBodyCharacters). Hãy tách thành nhiều bài."))
        } else if let problem = MarkdownBudget.problem(in: body) {
            problems.append(("body", "Dòng \(problem.line) của nội dung: \(problem.message)"))
        }
        if category.count > 80 { problems.append(("category", "Chuyên mục dài quá 80 ký tự.")) }
        if tags.count > 10 { problems.append(("tags", "Tối đa 10 thẻ; đang có \(tags.count).")) }
        if let long = tags.first(where: { $0.count > 40 }) { problems.append(("tags", "Thẻ \"\(long.prefix(40))…\" dài quá 40 ký tự.")) }
        return problems
    }
}

/// A document's register entry: number, date and issuer as printed on it.
public struct DocumentDraft: Hashable, Sendable {
    public var kind: DocumentKind
    public var number: String
    public var issuedOn: Day?
    public var issuer: String
    public var title: String
    public var summary: String

    public init(kind: DocumentKind, number: String, issuedOn: Day?, issuer: String, title: String, summary: String) {
        self.kind = kind
        self.number = VietnameseText.normalized(number)
        self.issuedOn = issuedOn
        self.issuer = VietnameseText.normalized(issuer)
        self.title = VietnameseText.normalized(title)
        self.summary = VietnameseText.normalized(summary)
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if title.isEmpty { problems.append(("title", "Trích yếu (tên văn bản) không được để trống.")) }
        if title.count > 300 { problems.append(("title", "Trích yếu dài quá 300 ký tự.")) }
        if number.count > 60 { problems.append(("number", "Số, ký hiệu dài quá 60 ký tự.")) }
        if kind != .form && number.isEmpty { problems.append(("number", "Ghi số, ký hiệu của văn bản (ví dụ 387/QĐ-TTg); chỉ biểu mẫu được để trống.")) }
        if issuer.isEmpty { problems.append(("issuer", "Ghi cơ quan ban hành.")) }
        if issuer.count > 200 { problems.append(("issuer", "Cơ quan ban hành dài quá 200 ký tự.")) }
        if issuedOn == nil && kind != .form { problems.append(("issuedOn", "Ghi ngày ban hành, dạng 25/03/2021.")) }
        if summary.count > 1000 { problems.append(("summary", "Tóm tắt dài quá 1.000 ký tự.")) }
        return problems
    }
}

/// The readable part of a permanent URL: the title folded to plain words joined by hyphens
/// ("Tuyên dương Gia đình học tập" → "tuyen-duong-gia-dinh-hoc-tap"), cut at a word within
/// 80 characters. It is fixed when the content is created; the numeric id in front of it is
/// what finds the content, so a later change of title never breaks a link.
public enum Slug {
    public static func make(_ title: String) -> String {
        var slug = ""
        for word in SearchText.words(title) {
            let next = slug.isEmpty ? word : slug + "-" + word
            if next.count > 80 { break }
            slug = next
        }
        return slug.isEmpty ? "noi-dung" : slug
    }

    /// The id in a path segment "123-some-title" (or "123").
    public static func id(in segment: String) -> Int64? {
        let digits = segment.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 18, segment.count == digits.count || segment.dropFirst(digits.count).first == "-" else { return nil }
        return Int64(digits)
    }
}
