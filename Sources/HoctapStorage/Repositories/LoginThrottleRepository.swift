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

/// Attempts at a secret (password, two-factor code) in the database, so every application
/// server sees the same counts.
///
/// An attempt is claimed before the secret is checked, in one statement, and stays counted
/// unless it succeeds. Checking the lock and counting the failure as two steps let 200 parallel
/// guesses all pass the check before any failure was counted (issue 18); a claim made in one
/// `INSERT … ON CONFLICT DO UPDATE … RETURNING` is atomic on SQLite and PostgreSQL alike, so at
/// most `maximumFailures` attempts of a window ever reach the (slow) secret check.
public struct LoginThrottleRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// The outcome of a claim.
    public enum Claim: Equatable, Sendable {
        /// The attempt may go ahead; it is the `number`-th of its window.
        case allowed(number: Int)
        /// The key is locked until the date; the attempt must not be checked.
        case locked(until: Date)
    }

    /// Counts one attempt for `key` and says whether it may go ahead. A window that has passed,
    /// or a lock that has ended, starts the count again; the attempt past the limit locks the key.
    public func claim(_ key: String, at moment: Date, policy: LoginThrottlePolicy) async throws -> Claim {
        let now = moment.epochSeconds
        let window = Int64(policy.window)
        let lockEnd = now + Int64(policy.lockout)
        let maximum = policy.maximumFailures
        // Every SET expression reads the row as it was, on both engines.
        let row = try await db.raw("""
            INSERT INTO login_throttles (throttle_key, failures, window_started_at, locked_until)
            VALUES (\(bind: key), 1, \(bind: now), NULL)
            ON CONFLICT (throttle_key) DO UPDATE SET
                failures = CASE
                    WHEN login_throttles.locked_until > \(bind: now) THEN login_throttles.failures
                    WHEN login_throttles.locked_until IS NOT NULL
                      OR \(bind: now) - login_throttles.window_started_at >= \(bind: window) THEN 1
                    ELSE login_throttles.failures + 1 END,
                window_started_at = CASE
                    WHEN login_throttles.locked_until > \(bind: now) THEN login_throttles.window_started_at
                    WHEN login_throttles.locked_until IS NOT NULL
                      OR \(bind: now) - login_throttles.window_started_at >= \(bind: window) THEN \(bind: now)
                    ELSE login_throttles.window_started_at END,
                locked_until = CASE
                    WHEN login_throttles.locked_until > \(bind: now) THEN login_throttles.locked_until
                    WHEN login_throttles.locked_until IS NOT NULL
                      OR \(bind: now) - login_throttles.window_started_at >= \(bind: window) THEN NULL
                    WHEN login_throttles.failures + 1 > \(bind: maximum) THEN \(bind: lockEnd)
                    ELSE NULL END
            RETURNING failures, locked_until
            """).first()
        guard let row else { throw LoginThrottleError.noRowReturned }
        if let until = try row.decode(column: "locked_until", as: Int64?.self), until > now {
            return .locked(until: Date(epochSeconds: until))
        }
        return .allowed(number: try row.decode(column: "failures", as: Int.self))
    }

    /// After a failed attempt that used the last one of the window, locks the key now (rather
    /// than at the next attempt) so the person is told at once; returns the lock's end.
    public func lockIfExhausted(_ key: String, at moment: Date, policy: LoginThrottlePolicy) async throws -> Date? {
        let now = moment.epochSeconds
        let until = now + Int64(policy.lockout)
        let locked = try await db.raw("""
            UPDATE login_throttles SET locked_until = \(bind: until)
            WHERE throttle_key = \(bind: key) AND failures >= \(bind: policy.maximumFailures)
              AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING locked_until
            """).first()
        return locked == nil ? nil : Date(epochSeconds: until)
    }

    /// Forgets the attempts of `key` (the account's, after it signed in).
    public func clear(_ key: String) async throws {
        try await db.raw("DELETE FROM login_throttles WHERE throttle_key = \(bind: key)").run()
    }

    /// Gives back one claimed attempt that succeeded (an address's, shared by many people who
    /// sign in correctly from one office).
    public func refund(_ key: String) async throws {
        try await db.raw("""
            UPDATE login_throttles SET failures = failures - 1 WHERE throttle_key = \(bind: key) AND failures > 0
            """).run()
    }

    /// Removes the rows whose window and lock have both passed: they no longer change any
    /// answer, and without this every address that ever failed once stays forever.
    @discardableResult
    public func prune(before moment: Date, policy: LoginThrottlePolicy) async throws -> Int {
        let now = moment.epochSeconds
        let rows = try await db.raw("""
            DELETE FROM login_throttles
            WHERE window_started_at <= \(bind: now - Int64(policy.window))
              AND (locked_until IS NULL OR locked_until <= \(bind: now))
            RETURNING throttle_key
            """).all()
        return rows.count
    }
}

enum LoginThrottleError: Error {
    case noRowReturned
}
