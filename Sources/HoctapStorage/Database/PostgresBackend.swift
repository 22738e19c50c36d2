import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's `PostgresClient` connection pool.
///
/// The client's `run()` loop lives in a task owned by this object, so the same handle works in
/// the server (where service lifecycle closes it on shutdown), in CLI commands and in tests.
public final class PostgresBackend: Database {
    public let engine = DatabaseEngine.postgres
    public let logger: Logger
    public let settings: PostgresConnectionSettings

    private let client: PostgresClient
    private let runTask: Task<Void, Never>

    private init(settings: PostgresConnectionSettings, client: PostgresClient, runTask: Task<Void, Never>, logger: Logger) {
        self.settings = settings
        self.client = client
        self.runTask = runTask
        self.logger = logger
    }

    /// Connects and checks that the server answers, so that a wrong URL fails at start with a
    /// clear message instead of at the first request.
    public static func open(_ settings: PostgresConnectionSettings, logger: Logger) async throws -> PostgresBackend {
        let client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
        // Wait until the run loop has started, so the first lease does not race it.
        let (started, signal) = AsyncStream<Void>.makeStream()
        let runTask = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        // The run loop flags itself as running on its first step; give that step a chance.
        for _ in 0..<3 { await Task.yield() }
        let backend = PostgresBackend(settings: settings, client: client, runTask: runTask, logger: logger)
        do {
            _ = try await backend.read { db in try await db.raw("SELECT 1 AS one").run() }
        } catch {
            await backend.close()
            throw DatabaseConfigurationError(
                "Không kết nối được PostgreSQL tại \(settings.redacted): \(String(reflecting: error))")
        }
        return backend
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace))
        }
    }

    @discardableResult
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await inTransaction { connection in try await body(connection.sql(queryLogLevel: .trace)) }
    }

    @discardableResult
    public func bulkTransaction<T: Sendable>(_ body: (BulkSession) async throws -> T) async throws -> T {
        try await inTransaction { connection in
            try await body(BulkSession(sql: connection.sql(queryLogLevel: .trace), loader: PostgresBulkLoader(connection: connection, logger: logger)))
        }
    }

    /// BEGIN, `body`, then COMMIT, or ROLLBACK when it throws, all on one pooled connection.
    private func inTransaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = connection.sql(queryLogLevel: .trace)
            try await db.raw("BEGIN").run()
            do {
                let result = try await body(connection)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                do { try await db.raw("ROLLBACK").run() } catch {
                    logger.error("PostgreSQL ROLLBACK failed", metadata: ["error": "\(error)"])
                }
                throw error
            }
        }
    }

    /// Runs `body` with a raw PostgresNIO connection, for `COPY` and other protocol features.
    public func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await client.withConnection { try await body($0) }
    }

    public func close() async {
        runTask.cancel()
        await runTask.value
    }
}
