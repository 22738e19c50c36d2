import Foundation

/// A real OAI-PMH data provider in its own process: pyoai's server (see `Fixtures/oai_server.py`),
/// serving the records of a JSON file that the test rewrites between harvests.
public final class OAIServerProcess: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/oai_server.py")
    public static let unavailable = "OAI-PMH harvest tests skipped: no Python with pyoai (.ci/run installs it; locally `pip install pyoai`)."

    let process = Process()
    /// The server's standard input: the server exits when it closes, which the system does when
    /// this test process ends, so a server cannot outlive its test even if `deinit` never runs.
    let input = Pipe()
    let records: URL
    let files: TemporaryFiles
    private(set) var port = 0

    /// A Python that imports pyoai: `HOCTAP_TEST_PYTHON` (set by .ci/run), else one on the PATH.
    public static func python() -> URL? { PythonFinder.python(importing: "oaipmh") }

    public init?(records: [[String: Any]]) throws {
        guard let python = Self.python() else { return nil }
        files = try TemporaryFiles()
        self.records = files.directory.appendingPathComponent("records.json")
        try write(records)
        process.executableURL = python
        process.arguments = ["-W", "ignore", Self.script.path, self.records.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != 10 { line.append(first) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else { process.terminate(); return nil }
        self.port = port
    }

    deinit {
        // No waiting here: a blocked cooperative thread would stall the other tests; Foundation
        // reaps the child when it exits.
        process.terminate()
    }

    public func write(_ catalogue: [[String: Any]]) throws {
        try JSONSerialization.data(withJSONObject: catalogue).write(to: records, options: .atomic)
    }

    public func url(_ path: String = "oai") -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// Records `oai:tv:1…count` with Vietnamese titles, a day apart from 2026-01-01.
    public static func catalogue(_ count: Int, from first: Int = 1) -> [[String: Any]] {
        (first..<(first + count)).map { n in
            ["identifier": "oai:tv:\(n)", "datestamp": String(format: "2026-01-%02dT00:00:00Z", min(28, n)),
             "title": [n == 1 ? "Gương sáng khuyến học" : "Tài liệu số \(n)"], "creator": [n == 1 ? "Nguyễn Đường" : "Trần Văn \(n)"],
             "subject": ["Khuyến học"], "description": ["Câu chuyện gia đình học tập ở Đắk Lắk, số \(n)."], "date": ["2020"], "type": ["Text"],
             "identifier_link": ["https://thuvien.example.vn/record/\(n)"]]
        }
    }
}
