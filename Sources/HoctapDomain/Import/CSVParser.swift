/// A streaming RFC 4180 CSV parser: feed it bytes in chunks of any size, get records with the
/// physical line each one starts on.
///
/// Pure and incremental, so that importers can read files of any size in constant memory and
/// still point at the exact line and column of a problem. Accepts `\n`, `\r\n` and `\r` line
/// ends, a UTF-8 byte-order mark, and quoted fields that span lines; rejects invalid UTF-8 and
/// stray quotes with their position, because silently "repairing" a file hides data loss.
public struct CSVParser: Sendable {
    public struct Record: Sendable, Equatable {
        /// The 1-based physical line on which the record starts.
        public var line: Int
        public var fields: [String]
        public init(line: Int, fields: [String]) {
            self.line = line
            self.fields = fields
        }
    }

    public struct SyntaxError: Error, Equatable, Sendable {
        public var line: Int
        /// 1-based field number within the record.
        public var column: Int
        public var message: String
    }

    private enum State: Sendable {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    private let separator: UInt8
    /// Limits that keep one hostile line from filling memory (issue 18): a file of one
    /// million commas, or one quote opened at the top of a gigabyte file, is refused at the
    /// line and column where it passes them, not read to the end first.
    public let maximumFields: Int
    public let maximumFieldBytes: Int
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var line = 1
    private var recordLine = 1
    private var skipNextLineFeed = false
    private var atFileStart = true
    private var bomBytesSeen = 0

    /// Every import format has a few dozen columns at most, and no field of them is longer than
    /// a paragraph: the defaults leave generous room.
    public init(separator: UInt8 = UInt8(ascii: ","), maximumFields: Int = 1_000, maximumFieldBytes: Int = 64 * 1024) {
        self.separator = separator
        self.maximumFields = maximumFields
        self.maximumFieldBytes = maximumFieldBytes
    }

    /// Parses the next chunk, calling `emit` for every complete record in it.
    public mutating func feed(_ bytes: some Sequence<UInt8>, emit: (Record) throws -> Void) throws {
        let done: Void? = try bytes.withContiguousStorageIfAvailable { buffer in
            var index = 0
            while index < buffer.count {
                // Runs of ordinary bytes inside a field are copied at once: the state machine
                // below then only sees separators, quotes and line ends (bulk imports read
                // hundreds of megabytes through here).
                if !atFileStart && !skipNextLineFeed && (state == .unquoted || state == .quoted || state == .fieldStart) {
                    let quoted = state == .quoted
                    var end = index
                    while end < buffer.count {
                        let byte = buffer[end]
                        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || (!quoted && byte == separator) { break }
                        end += 1
                    }
                    if end > index {
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index..<end]))
                        try checkFieldSize()
                        previousByte = buffer[end - 1]
                        if !quoted { state = .unquoted }
                        index = end
                        continue
                    }
                }
                try step(buffer[index], emit: emit)
                index += 1
            }
        }
        if done != nil { return }
        for byte in bytes { try step(byte, emit: emit) }
    }

    private mutating func step(_ byte: UInt8, emit: (Record) throws -> Void) throws {
        if atFileStart {
            // Skip a UTF-8 byte-order mark (EF BB BF) that spreadsheet programs write.
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if byte == bom[bomBytesSeen] {
                bomBytesSeen += 1
                if bomBytesSeen == 3 { atFileStart = false }
                return
            }
            atFileStart = false
            if bomBytesSeen > 0 { field.append(contentsOf: bom[0..<bomBytesSeen]); state = .unquoted }
        }
        if skipNextLineFeed {
            skipNextLineFeed = false
            if byte == UInt8(ascii: "\n") { return }
        }
        try consume(byte, emit: emit)
    }

    /// Ends the input, emitting the last record if the file does not end with a newline.
    public mutating func finish(emit: (Record) throws -> Void) throws {
        switch state {
        case .quoted:
            throw SyntaxError(line: recordLine, column: fields.count + 1,
                              message: "Thiếu dấu ngoặc kép đóng: trường bắt đầu ở dòng \(recordLine) chưa được đóng đến cuối tệp.")
        case .fieldStart where fields.isEmpty && field.isEmpty:
            return
        default:
            try endRecord(emit: emit)
        }
    }

    private var previousByte: UInt8 = 0

    private func checkFieldSize() throws(SyntaxError) {
        if field.count > maximumFieldBytes {
            throw SyntaxError(line: recordLine, column: fields.count + 1,
                              message: "Trường dài quá \(maximumFieldBytes / 1024) KB; một ô của tệp nhập không dài đến thế (có thể thiếu dấu ngoặc kép đóng).")
        }
    }

    private mutating func consume(_ byte: UInt8, emit: (Record) throws -> Void) throws {
        defer { previousByte = byte }
        try checkFieldSize()
        let quote = UInt8(ascii: "\"")
        let newline = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        switch state {
        case .fieldStart:
            if byte == quote {
                state = .quoted
            } else if byte == separator {
                try endField()
            } else if newline {
                try endLine(byte, emit: emit)
            } else {
                field.append(byte)
                state = .unquoted
            }
        case .unquoted:
            if byte == separator {
                try endField()
                state = .fieldStart
            } else if newline {
                try endLine(byte, emit: emit)
            } else if byte == quote {
                throw SyntaxError(line: line, column: fields.count + 1,
                                  message: "Dấu ngoặc kép nằm giữa trường không được bao trong ngoặc kép; hãy bao cả trường trong \"…\" và viết \"\" cho mỗi dấu ngoặc kép bên trong.")
            } else {
                field.append(byte)
            }
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                countLineBreakInQuotedField(byte)
                field.append(byte)
            }
        case .quoteInQuoted:
            if byte == quote {
                field.append(quote)
                state = .quoted
            } else if byte == separator {
                try endField()
                state = .fieldStart
            } else if newline {
                try endLine(byte, emit: emit)
            } else {
                throw SyntaxError(line: line, column: fields.count + 1,
                                  message: "Ký tự thừa sau dấu ngoặc kép đóng trường.")
            }
        }
    }

    /// Keeps `line` physical inside quoted fields, where `\r\n` is one line break, not two.
    private mutating func countLineBreakInQuotedField(_ byte: UInt8) {
        if byte == UInt8(ascii: "\r") || (byte == UInt8(ascii: "\n") && previousByte != UInt8(ascii: "\r")) {
            line += 1
        }
    }

    private mutating func endField() throws {
        try checkFieldSize()
        if fields.count >= maximumFields {
            throw SyntaxError(line: recordLine, column: fields.count + 1,
                              message: "Dòng có quá \(maximumFields) cột; tệp nhập chỉ có vài chục cột.")
        }
        guard let text = String(validating: field, as: UTF8.self) else {
            throw SyntaxError(line: recordLine, column: fields.count + 1,
                              message: "Trường chứa byte không phải UTF-8; hãy lưu tệp với bảng mã UTF-8.")
        }
        fields.append(text)
        field.removeAll(keepingCapacity: true)
    }

    private mutating func endLine(_ byte: UInt8, emit: (Record) throws -> Void) throws {
        if byte == UInt8(ascii: "\r") { skipNextLineFeed = true }
        try endRecord(emit: emit)
        line += 1
        recordLine = line
    }

    private mutating func endRecord(emit: (Record) throws -> Void) throws {
        try endField()
        state = .fieldStart
        let record = Record(line: recordLine, fields: fields)
        fields.removeAll(keepingCapacity: true)
        // A blank line is not a record (files often end with one).
        if record.fields.count == 1 && record.fields[0].isEmpty { return }
        try emit(record)
    }
}
