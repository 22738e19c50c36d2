import Foundation
import HoctapDomain
import Testing

@Suite("OAI-PMH responses and diacritics-free search")
struct LibraryDomainTests {
    static let listRecords = """
        <?xml version="1.0" encoding="UTF-8"?>
        <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
          <responseDate>2026-11-22T08:00:00Z</responseDate>
          <request verb="ListRecords" metadataPrefix="oai_dc">https://thuvien.example.vn/oai</request>
          <ListRecords>
            <record>
              <header><identifier>oai:tv:1</identifier><datestamp>2026-01-02</datestamp><setSpec>sach</setSpec></header>
              <metadata>
                <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
                  <dc:title>Gương sáng khuyến học</dc:title>
                  <dc:creator>Nguyễn Đường</dc:creator>
                  <dc:subject>Khuyến học</dc:subject>
                  <dc:identifier>ISBN 978-604</dc:identifier>
                  <dc:identifier>https://thuvien.example.vn/record/1</dc:identifier>
                </oai_dc:dc>
              </metadata>
            </record>
            <record><header status="deleted"><identifier>oai:tv:2</identifier><datestamp>2026-01-03</datestamp></header></record>
            <resumptionToken completeListSize="9" cursor="0">tok&amp;2</resumptionToken>
          </ListRecords>
        </OAI-PMH>
        """

    @Test("ListRecords: records with Dublin Core, a deleted one, the resumption token unescaped")
    func records() throws {
        let response = try OAIParser.parse(Data(Self.listRecords.utf8))
        #expect(response.responseDate == "2026-11-22T08:00:00Z")
        #expect(response.records.count == 2 && response.resumptionToken == "tok&2" && response.errors.isEmpty)
        let first = response.records[0]
        #expect(first.identifier == "oai:tv:1" && first.datestamp == "2026-01-02" && first.sets == ["sach"] && !first.deleted)
        #expect(first.metadata.titles == ["Gương sáng khuyến học"] && first.metadata.creators == ["Nguyễn Đường"])
        #expect(first.metadata.link == "https://thuvien.example.vn/record/1", "the first web address among the identifiers")
        #expect(response.records[1].deleted && response.records[1].identifier == "oai:tv:2")
    }

    @Test("Identify, an empty last token, error codes and ListSets")
    func otherVerbs() throws {
        let identify = try OAIParser.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-11-22T08:00:00Z</responseDate>
            <Identify><repositoryName>Thư viện tỉnh</repositoryName><baseURL>https://x/oai</baseURL><protocolVersion>2.0</protocolVersion>
            <earliestDatestamp>2000-01-01</earliestDatestamp><deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DD</granularity>
            <description><eprints xmlns="http://www.openarchives.org/OAI/1.1/eprints"><content><text>x</text></content></eprints></description></Identify></OAI-PMH>
            """.utf8))
        #expect(identify.identify?.repositoryName == "Thư viện tỉnh" && identify.identify?.granularity == "YYYY-MM-DD")
        #expect(identify.identify?.secondsGranularity == false)
        let last = try OAIParser.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords><resumptionToken completeListSize="3" cursor="2"/></ListRecords></OAI-PMH>
            """.utf8))
        #expect(last.resumptionToken == nil, "an empty token ends the list")
        let errors = try OAIParser.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><error code="noRecordsMatch">none</error></OAI-PMH>
            """.utf8))
        #expect(errors.isNoRecordsMatch && errors.errors.first?.explanation.contains("noRecordsMatch") == true)
        let sets = try OAIParser.parse(Data("""
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListSets><set><setSpec>sach</setSpec><setName>Sách</setName></set></ListSets></OAI-PMH>
            """.utf8))
        #expect(sets.sets.map(\.spec) == ["sach"] && sets.sets.map(\.name) == ["Sách"])
    }

    @Test("broken XML and foreign XML are refused with the place of the problem")
    func malformed() {
        #expect(throws: OAIParseError.self) { try OAIParser.parse(Data("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\"><Identify></OAI-PMH>".utf8)) }
        do {
            _ = try OAIParser.parse(Data("<OAI-PMH xmlns=\"http://www.openarchives.org/OAI/2.0/\">\n<Identify>\n</OAI-PMH>".utf8))
        } catch {
            #expect(error.line >= 2 && error.description.contains("dòng"), "\(error)")
        }
        #expect(throws: OAIParseError.self) { try OAIParser.parse(Data("<html><body>Not found</body></html>".utf8)) }
    }

    @Test("inputs found by fuzzing (issue 18): a namespace that is not UTF-8 is refused, not a crash; a DTD is refused unread")
    func fuzzFindings() {
        let crash = Data(base64Encoded: "PD94bWwgdmVyc2lvbj0iMS4wIj8+PE9BSS1QTUggeG1sbnM9Imh0dLu7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7cDovL3d3dy5vcGVuYXJjaGl2ZXMub3JnL09BSS8xLjAvIj48cmVzcG9uc2VEYXRlPjIwMjYtMDEtMDFUMDA6MDA6MDBaPHJlL3MvZGF0ZXN0YW1wPjwvaGVhZGVyPjwvcmVjb3JkPjxyZXN1bXB0aW9uVG9rZW5MaXN0UrcFkLIyLjAvIuN/AAAvT/xBSS1QTUg+")!
        do {
            _ = try OAIParser.parse(crash)
            Issue.record("a namespace that is not UTF-8 was read")
        } catch {
            #expect(error.line == 1 && error.column == 41 && error.reason == "byte không phải UTF-8", "\(error)")
        }
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>&lol9;</responseDate></OAI-PMH>
            """
        #expect(throws: OAIParseError.self) { try OAIParser.parse(Data(laughs.utf8)) }
        #expect(throws: OAIParseError.self) { try OAIParser.parse(Data([0xFF, 0xFE, 0x3C, 0x00])) }
        let emptyInstruction = Data(base64Encoded: "PD94bWwgdmVyc2lvbi89IjEuMCI/PjxSYW5nZU1IIHhtcDovL3d3dy5vcGV2PD94bWwxLjAiPz48T0FwZW5hcmMvT0FJLzIuMDwvMS4wIj8+PE9BSS1QTUggeG1wOi8vd3d3Lm9wZXY8P09BcGVuYXJjaGl2ZXMub3I/PjxSYW5nZU1IIHhtcDovL3d3dy5vcGV2PD94bWwxLjAiPz48T0FwZW5hcmMvT0FJLzIuMDwvMS4wIj8+PE9BSS1QTUggeG1wOi8vd3d3Lm9wZXY8P09BcGVuYXJjaGl2ZXMub3JnL09BSS8+Pz48T0FwZW5hcmMvT0FUZXcuZGF0ZW9w")!
        #expect(throws: OAIParseError.self) { try OAIParser.parse(emptyInstruction) }
        #expect(throws: OAIParseError.self) { try OAIParser.parse(Data("<?xml version=\"1.0\"?><?x?><OAI-PMH/>".utf8)) }
    }

    @Test("search words ignore diacritics, case and đ; terms are deduplicated and bounded")
    func words() {
        #expect(SearchText.words("Nguyễn Đường, KHUYẾN-học 2026") == ["nguyen", "duong", "khuyen", "hoc", "2026"])
        #expect(SearchText.terms("nguyen duong Nguyễn") == ["nguyen", "duong"])
        #expect(SearchText.terms(String(repeating: "a b c d e f g h i j ", count: 3)).count == 8)
        #expect(SearchText.indexed(["Gương sáng", "Đắk Lắk"]) == "guong sang dak lak")
        // Decomposed input folds the same.
        #expect(SearchText.words("Nguye\u{0302}\u{0303}n") == ["nguyen"])
    }

    @Test("snippets mark whole words that start with a term, in the original spelling, around the first match")
    func snippets() {
        let text = String(repeating: "Lời mở đầu dài dòng. ", count: 20) + "Gia đình ông Nguyễn Đường là gương sáng khuyến học của xã."
        let segments = SearchText.snippet(text, terms: ["nguyen", "duong"], width: 80)
        #expect(segments.first?.text.hasPrefix("…") == true, "cut before")
        #expect(segments.filter(\.marked).map(\.text) == ["Nguyễn", "Đường"], "\(segments)")
        let joined = segments.map(\.text).joined()
        #expect(joined.count <= 84 && joined.contains("Gia đình ông"))
        let none = SearchText.snippet("Không khớp gì", terms: ["xyz"])
        #expect(none == [SearchText.Segment(text: "Không khớp gì", marked: false)])
        #expect(SearchText.snippet("", terms: ["a"]).isEmpty)
    }

    @Test("property: a snippet's pieces are the text's own characters, in order, and a marked piece folds to a term's extension",
          arguments: [UInt64(1), 2, 3, 4, 5])
    func snippetProperty(seed: UInt64) {
        var random = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int { random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Int((random >> 33) % UInt64(bound)) }
        let words = ["Nguyễn", "Đường", "học", "tập", "Khuyến", "gia", "đình", "2026", "xã", "thôn"]
        let text = (0..<(5 + next(60))).map { _ in words[next(words.count)] }.joined(separator: next(2) == 0 ? " " : ", ")
        let terms = [SearchText.words(words[next(words.count)])[0]]
        let segments = SearchText.snippet(text, terms: terms, width: 40 + next(100))
        let joined = segments.map(\.text).joined().replacingOccurrences(of: "…", with: "")
        #expect(text.contains(joined), "\(joined) inside \(text)")
        for piece in segments where piece.marked {
            #expect(SearchText.words(piece.text).allSatisfy { word in terms.contains { word.hasPrefix($0) } })
        }
    }

    @Test("ranking: title before authors before the rest; exact words a little higher")
    func ranking() {
        let inTitle = SearchText.score([["Nguyễn Đường"], [""], [""]], terms: ["duong"])
        let inAuthor = SearchText.score([[""], ["Nguyễn Đường"], [""]], terms: ["duong"])
        let inBody = SearchText.score([[""], [""], ["Nguyễn Đường"]], terms: ["duong"])
        #expect(inTitle > inAuthor && inAuthor > inBody && inBody > 0)
        #expect(SearchText.score([["đường"], [], []], terms: ["duong"]) > SearchText.score([["duongs"], [], []], terms: ["duong"]))
        #expect(SearchText.score([["abc"], [], []], terms: ["xyz"]) == 0)
        let allInTitle = SearchText.score([["Công dân học tập"], [], ["học"]], terms: ["cong", "dan", "hoc", "tap"])
        let repeatedInBody = SearchText.score([["Học tập"], [], [String(repeating: "công dân học tập ", count: 50)]], terms: ["cong", "dan", "hoc", "tap"])
        #expect(allInTitle > repeatedInBody, "a term counts once per field: repetition in a long body does not win")
    }
}
