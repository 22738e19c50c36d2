import Foundation

/// The spreadsheet reader the XLSX tests open downloads with: Python's openpyxl, as a real
/// reader would see the file.
public enum Openpyxl {
    public static let unavailable = "XLSX reading skipped: no python3 with openpyxl (.ci/run installs python3-openpyxl)."

    /// A Python that can import openpyxl: the system one first (Debian's python3-openpyxl).
    public static func python() -> URL? {
        for path in ["/usr/bin/python3", "/usr/local/bin/python3"] where FileManager.default.isExecutableFile(atPath: path) {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            probe.arguments = ["-c", "import openpyxl"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return URL(fileURLWithPath: path) }
        }
        return nil
    }
}
