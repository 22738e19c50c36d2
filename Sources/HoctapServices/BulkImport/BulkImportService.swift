import Foundation
import HoctapDomain
import HoctapStorage

/// How far a bulk import has come, for a progress bar with rate and ETA.
public struct ImportProgress: Sendable {
    public var rows: Int
    public var bytesRead: Int64
    public var totalBytes: Int64

    public init(rows: Int, bytesRead: Int64, totalBytes: Int64) {
        self.rows = rows
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
    }
}

/// Imports of whole provinces or the whole country from files (`hoctap import`): streamed
/// through `CSVFileReader` a chunk at a time, validated row by row with line-numbered issues,
/// written in batches through the engine's bulk path (`BulkSession`) inside one transaction,
/// so that a failed, refused or killed import leaves the database exactly as it was.
///
/// The commune-sized imports of the web forms (`RegistryService.importHouseholds`…) hold the
/// file in memory and report every problem against the rows around it; these never hold more
/// than one batch.
public struct BulkImportService: Sendable {
    let environment: ServiceEnvironment
    /// Rows written per batch: large enough to amortise a `COPY` or an `INSERT`, small enough
    /// that memory stays flat.
    let batchSize: Int

    public init(_ environment: ServiceEnvironment, batchSize: Int = 5_000) {
        self.environment = environment
        self.batchSize = max(1, batchSize)
    }

    /// Opens `file`, turning an unreadable one into an import refusal.
    func reader(_ file: URL, displayName: String?) throws -> CSVFileReader {
        do {
            return try CSVFileReader(file: file, displayName: displayName)
        } catch {
            throw ServiceError.importRejected(error)
        }
    }

    /// Reads `reader` to the end, handing each header-checked row to `handle`; stops reading
    /// once the issue list is full. Returns the number of data rows.
    func eachRow(of reader: CSVFileReader, required: [String], aliases: [String: String], issues: inout ImportIssueCollector,
                 normalised: inout Int, progress: (ImportProgress) -> Void, _ handle: (CSVRow, inout ImportIssueCollector) async throws -> Void) async throws -> Int {
        var header: CSVHeader?
        var rows = 0
        var lastReport = 0
        while !issues.truncated {
            let records: [CSVParser.Record]?
            do { records = try reader.nextRecords() } catch { throw ServiceError.importRejected(merged(issues, error)) }
            guard let records else { break }
            for record in records {
                guard let known = header else {
                    do { header = try CSVHeader(record, required: required, aliases: aliases, file: reader.displayName) } catch {
                        throw ServiceError.importRejected(error)
                    }
                    continue
                }
                rows += 1
                normalised += Self.fieldsNeedingNFC(record)
                switch known.row(record) {
                case .failure(let issue): issues.add(issue)
                case .success(let row): try await handle(row, &issues)
                }
            }
            if rows - lastReport >= batchSize {
                lastReport = rows
                progress(ImportProgress(rows: rows, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes))
            }
        }
        if header == nil {
            throw ServiceError.importRejected(ImportFailure(issues: [ImportIssue(
                file: reader.displayName, line: 1, message: "Tệp trống: cần dòng tiêu đề với các cột \(required.joined(separator: ", ")).")]))
        }
        progress(ImportProgress(rows: rows, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes))
        return rows
    }

    /// The issues found so far followed by a syntax error that ends the reading.
    private func merged(_ issues: ImportIssueCollector, _ failure: ImportFailure) -> ImportFailure {
        var all = issues
        all.add(contentsOf: failure.issues)
        return all.failure ?? failure
    }

    /// How many fields of `record` were not in Unicode NFC (decomposed Vietnamese from some
    /// keyboards and Mac exports): they are normalised on import and the report says how many.
    static func fieldsNeedingNFC(_ record: CSVParser.Record) -> Int {
        var count = 0
        for field in record.fields where !field.utf8.allSatisfy({ $0 < 0x80 }) && !VietnameseText.isNFC(field) { count += 1 }
        return count
    }

    /// Throws the collected issues in line order, if any.
    static func throwIfAny(_ issues: ImportIssueCollector) throws {
        if var failure = issues.failure {
            failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
            throw ServiceError.importRejected(failure)
        }
    }
}

/// Which numbers of a village are taken, as bits: 28 million households cost 3.5 MB, so
/// duplicates are found exactly without holding the keys of the file.
struct NumberSet {
    private var words: [UInt64] = []

    mutating func insert(_ number: Int) -> Bool {
        let (word, bit) = (number >> 6, UInt64(1) << UInt64(number & 63))
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
        if words[word] & bit != 0 { return false }
        words[word] |= bit
        return true
    }
}

/// Points an issue at a field: the file's column positions, learnt from its header.
struct RowLocator {
    let file: String
    private(set) var columns: [String: Int] = [:]

    init(file: String) { self.file = file }

    mutating func learn(_ header: CSVHeader) {
        guard columns.isEmpty else { return }
        columns = Dictionary(header.names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An issue at `line` in `column`, with the column's position in this file.
    func issue(_ line: Int, _ column: String, _ message: String) -> ImportIssue {
        ImportIssue(file: file, line: line, column: columns[column].map { $0 + 1 }, columnName: column, message: message)
    }
}
