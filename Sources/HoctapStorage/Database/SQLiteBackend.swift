import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection behind a FIFO lock, and a small pool of read-only
/// connections that read concurrently with the writer.
///
/// Every connection runs with foreign keys on and a busy timeout, so a lock held by another
/// process (a CLI import next to a running server) waits a bounded time and then fails clearly.
public final class SQLiteBackend: Database {
    public let engine = DatabaseEngine.sqlite
    public let logger: Logger
    public let path: String

    private let writer: SQLiteConnection
    private let writeLock = AsyncMutex()
    private let readers: SQLiteReaderPool

    /// How long a connection waits for another process's lock before failing.
    static let busyTimeoutMilliseconds = 10_000

    private init(path: String, writer: SQLiteConnection, readers: SQLiteReaderPool, logger: Logger) {
        self.path = path
        self.writer = writer
        self.readers = readers
        self.logger = logger
    }

    /// Opens (creating if needed) the database file at `path` and its directory.
    public static func open(path: String, logger: Logger, maximumReaders: Int = 4) async throws -> SQLiteBackend {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let writer = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        do {
            let db = writer.sql(queryLogLevel: .trace)
            let mode = try await db.raw("PRAGMA journal_mode = WAL").first(decodingColumn: "journal_mode", as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw DatabaseConfigurationError("SQLite không bật được chế độ WAL cho \(path) (nhận \(mode ?? "?")).")
            }
            try await configure(db)
            // FULL: a committed recognition decision survives a power cut, not only a process crash.
            try await db.raw("PRAGMA synchronous = FULL").run()
        } catch {
            try? await writer.close()
            throw error
        }
        let readers = SQLiteReaderPool(path: path, maximum: maximumReaders, logger: logger)
        return SQLiteBackend(path: path, writer: writer, readers: readers, logger: logger)
    }

    static func configure(_ db: any SQLDatabase) async throws {
        try await db.raw("PRAGMA foreign_keys = ON").run()
        try await db.raw("PRAGMA busy_timeout = \(unsafeRaw: String(busyTimeoutMilliseconds))").run()
    }

    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await readers.acquire()
        do {
            let result = try await body(connection.sql(queryLogLevel: .trace))
            await readers.release(connection)
            return result
        } catch {
            await readers.release(connection)
            throw error
        }
    }

    @discardableResult
    public func bulkTransaction<T: Sendable>(_ body: (BulkSession) async throws -> T) async throws -> T {
        try await transaction { db in
            // A larger page cache for the duration of the load keeps index pages in memory
            // (negative: KiB); the writer's own setting comes back for ordinary transactions.
            let previous = try await db.raw("PRAGMA cache_size").first(decodingColumn: "cache_size", as: Int.self) ?? -2000
            try await db.raw("PRAGMA cache_size = -131072").run()
            let restore: SQLQueryString = "PRAGMA cache_size = \(unsafeRaw: String(previous))"
            do {
                let result = try await body(BulkSession(sql: db, loader: SQLiteBulkLoader(connection: writer)))
                try await db.raw(restore).run()
                return result
            } catch {
                try? await db.raw(restore).run()
                throw error
            }
        }
    }

    @discardableResult
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try TransactionGuard.checkNotNested(in: self)
        return try await writeLock.withLock {
            try await TransactionGuard.$active.withValue(ObjectIdentifier(self)) {
                let db = writer.sql(queryLogLevel: .trace)
                try await db.raw("BEGIN IMMEDIATE").run()
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    do { try await db.raw("ROLLBACK").run() } catch {
                        logger.error("SQLite ROLLBACK failed", metadata: ["error": "\(error)"])
                    }
                    throw error
                }
            }
        }
    }

    /// Copies the write-ahead log into the main file and truncates it (after bulk loads, and
    /// before the file is copied or backed up). Returns the number of frames checkpointed.
    @discardableResult
    public func checkpoint() async throws -> Int {
        try await writeLock.withLock {
            try await writer.sql(queryLogLevel: .trace).raw("PRAGMA wal_checkpoint(TRUNCATE)")
                .first(decodingColumn: "checkpointed", as: Int.self) ?? 0
        }
    }

    /// Writes a consistent copy of the database to `path` (`VACUUM INTO` on the writer
    /// connection outside any transaction: it reads one snapshot, so other processes keep writing).
    public func snapshot(to path: String) async throws {
        try await writeLock.withLock {
            try await writer.sql(queryLogLevel: .trace).raw("VACUUM INTO \(bind: path)").run()
        }
    }

    public func close() async {
        await readers.closeAll()
        await writeLock.withLock {
            do { try await writer.close() } catch {
                logger.warning("Closing SQLite writer failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

/// Read-only connections opened on demand up to a maximum; callers beyond it wait in order.
actor SQLiteReaderPool {
    private let path: String
    private let maximum: Int
    private let logger: Logger
    private var idle: [SQLiteConnection] = []
    private var opened = 0
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []
    private var closed = false

    init(path: String, maximum: Int, logger: Logger) {
        self.path = path
        self.maximum = max(1, maximum)
        self.logger = logger
    }

    func acquire() async throws -> SQLiteConnection {
        if closed { throw DatabaseConfigurationError("Cơ sở dữ liệu đã đóng.") }
        if let connection = idle.popLast() { return connection }
        if opened < maximum {
            opened += 1
            do {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
                let db = connection.sql(queryLogLevel: .trace)
                try await SQLiteBackend.configure(db)
                // Readers never write: a bug that tries to is refused by SQLite itself.
                try await db.raw("PRAGMA query_only = ON").run()
                return connection
            } catch {
                opened -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ connection: SQLiteConnection) async {
        if closed {
            try? await connection.close()
            return
        }
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    func closeAll() async {
        closed = true
        for waiter in waiters {
            waiter.resume(throwing: DatabaseConfigurationError("Cơ sở dữ liệu đã đóng."))
        }
        waiters.removeAll()
        for connection in idle {
            try? await connection.close()
        }
        idle.removeAll()
    }
}

/// Detects a transaction opened inside another on the same database, which on SQLite would wait
/// for itself forever; failing loudly makes the programming error visible at once.
enum TransactionGuard {
    @TaskLocal static var active: ObjectIdentifier?

    static func checkNotNested(in database: AnyObject) throws {
        if active == ObjectIdentifier(database) {
            throw DatabaseConfigurationError("Lỗi lập trình: mở giao dịch lồng trong một giao dịch khác.")
        }
    }
}
