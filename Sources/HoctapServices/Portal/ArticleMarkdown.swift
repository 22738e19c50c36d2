import HoctapDomain
import Ink

/// Markdown as readers get it: Ink's HTML passed through `HTMLSanitizer`, because Markdown
/// lets raw HTML through (a `<script>` line, an `onerror` attribute, a `javascript:` link) and
/// an editor's account is not a reason to trust what it publishes.
public enum ArticleMarkdown {
    ///
    /// Text past `MarkdownBudget` (saved before the budget, or reaching here unvalidated) is
    /// shown as plain paragraphs rather than handed to Ink, which would overflow its stack or
    /// take minutes on it.
    public static func html(_ markdown: String) -> String {
        guard MarkdownBudget.problem(in: markdown) == nil else {
            return markdown.split(separator: "\n", omittingEmptySubsequences: true)
                .map { "<p>" + HTMLSanitizer.escapeText(String($0)) + "</p>" }.joined()
        }
        return HTMLSanitizer.clean(MarkdownParser().html(from: MarkdownBudget.escapingBareAmpersands(markdown)))
    }

    /// The text of the rendered article, for search, summaries and feeds.
    public static func text(ofHTML html: String) -> String {
        HTMLSanitizer.plainText(html)
    }

    /// The first `limit` characters of the text, cut at a word, for a summary nobody wrote.
    public static func excerpt(_ text: String, limit: Int = 240) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let word = cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut
        return word + "…"
    }
}
