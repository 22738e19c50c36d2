import Foundation

/// Runs a program to its end without blocking a thread of Swift's cooperative pool: the test
/// may be serving the HTTP requests that program makes.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var error: String
    }

    public static func run(_ executable: URL, _ arguments: [String]) async throws -> Result {
        let files = try TemporaryFiles()
        let output = files.directory.appendingPathComponent("stdout"), errors = files.directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        return Result(status: status, output: String(decoding: try Data(contentsOf: output), as: UTF8.self),
                      error: String(decoding: try Data(contentsOf: errors), as: UTF8.self))
    }

    /// A script of the test support's fixtures.
    public static func fixture(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }
}
