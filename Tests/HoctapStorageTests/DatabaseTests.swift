import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Database handle")
struct DatabaseTests {
    @Test("a transaction that throws leaves nothing behind", arguments: TestDatabases.engines)
    func rollback(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await database.transaction { db in
                    try await AreaRepository(db).insert(
                        NewArea(code: "99", kind: .province, name: "Thử", fullName: "Tỉnh Thử", parentID: nil,
                                provinceID: nil, communeID: nil, validFrom: nil), at: Date())
                    throw Boom()
                }
            }
            let found = try await database.read { try await AreaRepository($0).current(level: .province, code: "99") }
            #expect(found == nil)
        }
    }

    @Test("unique violations are recognised on both engines", arguments: TestDatabases.engines)
    func uniqueViolation(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            let new = NewArea(code: "98", kind: .province, name: "Thử", fullName: "Tỉnh Thử", parentID: nil,
                              provinceID: nil, communeID: nil, validFrom: nil)
            try await database.transaction { try await AreaRepository($0).insert(new, at: Date()) }
            do {
                try await database.transaction { try await AreaRepository($0).insert(new, at: Date()) }
                Issue.record("second insert should fail")
            } catch {
                #expect(ConstraintViolation(error) == .unique)
            }
        }
    }

    @Test("concurrent writers queue instead of failing", arguments: TestDatabases.engines)
    func concurrentWriters(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        _ = try await database.transaction { db in
                            try await AreaRepository(db).insert(
                                NewArea(code: String(format: "9%03d", index), kind: .district, name: "H\(index)",
                                        fullName: "Huyện H\(index)", parentID: nil, provinceID: nil, communeID: nil,
                                        validFrom: nil), at: Date())
                        }
                    }
                }
                try await group.waitForAll()
            }
            let counts = try await database.read { try await AreaRepository($0).countsByLevel(within: .nation) }
            #expect(counts[.district] == 20)
        }
    }

    @Test("readers see committed writes; SQLite readers cannot write", arguments: TestDatabases.engines)
    func readers(engine: DatabaseEngine) async throws {
        try await TestDatabases.with(engine) { database, _ in
            try await database.transaction { db in
                try await AreaRepository(db).insert(
                    NewArea(code: "97", kind: .province, name: "Đọc", fullName: "Tỉnh Đọc", parentID: nil,
                            provinceID: nil, communeID: nil, validFrom: nil), at: Date())
            }
            let found = try await database.read { try await AreaRepository($0).current(level: .province, code: "97") }
            #expect(found?.name == "Đọc")
            if engine == .sqlite {
                await #expect(throws: (any Error).self) {
                    try await database.read { db in try await db.raw("DELETE FROM areas WHERE code = '97'").run() }
                }
            }
        }
    }

    @Test("database URLs parse and mask passwords")
    func urls() throws {
        let sqlite = try DatabaseURL(parsing: "sqlite:///var/lib/hoctap/hoctap.sqlite")
        #expect(sqlite.engine == .sqlite)
        let postgres = try DatabaseURL(parsing: "postgres://hoctap:s%40cret@db.example:6543/hoctap?sslmode=require")
        guard case .postgres(let settings) = postgres else { Issue.record("expected postgres"); return }
        #expect(settings.password == "s@cret")
        #expect(settings.port == 6543)
        #expect(settings.tls == .require)
        #expect(!postgres.description.contains("s@cret"))
        #expect(throws: DatabaseConfigurationError.self) { try DatabaseURL(parsing: "mysql://x") }
        #expect(throws: DatabaseConfigurationError.self) { try DatabaseURL(parsing: "postgres://x/db?sslmode=weird") }
    }
}
