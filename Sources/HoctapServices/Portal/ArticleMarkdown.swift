import HoctapDomain
import Ink

/// Markdown as readers get it: Ink's HTML passed through `HTMLSanitizer`, because Markdown
/// lets raw HTML through (a `<script>` line, an `onerror` attribute, a `javascript:` link) and
/// an editor's account is not a reason to trust what it publishes.
public enum ArticleMarkdown {
    public static func html(_ markdown: String) -> String {
        HTMLSanitizer.clean(MarkdownParser().html(from: markdown))
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
