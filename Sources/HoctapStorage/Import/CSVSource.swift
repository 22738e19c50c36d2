import Foundation
import HoctapDomain

/// Feeds CSV from a file or from bytes in memory through `CSVParser`, turning syntax errors
/// into located `ImportIssue`s. Files are read in fixed-size chunks: memory stays constant
/// whatever the file size.
public enum CSVSource {
    /// Reads the file at `url`; `displayName` is how messages name it (never a server path).
    public static func read(
        file url: URL, displayName: String? = nil, _ handle: (CSVParser.Record) throws -> Void
    ) throws {
        let reader = try CSVFileReader(file: url, displayName: displayName)
        while let records = try reader.nextRecords() {
            for record in records { try handle(record) }
        }
    }

    /// Parses CSV held in memory (an upload or a request body).
    public static func read(bytes: some Collection<UInt8>, displayName: String, _ handle: (CSVParser.Record) throws -> Void) throws {
        var parser = CSVParser()
        do {
            try parser.feed(bytes, emit: handle)
            try parser.finish(emit: handle)
        } catch let error as CSVParser.SyntaxError {
            throw ImportFailure(issues: [ImportIssue(file: displayName, line: error.line, column: error.column, message: error.message)])
        }
    }

    /// Reads a whole table: header, then validated rows through `parse`. Collects every issue
    /// (up to the limit) and throws them together, so one pass shows all that needs fixing.
    public static func table<T>(
        file url: URL, displayName: String? = nil, required: [String], aliases: [String: String] = [:],
        parse: @escaping (CSVRow) -> Result<T, ImportFailure>
    ) throws -> [T] {
        let name = displayName ?? url.lastPathComponent
        var collector = TableCollector<T>(file: name, required: required, aliases: aliases, parse: parse)
        try read(file: url, displayName: name) { try collector.accept($0) }
        return try collector.finish()
    }

    /// The same as `table(file:…)` for bytes in memory.
    public static func table<T>(
        bytes: some Collection<UInt8>, displayName: String, required: [String], aliases: [String: String] = [:],
        parse: @escaping (CSVRow) -> Result<T, ImportFailure>
    ) throws -> [T] {
        let (rows, issues) = try tableCollectingIssues(bytes: bytes, displayName: displayName, required: required,
                                                       aliases: aliases, parse: parse)
        if let failure = issues.failure { throw failure }
        return rows
    }

    /// Reads the valid rows and the row issues separately, so that a caller can go on to check
    /// the valid rows against the database and report every problem of the file at once.
    /// Throws only when the file cannot be read as a table at all (syntax, missing columns).
    public static func tableCollectingIssues<T>(
        bytes: some Collection<UInt8>, displayName: String, required: [String], aliases: [String: String] = [:],
        parse: @escaping (CSVRow) -> Result<T, ImportFailure>
    ) throws -> (rows: [T], issues: ImportIssueCollector) {
        var collector = TableCollector<T>(file: displayName, required: required, aliases: aliases, parse: parse)
        try read(bytes: bytes, displayName: displayName) { try collector.accept($0) }
        return (try collector.rowsAfterHeader(), collector.issues)
    }
}

/// Turns a record stream into validated rows, remembering issues instead of stopping at the first.
private struct TableCollector<T> {
    let file: String
    let required: [String]
    let aliases: [String: String]
    let parse: (CSVRow) -> Result<T, ImportFailure>
    var header: CSVHeader?
    var rows: [T] = []
    var issues = ImportIssueCollector()

    init(file: String, required: [String], aliases: [String: String], parse: @escaping (CSVRow) -> Result<T, ImportFailure>) {
        self.file = file
        self.required = required
        self.aliases = aliases
        self.parse = parse
    }

    mutating func accept(_ record: CSVParser.Record) throws {
        guard let header else {
            header = try CSVHeader(record, required: required, aliases: aliases, file: file)
            return
        }
        switch header.row(record) {
        case .failure(let issue): issues.add(issue)
        case .success(let row):
            switch parse(row) {
            case .success(let value): rows.append(value)
            case .failure(let failure): issues.add(contentsOf: failure.issues)
            }
        }
    }

    func finish() throws -> [T] {
        let rows = try rowsAfterHeader()
        try issues.throwIfAny()
        return rows
    }

    func rowsAfterHeader() throws -> [T] {
        if header == nil {
            throw ImportFailure(issues: [ImportIssue(file: file, line: 1, message: "Tệp trống: cần dòng tiêu đề với các cột \(required.joined(separator: ", ")).")])
        }
        return rows
    }
}
