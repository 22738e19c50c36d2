import Foundation
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Output escaping")
struct EscapingTests {
    static let hostile = #"<script>alert(1)</script>"'><img src=x onerror=alert(2)>&amp;"#

    @Test("hostile text in names is shown as text in element content and in attributes", arguments: [DatabaseEngine.sqlite])
    func escaped(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let created = try await browser.submit("/areas/\(fixture.socSon.id)/villages/new", ["kind": "thon", "name": Self.hostile])
            #expect(created.status == .seeOther)
            let page = try await browser.get("/areas/\(fixture.socSon.id)")
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(!page.body.contains("<img src=x"))
            #expect(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            // Text is shown exactly as typed: "&amp;" in a name stays five characters on screen.
            #expect(page.body.contains("onerror=alert(2)&gt;&amp;amp;"))

            // The same text sent back into a form field's value stays inside the attribute.
            let form = try await browser.submit("/areas/\(fixture.socSon.id)/villages/new", ["kind": "thon", "name": "   ", "code": Self.hostile])
            #expect(form.status == .unprocessableContent)
            #expect(form.body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;amp;\""))
            // And in a search box.
            let search = try await browser.get("/areas/search?q=%22%3E%3Cscript%3E")
            #expect(!search.body.contains("\"><script>"))
        }
    }
}
