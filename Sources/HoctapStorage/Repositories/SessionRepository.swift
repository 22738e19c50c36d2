import Foundation
import HoctapDomain
import SQLKit

/// How a session was opened: a browser cookie (needs CSRF tokens) or an API bearer token.
public enum SessionKind: String, Sendable, Codable {
    case browser
    case api
}

/// A live session with the account it belongs to.
public struct SessionRecord: Sendable {
    public var tokenHash: String
    public var kind: SessionKind
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    public var expiresAt: Date
    public var account: AccountRecord
}

/// Server-side sessions, shared by every application server through the database.
public struct SessionRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func create(
        tokenHash: String, accountID: Int64, kind: SessionKind, csrfToken: String,
        at moment: Date, expiresAt: Date, clientAddress: String?, userAgent: String?
    ) async throws {
        try await db.raw("""
            INSERT INTO sessions (token_hash, account_id, kind, csrf_token, created_at, last_seen_at, expires_at,
                                  client_address, user_agent)
            VALUES (\(bind: tokenHash), \(bind: accountID), \(bind: kind.rawValue), \(bind: csrfToken),
                    \(bind: moment.epochSeconds), \(bind: moment.epochSeconds), \(bind: expiresAt.epochSeconds),
                    \(bind: clientAddress.map { String($0.prefix(64)) }), \(bind: userAgent.map { String($0.prefix(256)) }))
            """).run()
    }

    /// The session for `tokenHash` if it exists and has not expired at `moment`.
    public func find(tokenHash: String, at moment: Date) async throws -> SessionRecord? {
        guard let row = try await db.raw("""
            SELECT s.token_hash, s.kind AS session_kind, s.csrf_token, s.created_at AS session_created_at, s.last_seen_at, s.expires_at,
                   u.id AS account_id, u.username, u.display_name, u.password_hash, u.role, u.disabled_at,
                   u.created_at AS account_created_at, u.version AS account_version, \(AreaRepository.columns)
            FROM sessions s JOIN accounts u ON u.id = s.account_id JOIN areas a ON a.id = u.area_id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: moment.epochSeconds)
            """).first() else { return nil }
        return SessionRecord(
            tokenHash: try row.decode(column: "token_hash", as: String.self),
            kind: try row.enumValue("session_kind", as: SessionKind.self),
            csrfToken: try row.decode(column: "csrf_token", as: String.self),
            createdAt: Date(epochSeconds: try row.decode(column: "session_created_at", as: Int64.self)),
            lastSeenAt: Date(epochSeconds: try row.decode(column: "last_seen_at", as: Int64.self)),
            expiresAt: Date(epochSeconds: try row.decode(column: "expires_at", as: Int64.self)),
            account: try AccountRepository.decode(row)
        )
    }

    /// Slides the idle expiry forward.
    public func touch(tokenHash: String, at moment: Date, expiresAt: Date) async throws {
        try await db.raw("""
            UPDATE sessions SET last_seen_at = \(bind: moment.epochSeconds), expires_at = \(bind: expiresAt.epochSeconds)
            WHERE token_hash = \(bind: tokenHash)
            """).run()
    }

    public func delete(tokenHash: String) async throws {
        try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// Ends every session of an account except `keeping` (used after a password change or disable).
    public func deleteAll(accountID: Int64, keeping: String? = nil) async throws {
        try await db.raw("""
            DELETE FROM sessions WHERE account_id = \(bind: accountID) AND token_hash <> \(bind: keeping ?? "")
            """).run()
    }

    /// Removes sessions that expired before `moment`; returns how many.
    @discardableResult
    public func purgeExpired(at moment: Date) async throws -> Int {
        try await db.raw("DELETE FROM sessions WHERE expires_at <= \(bind: moment.epochSeconds) RETURNING token_hash")
            .all().count
    }
}
