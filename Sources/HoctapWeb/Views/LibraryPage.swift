import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// "Thư viện": search across the catalogues of the libraries hoctap harvests.
enum LibraryPage {
    static func render(query: String, result: LibrarySearchResult?, libraries: [LibrarySource], chrome: PageChrome) -> HTML {
        Layout.page(title: "Tìm tài liệu trong thư viện", chrome: chrome, [
            .form(.method(.get), .action(SiteURL.library.path), .attr("role", "search"),
                  .label(.for("q"), .text("Tên sách, tác giả, chủ đề (gõ có dấu hay không dấu đều được)")),
                  // The query is escaped here: Plot writes `.value(…)` as given.
                  .input(.type(.search), .name("q"), .id("q"), .attribute(named: "value", value: HTMLEscape.attribute(query)), .attribute(named: "maxlength", value: "200")),
                  .button(.type(.submit), .text("Tìm"))),
            .unwrap(result) { results($0) },
            .if(result == nil, .p(.class("hint"), .text(libraries.isEmpty
                ? "Chưa có thư viện nào được liên kết."
                : "Tìm trong \(VietnameseFormat.integer(libraries.reduce(0) { $0 + $1.recordCount })) biểu ghi của "
                    + libraries.map(\.name).joined(separator: ", ") + "."))),
        ])
    }

    static func results(_ result: LibrarySearchResult) -> BodyNode {
        let more = result.total >= LibraryService.candidateLimit ? "Hơn " : ""
        return .group(
            .p(.text(result.hits.isEmpty ? "Không tìm thấy tài liệu nào khớp \"\(result.query)\"."
                     : "\(more)\(VietnameseFormat.integer(result.total)) tài liệu khớp \"\(result.query)\"; trang \(result.page).")),
            .ol(.class("results"), .forEach(result.hits) { hit in
                let record = hit.record
                return .li(
                    .h2(record.link.map { link in .element(named: "a", nodes: [.attr("href", link), .attr("rel", "noopener"), marked(hit.title)]) } ?? marked(hit.title)),
                    .p(.class("meta"), marked(SearchText.snippet(record.creators, terms: result.terms, width: 200)),
                       .text([record.issued, record.kind].filter { !$0.isEmpty }.map { " · \($0)" }.joined())),
                    .p(marked(hit.snippet)),
                    .p(.class("hint"), .text("Nguồn: \(record.sourceName)")))
            }),
            .if(result.page > 1 || result.hasMore, .nav(.class("pager"), .attr("aria-label", "Trang"),
                .if(result.page > 1, Tag.link("Trang trước", SiteURL.library.with(["q": result.query, "trang": String(result.page - 1)]))),
                .if(result.hasMore && result.page < 25, Tag.link("Trang sau", SiteURL.library.with(["q": result.query, "trang": String(result.page + 1)])))))
        )
    }

    /// Text with the matching words in `<mark>`, escaped like every other text.
    static func marked(_ segments: [SearchText.Segment]) -> Node<HTML.BodyContext> {
        .group(segments.map { segment in
            segment.marked ? .element(named: "mark", nodes: [.text(segment.text)]) : .text(segment.text)
        })
    }
}
