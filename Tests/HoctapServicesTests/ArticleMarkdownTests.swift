import HoctapServices
import Testing

@Suite("Markdown as readers get it")
struct ArticleMarkdownTests {
    @Test("Ink's output, sanitised: formatting kept, raw HTML that could run removed, its text not kept as words either")
    func rendering() {
        let html = ArticleMarkdown.html("""
            # Tuyên dương

            Có **120** gia đình.<script>alert('x')</script>

            <img src=x onerror="alert(1)"> [Xem thêm](javascript:alert(2)) <a href="https://a.vn">nguồn</a>
            """)
        #expect(html == "<h2>Tuyên dương</h2><p>Có <strong>120</strong> gia đình.</p><img src=\"x\" loading=\"lazy\" /> "
                + "[Xem thêm](javascript:alert(2)) <a href=\"https://a.vn\" rel=\"nofollow noopener\">nguồn</a>",
                "a line starting with HTML is an HTML block for Ink: the Markdown link inside it stays text, never a link")
        #expect(ArticleMarkdown.text(ofHTML: html) == "Tuyên dương Có 120 gia đình. [Xem thêm](javascript:alert(2)) nguồn")
        #expect(ArticleMarkdown.excerpt("một hai ba bốn", limit: 8) == "một hai…")
    }
}
