import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import NIOCore
import Testing

@Suite("Evidence: real files checked by content, stored by hash, coded, served only to those who may see them")
struct EvidenceTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: fixtures.appendingPathComponent(name)) }

    /// Posts the evidence form with its fields and an optional file.
    static func attach(_ browser: Browser, _ evaluation: String, csrf: String, file: (name: String, data: Data)?, fields: [(String, String)]) async throws -> Browser.Page {
        let boundary = "----hoctap\(UUID().uuidString)"
        var body = Data()
        // The token first, in the body, as the page's form sends it.
        for (name, value) in [("_csrf", csrf)] + fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        if let file {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(file.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return try await browser.request(.post, "\(evaluation)/evidence",
                                         headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
    }

    @Test("a JPEG, a PNG and a PDF are accepted and coded; a renamed executable, a wrong item and a bad link are refused", arguments: TestDatabases.engines)
    func upload(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let cycle = try await EvaluationPageTests.openFamilyCycle(browser, fixture)
            let evaluation = try EvaluationPageTests.firstEvaluation(try await browser.get(cycle).body)
            try await browser.login(DemoUser.village)
            let page = try await browser.get(evaluation)
            let csrf = try #require(page.csrfToken)
            #expect(page.body.contains("Chưa có minh chứng."))

            let jpeg = try await Self.attach(browser, evaluation, csrf: csrf, file: ("hoc ba/../../etc/passwd.jpg", try Self.fixture("hoc-ba.jpg")),
                                             fields: [("items", "1.1"), ("items", "1.2"), ("note", "Học bạ năm học 2025–2026"), ("capturedOn", "15/03/2026")])
            #expect(jpeg.status == .seeOther)
            #expect(jpeg.location?.contains("GD-2026-1-1.1-001") == true, "model–year–criterion–item–sequence")
            let png = try await Self.attach(browser, evaluation, csrf: csrf, file: ("goc.png", try Self.fixture("goc-hoc-tap.png")), fields: [("items", "3.2")])
            #expect(png.status == .seeOther)
            let pdf = try await Self.attach(browser, evaluation, csrf: csrf, file: ("bien-ban.pdf", try Self.fixture("bien-ban.pdf")),
                                            fields: [("items", "1.1"), ("link", "https://sosonhanoi.gov.vn/tin/1")])
            #expect(pdf.status == .seeOther && pdf.location?.contains("GD-2026-1-1.1-002") == true, "the sequence counts per item")
            // The same photo again is stored once on disk but is a second piece of evidence.
            #expect(try await Self.attach(browser, evaluation, csrf: csrf, file: ("lai.jpg", try Self.fixture("hoc-ba.jpg")), fields: [("items", "2.1")]).status == .seeOther)

            let executable = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[0]))
            let renamed = try await Self.attach(browser, evaluation, csrf: csrf, file: ("anh.jpg", executable.prefix(200_000)), fields: [("items", "1.1")])
            #expect(renamed.status == .unprocessableContent && renamed.body.contains("không phải ảnh JPEG, PNG hay tài liệu PDF"))
            let html = try await Self.attach(browser, evaluation, csrf: csrf, file: ("x.pdf", Data("<script>alert(1)</script>".utf8)), fields: [("items", "1.1")])
            #expect(html.status == .unprocessableContent)
            let noItem = try await Self.attach(browser, evaluation, csrf: csrf, file: ("a.jpg", try Self.fixture("hoc-ba.jpg")), fields: [("items", "9.9")])
            #expect(noItem.status == .unprocessableContent && noItem.body.contains("Không có chỉ tiêu 9.9"))
            let badLink = try await Self.attach(browser, evaluation, csrf: csrf, file: nil, fields: [("items", "1.1"), ("link", "javascript:alert(1)")])
            #expect(badLink.status == .unprocessableContent && badLink.body.contains("http://"))
            let nothing = try await Self.attach(browser, evaluation, csrf: csrf, file: nil, fields: [("items", "1.1")])
            #expect(nothing.status == .unprocessableContent)
            let tooBig = try await Self.attach(browser, evaluation, csrf: csrf, file: ("to.pdf", Data(repeating: 0x25, count: 9 << 20)), fields: [("items", "1.1")])
            #expect([.unprocessableContent, .contentTooLarge].contains(tooBig.status))
            #expect(try await Self.attach(browser, evaluation, csrf: "sai", file: nil, fields: [("items", "1.1"), ("note", "x")]).status == .forbidden)

            let listed = try await browser.get(evaluation)
            #expect(listed.body.contains("Minh chứng (4)") && listed.body.contains("GD-2026-3-3.2-001") && listed.body.contains("15/03/2026"))
            #expect(!listed.body.contains("passwd"), "client file names are not used")
            let fileID = try #require(listed.body.range(of: "href=\"/evidence/").map { listed.body[$0.upperBound...].prefix { $0.isNumber } })
            let served = try await browser.get("/evidence/\(fileID)/file")
            #expect(served.status == .ok && served.headers[.contentType] == "image/jpeg")
            // Personal data: not kept in a shared browser's cache after sign-out.
            #expect(served.headers[.cacheControl] == "private, no-store")
            #expect(served.headers[.contentDisposition]?.contains("GD-2026-1-1.1-001.jpg") == true)

            // Submitted: evidence is locked like the answers.
            var complete = EvaluationPageTests.fullMarks
            complete["version"] = "1"
            #expect(try await browser.submit(evaluation, complete).status == .seeOther)
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "submit", "version": "2"]).status == .seeOther)
            let locked = try await Self.attach(browser, evaluation, csrf: csrf, file: nil, fields: [("items", "1.1"), ("note", "thêm")])
            #expect(locked.status == .conflict)

            // Other areas see neither the page nor the file.
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/evidence/\(fileID)/file").status == .notFound)
            let foreignCSRF = try #require(try await browser.get("/").csrfToken)
            #expect(try await Self.attach(browser, evaluation, csrf: foreignCSRF, file: nil, fields: [("items", "1.1"), ("note", "x")]).status == .notFound)
        }
    }
}
