import Foundation

/// The read-only data pack beside the repository (`../shared/data/vn-admin/`), used by tests that
/// import the real lists. Tests that need it skip with a message when it is absent.
public enum SharedData {
    public static var vnAdmin: URL? {
        let here = URL(fileURLWithPath: #filePath)
        // Tests/HoctapTestSupport/SharedData.swift → repository root → ../shared
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            ProcessInfo.processInfo.environment["HOCTAP_VN_ADMIN_DIR"].map { URL(fileURLWithPath: $0) },
            root.deletingLastPathComponent().appendingPathComponent("shared/data/vn-admin"),
        ].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("provinces.csv").path) }
    }
}
