import Foundation

/// One cell of a spreadsheet row.
public enum SheetCell: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// A number shown with one decimal (percentages are written as percent values, e.g. 70.5).
    case decimal(Double)
    case empty
}

/// An XLSX workbook written row by row into a `ZipWriter`: a title block (title, area, period,
/// date), a bold header row, then the data with formatted numbers, continued on further sheets
/// beyond a sheet's row limit. Strings are inline and the parts that list the sheets come last,
/// so nothing needs to be held back; memory stays constant at any size.
public struct XLSXWriter {
    private var zip: ZipWriter
    private var rowNumber = 0
    private let columnWidths: [Int]

    /// Styles: 0 default, 1 bold, 2 integer "#,##0", 3 one decimal "0.0", 4 bold title.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>\
        <fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font>\
        <font><b/><sz val="14"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>
        """

    /// The most rows a sheet may hold in spreadsheet programs: a longer table continues on a
    /// next sheet ("Hộ gia đình (2)"), with the header row repeated.
    public static let maximumRows = 1_048_576

    private let sheetName: String
    private let rowsPerSheet: Int
    private var sheets = 1
    private var headerRow: [String]?

    public init(sheetName: String, columnWidths: [Int], rowsPerSheet: Int = XLSXWriter.maximumRows,
                sink: @escaping (ArraySlice<UInt8>) throws -> Void) throws {
        zip = ZipWriter(sink: sink)
        self.columnWidths = columnWidths
        self.sheetName = sheetName
        self.rowsPerSheet = max(2, rowsPerSheet)
        try beginSheet()
    }

    /// The sheets' names: the first as given, the next numbered, all within Excel's 31 characters.
    func name(ofSheet number: Int) -> String {
        let suffix = number == 1 ? "" : " (\(number))"
        return String(sheetName.prefix(31 - suffix.count)) + suffix
    }

    private mutating func beginSheet() throws {
        try zip.beginEntry("xl/worksheets/sheet\(sheets).xml")
        let columns = columnWidths.enumerated().map { "<col min=\"\($0.offset + 1)\" max=\"\($0.offset + 1)\" width=\"\($0.element)\" customWidth=\"1\"/>" }
        try zip.write("""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>\(columns.joined())</cols><sheetData>
            """)
    }

    /// The package parts that list the sheets, written once their number is known.
    private mutating func writePackage() throws {
        let numbers = 1...sheets
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                \(numbers.map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheets>\(numbers.map { "<sheet name=\"\(Self.escape(name(ofSheet: $0)))\" sheetId=\"\($0)\" r:id=\"rId\($0)\"/>" }.joined())</sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(numbers.map { "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())\
                <Relationship Id="rId\(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
                """),
            ("xl/styles.xml", Self.styles),
        ]
        for (name, content) in parts {
            try zip.beginEntry(name)
            try zip.write(content)
        }
    }

    /// The title block: the first line large and bold, the others plain, then an empty row.
    public mutating func titleBlock(_ lines: [String]) throws {
        for (index, line) in lines.enumerated() { try row([.text(line)], style: index == 0 ? 4 : 0) }
        try row([])
    }

    public mutating func header(_ titles: [String]) throws {
        headerRow = titles
        try row(titles.map(SheetCell.text), style: 1)
    }

    public mutating func row(_ cells: [SheetCell]) throws { try row(cells, style: nil) }

    private mutating func row(_ cells: [SheetCell], style: Int?) throws {
        if rowNumber == rowsPerSheet {
            try zip.write("</sheetData></worksheet>")
            sheets += 1
            rowNumber = 0
            try beginSheet()
            if let headerRow { try row(headerRow.map(SheetCell.text), style: 1) }
        }
        rowNumber += 1
        var xml = "<row r=\"\(rowNumber)\">"
        for (index, cell) in cells.enumerated() {
            let reference = Self.column(index) + String(rowNumber)
            switch cell {
            case .text(let text):
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"\(style.map { " s=\"\($0)\"" } ?? "")><is><t xml:space=\"preserve\">\(Self.escape(text))</t></is></c>"
            case .integer(let value):
                xml += "<c r=\"\(reference)\" s=\"2\"><v>\(value)</v></c>"
            case .decimal(let value):
                xml += "<c r=\"\(reference)\" s=\"3\"><v>\(value)</v></c>"
            case .empty:
                break
            }
        }
        try zip.write(xml + "</row>")
    }

    public mutating func finish() throws {
        try zip.write("</sheetData></worksheet>")
        try writePackage()
        try zip.finish()
    }

    /// `0` → "A", `26` → "AA".
    static func column(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// Text safe inside XML, without the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
