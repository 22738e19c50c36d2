import Foundation
import HoctapDomain
import HoctapServices
import Testing

/// Issue 18: Markdown an editor (or a stolen editor account) could save, built to make the
/// renderer or the sanitizer take quadratic time or deep recursion. The longest body a form
/// accepts is `ArticleDraft.maximumBodyCharacters`.
@Suite("Hostile Markdown")
struct HostileMarkdownTests {
    static let size = ArticleDraft.maximumBodyCharacters

    /// Five lines of the longest the budget allows, each built on one pattern.
    static func lines(_ line: String) -> String {
        Array(repeating: String(line.prefix(MarkdownBudget.maximumLineCharacters)), count: 5).joined(separator: "\n")
    }

    static let bodies: [(name: String, text: String)] = [
        ("stars", lines(String(repeating: "*", count: 20_000))),
        ("underscores", lines(String(repeating: "_a", count: 10_000))),
        ("nested brackets", Array(repeating: String(repeating: "[", count: 3) + "a" + String(repeating: "]", count: 3), count: 15_000)
            .joined(separator: "\n")),
        ("unclosed links", lines(String(repeating: "[a](", count: 200) + String(repeating: "x", count: 19_000))),
        ("unclosed brackets", lines(String(repeating: "[a", count: 200) + String(repeating: "x", count: 19_000))),
        ("backticks", lines(String(repeating: "`", count: 200) + String(repeating: "a", count: 19_000))),
        ("quotes", lines(String(repeating: ">", count: 20_000))),
        ("nested lists", (0..<300).map { String(repeating: "  ", count: $0) + "- a" }.joined(separator: "\n")),
        ("tags", lines(String(repeating: "<b>", count: 6_000))),
        ("entities", lines(String(repeating: "&#", count: 100) + String(repeating: "x", count: 19_800))),
        ("headings", lines(String(repeating: "#", count: 20_000))),
        // Past the budget: shown as plain text, never given to the renderer.
        ("100,000 open brackets", String(repeating: "[", count: 100_000)),
    ]

    @Test("every pathological body renders, sanitised, in bounded time", arguments: bodies.map(\.name))
    func bounded(name: String) throws {
        let text = try #require(Self.bodies.first { $0.name == name }).text
        let clock = ContinuousClock()
        var html = ""
        let elapsed = clock.measure { html = ArticleMarkdown.html(text) }
        print("HostileMarkdownTests \(name): \(text.count) characters → \(html.utf8.count) bytes of HTML in \(elapsed)")
        #expect(elapsed < .seconds(10), "\(name): \(elapsed)")
        #expect(!html.lowercased().contains("<script"))
    }

    @Test("the editor is told which line breaks a limit; ordinary text keeps its ampersands and links")
    func refusedWithLine() throws {
        let nested = "Mở đầu\n\n" + String(repeating: "[", count: 4) + "x"
        #expect(MarkdownBudget.problem(in: nested)?.line == 3)
        let draft = ArticleDraft(kind: .news, title: "Tin", summary: "", body: nested, category: "", tags: [])
        #expect(draft.problems().contains { $0.field == "body" && $0.message.hasPrefix("Dòng 3") })
        #expect(MarkdownBudget.problem(in: String(repeating: "Học tập suốt đời. ", count: 1_000)) == nil)
        let html = ArticleMarkdown.html("Gia đình & dòng họ &amp; [Hội](https://khuyenhoc.vn) `a & b` &#7871;")
        #expect(html.contains("Gia đình &amp; dòng họ &amp;") && html.contains("href=\"https://khuyenhoc.vn\""), "\(html)")
        #expect(html.contains("<code>a &amp; b</code>"), "code is escaped once: \(html)")
    }
}
