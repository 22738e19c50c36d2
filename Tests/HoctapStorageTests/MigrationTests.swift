import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("each migration applies on its own, in order, and re-running applies nothing", arguments: TestDatabases.engines)
    func stepwiseAndIdempotent(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine, migrated: false) { database, _ in
            let runner = MigrationRunner(database: database)
            for migration in Migrations.all {
                // MUT
                let applied = try await runner.migrate(upTo: migration.version)
                // validate
                #expect(applied.map(\.version) == [migration.version])
                #expect(try await runner.appliedVersions() == Array(1...migration.version))
            }
            #expect(try await runner.migrate().isEmpty)
            #expect(try await runner.pending().isEmpty)
            for table in ["areas", "area_successions", "accounts", "sessions", "login_throttles", "audit_events"] {
                let count = try await database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first(decodingColumn: "n", as: Int.self)
                }
                #expect(count != nil, "table \(table) exists")
            }
        }
    }

    @Test("the nation row exists after migrating", arguments: TestDatabases.engines)
    func nationRow(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            let nation = try await database.read { try await AreaRepository($0).nation() }
            #expect(nation.level == .nation)
            #expect(nation.code == "VN")
        }
    }

    @Test("a database migrated by a newer version is refused", arguments: TestDatabases.engines)
    func refusesNewerSchema(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            try await database.transaction { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)").run()
            }
            await #expect(throws: DatabaseConfigurationError.self) {
                try await MigrationRunner(database: database).migrate()
            }
        }
    }

    @Test("two migrators started together apply each migration once", arguments: TestDatabases.engines)
    func concurrentMigrators(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine, migrated: false) { database, _ in
            let runner = MigrationRunner(database: database)
            async let first = runner.migrate()
            async let second = runner.migrate()
            let total = try await first.count + second.count
            #expect(total == Migrations.all.count)
            #expect(try await runner.appliedVersions() == Migrations.all.map(\.version))
        }
    }

    @Test("a failing statement rolls its migration back completely", arguments: TestDatabases.engines)
    func failingMigrationRollsBack(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine, migrated: false) { (database: any Database, _: DatabaseURL) async throws in
            let broken = Migration(version: Migrations.all.count + 1, name: "broken") { _ in
                ["CREATE TABLE half_done (id INTEGER)", "THIS IS NOT SQL"]
            }
            let runner = MigrationRunner(database: database, migrations: Migrations.all + [broken])
            await #expect(throws: (any Error).self) { try await runner.migrate() }
            let versions = try await runner.appliedVersions()
            #expect(versions == Migrations.all.map(\.version))
            await #expect(throws: (any Error).self) {
                try await database.read { db in try await db.raw("SELECT * FROM half_done").run() }
            }
        }
    }
}
