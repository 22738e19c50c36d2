import HoctapDomain
import HoctapTestSupport
import Testing

@Suite("CSV parsing")
struct CSVParserTests {
    static func parse(_ text: String, chunk: Int = 1 << 20) throws -> [CSVParser.Record] {
        var parser = CSVParser()
        var records: [CSVParser.Record] = []
        let bytes = Array(text.utf8)
        for start in stride(from: 0, to: bytes.count, by: max(1, chunk)) {
            try parser.feed(bytes[start..<min(start + chunk, bytes.count)]) { records.append($0) }
        }
        try parser.finish { records.append($0) }
        return records
    }

    @Test("quoted fields, escaped quotes, CRLF, a BOM and blank lines")
    func basics() throws {
        let text = "\u{FEFF}code,name\r\n01,\"Hà Nội, thủ đô\"\r\n\r\n02,\"Nói \"\"xin chào\"\"\"\n03,\n"
        let records = try Self.parse(text)
        #expect(records.map(\.fields) == [["code", "name"], ["01", "Hà Nội, thủ đô"], ["02", "Nói \"xin chào\""], ["03", ""]])
        #expect(records.map(\.line) == [1, 2, 4, 5])
    }

    @Test("a field spanning lines keeps later line numbers physical")
    func multiline() throws {
        let records = try Self.parse("a,b\n1,\"dòng một\r\ndòng hai\ndòng ba\"\n2,x\n")
        #expect(records[1].fields[1] == "dòng một\r\ndòng hai\ndòng ba")
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test("syntax errors say where", arguments: [
        ("a,b\n1,x\"y\n", 2, 2), ("a,b\n1,\"x\"y\n", 2, 2), ("a\n\"never closed\n", 2, 1),
    ])
    func errors(text: String, line: Int, column: Int) {
        #expect(throws: CSVParser.SyntaxError.self) { try Self.parse(text) }
        do { _ = try Self.parse(text) } catch let error as CSVParser.SyntaxError {
            #expect(error.line == line)
            #expect(error.column == column)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("bytes that are not UTF-8 are refused with their line")
    func invalidUTF8() {
        var parser = CSVParser()
        #expect(throws: CSVParser.SyntaxError.self) {
            try parser.feed(Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8)) { _ in }
        }
    }

    @Test("property: any table written by the RFC 4180 rules parses back, whatever the chunk size")
    func roundTrip() throws {
        var random = SeededRandom(seed: 4180)
        let alphabet = vietnameseAlphabet + [",", "\"", "\n", "\r"]
        for _ in 0..<300 {
            let columns = Int.random(in: 1...5, using: &random)
            let rows = (0..<Int.random(in: 1...8, using: &random)).map { _ in
                (0..<columns).map { _ in random.string(from: alphabet, length: Int.random(in: 0...10, using: &random)) }
            }
            // Rows of one empty field are blank lines, which the parser skips by design.
            let kept = rows.filter { !($0.count == 1 && $0[0].isEmpty) }
            var text = ""
            var expectedLines: [Int] = []
            var line = 1
            for row in rows {
                let isBlank = row.count == 1 && row[0].isEmpty
                if !isBlank { expectedLines.append(line) }
                let encoded = row.map { field in
                    field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                        ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
                }.joined(separator: ",")
                text += encoded + "\n"
                line += 1 + row.joined().reduce(0) { $0 + ($1 == "\n" || $1 == "\r" || $1 == "\r\n" ? 1 : 0) }
            }
            let chunk = Int.random(in: 1...16, using: &random)
            let parsed = try Self.parse(text, chunk: chunk)
            #expect(parsed.map(\.fields) == kept, "chunk \(chunk): \(text.debugDescription)")
            #expect(parsed.map(\.line) == expectedLines, "lines for \(text.debugDescription)")
        }
    }
}
