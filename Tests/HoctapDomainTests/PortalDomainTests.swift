import Foundation
import HoctapDomain
import HoctapTestSupport
import Testing

@Suite("The portal's content rules: sanitising, slugs, drafts, file types")
struct PortalDomainTests {
    @Test("allowed markup stays; scripts, handlers, frames, forms and unsafe links go; text is escaped")
    func sanitiser() {
        #expect(HTMLSanitizer.clean("<p>Học <strong>tập</strong> <a href=\"https://a.vn/x?y=1&amp;z=2\">suốt đời</a></p>")
                == "<p>Học <strong>tập</strong> <a href=\"https://a.vn/x?y=1&amp;z=2\" rel=\"nofollow noopener\">suốt đời</a></p>")
        #expect(HTMLSanitizer.clean("<h1>Mục</h1>") == "<h2>Mục</h2>", "the page's title is the only h1")
        #expect(HTMLSanitizer.clean("a<script>alert(1)</script>b") == "ab")
        #expect(HTMLSanitizer.clean("<SCRIPT SRC=//x.vn/a.js></SCRIPT>ok") == "ok")
        #expect(HTMLSanitizer.clean("<img src=x onerror=alert(1)>") == "<img src=\"x\" loading=\"lazy\" />")
        #expect(HTMLSanitizer.clean("<a href=\"javascript:alert(1)\">x</a>") == "<a>x</a>")
        #expect(HTMLSanitizer.clean("<a href=\"jav&#x09;ascript:alert(1)\">x</a>") == "<a>x</a>", "a scheme hidden behind a tab reference")
        #expect(HTMLSanitizer.clean("<a href=\" JaVaScRiPt:alert(1)\">x</a>") == "<a>x</a>")
        #expect(HTMLSanitizer.clean("<a href=\"//evil.vn\">x</a>") == "<a>x</a>", "protocol-relative leaves the site")
        #expect(HTMLSanitizer.clean("<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">") == "<img loading=\"lazy\" />")
        #expect(HTMLSanitizer.clean("<a href=\"/tep/3\" title='a\"b'>t</a>") == "<a href=\"/tep/3\" title=\"a&quot;b\">t</a>")
        #expect(HTMLSanitizer.clean("<iframe src=https://x.vn></iframe><form action=/x><input name=a></form>z") == "z")
        #expect(HTMLSanitizer.clean("<div style=\"x\" onclick=\"y\">t</div>") == "t", "unknown elements keep only their text")
        #expect(HTMLSanitizer.clean("1 < 2 && 3 > 2 &amp; &copy; &#7871;") == "1 &lt; 2 &amp;&amp; 3 &gt; 2 &amp; &copy; &#7871;")
        #expect(HTMLSanitizer.clean("<p><em>unclosed") == "<p><em>unclosed</em></p>", "open elements are closed")
        #expect(HTMLSanitizer.clean("</p>stray</em>") == "stray", "stray end tags are dropped")
        #expect(HTMLSanitizer.clean("<!-- <script>x</script> -->after") == "after")
        #expect(HTMLSanitizer.clean("<p>a<li>b</p>") == "<p>a<li>b</li></p>")
        #expect(HTMLSanitizer.clean("<ol start=\"3\" onclick=x><li>c</li></ol>") == "<ol start=\"3\"><li>c</li></ol>")
        #expect(HTMLSanitizer.clean("<ol start=\"3;x\"><li>c</li></ol>") == "<ol><li>c</li></ol>")
        #expect(HTMLSanitizer.plainText("<p>Gia&nbsp;đình &amp; <b>dòng họ</b></p><script>x</script>") == "Gia đình & dòng họ", "a no-break space is whitespace too")
    }

    /// Pieces of markup attacks and ordinary text, combined at random.
    static let fragments = [
        "<script>", "</script>", "<p>", "</p>", "<a href=\"", "javascript:", "\">", "<img src=x onerror=", "alert(1)", ">", "<", "&", "&amp;",
        "\"", "'", "<iframe>", "<em>", "</em>", "<!--", "-->", "<style>", "</style>", " onload=", "<svg/onload=alert(1)>", "Gia đình ", "học tập",
        "<a href='//x'>", "</a>", "<ul><li>", "</li></ul>", "&#x6a;avascript:", "<h1>", "</h1>", "<br>", "<table><tr><td>", "</td></tr></table>",
    ]

    @Test("property: whatever goes in, the output has no script, handler or unsafe link, is balanced, and cleaning it again changes nothing")
    func sanitiserProperty() {
        var random = SeededRandom(seed: 2026_11_29)
        for _ in 0..<2_000 {
            let input = (0..<Int.random(in: 1...14, using: &random)).map { _ in Self.fragments.randomElement(using: &random)! }.joined()
            let output = HTMLSanitizer.clean(input)
            let lower = output.lowercased()
            #expect(!lower.contains("<script") && !lower.contains("<iframe") && !lower.contains("<svg") && !lower.contains("<style"), "\(input)")
            // Only real tags count: text has its "<" escaped, attribute values their quotes.
            for tag in lower.matches(of: /<[a-z][^<>]*>/) {
                let unquoted = String(tag.output).replacing(/"[^"]*"/, with: "\"\"")
                #expect(unquoted.firstMatch(of: /\son[a-z]+\s*=/) == nil, "handler kept: \(input) → \(output)")
                for link in String(tag.output).matches(of: /(?:href|src)="([^"]*)"/) {
                    #expect(HTMLSanitizer.isSafeURL(String(link.output.1)), "unsafe link: \(input) → \(output)")
                    #expect(link.output.1.firstMatch(of: /^\s*(javascript|data|\/\/)/) == nil, "unsafe link: \(input) → \(output)")
                }
            }
            #expect(HTMLSanitizer.clean(output) == output, "not idempotent: \(input) → \(output)")
            var open: [String] = []
            for match in output.matches(of: /<(\/?)([a-z0-9]+)[^>]*?(\/?)>/) {
                let (_, closing, name, selfClosed) = match.output
                if !selfClosed.isEmpty { continue }
                if closing.isEmpty { open.append(String(name)) } else {
                    #expect(open.last == String(name), "unbalanced: \(input) → \(output)")
                    open.removeLast()
                }
            }
            #expect(open.isEmpty, "left open: \(input) → \(output)")
        }
    }

    @Test("slugs are folded words joined by hyphens within 80 characters; the id in front of them is what finds the content")
    func slugs() {
        #expect(Slug.make("Tuyên dương \"Gia đình học tập\" năm 2026!") == "tuyen-duong-gia-dinh-hoc-tap-nam-2026")
        #expect(Slug.make("  ??? ") == "noi-dung")
        #expect(Slug.make(String(repeating: "Đường làng ", count: 20)).count <= 80)
        #expect(Slug.id(in: "123-tuyen-duong") == 123)
        #expect(Slug.id(in: "123") == 123)
        #expect(Slug.id(in: "123abc") == nil && Slug.id(in: "abc") == nil && Slug.id(in: "") == nil)
        #expect(Slug.id(in: String(repeating: "9", count: 30)) == nil)
    }

    @Test("drafts say what is wrong with each field; tags are split, trimmed and deduplicated ignoring diacritics")
    func drafts() {
        let draft = ArticleDraft(kind: .news, title: " ", summary: String(repeating: "a", count: 501), body: "\n ", category: "", tags: ["khuyến học, Khuyen hoc , ,gia đình"])
        #expect(Set(draft.problems().map(\.field)) == ["title", "summary", "body"])
        #expect(draft.tags == ["khuyến học", "gia đình"])
        let ok = ArticleDraft(kind: .guidance, title: "Hướng dẫn", summary: "", body: "# Mục\r\nNội dung", category: "", tags: [])
        #expect(ok.problems().isEmpty && ok.body == "# Mục\nNội dung")
        let document = DocumentDraft(kind: .decision, number: "", issuedOn: nil, issuer: "", title: "Quyết định", summary: "")
        #expect(Set(document.problems().map(\.field)) == ["number", "issuer", "issuedOn"])
        #expect(DocumentDraft(kind: .form, number: "", issuedOn: nil, issuer: "Hội Khuyến học", title: "Mẫu đăng ký", summary: "").problems().isEmpty)
    }

    @Test("OAI-PMH requests: each verb's arguments; tokens carry the selection and position and refuse tampering")
    func oaiRequests() throws {
        #expect(try OAIRequest.parse(["verb": ["Identify"]]) == .identify)
        #expect(throws: OAIRequest.Failure.self) { try OAIRequest.parse(["verb": ["GetRecord"], "identifier": ["x"]]) }
        let list = try OAIListArguments(metadataPrefix: "oai_dc", set: "van-ban", from: "2026-11-22", until: "2026-11-22")
        #expect(list.from == 1_795_305_600 && list.until == 1_795_305_600 + 86_399, "a day is its first to its last second, UTC")
        let token = list.token(after: OAIPosition(updatedAt: 1_795_310_000, kind: 1, id: 42))
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "safe in a URL as it is")
        let resumed = try OAIListArguments(token: token)
        #expect(resumed.set == "van-ban" && resumed.from == list.from && resumed.until == list.until
                && resumed.after == OAIPosition(updatedAt: 1_795_310_000, kind: 1, id: 42))
        #expect(throws: OAIRequest.Failure.self) { try OAIListArguments(token: String(token.dropLast(3))) }
        #expect(throws: OAIRequest.Failure.self) { try OAIListArguments(metadataPrefix: "oai_dc", set: nil, from: "2026-11-22T00:00:00Z", until: "2026-11-23") }
    }

    @Test("files are recognised by content: office files as ZIP with their own part, a renamed page or a bare ZIP refused")
    func mediaTypes() {
        func zip(_ names: [String]) -> [UInt8] {
            var bytes: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0, count: 26)
            for name in names { bytes += Array(name.utf8) + [0, 0] }
            return bytes + [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)
        }
        #expect(PortalMediaType.sniff(zip(["[Content_Types].xml", "word/document.xml"])) == .docx)
        #expect(PortalMediaType.sniff(zip(["[Content_Types].xml", "xl/workbook.xml"])) == .xlsx)
        #expect(PortalMediaType.sniff(zip(["mimetypeapplication/vnd.oasis.opendocument.text"])) == .odt)
        #expect(PortalMediaType.sniff(zip(["a.txt"])) == nil)
        #expect(PortalMediaType.sniff(Array("<html><script>alert(1)</script></html>".utf8)) == nil)
        #expect(PortalMediaType.sniff(Array("%PDF-1.4\n%%EOF".utf8)) == .pdf)
        #expect(VietnameseFormat.bytes(512) == "512 byte" && VietnameseFormat.bytes(2048) == "2 KB" && VietnameseFormat.bytes(7_549_747) == "7,2 MB")
    }
}
