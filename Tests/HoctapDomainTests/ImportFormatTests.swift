import HoctapDomain
import Testing

@Suite("Official list rows and village rows")
struct ImportFormatTests {
    static func rows(_ text: String, required: [String], aliases: [String: String] = [:]) throws -> (CSVHeader, [CSVRow]) {
        var parser = CSVParser()
        var records: [CSVParser.Record] = []
        try parser.feed(Array(text.utf8)) { records.append($0) }
        try parser.finish { records.append($0) }
        let header = try CSVHeader(records[0], required: required, aliases: aliases, file: "t.csv")
        return (header, try records.dropFirst().map { try header.row($0).get() })
    }

    @Test("a commune row is checked field by field, all problems at once")
    func communeRow() throws {
        let (_, rows) = try Self.rows("code,name,full_name,type,province_code\n4,Ba Đình,,district,1\n",
                                      required: OfficialListFormat.communes.requiredColumns)
        guard case .failure(let failure) = OfficialListFormat.communes.unit(from: rows[0]) else {
            Issue.record("row must fail"); return
        }
        #expect(Set(failure.issues.compactMap(\.columnName)) == ["code", "full_name", "type", "province_code"])
        #expect(failure.issues.allSatisfy { $0.line == 2 && $0.file == "t.csv" })
        #expect(failure.issues.first { $0.columnName == "code" }?.message.contains("Văn bản") == true, "explains leading zeros")
    }

    @Test("a good province row becomes a unit")
    func provinceRow() throws {
        let (_, rows) = try Self.rows("code,name,full_name,type,extra\n01,Hà Nội,Thành phố Hà Nội,municipality,x\n",
                                      required: OfficialListFormat.provinces.requiredColumns)
        let unit = try OfficialListFormat.provinces.unit(from: rows[0]).get()
        #expect(unit.code == "01" && unit.kind == .municipality && unit.level == .province && unit.line == 2)
    }

    @Test("missing and repeated header columns are reported on line 1")
    func header() {
        var parser = CSVParser()
        var records: [CSVParser.Record] = []
        try? parser.feed(Array("code,name,code\n".utf8)) { records.append($0) }
        #expect(throws: ImportFailure.self) {
            _ = try CSVHeader(records[0], required: ["code", "name", "type"], file: "x.csv")
        }
    }

    @Test("village rows accept Vietnamese headings and kinds written in words")
    func villageRow() throws {
        let (_, rows) = try Self.rows("Tên,Loại,Mã\nĐông,Tổ dân phố,TDP1\nTây,to dan pho,\n", required: VillageDraft.requiredColumns,
                                      aliases: VillageDraft.columnAliases)
        let first = try VillageDraft.parse(rows[0]).get()
        #expect(first.kind == .toDanPho && first.localCode == "TDP1" && first.name == "Đông")
        let second = try VillageDraft.parse(rows[1]).get()
        #expect(second.kind == .toDanPho && second.localCode == nil)
        #expect(AreaKind.village(parsing: "BẢN") == .ban)
        #expect(AreaKind.village(parsing: "xã") == nil)
    }

    @Test("a row with the wrong number of fields is refused with its line")
    func fieldCount() throws {
        var parser = CSVParser()
        var records: [CSVParser.Record] = []
        try parser.feed(Array("a,b\n1,2,3\n".utf8)) { records.append($0) }
        let header = try CSVHeader(records[0], required: ["a", "b"], file: "f.csv")
        guard case .failure(let issue) = header.row(records[1]) else { Issue.record("must fail"); return }
        #expect(issue.line == 2)
        #expect(issue.description.hasPrefix("f.csv, dòng 2"))
    }
}
