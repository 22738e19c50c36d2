import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Logging
import NIOCore
import SQLKit
import Synchronization
import Testing

/// Forwards to a database and keeps every query it is given, so a test can ask the engine how
/// it would run the very SQL a repository wrote.
final class QueryRecorder: SQLDatabase {
    let base: any SQLDatabase
    private let recorded = Mutex<[any SQLExpression]>([])

    init(_ base: any SQLDatabase) { self.base = base }

    var queries: [any SQLExpression] { recorded.withLock { $0 } }
    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        recorded.withLock { $0.append(query) }
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        recorded.withLock { $0.append(query) }
        try await base.execute(sql: query, onRow)
    }
}

/// `EXPLAIN` in front of a recorded query, with its binds.
struct Explain: SQLExpression {
    let engine: DatabaseEngine
    let query: any SQLExpression

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(engine == .sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ")
        query.serialize(to: &serializer)
    }
}

/// The `EXPLAIN` review of the list pages, kept as a test: each list query of a commune or a
/// province is served by an index (no scan of the whole table); households, the list that grows
/// to millions, come out of the index already in their order (no sort).
@Suite("Query plans of the lists")
struct ListPlanTests {
    /// The plan lines of the first query `body` runs (the page; the count comes after).
    static func plan(_ database: any Database, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws -> [String] {
        try await database.transaction { db in
            if database.engine == .postgres {
                // Tiny test tables make a sequential scan cheapest; forbid it to see whether an index can serve.
                try await db.raw("SET LOCAL enable_seqscan = off").run()
                try await db.raw("SET LOCAL enable_sort = off").run()
            }
            let recorder = QueryRecorder(db)
            try await body(recorder)
            let page = try #require(recorder.queries.first)
            let lines = Mutex<[String]>([])
            try await db.execute(sql: Explain(engine: database.engine, query: page)) { row in
                let line = (try? row.decode(column: database.engine == .sqlite ? "detail" : "QUERY PLAN", as: String.self)) ?? ""
                lines.withLock { $0.append(line) }
            }
            return lines.withLock { $0 }
        }
    }

    static func fullScan(_ plan: [String], _ table: String, alias: String) -> Bool {
        plan.contains { line in
            line.contains("Seq Scan on \(table)") || ((line.hasPrefix("SCAN \(alias)") || line.hasPrefix("SCAN \(table)")) && !line.contains("INDEX"))
        }
    }

    /// Whether the households index is searched with a range from the cursor.
    static func seeks(_ plan: [String]) -> Bool {
        plan.contains { line in
            (line.hasPrefix("SEARCH h USING INDEX") && (line.contains(">?") || line.contains("<?")))
                || (line.contains("Index Cond") && (line.contains("ROW(") || line.contains("code >") || line.contains("code <")))
        }
    }

    static func sorted(_ plan: [String]) -> Bool {
        plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") || $0.trimmingCharacters(in: .whitespaces).hasPrefix("Sort") || $0.contains("->  Sort") }
    }

    @Test("every list of a commune or province is read through an index; households in index order, first page and after a cursor", arguments: TestDatabases.engines)
    func plans(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let commune = try await area(.commune, "00376", environment).position
            let province = try await area(.province, "01", environment).position
            let cursor = try #require(try await environment.database.read { db in
                try await db.raw("SELECT MIN(id) AS id FROM households").first(decodingColumn: "id", as: Int64.self)
            })
            for scope in [commune, province] {
                for start in [PageStart.first, .after(cursor), .before(cursor)] {
                    let plan = try await Self.plan(environment.database) { try await _ = RegistryRepository($0).households(within: scope, start: start) }
                    #expect(!Self.fullScan(plan, "households", alias: "h"), "households of \(scope.level) \(start): \(plan)")
                    #expect(!Self.sorted(plan), "households of \(scope.level) \(start) come in index order: \(plan)")
                    if start != .first {
                        #expect(Self.seeks(plan), "households of \(scope.level) \(start): the index is entered at the cursor, not read from the scope's start: \(plan)")
                    }
                }
            }
            // The other lists are bounded by a commune; their scope filter must use an index.
            let citizens = try await Self.plan(environment.database) { try await _ = RegistryRepository($0).citizens(within: commune, start: .after(cursor)) }
            #expect(!Self.fullScan(citizens, "persons", alias: "p"), "\(citizens)")
            let units = try await Self.plan(environment.database) { try await _ = RegistryRepository($0).units(within: commune) }
            #expect(!Self.fullScan(units, "units", alias: "u"), "\(units)")
            let clans = try await Self.plan(environment.database) { try await _ = RegistryRepository($0).clans(within: commune) }
            #expect(!Self.fullScan(clans, "clans", alias: "c"), "\(clans)")
        }
    }
}
