import SQLKit

extension SQLDatabase {
    /// Makes the rest of the current transaction read one snapshot (PostgreSQL's default reads
    /// each statement's own; SQLite's transactions already read one), so a check that compares
    /// two queries cannot see a write land between them.
    public func useSnapshotIsolation() async throws {
        if dialect.name == "postgresql" { try await raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ").run() }
    }
}
