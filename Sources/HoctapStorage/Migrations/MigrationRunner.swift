import Foundation
import HoctapDomain
import Logging
import SQLKit

/// Applies pending migrations in order, each in its own transaction, and records them in
/// `schema_migrations`. Safe to run repeatedly and from several processes at once.
public struct MigrationRunner: Sendable {
    public let database: any Database
    public let migrations: [Migration]
    public let clock: any WallClock

    public init(database: any Database, migrations: [Migration] = Migrations.all, clock: any WallClock = SystemWallClock()) {
        self.database = database
        self.migrations = migrations
        self.clock = clock
    }

    /// Versions already applied, ascending.
    public func appliedVersions() async throws -> [Int] {
        try await ensureVersionTable()
        return try await database.read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version")
                .all(decodingColumn: "version", as: Int.self)
        }
    }

    /// Migrations not yet applied.
    public func pending() async throws -> [Migration] {
        let applied = Set(try await appliedVersions())
        try checkNotNewer(applied)
        return migrations.filter { !applied.contains($0.version) }
    }

    /// Applies every pending migration (up to `target` when given) and returns those applied.
    @discardableResult
    public func migrate(upTo target: Int? = nil) async throws -> [Migration] {
        try checkOrder()
        try await ensureVersionTable()
        var applied: [Migration] = []
        for migration in migrations where target.map({ migration.version <= $0 }) ?? true {
            let didApply = try await database.transaction { db in
                try await serialiseMigrators(db)
                let versions = try await db.raw("SELECT version FROM schema_migrations")
                    .all(decodingColumn: "version", as: Int.self)
                try checkNotNewer(Set(versions))
                if versions.contains(migration.version) { return false }
                for statement in migration.statements(for: database.engine) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: clock.now().epochSeconds))
                    """).run()
                return true
            }
            if didApply {
                database.logger.info("Applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration)
            }
        }
        return applied
    }

    private func ensureVersionTable() async throws {
        try await database.transaction { db in
            try await serialiseMigrators(db)
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """).run()
        }
    }

    /// Several app servers may start together; on PostgreSQL a transaction-scoped advisory lock
    /// makes their migrations take turns (SQLite's single writer already does).
    private func serialiseMigrators(_ db: any SQLDatabase) async throws {
        if database.engine == .postgres {
            try await db.raw("SELECT pg_advisory_xact_lock(725301)").run()
        }
    }

    private func checkOrder() throws {
        for (index, migration) in migrations.enumerated() where migration.version != index + 1 {
            throw DatabaseConfigurationError("Lỗi lập trình: migration thứ \(index + 1) mang số \(migration.version).")
        }
    }

    private func checkNotNewer(_ applied: Set<Int>) throws {
        let known = migrations.last?.version ?? 0
        if let newest = applied.max(), newest > known {
            throw DatabaseConfigurationError(
                "Cơ sở dữ liệu có lược đồ phiên bản \(newest), mới hơn chương trình này (\(known)). Hãy cập nhật hoctap thay vì chạy bản cũ.")
        }
    }
}
