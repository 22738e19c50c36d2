import Foundation

/// The spreadsheet reader the XLSX tests open downloads with: Python's openpyxl, as a real
/// reader would see the file.
public enum Openpyxl {
    public static let unavailable = "XLSX reading skipped: no python3 with openpyxl (.ci/run installs python3-openpyxl)."

    /// One worksheet as openpyxl reads it: each cell as Python's `str()` of its value, so a
    /// number stored as an integer reads "80", a decimal "80.0", an empty cell "None".
    public struct Sheet: Decodable, Sendable {
        public var name: String
        public var rows: [[String]]

        /// The rows after the first one whose first cell is `first` (the header of a table under a title block).
        public func rows(after first: String) -> ArraySlice<[String]> {
            guard let header = rows.firstIndex(where: { $0.first == first }) else { return [] }
            return rows[(header + 1)...]
        }
    }

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A Python that can import openpyxl: the system one first (Debian's python3-openpyxl).
    public static func python() -> URL? {
        PythonFinder.python(importing: "openpyxl", candidates: ["/usr/bin/python3", "/usr/local/bin/python3"])
    }

    /// Every worksheet of `bytes` as openpyxl reads it; `nil` when no openpyxl is installed (the
    /// caller records `unavailable` as a warning). A file openpyxl cannot open throws.
    public static func sheets(of bytes: [UInt8]) async throws -> [Sheet]? {
        guard let python = python() else { return nil }
        let files = try TemporaryFiles()
        let file = try files.write("book.xlsx", Data(bytes))
        let result = try await ChildProcess.run(python, ["-c", """
            import json, openpyxl, sys
            book = openpyxl.load_workbook(sys.argv[1])
            print(json.dumps([{"name": s.title, "rows": [[str(v) for v in r] for r in s.iter_rows(values_only=True)]}
                              for s in book.worksheets], ensure_ascii=False))
            """, file.path])
        guard result.status == 0 else { throw ReadError(description: "openpyxl could not read the file: \(result.error)") }
        return try JSONDecoder().decode([Sheet].self, from: Data(result.output.utf8))
    }
}
