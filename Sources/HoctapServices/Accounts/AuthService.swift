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
        let accountKey = "account:" + VietnameseText.normalized(String(username.prefix(64)))
        let addressKey = "address:" + VietnameseText.normalized(clientAddress ?? "unknown")
        let moment = environment.clock.now()

        let lockedUntil = try await environment.database.read { db in
            let throttles = LoginThrottleRepository(db)
            let byAccount = try await throttles.lockedUntil(accountKey, at: moment)
            let byAddress = try await throttles.lockedUntil(addressKey, at: moment)
            return [byAccount, byAddress].compactMap { $0 }.max()
        }
        if let lockedUntil { throw ServiceError.throttled(until: lockedUntil) }

        // A name that breaks the user-name rules cannot exist; do not send it to the database.
        let account = Credentials.validateUsername(username) != nil ? nil
            : try await environment.database.read { try await AccountRepository($0).find(username: username) }
        // Verify against a fixed hash when the name is unknown, so timing does not reveal which names exist.
        let passwordMatches = try await environment.passwordHasher.verify(password, against: account?.passwordHash ?? Self.decoyHash)
        // A wrong password, or a wrong or missing second-factor code: counted the same way.
        func refuse(_ message: String) async throws -> Never {
            let lock = try await environment.database.transaction { db in
                let throttles = LoginThrottleRepository(db)
                let byAccount = try await throttles.recordFailure(accountKey, at: moment, policy: .account)
                let byAddress = try await throttles.recordFailure(addressKey, at: moment, policy: .address)
                if let until = byAccount ?? byAddress {
                    try await AuditRepository(db).append(AuditEntry(
                        actor: AuditActor(accountID: account?.id, label: username), action: "auth.lockout",
                        entityType: "account", entityID: account.map { String($0.id) }, area: account?.area.position,
                        summary: "Tạm khóa đăng nhập đến \(VietnameseFormat.dateTime(until)) sau nhiều lần sai mật khẩu (\(clientAddress ?? "?"))"),
                        at: moment)
                }
                return byAccount ?? byAddress
            }
            if let lock { throw ServiceError.throttled(until: lock) }
            throw ServiceError.unauthenticated(message)
        }
        guard let account, passwordMatches else { try await refuse("Tên đăng nhập hoặc mật khẩu không đúng.") }
        if try await !TwoFactorService(environment).accepts(code, account: account.id, at: moment) {
            try await refuse((code ?? "").isEmpty
                ? "Tài khoản này bật xác thực hai bước: nhập cả mã 6 số trong ứng dụng xác thực."
                : "Mã xác thực không đúng, đã hết hạn hoặc đã dùng; chờ mã mới rồi nhập lại.")
        }
        if account.isDisabled {
            throw ServiceError.unauthenticated("Tài khoản này đã bị khóa. Hãy liên hệ cán bộ quản lý tài khoản.")
        }

        let token = Secrets.token()
        let csrf = Secrets.token()
        let expiresAt = moment.addingTimeInterval(kind == .api ? policy.apiIdle : policy.browserIdle)
        try await environment.database.transaction { db in
            try await LoginThrottleRepository(db).clear(accountKey)
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

    /// A real bcrypt hash of a random string (computed once), used when the user name does not
    /// exist so that the failed check costs as much as a real one.
    static let decoyHash = Bcrypt.hash(Secrets.token(), cost: 12)
}
