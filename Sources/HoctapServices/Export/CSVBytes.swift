/// CSV fields written straight as UTF-8 bytes: quoted only when they hold a comma, a quote or a
/// line break, and a leading =, +, -, @, TAB or CR neutralised with an apostrophe so that
/// spreadsheet programs do not read the field as a formula (OWASP's list: a spreadsheet skips a
/// leading TAB or CR and then reads the formula behind it). Works on bytes, never on `Character`s: exports
/// write millions of fields, and grapheme breaking was a quarter of their time.
public enum CSVBytes {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// First bytes that make a spreadsheet read a cell as a formula.
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    /// Appends one row and its line ending.
    public static func appendRow(_ fields: [String], to bytes: inout [UInt8], lineEnding: String = "\r\n") {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(comma) }
            appendField(field, to: &bytes)
        }
        bytes.append(contentsOf: lineEnding.utf8)
    }

    public static func appendField(_ field: String, to bytes: inout [UInt8]) {
        let utf8 = field.utf8
        let formula = utf8.first.map(formulaStarts.contains) ?? false
        let quoted = utf8.contains { $0 == comma || $0 == quote || $0 == newline || $0 == carriageReturn }
        if !quoted && !formula {
            bytes.append(contentsOf: utf8)
            return
        }
        if quoted { bytes.append(quote) }
        if formula { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            bytes.append(byte)
            if byte == quote { bytes.append(quote) }
        }
        if quoted { bytes.append(quote) }
    }
}
