import Foundation

/// The spreadsheet reader the XLSX tests open downloads with: Python's openpyxl, as a real
/// reader would see the file.
public enum Openpyxl {
    public static let unavailable = "XLSX reading skipped: no python3 with openpyxl (.ci/run installs python3-openpyxl)."

    /// A Python that can import openpyxl: the system one first (Debian's python3-openpyxl).
    public static func python() -> URL? {
        PythonFinder.python(importing: "openpyxl", candidates: ["/usr/bin/python3", "/usr/local/bin/python3"])
    }
}
