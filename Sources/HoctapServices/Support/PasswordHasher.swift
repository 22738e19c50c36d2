import HummingbirdBcrypt
import NIOPosix

/// Hashes and verifies passwords. bcrypt is deliberately slow, so the work runs on NIO's
/// blocking thread pool and never stalls the threads that serve requests.
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

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
