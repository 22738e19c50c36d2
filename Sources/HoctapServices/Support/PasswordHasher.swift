import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Hashes and verifies passwords.
///
/// bcrypt is deliberately slow. It once ran on NIO's shared blocking pool, which SQLite's
/// queries also use, so a burst of sign-ins stalled every page (issue 18). It now runs on a pool
/// of its own, half the cores: a login storm queues sign-ins behind each other and leaves the
/// database's threads, and so every other page, alone.
public protocol PasswordHasher: Sendable {
    func hash(_ password: String) async throws -> String
    func verify(_ password: String, against hash: String) async throws -> Bool
}

public struct BcryptPasswordHasher: PasswordHasher {
    /// Work factor: 12 in production (~0.25 s per hash on one core); tests may lower it for speed.
    public let cost: UInt8

    public init(cost: UInt8 = 12) {
        self.cost = cost
    }

    /// The pool every hasher of the process shares, started on first use and never stopped
    /// (like NIO's singletons).
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))
        pool.start()
        return pool
    }()

    /// Longest a password may be: bcrypt reads 72 bytes, and a megabyte of "password" is only
    /// a way to make the server copy and hash it.
    public static let maximumPasswordBytes = 1_024

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.pool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        guard password.utf8.count <= Self.maximumPasswordBytes else { return false }
        return try await Self.pool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
