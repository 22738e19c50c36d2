import Foundation
import HoctapDomain

/// Pulls CSV records from a file a chunk at a time, so that an importer can `await` database
/// work between chunks and still hold only one chunk in memory, whatever the file's size.
public final class CSVFileReader {
    public let displayName: String
    /// The file's size in bytes, for progress and ETA.
    public let totalBytes: Int64
    /// Bytes consumed so far.
    public private(set) var bytesRead: Int64 = 0

    private let stream: InputStream
    private var parser = CSVParser()
    private var buffer: [UInt8]
    private var finished = false

    public init(file url: URL, displayName: String? = nil, chunkSize: Int = 256 * 1024) throws(ImportFailure) {
        let name = displayName ?? url.lastPathComponent
        self.displayName = name
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = attributes?[.size] as? NSNumber, let stream = InputStream(url: url) else {
            throw ImportFailure(issues: [ImportIssue(file: name, line: 0, message: "Không mở được tệp \(url.path).")])
        }
        stream.open()
        if stream.streamStatus == .error {
            throw ImportFailure(issues: [ImportIssue(file: name, line: 0, message: "Không đọc được tệp \(url.path).")])
        }
        self.totalBytes = size.int64Value
        self.stream = stream
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit { stream.close() }

    /// The records completed by the next chunk (possibly none), or `nil` at the end of the file.
    /// Syntax errors (bad UTF-8, stray quotes, an unclosed quote at the end) come with their line.
    public func nextRecords() throws(ImportFailure) -> [CSVParser.Record]? {
        if finished { return nil }
        var records: [CSVParser.Record] = []
        do {
            let count = stream.read(&buffer, maxLength: buffer.count)
            if count < 0 {
                throw ImportFailure(issues: [ImportIssue(file: displayName, line: 0, message: "Lỗi đọc tệp \(displayName).")])
            }
            if count == 0 {
                finished = true
                try parser.finish { records.append($0) }
            } else {
                bytesRead += Int64(count)
                try parser.feed(buffer[0..<count]) { records.append($0) }
            }
        } catch let error as CSVParser.SyntaxError {
            throw ImportFailure(issues: [ImportIssue(file: displayName, line: error.line, column: error.column, message: error.message)])
        } catch let failure as ImportFailure {
            throw failure
        } catch {
            throw ImportFailure(issues: [ImportIssue(file: displayName, line: 0, message: "\(error)")])
        }
        return records
    }
}
