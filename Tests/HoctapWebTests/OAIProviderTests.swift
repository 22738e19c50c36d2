import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// hoctap's own OAI-PMH provider, harvested by an independent client (Python's Sickle) over
/// real HTTP, and its protocol rules checked request by request.
@Suite("The OAI-PMH provider at /oai")
struct OAIProviderTests {
    static let unavailable = "OAI-PMH provider harvest skipped: no Python with sickle (.ci/run installs it; locally `pip install sickle`)."

    /// 130 published articles a minute apart, five documents, one article withdrawn, one never published.
    static func content(clock: TestClock) -> @Sendable (ServiceEnvironment) async throws -> Void {
        { environment in
            let (admin, nation, hanoi) = try await environment.database.read { db in
                let areas = AreaRepository(db)
                let nation = try await areas.nation()
                let hanoi = try #require(try await areas.current(level: .province, code: "01"))
                return (Actor(accountID: 1, username: "admin", displayName: "Quản trị", role: .nationalAdmin, scope: nation.position), nation, hanoi)
            }
            let portal = PortalService(environment)
            for n in 1...130 {
                let article = try await portal.createArticle(
                    ArticleDraft(kind: n % 3 == 0 ? .guidance : .news, title: "Bài số \(n): Gia đình học tập & <cộng đồng>", summary: n == 1 ? "Tóm tắt bài một" : "",
                                 body: "Nội dung **bài \(n)**", category: "Tin hoạt động", tags: ["khuyến học"]),
                    area: n % 2 == 0 ? hanoi.id : nation.id, by: admin)
                _ = try await portal.setArticleState(article.id, .published, version: article.version, by: admin)
                clock.advance(by: 60)
            }
            let withdrawn = try await portal.article(1, by: admin).article
            _ = try await portal.setArticleState(withdrawn.id, .draft, version: withdrawn.version, by: admin)
            _ = try await portal.createArticle(ArticleDraft(kind: .news, title: "Chưa đăng", summary: "", body: "x", category: "", tags: []), area: nation.id, by: admin)
            let pdf = try EvidenceTests.fixture("bien-ban.pdf")
            for n in 1...5 {
                let document = try await portal.createDocument(
                    DocumentDraft(kind: .decision, number: "\(n)/QĐ-KHVN", issuedOn: Day(2023, 10, 25), issuer: "Hội Khuyến học Việt Nam",
                                  title: "Quyết định số \(n) về Công dân học tập", summary: ""),
                    file: DocumentUpload(fileName: "qd.pdf", bytes: Array(pdf)), area: nation.id, by: admin)
                _ = try await portal.setDocumentState(document.id, .published, version: document.version, by: admin)
            }
        }
    }

    @Test("Sickle harvests everything across resumption tokens, selectively by set, one record, and reads every error code",
          arguments: TestDatabases.engines)
    func harvestedBySickle(engine: DatabaseEngine) async throws {
        guard let python = PythonFinder.python(importing: "sickle") else {
            Issue.record(Comment(rawValue: Self.unavailable), severity: .warning)
            return
        }
        let clock = TestClock()
        // Evidence-store files need a data directory; the services write through the test's.
        let files = try TemporaryFiles()
        try await TestApp.run(engine, clock: clock, prepare: { environment in
            var environment = environment
            environment.evidenceStore = EvidenceStore(root: files.directory.path)
            try await Self.content(clock: clock)(environment)
        }) { browser, _ in
            let port = browser.client.port
            let result = try await ChildProcess.run(python, ["-W", "ignore", ChildProcess.fixture("oai_harvest.py").path, "http://127.0.0.1:\(port)/oai"])
            #expect(result.status == 0, "\(result.error)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)")
            let identify = try #require(json["identify"] as? [String: String])
            #expect(identify["protocolVersion"] == "2.0" && identify["granularity"] == "YYYY-MM-DDThh:mm:ssZ" && identify["deletedRecord"] == "persistent")
            #expect(identify["baseURL"] == "http://127.0.0.1:\(port)/oai")
            #expect(json["formats"] as? [String] == ["oai_dc"])
            #expect(json["sets"] as? [String] == ["bai-viet", "van-ban"])
            let records = try #require(json["records"] as? [[String: Any]])
            #expect(records.count == 135, "130 articles and 5 documents, the never-published draft left out: \(records.count)")
            #expect((json["tokens"] as? Int ?? 0) >= 1, "more than one page")
            #expect(Set(records.compactMap { $0["identifier"] as? String }).count == 135, "no record twice")
            let deleted = records.filter { $0["deleted"] as? Bool == true }
            #expect(deleted.count == 1 && deleted.first?["identifier"] as? String == "oai:127.0.0.1:bai-viet/1", "the withdrawn article is reported deleted")
            let second = try #require(records.first { $0["identifier"] as? String == "oai:127.0.0.1:bai-viet/2" })
            let metadata = try #require(second["metadata"] as? [String: [String]])
            #expect(metadata["title"] == ["Bài số 2: Gia đình học tập & <cộng đồng>"], "escaped on the wire, exact after parsing")
            #expect(metadata["creator"] == ["Thành phố Hà Nội"] && metadata["language"] == ["vi"] && metadata["subject"] == ["Tin hoạt động", "khuyến học"])
            #expect(metadata["identifier"]?.first?.hasSuffix("/bai-viet/2-bai-so-2-gia-dinh-hoc-tap-cong-dong") == true, "\(metadata["identifier"] ?? [])")
            let datestamps = records.compactMap { $0["datestamp"] as? String }
            #expect(datestamps == datestamps.sorted(), "in datestamp order")
            #expect((json["documents"] as? [String])?.count == 5)
            #expect((json["get"] as? [String: Any])?["identifier"] as? String == records.first?["identifier"] as? String)
            #expect(json["errors"] as? [String: String] == [
                "badVerb": "badVerb", "cannotDisseminateFormat": "CannotDisseminateFormat", "idDoesNotExist": "IdDoesNotExist",
                "badResumptionToken": "BadResumptionToken", "noRecordsMatch": "NoRecordsMatch", "badArgument": "BadArgument",
            ], "\(json["errors"] ?? "")")
        }
        withExtendedLifetime(files) {}
    }

    @Test("protocol rules: arguments checked per verb, dates and tokens validated, the response always well-formed XML")
    func protocolRules() async throws {
        let clock = TestClock()
        let files = try TemporaryFiles()
        try await TestApp.run(.sqlite, clock: clock, prepare: { environment in
            var environment = environment
            environment.evidenceStore = EvidenceStore(root: files.directory.path)
            try await Self.content(clock: clock)(environment)
        }) { browser, _ in
            func code(_ query: String) async throws -> String? {
                let page = try await browser.get("/oai?\(query)")
                #expect(page.status == .ok && page.headers[.contentType] == "text/xml; charset=utf-8")
                #expect(PortalPageTests.wellFormed(page.body), "\(query): \(page.body.prefix(300))")
                return page.body.firstMatch(of: /<error code="([a-zA-Z]+)"/).map { String($0.1) }
            }
            #expect(try await code("verb=Identify") == nil)
            #expect(try await code("") == "badVerb")
            #expect(try await code("verb=Identify&verb=Identify") == "badVerb")
            #expect(try await code("verb=Identify&extra=1") == "badArgument")
            #expect(try await code("verb=ListRecords") == "badArgument", "metadataPrefix is required")
            #expect(try await code("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc") == "badArgument")
            #expect(try await code("verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01") == "badArgument")
            #expect(try await code("verb=ListRecords&metadataPrefix=oai_dc&from=2026-11-23&until=2026-11-22") == "badArgument")
            #expect(try await code("verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc") == "badArgument", "a token comes alone")
            #expect(try await code("verb=ListRecords&resumptionToken=%00%FF") == "badResumptionToken")
            #expect(try await code("verb=ListSets&resumptionToken=x") == "badResumptionToken")
            #expect(try await code("verb=ListRecords&metadataPrefix=oai_dc&set=khac") == "noRecordsMatch")
            #expect(try await code("verb=GetRecord&identifier=oai:localhost:bai-viet/131&metadataPrefix=oai_dc") == "idDoesNotExist",
                    "the never-published draft does not exist for harvesters")
            #expect(try await code("verb=GetRecord&identifier=oai:localhost:bai-viet/2&metadataPrefix=oai_dc") == nil)
            #expect(try await code("verb=ListMetadataFormats&identifier=oai:localhost:van-ban/999") == "idDoesNotExist")
            #expect(try await code("verb=GetRecord&identifier=oai:localhost:bai-viet/2&metadataPrefix=marc21") == "cannotDisseminateFormat")

            // A window of time: articles 2–10 changed in the first ten minutes, a minute apart (article 1
            // changed again when it was withdrawn, later); a day's window includes its last second.
            let window = try await browser.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from=2026-11-22T02:00:00Z&until=2026-11-22T02:09:59Z")
            #expect(window.body.matches(of: /<header>/).count == 9, "\(window.body.prefix(500))")
            let day = try await browser.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&set=van-ban&from=2026-11-22&until=2026-11-22")
            #expect(day.body.matches(of: /<header>/).count == 5)

            // Pages follow their tokens to the end, which is an empty token.
            var token = try #require(try await browser.get("/oai?verb=ListIdentifiers&metadataPrefix=oai_dc").body
                .firstMatch(of: /<resumptionToken>([^<]+)<\/resumptionToken>/).map { String($0.1) })
            var seen = 100
            while true {
                let page = try await browser.get("/oai?verb=ListIdentifiers&resumptionToken=\(token)")
                seen += page.body.matches(of: /<header/).count
                guard let next = page.body.firstMatch(of: /<resumptionToken>([^<]+)<\/resumptionToken>/).map({ String($0.1) }) else {
                    #expect(page.body.contains("<resumptionToken/>"))
                    break
                }
                token = next
            }
            #expect(seen == 135)
        }
        withExtendedLifetime(files) {}
    }
}
