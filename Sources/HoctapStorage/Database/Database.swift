import Logging
import SQLKit

/// The database engines hoctap runs on.
public enum DatabaseEngine: String, Sendable, CaseIterable {
    /// Embedded default: one file, one writer, for a commune, a province or a demo.
    case sqlite
    /// National scale: a shared server behind stateless application servers.
    case postgres
}

/// A handle to hoctap's database on either engine.
///
/// Everything above this protocol is engine-neutral SQLKit. Writes always run inside a
/// transaction, so a failure part-way (bad row, crash, cancelled request) leaves nothing behind.
public protocol Database: Sendable {
    var engine: DatabaseEngine { get }
    var logger: Logger { get }

    /// Runs `body` on a connection for reading, outside any explicit transaction.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside one transaction: committed when `body` returns, rolled back when it throws.
    ///
    /// On SQLite the transaction takes the single writer (`BEGIN IMMEDIATE`), so concurrent
    /// writers queue instead of failing with "database is locked".
    @discardableResult
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T

    /// Runs `body` inside one transaction with the engine's bulk loader (`BulkSession`), for
    /// imports of millions of rows; committed when `body` returns, rolled back when it throws.
    @discardableResult
    func bulkTransaction<T: Sendable>(_ body: (BulkSession) async throws -> T) async throws -> T

    /// Closes every connection. The handle must not be used afterwards.
    func close() async
}

extension Database {
    /// Whether the database answers a trivial query; used by `/readyz`.
    public func ping() async -> Bool {
        do {
            return try await read { db in
                try await db.raw("SELECT 1 AS one").first(decodingColumn: "one", as: Int.self) == 1
            }
        } catch {
            return false
        }
    }
}

/// Errors from opening or configuring a database, with the fix in the message.
public struct DatabaseConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Opens the database a URL names.
public enum DatabaseFactory {
    public static func open(_ url: DatabaseURL, logger: Logger) async throws -> any Database {
        switch url {
        case .sqlite(let path):
            return try await SQLiteBackend.open(path: path, logger: logger)
        case .postgres(let configuration):
            return try await PostgresBackend.open(configuration, logger: logger)
        }
    }
}
