/// CSV fields written straight as UTF-8 bytes: quoted only when they hold a comma, a quote or a
/// line break, and a leading =, +, - or @ neutralised with an apostrophe so that spreadsheet
/// programs do not read the field as a formula. Works on bytes, never on `Character`s: exports
/// write millions of fields, and grapheme breaking was a quarter of their time.
public enum CSVBytes {
    static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

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
        let formula = utf8.first.map { $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "@") } ?? false
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
