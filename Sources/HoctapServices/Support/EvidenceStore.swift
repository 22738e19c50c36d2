import Crypto
import Foundation

/// Evidence files on disk, named by the SHA-256 of their content under `<data dir>/evidence`:
/// never under a name a client chose, stored once however often they are uploaded, and written
/// to a temporary file first so that a crash never leaves half a file under its final name.
public struct EvidenceStore: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    func path(_ sha256: String) -> String {
        (root as NSString).appendingPathComponent("\(sha256.prefix(2))/\(sha256)")
    }

    /// Stores the bytes (unless already stored) and returns their digest.
    @discardableResult
    public func put(_ bytes: [UInt8]) throws -> String {
        let sha = Self.digest(bytes)
        let final = path(sha)
        if FileManager.default.fileExists(atPath: final) { return sha }
        let directory = (final as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = (directory as NSString).appendingPathComponent(".\(sha).\(UUID().uuidString).part")
        let data = Data(bytes)
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o640]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        if let handle = FileHandle(forWritingAtPath: temporary) {
            try handle.synchronize()
            try handle.close()
        }
        if rename(temporary, final) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            if !FileManager.default.fileExists(atPath: final) { throw CocoaError(.fileWriteUnknown) }
        }
        return sha
    }

    /// The stored bytes, checked against their name (a file changed on disk is not served).
    public func get(_ sha256: String) throws -> Data {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit), let data = FileManager.default.contents(atPath: path(sha256)),
              Self.digest(Array(data)) == sha256 else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return data
    }

    /// Removes a stored file (after erasure or a retention period); a missing file is not an error.
    public func remove(_ sha256: String) {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { return }
        try? FileManager.default.removeItem(atPath: path(sha256))
    }
}
