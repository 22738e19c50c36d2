import Foundation
import HoctapDomain
import SQLKit

/// Limits on failed logins, per account and per client address.
public struct LoginThrottlePolicy: Sendable {
    /// Failures allowed inside `window` before the key is locked.
    public var maximumFailures: Int
    public var window: TimeInterval
    public var lockout: TimeInterval

    public init(maximumFailures: Int, window: TimeInterval, lockout: TimeInterval) {
        self.maximumFailures = maximumFailures
        self.window = window
        self.lockout = lockout
    }

    /// Five wrong passwords in 15 minutes lock an account for 15 minutes.
    public static let account = LoginThrottlePolicy(maximumFailures: 5, window: 15 * 60, lockout: 15 * 60)
    /// An address (a whole commune office may share one) gets more room before it is locked.
    public static let address = LoginThrottlePolicy(maximumFailures: 30, window: 15 * 60, lockout: 15 * 60)
}

/// Failed-login counters in the database, so every application server sees the same counts.
public struct LoginThrottleRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// When the key is locked at `moment`, the time the lock ends; otherwise `nil`.
    public func lockedUntil(_ key: String, at moment: Date) async throws -> Date? {
        guard let until = try await db.raw("SELECT locked_until FROM login_throttles WHERE throttle_key = \(bind: key)")
            .first(decodingColumn: "locked_until", as: Int64?.self) ?? nil else { return nil }
        return until > moment.epochSeconds ? Date(epochSeconds: until) : nil
    }

    /// Counts one failure; returns the end of the lock if this failure triggered one.
    @discardableResult
    public func recordFailure(_ key: String, at moment: Date, policy: LoginThrottlePolicy) async throws -> Date? {
        let now = moment.epochSeconds
        let row = try await db.raw("""
            SELECT failures, window_started_at FROM login_throttles WHERE throttle_key = \(bind: key)
            """).first()
        var failures = 1
        var windowStart = now
        if let row {
            let started = try row.decode(column: "window_started_at", as: Int64.self)
            if now - started < Int64(policy.window) {
                failures = try row.decode(column: "failures", as: Int.self) + 1
                windowStart = started
            }
        }
        let lockedUntil: Int64? = failures >= policy.maximumFailures ? now + Int64(policy.lockout) : nil
        try await db.raw("""
            INSERT INTO login_throttles (throttle_key, failures, window_started_at, locked_until)
            VALUES (\(bind: key), \(bind: failures), \(bind: windowStart), \(bind: lockedUntil))
            ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures,
                window_started_at = excluded.window_started_at, locked_until = excluded.locked_until
            """).run()
        return lockedUntil.map(Date.init(epochSeconds:))
    }

    /// Forgets failures for `key` (after a successful login).
    public func clear(_ key: String) async throws {
        try await db.raw("DELETE FROM login_throttles WHERE throttle_key = \(bind: key)").run()
    }
}
