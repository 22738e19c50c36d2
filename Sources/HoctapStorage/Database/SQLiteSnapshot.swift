import Foundation
import SQLKit

/// A consistent copy of a live SQLite database: `VACUUM INTO` reads one snapshot (WAL readers
/// never block the writer) and writes a compact, self-contained file.
public enum SQLiteSnapshot {
    public static func write(_ database: any Database, to path: String) async throws {
        guard let sqlite = database as? SQLiteBackend else {
            throw DatabaseConfigurationError("Sao lưu trực tiếp chỉ dành cho SQLite; với PostgreSQL dùng pg_dump (xem README, mục Sao lưu).")
        }
        guard !FileManager.default.fileExists(atPath: path) else {
            throw DatabaseConfigurationError("Tệp \(path) đã có; chọn thư mục sao lưu mới.")
        }
        try await sqlite.snapshot(to: path)
    }
}
