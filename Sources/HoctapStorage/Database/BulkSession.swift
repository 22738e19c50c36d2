import Logging
import NIOCore
import PostgresNIO
import SQLKit
import SQLiteNIO

/// One value of a bulk-loaded row.
public enum BulkValue: Sendable, Hashable {
    case int(Int64)
    case text(String)
    case null

    public static func int(_ value: Int?) -> BulkValue { value.map { .int(Int64($0)) } ?? .null }
    public static func text(_ value: String?) -> BulkValue { value.map { .text($0) } ?? .null }
}

/// A transaction for loading many rows at once: the fastest path each engine has (PostgreSQL
/// `COPY … FROM STDIN`, SQLite multi-row `INSERT` on its single writer), next to ordinary SQLKit
/// queries on the same connection, all committed or rolled back together.
///
/// Rows are given with their primary keys, taken from `reserveIDs`, so that child rows can
/// point at parents without a round trip per row.
public struct BulkSession: Sendable {
    /// The transaction's connection, for lookups and ordinary statements.
    public let sql: any SQLDatabase
    let loader: any BulkLoader

    /// Writes `rows` into `table` (all rows have `columns.count` values, in that order).
    public func load(_ table: String, columns: [String], rows: [[BulkValue]]) async throws {
        guard !rows.isEmpty else { return }
        try await loader.load(table, columns: columns, rows: rows)
    }

    /// Reserves `count` consecutive identifiers of `table`'s key that nobody else will use.
    public func reserveIDs(_ table: String, count: Int) async throws -> ClosedRange<Int64> {
        try await loader.reserveIDs(table, count: count, sql: sql)
    }
}

protocol BulkLoader: Sendable {
    func load(_ table: String, columns: [String], rows: [[BulkValue]]) async throws
    func reserveIDs(_ table: String, count: Int, sql: any SQLDatabase) async throws -> ClosedRange<Int64>
}

/// SQLite: multi-row `INSERT` statements of up to `rowsPerStatement` rows with bound values,
/// straight on the writer connection (SQLKit's query builder would cost more than the insert).
final class SQLiteBulkLoader: BulkLoader, @unchecked Sendable {
    // Only used inside one transaction on the single writer, so never from two tasks at once.
    private let connection: SQLiteConnection
    private var nextIDs: [String: Int64] = [:]
    static let maximumBinds = 32_000

    init(connection: SQLiteConnection) { self.connection = connection }

    func load(_ table: String, columns: [String], rows: [[BulkValue]]) async throws {
        let perStatement = max(1, Self.maximumBinds / columns.count)
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES "
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + perStatement, rows.endIndex)
            let sql = head + Array(repeating: tuple, count: end - start).joined(separator: ",")
            var binds: [SQLiteData] = []
            binds.reserveCapacity((end - start) * columns.count)
            for row in rows[start..<end] {
                precondition(row.count == columns.count, "bulk row of \(row.count) values for \(columns.count) columns")
                for value in row {
                    switch value {
                    case .int(let number): binds.append(.integer(Int(number)))
                    case .text(let text): binds.append(.text(text))
                    case .null: binds.append(.null)
                    }
                }
            }
            _ = try await connection.query(sql, binds)
            start = end
        }
    }

    /// The writer holds SQLite's only write lock for the whole transaction, so counting on from
    /// the largest key is safe (it is what SQLite itself does for `INTEGER PRIMARY KEY`).
    func reserveIDs(_ table: String, count: Int, sql: any SQLDatabase) async throws -> ClosedRange<Int64> {
        var next = nextIDs[table] ?? 0
        if next == 0 {
            next = try await sql.raw("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM \(unsafeRaw: table)")
                .first(decodingColumn: "next", as: Int64.self) ?? 1
        }
        nextIDs[table] = next + Int64(count)
        return next...(next + Int64(count) - 1)
    }
}

/// PostgreSQL: `COPY … FROM STDIN` in text format on the transaction's connection.
struct PostgresBulkLoader: BulkLoader {
    let connection: PostgresConnection
    let logger: Logger

    func load(_ table: String, columns: [String], rows: [[BulkValue]]) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                precondition(row.count == columns.count, "bulk row of \(row.count) values for \(columns.count) columns")
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    switch value {
                    case .int(let number): buffer.writeString(String(number))
                    case .null: buffer.writeStaticString("\\N")
                    case .text(let text): Self.writeEscaped(text, to: &buffer)
                    }
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    /// COPY's text format: backslash, tab, newline and carriage return are escaped.
    static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Moves the identity sequence on by `count` in one statement; concurrent writers keep
    /// drawing from the sequence and never collide with the reserved block.
    func reserveIDs(_ table: String, count: Int, sql: any SQLDatabase) async throws -> ClosedRange<Int64> {
        let last = try await sql.raw("""
            SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), nextval(pg_get_serial_sequence(\(bind: table), 'id')) + \(bind: count - 1)) AS last
            """).first(decodingColumn: "last", as: Int64.self)
        guard let last else { throw DatabaseConfigurationError("Không cấp được mã cho bảng \(table).") }
        return (last - Int64(count) + 1)...last
    }
}
