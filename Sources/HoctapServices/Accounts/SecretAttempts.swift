import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// Attempts at a secret — a password at sign-in or when changing it, a two-factor code when
/// turning two-factor off — counted per account and, at sign-in, per client address, in the
/// same counters everywhere, so a stolen session cannot guess the password or the code either.
///
/// An attempt is claimed before the secret is checked (see `LoginThrottleRepository`): it is
/// refused outright while a counter is locked, stays counted when the secret was wrong, and is
/// forgotten (account) or given back (address) when it was right.
struct SecretAttempts {
    let environment: ServiceEnvironment
    /// Counters and their limits; the account's first.
    let keys: [(key: String, policy: LoginThrottlePolicy)]
    let moment: Date

    static func accountKey(_ username: String) -> String {
        "account:" + VietnameseText.normalized(String(username.trimmingCharacters(in: .whitespaces).lowercased().prefix(64)))
    }

    static func addressKey(_ address: String?) -> String {
        "address:" + VietnameseText.normalized(String((address ?? "unknown").prefix(64)))
    }

    /// For an account's own secret (no address counter: the session already names the account).
    init(environment: ServiceEnvironment, username: String) {
        self.init(environment: environment, keys: [(Self.accountKey(username), .account)])
    }

    init(environment: ServiceEnvironment, keys: [(key: String, policy: LoginThrottlePolicy)]) {
        self.environment = environment
        self.keys = keys
        self.moment = environment.clock.now()
    }

    /// Claims one attempt on every counter; throws `throttled` when any is locked.
    func claim() async throws {
        let lock = try await environment.database.transaction { db in
            let throttles = LoginThrottleRepository(db)
            var latest: Date?
            for (key, policy) in keys {
                if case .locked(let until) = try await throttles.claim(key, at: moment, policy: policy) {
                    latest = max(latest ?? until, until)
                }
            }
            return latest
        }
        if let lock { throw ServiceError.throttled(until: lock) }
    }

    /// The secret was wrong: locks the counters it exhausted, with an audit entry; returns the
    /// end of the lock when there is one (the caller then answers `throttled`).
    func failed(audit actor: AuditActor, entityID: String?, area: AreaPosition?, clientAddress: String?) async throws -> Date? {
        try await environment.database.transaction { db in
            let throttles = LoginThrottleRepository(db)
            var lock: Date?
            for (key, policy) in keys {
                if let until = try await throttles.lockIfExhausted(key, at: moment, policy: policy) { lock = max(lock ?? until, until) }
            }
            if let lock {
                try await AuditRepository(db).append(AuditEntry(
                    actor: actor, action: "auth.lockout", entityType: "account", entityID: entityID, area: area,
                    summary: "Tạm khóa đăng nhập đến \(VietnameseFormat.dateTime(lock)) sau nhiều lần nhập sai (\(clientAddress ?? "?"))"),
                    at: moment)
                // Counters whose window and lock have passed change no answer; drop them while here.
                try await throttles.prune(before: moment, policy: .address)
            }
            return lock
        }
    }

    /// The secret was right: the account's counter starts again, the address gets its attempt back.
    func succeeded(in db: any SQLDatabase) async throws {
        let throttles = LoginThrottleRepository(db)
        for (index, entry) in keys.enumerated() {
            if index == 0 { try await throttles.clear(entry.key) } else { try await throttles.refund(entry.key) }
        }
    }
}
