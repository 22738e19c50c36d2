import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// `hoctap import households` killed with SIGKILL after several batches were written: the
/// database is as it was before, and the same command run again completes.
@Suite("Import crash safety", .serialized)
struct ImportCrashTests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")

    /// Runs `hoctap` to the end and returns its standard output; fails the test on a non-zero exit.
    static func run(_ arguments: [String], url: String, directory: String) throws -> String {
        let process = try start(arguments, url: url, directory: directory)
        let output = (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let errors = (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        if process.terminationStatus != 0 {
            Issue.record("hoctap \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(text) \(String(decoding: errors, as: UTF8.self))")
        }
        return text
    }

    static func start(_ arguments: [String], url: String, directory: String) throws -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOCTAP_DATABASE_URL"] = url
        environment["HOCTAP_DATA_DIR"] = directory
        process.environment = environment
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    static func count(_ database: any Database, _ table: String) async throws -> Int {
        try await database.read { try await $0.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self) ?? -1 }
    }

    @Test("kill -9 of an import after several batches leaves the database unchanged; the re-run completes", arguments: TestDatabases.engines)
    func killMidImport(engine: DatabaseEngine) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable.path), "the hoctap executable is built next to the tests")
        let files = try TemporaryFiles()
        let directory = files.directory.path
        let country = files.directory.appendingPathComponent("country").path
        try await TestDatabases.with(engine, migrated: false) { database, url in
            let households = 2_500
            _ = try Self.run(["generate", "--households", String(households), "--out", country, "--result-years", "none"], url: url.description, directory: directory)
            _ = try Self.run(["areas", "import", country], url: url.description, directory: directory)
            _ = try Self.run(["import", "villages", "\(country)/villages.csv"], url: url.description, directory: directory)
            let audit = try await Self.count(database, "audit_events")

            // Killed once the log says the third batch of 150 households is written (of 17).
            let importing = try Self.start(["import", "households", "\(country)/households.csv", "--batch-size", "150", "--log-level", "debug"],
                                           url: url.description, directory: directory)
            let errors = (importing.standardError as! Pipe).fileHandleForReading
            var log = ""
            while !log.contains("households=450") {
                let chunk = errors.availableData
                if chunk.isEmpty { break }
                log += String(decoding: chunk, as: UTF8.self)
            }
            kill(importing.processIdentifier, SIGKILL)
            importing.waitUntilExit()
            #expect(importing.terminationReason == .uncaughtSignal, "the import was still running when killed")
            #expect(log.contains("households=450"))
            #expect(try await Self.count(database, "households") == 0)
            #expect(try await Self.count(database, "persons") == 0)
            #expect(try await Self.count(database, "audit_events") == audit)
            if engine == .sqlite {
                let check = try await database.read { try await $0.raw("PRAGMA integrity_check").first(decodingColumn: "integrity_check", as: String.self) }
                #expect(check == "ok")
            }

            let output = try Self.run(["import", "households", "\(country)/households.csv"], url: url.description, directory: directory)
            #expect(output.contains("Đã nhập 2.500 hộ"))
            #expect(try await Self.count(database, "households") == households)
            #expect(try await Self.count(database, "audit_events") == audit + 1)
            let verify = try Self.run(["audit", "verify"], url: url.description, directory: directory)
            #expect(!verify.isEmpty)
        }
    }
}
