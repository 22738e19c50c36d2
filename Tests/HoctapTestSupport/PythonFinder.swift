import Foundation

/// Finds a Python interpreter that can import a module the tests need (pyoai, sickle, openpyxl).
public enum PythonFinder {
    /// `HOCTAP_TEST_PYTHON` (the virtual environment .ci/run makes), then `python3` on the PATH,
    /// then the system's.
    public static var candidates: [String] {
        let environment = ProcessInfo.processInfo.environment
        return (environment["HOCTAP_TEST_PYTHON"].map { [$0] } ?? [])
            + (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" } + ["/usr/bin/python3", "/usr/local/bin/python3"]
    }

    /// The first of `candidates` that imports `module`.
    public static func python(importing module: String, candidates: [String] = candidates) -> URL? {
        for path in candidates where FileManager.default.isExecutableFile(atPath: path) {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: path)
            probe.arguments = ["-c", "import \(module)"]
            probe.standardOutput = FileHandle.nullDevice
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { continue }
            probe.waitUntilExit()
            if probe.terminationStatus == 0 { return URL(fileURLWithPath: path) }
        }
        return nil
    }
}
