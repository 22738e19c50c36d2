import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// The server killed with SIGKILL in the middle of concurrent writes: every write it acknowledged
/// is there, nothing half-written is, the audit chain and the rollups verify, and it starts again.
@Suite("Crash safety")
struct CrashTests {
    @Test("kill -9 during writes on SQLite loses nothing acknowledged and leaves nothing half-written")
    func killDuringWrites() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        let files = try TemporaryFiles()
        let directory = files.directory.path
        let port = Int.random(in: 30_000...40_000)
        let base = "http://127.0.0.1:\(port)"
        func start() throws -> Process {
            let server = Process()
            server.executableURL = executable
            server.arguments = ["demo", "--data-dir", directory, "--port", String(port), "--log-level", "error"]
            var environment = ProcessInfo.processInfo.environment
            environment["HOCTAP_BCRYPT_COST"] = "4"
            server.environment = environment
            try server.run()
            return server
        }
        let server = try start()
        let pid = server.processIdentifier
        try await TwoServersTests.waitUntilUp(base)
        let officer = try await TwoServersTests.Client(base: base).login(DemoUser.communeOfficer)
        let me = try await officer.json("GET", "/api/v1/me")
        let commune = try #require(me["areaId"] as? Int)
        let children = try await officer.send("GET", "/api/v1/areas/\(commune)/children")
        let villages = try #require((try JSONSerialization.jsonObject(with: children.data) as? [String: Any])?["items"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
        let kinds = DenominatorKind.allCases.filter { !$0.isCountedFromAreas && $0 != .households }.map(\.rawValue)

        // Distinct (village, year, kind) writes, eight at a time, until the server is killed.
        struct Write: Hashable { var village: Int; var year: Int; var kind: String; var value: Int }
        let writes = villages.flatMap { village in (2021...2030).flatMap { year in kinds.map { Write(village: village, year: year, kind: $0, value: village % 97 + year) } } }
        let acknowledged = LockedBox<[Write]>([])
        let killed = LockedBox(false)
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<8 {
                group.addTask {
                    for write in writes.enumerated().filter({ $0.offset % 8 == lane }).map(\.element) {
                        if killed.value { return }
                        let answer = try? await officer.send("PUT", "/api/v1/areas/\(write.village)/denominators", [
                            "year": write.year, "items": [["kind": write.kind, "value": write.value, "source": "Ghi thử khi mất điện"]]])
                        if answer?.status == 200 { acknowledged.mutate { $0.append(write) } }
                    }
                }
            }
            group.addTask {
                while acknowledged.value.count < 40 { try? await Task.sleep(for: .milliseconds(20)) }
                kill(pid, SIGKILL)
                killed.set(true)
            }
        }
        server.waitUntilExit()
        #expect(server.terminationReason == .uncaughtSignal, "the server was killed, not stopped")
        let done = acknowledged.value
        #expect(done.count >= 40 && done.count < writes.count, "killed part-way: \(done.count) of \(writes.count)")

        // The file: intact, every acknowledged write present with its value, nothing else half there.
        let path = (directory as NSString).appendingPathComponent("demo.sqlite")
        let database = try await SQLiteBackend.open(path: path, logger: TestDatabases.logger)
        let integrity = try await database.read { try await $0.raw("PRAGMA integrity_check").first(decodingColumn: "integrity_check", as: String.self) }
        #expect(integrity == "ok")
        let stored = try await database.read { db in
            try await db.raw("SELECT area_id, year, kind, value FROM denominators WHERE source = 'Ghi thử khi mất điện'").all().map {
                Write(village: Int(try $0.decode(column: "area_id", as: Int64.self)), year: try $0.decode(column: "year", as: Int.self),
                      kind: try $0.decode(column: "kind", as: String.self), value: Int(try $0.decode(column: "value", as: Int64.self)))
            }
        }
        #expect(Set(done).isSubset(of: Set(stored)), "every acknowledged write survived")
        #expect(Set(stored).isSubset(of: Set(writes)), "nothing stored that was not asked for, with its own value")
        let audited = try await database.read { try await $0.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'denominator.save' AND summary LIKE '%Ghi thử khi mất điện%'").first(decodingColumn: "n", as: Int.self) }
        #expect(audited == stored.count, "each stored write has its audit entry, and no entry lacks its write")
        await database.close()
        for command in [["audit", "verify"], ["rollups", "verify"]] {
            let result = try APICriteriaTests.run(executable, command + ["--database-url", "sqlite://" + path, "--log-level", "error"])
            #expect(result.status == 0, "\(command): \(result.text)")
        }

        // And it starts again on the same file.
        let restarted = try start()
        defer { restarted.terminate(); restarted.waitUntilExit() }
        try await TwoServersTests.waitUntilUp(base)
        let again = try await TwoServersTests.Client(base: base).login(DemoUser.communeOfficer)
        #expect(try await again.send("GET", "/api/v1/areas/\(commune)/progress?year=2026").status == 200)
        withExtendedLifetime(files) {}
    }
}

/// A value shared by concurrent tasks of a test.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func set(_ value: Value) { lock.lock(); stored = value; lock.unlock() }
    func mutate(_ body: (inout Value) -> Void) { lock.lock(); body(&stored); lock.unlock() }
}
