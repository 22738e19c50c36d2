import SQLKit

/// An account's TOTP state as stored (secrets sealed by the caller).
public struct TwoFactorState: Sendable, Hashable {
    public var secret: String?
    public var pending: String?
    public var lastStep: Int64?

    public var isEnabled: Bool { secret != nil }
}

public struct TwoFactorRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func state(of account: Int64) async throws -> TwoFactorState {
        guard let row = try await db.raw("SELECT totp_secret, totp_pending, totp_last_step FROM accounts WHERE id = \(bind: account)").first() else {
            return TwoFactorState()
        }
        return TwoFactorState(secret: try row.decode(column: "totp_secret", as: String?.self), pending: try row.decode(column: "totp_pending", as: String?.self),
                              lastStep: try row.decode(column: "totp_last_step", as: Int64?.self))
    }

    public func setPending(_ sealed: String?, account: Int64) async throws {
        try await db.raw("UPDATE accounts SET totp_pending = \(bind: sealed) WHERE id = \(bind: account)").run()
    }

    /// Turns the pending secret on, remembering the step that confirmed it.
    public func enable(_ sealed: String, step: Int64, account: Int64) async throws {
        try await db.raw("""
            UPDATE accounts SET totp_secret = \(bind: sealed), totp_pending = NULL, totp_last_step = \(bind: step) WHERE id = \(bind: account)
            """).run()
    }

    public func disable(account: Int64) async throws {
        try await db.raw("UPDATE accounts SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = \(bind: account)").run()
    }

    /// Records a used step if it is newer than the last one; false when the code was used already.
    public func use(step: Int64, account: Int64) async throws -> Bool {
        !(try await db.raw("""
            UPDATE accounts SET totp_last_step = \(bind: step)
            WHERE id = \(bind: account) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
            RETURNING id
            """).all()).isEmpty
    }
}
