import Foundation
import HoctapDomain
import HoctapStorage
import HummingbirdBcrypt
import Logging

/// How long sessions live.
public struct SessionPolicy: Sendable {
    /// A browser session ends after this long without a request.
    public var browserIdle: TimeInterval
    /// …and in any case this long after sign-in.
    public var browserAbsolute: TimeInterval
    /// API tokens end after this long without use.
    public var apiIdle: TimeInterval
    /// Activity refreshes the expiry at most this often, to avoid a write per request.
    public var touchInterval: TimeInterval

    public init(browserIdle: TimeInterval = 8 * 3600, browserAbsolute: TimeInterval = 7 * 86_400,
                apiIdle: TimeInterval = 30 * 86_400, touchInterval: TimeInterval = 300) {
        self.browserIdle = browserIdle
        self.browserAbsolute = browserAbsolute
        self.apiIdle = apiIdle
        self.touchInterval = touchInterval
    }
}

/// A signed-in session as the web layer holds it.
public struct AuthenticatedSession: Sendable {
    /// The secret the client presents; only its digest is stored.
    public var token: String?
    public var tokenHash: String
    public var kind: SessionKind
    public var csrfToken: String
    public var expiresAt: Date
    public var actor: Actor
}

/// Sign-in, session lookup and sign-out, with throttling of failed attempts per account and
/// per client address, shared through the database by every application server.
public struct AuthService: Sendable {
    let environment: ServiceEnvironment
    public let policy: SessionPolicy

    public init(_ environment: ServiceEnvironment, policy: SessionPolicy = SessionPolicy()) {
        self.environment = environment
        self.policy = policy
    }

    /// Checks the credentials and opens a session.
    /// - Parameter code: the six-digit code of an account that turned on two-factor sign-in.
    public func login(username rawUsername: String, password: String, code: String? = nil, kind: SessionKind,
                      clientAddress: String?, userAgent: String?) async throws -> AuthenticatedSession {
        let username = rawUsername.trimmingCharacters(in: .whitespaces).lowercased()
        let attempts = SecretAttempts(environment: environment, keys: [
            (SecretAttempts.accountKey(username), .account), (SecretAttempts.addressKey(clientAddress), .address),
        ])
        let moment = attempts.moment
        // Claimed before the password is checked, so parallel guesses cannot outrun the count.
        try await attempts.claim()

        // A name that breaks the user-name rules cannot exist; do not send it to the database.
        let account = Credentials.validateUsername(username) != nil ? nil
            : try await environment.database.read { try await AccountRepository($0).find(username: username) }
        // Verify against a fixed hash when the name is unknown, so timing does not reveal which names exist.
        let passwordMatches = try await environment.passwordHasher.verify(password, against: account?.passwordHash ?? Self.decoyHash)
        var codeMatches = false
        if passwordMatches, let account {
            codeMatches = try await TwoFactorService(environment).accepts(code, account: account.id, at: moment)
        }
        // A wrong password and a wrong or missing code get the same answer: the message must not
        // tell a guesser that the password was right.
        guard let account, passwordMatches, codeMatches else {
            let lock = try await attempts.failed(audit: AuditActor(accountID: account?.id, label: username),
                                                 entityID: account.map { String($0.id) }, area: account?.area.position,
                                                 clientAddress: clientAddress)
            if let lock { throw ServiceError.throttled(until: lock) }
            throw ServiceError.unauthenticated(Self.wrongCredentials)
        }
        if account.isDisabled {
            throw ServiceError.unauthenticated("Tài khoản này đã bị khóa. Hãy liên hệ cán bộ quản lý tài khoản.")
        }

        let token = Secrets.token()
        let csrf = Secrets.token()
        let expiresAt = moment.addingTimeInterval(kind == .api ? policy.apiIdle : policy.browserIdle)
        try await environment.database.transaction { db in
            try await attempts.succeeded(in: db)
            try await SessionRepository(db).create(
                tokenHash: Secrets.digest(token), accountID: account.id, kind: kind, csrfToken: csrf, at: moment,
                expiresAt: expiresAt, clientAddress: clientAddress, userAgent: userAgent)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(account.actor), action: "auth.login", entityType: "account", entityID: String(account.id),
                area: account.area.position, summary: "Đăng nhập (\(kind.rawValue)) từ \(clientAddress ?? "?")"), at: moment)
        }
        return AuthenticatedSession(token: token, tokenHash: Secrets.digest(token), kind: kind, csrfToken: csrf,
                                    expiresAt: expiresAt, actor: account.actor)
    }

    /// The session a token opens, or `nil` when it is unknown, expired, or its account disabled.
    public func authenticate(token: String) async throws -> AuthenticatedSession? {
        let moment = environment.clock.now()
        let hash = Secrets.digest(token)
        guard let session = try await environment.database.read({ try await SessionRepository($0).find(tokenHash: hash, at: moment) }),
              !session.account.isDisabled else { return nil }
        var expiresAt = session.expiresAt
        if moment.timeIntervalSince(session.lastSeenAt) >= policy.touchInterval {
            let idle = session.kind == .api ? policy.apiIdle : policy.browserIdle
            var next = moment.addingTimeInterval(idle)
            if session.kind == .browser {
                next = min(next, session.createdAt.addingTimeInterval(policy.browserAbsolute))
            }
            expiresAt = next
            try await environment.database.transaction { try await SessionRepository($0).touch(tokenHash: hash, at: moment, expiresAt: next) }
        }
        return AuthenticatedSession(token: nil, tokenHash: hash, kind: session.kind, csrfToken: session.csrfToken,
                                    expiresAt: expiresAt, actor: session.account.actor)
    }

    /// Ends one session.
    public func logout(tokenHash: String, actor: Actor) async throws {
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            try await SessionRepository(db).delete(tokenHash: tokenHash)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "auth.logout", entityType: "account", entityID: String(actor.accountID),
                area: actor.scope, summary: "Đăng xuất"), at: moment)
        }
    }

    /// Ends every session of the actor's account except `keeping` (the one asking), on every
    /// device and application server: for a lost phone or a shared computer.
    public func logoutEverywhereElse(keeping tokenHash: String?, actor: Actor) async throws {
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            try await SessionRepository(db).deleteAll(accountID: actor.accountID, keeping: tokenHash)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "auth.logout_everywhere", entityType: "account", entityID: String(actor.accountID),
                area: actor.scope, summary: "Đăng xuất mọi thiết bị khác"), at: moment)
        }
    }

    /// The one answer to wrong credentials, whichever of the name, password or code was wrong.
    public static let wrongCredentials =
        "Tên đăng nhập hoặc mật khẩu không đúng (hoặc mã xác thực, nếu tài khoản bật xác thực hai bước)."

    /// A real bcrypt hash of a random string (computed once), used when the user name does not
    /// exist so that the failed check costs as much as a real one.
    static let decoyHash = Bcrypt.hash(Secrets.token(), cost: 12)
}
