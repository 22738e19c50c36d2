import Foundation
import HoctapDomain
import HoctapStorage
import Logging
import SQLKit
import Testing

/// Fresh, isolated databases for tests: a temporary SQLite file, or on PostgreSQL (when
/// `HOCTAP_TEST_POSTGRES_URL` is set) a new database cloned from a template migrated once per
/// schema fingerprint. Tests never share a database and never depend on each other's order.
public enum TestDatabases {
    /// The PostgreSQL server for tests, if configured.
    public static var postgresURL: String? {
        let value = ProcessInfo.processInfo.environment["HOCTAP_TEST_POSTGRES_URL"]
        return value?.isEmpty == false ? value : nil
    }

    /// Engines to parameterise storage tests over: both, always. A PostgreSQL case without a
    /// server cancels itself with a message, so the run shows it as skipped rather than passed.
    public static let engines: [DatabaseEngine] = DatabaseEngine.allCases

    public static let logger: Logger = {
        var logger = Logger(label: "hoctap.test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with a new database on `engine`, migrated unless `migrated` is false, and
    /// removes it afterwards whatever happens. With a `seed`, the database starts as a copy of
    /// one seeded once per test process (a file copy on SQLite, a template clone on PostgreSQL).
    public static func with<T: Sendable>(
        _ engine: DatabaseEngine, migrated: Bool = true, seed: TestSeed? = nil,
        _ body: (any Database, DatabaseURL) async throws -> T
    ) async throws -> T {
        switch engine {
        case .sqlite:
            let path = directory.appendingPathComponent("\(UUID().uuidString).sqlite").path
            let url = DatabaseURL.sqlite(path: path)
            if let seed {
                try FileManager.default.copyItem(atPath: try await SQLiteTemplates.shared.template(for: seed), toPath: path)
            }
            let database = try await SQLiteBackend.open(path: path, logger: logger)
            defer {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            do {
                if migrated && seed == nil { try await MigrationRunner(database: database).migrate() }
                let result = try await body(database, url)
                await database.close()
                return result
            } catch {
                await database.close()
                throw error
            }
        case .postgres:
            guard let server = postgresURL else {
                // A cancelled test case prints nothing; the warning makes the skip visible in the run.
                let reason = "PostgreSQL case skipped: HOCTAP_TEST_POSTGRES_URL is not set (.ci/run sets it)."
                Issue.record(Comment(rawValue: reason), severity: .warning)
                try Test.cancel(Comment(rawValue: reason))
            }
            let settings = try PostgresConnectionSettings(url: server)
            let name = try await PostgresTemplates.shared.createDatabase(server: settings, migrated: migrated, seed: seed)
            let testSettings = settings.with(database: name)
            await PostgresTemplates.shared.limiter.acquire()
            do {
                let database = try await PostgresBackend.open(testSettings, logger: logger)
                do {
                    let result = try await body(database, .postgres(testSettings))
                    await database.close()
                    await PostgresTemplates.shared.limiter.release()
                    try await PostgresTemplates.shared.drop(name, server: settings)
                    return result
                } catch {
                    await database.close()
                    throw error
                }
            } catch {
                await PostgresTemplates.shared.limiter.release()
                try? await PostgresTemplates.shared.drop(name, server: settings)
                throw error
            }
        }
    }
}

/// Creates test databases on a PostgreSQL server from a migrated template.
actor PostgresTemplates {
    static let shared = PostgresTemplates()

    /// Bounds the number of test databases open at once, so that parallel tests stay within the
    /// server's connection limit.
    let limiter = CountingSemaphore(8)
    /// In-flight or finished template builds by name (the actor is re-entered at every await).
    private var builds: [String: Task<String, any Error>] = [:]

    private func memoized(_ key: String, _ build: @escaping @Sendable () async throws -> String) async throws -> String {
        if let existing = builds[key] { return try await existing.value }
        let task = Task { try await build() }
        builds[key] = task
        return try await task.value
    }

    /// A new, uniquely named database: a clone of the migrated (and seeded) template, or empty.
    func createDatabase(server: PostgresConnectionSettings, migrated: Bool, seed: TestSeed?) async throws -> String {
        let name = "hoctap_t_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(20).lowercased())"
        let template = if let seed { try await seededTemplate(server: server, seed: seed) }
            else if migrated { try await template(server: server) } else { "template0" }
        try await admin(server) { db in
            try await retryingWhileTemplateBusy {
                try await db.raw("CREATE DATABASE \(ident: name) TEMPLATE \(ident: template)").run()
            }
        }
        return name
    }

    func drop(_ name: String, server: PostgresConnectionSettings) async throws {
        try await admin(server) { db in
            try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
        }
    }

    /// The template for the current schema, created and migrated on first use.
    private func template(server: PostgresConnectionSettings) async throws -> String {
        let name = "hoctap_tpl_\(Migrations.fingerprint(.postgres))"
        return try await memoized(server.url + name) { try await self.buildTemplate(name, server: server) }
    }

    private nonisolated func buildTemplate(_ name: String, server: PostgresConnectionSettings) async throws -> String {
        let exists = try await admin(server) { db in
            try await db.raw("SELECT 1 AS one FROM pg_database WHERE datname = \(bind: name)").first() != nil
        }
        if !exists {
            let building = name + "_tmp"
            try await admin(server) { db in
                try await db.raw("DROP DATABASE IF EXISTS \(ident: building) WITH (FORCE)").run()
                try await db.raw("CREATE DATABASE \(ident: building) TEMPLATE template0").run()
            }
            let database = try await PostgresBackend.open(server.with(database: building), logger: TestDatabases.logger)
            do {
                try await MigrationRunner(database: database).migrate()
            } catch {
                await database.close()
                throw error
            }
            await database.close()
            // Renaming makes the finished template appear atomically for other test processes.
            try await admin(server) { db in
                try await retryingWhileTemplateBusy {
                    try await db.raw("ALTER DATABASE \(ident: building) RENAME TO \(ident: name)").run()
                }
            }
        }
        return name
    }

    /// The migrated template with `seed` applied, rebuilt once per test process (seed code is
    /// not part of the schema fingerprint, so a stale one from an earlier run is never reused).
    private func seededTemplate(server: PostgresConnectionSettings, seed: TestSeed) async throws -> String {
        let name = "hoctap_tpl_\(Migrations.fingerprint(.postgres))_\(seed.name)"
        let base = try await template(server: server)
        return try await memoized(server.url + name) { try await self.buildSeeded(name, base: base, server: server, seed: seed) }
    }

    private nonisolated func buildSeeded(_ name: String, base: String, server: PostgresConnectionSettings, seed: TestSeed) async throws -> String {
        let building = name + "_tmp"
        try await admin(server) { db in
            try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
            try await db.raw("DROP DATABASE IF EXISTS \(ident: building) WITH (FORCE)").run()
        }
        try await admin(server) { db in
            try await self.retryingWhileTemplateBusy {
                try await db.raw("CREATE DATABASE \(ident: building) TEMPLATE \(ident: base)").run()
            }
        }
        let database = try await PostgresBackend.open(server.with(database: building), logger: TestDatabases.logger)
        do {
            try await seed.apply(database)
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        try await admin(server) { db in
            try await self.retryingWhileTemplateBusy {
                try await db.raw("ALTER DATABASE \(ident: building) RENAME TO \(ident: name)").run()
            }
        }
        return name
    }

    private nonisolated func admin<T: Sendable>(_ server: PostgresConnectionSettings, _ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        var adminSettings = server
        adminSettings.maximumConnections = 1
        let database = try await PostgresBackend.open(adminSettings, logger: TestDatabases.logger)
        do {
            let result = try await database.read(body)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }

    /// A closed connection can linger on the server for a moment; cloning or renaming the
    /// template fails with "being accessed by other users" until it is gone.
    private nonisolated func retryingWhileTemplateBusy(_ body: @Sendable () async throws -> Void) async throws {
        var attempt = 0
        while true {
            do {
                try await body()
                return
            } catch {
                attempt += 1
                if attempt > 50 || !String(reflecting: error).contains("55006") { throw error }
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}

/// Data a group of tests starts from, applied once per process and copied for each test.
public struct TestSeed: Sendable {
    /// Names the seeded template; letters, digits and "_" only.
    public let name: String
    public let apply: @Sendable (any Database) async throws -> Void

    public init(name: String, apply: @escaping @Sendable (any Database) async throws -> Void) {
        self.name = name
        self.apply = apply
    }
}

extension TestDatabases {
    /// Where SQLite test files live.
    static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hoctap-tests", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
}

/// Seeded SQLite files, one per seed and process, copied for each test.
actor SQLiteTemplates {
    static let shared = SQLiteTemplates()
    /// In-flight or finished builds; the actor is re-entered at every await, so concurrent
    /// tests share one build instead of each starting their own.
    private var builds: [String: Task<String, any Error>] = [:]

    func template(for seed: TestSeed) async throws -> String {
        if let build = builds[seed.name] { return try await build.value }
        let build = Task { try await Self.build(seed) }
        builds[seed.name] = build
        return try await build.value
    }

    private static func build(_ seed: TestSeed) async throws -> String {
        let path = TestDatabases.directory.appendingPathComponent("template-\(ProcessInfo.processInfo.processIdentifier)-\(seed.name).sqlite").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let database = try await SQLiteBackend.open(path: path, logger: TestDatabases.logger)
        do {
            try await MigrationRunner(database: database).migrate()
            try await seed.apply(database)
            // Fold the WAL into the main file so that copying the one file copies everything.
            _ = try await database.checkpoint()
        } catch {
            await database.close()
            throw error
        }
        await database.close()
        return path
    }
}

/// A counting semaphore for async code.
actor CountingSemaphore {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) { available = count }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { available += 1 } else { waiters.removeFirst().resume() }
    }
}
