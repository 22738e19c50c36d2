import Foundation
import HoctapDomain
import HoctapStorage

/// Optional two-factor sign-in with an authenticator app (TOTP), for officers who sign
/// decisions and anyone else who wants it: set up with a secret shown once, turned on by its
/// first code, and from then on every sign-in needs a fresh code. Secrets are sealed with a key
/// kept outside the database; a code works once.
public struct TwoFactorService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    public struct Setup: Sendable {
        public var secret: String
        public var uri: String
    }

    func protector() throws -> PersonalDataProtector {
        guard let protector = environment.personalData else {
            throw ServiceError.conflict("Máy chủ chưa có khóa bảo vệ dữ liệu (HOCTAP_PERSONAL_DATA_KEY); chưa bật được xác thực hai bước.")
        }
        return protector
    }

    public func isEnabled(for actor: Actor) async throws -> Bool {
        try await environment.database.read { try await TwoFactorRepository($0).state(of: actor.accountID).isEnabled }
    }

    /// Whether a sign-in may go on: always without two-factor, with it only for a fresh code
    /// (which is then used up).
    func accepts(_ code: String?, account: Int64, at moment: Date) async throws -> Bool {
        let state = try await environment.database.read { try await TwoFactorRepository($0).state(of: account) }
        guard let sealed = state.secret else { return true }
        guard let code, let step = TOTP.matchingStep(code, secret: try protector().openSecret(sealed, account: account), at: moment) else { return false }
        return try await environment.database.transaction { try await TwoFactorRepository($0).use(step: step, account: account) }
    }

    /// Starts a setup: a new secret, kept pending until its first code confirms it.
    public func begin(by actor: Actor) async throws -> Setup {
        let secret = TOTP.newSecret()
        let sealed = try protector().sealSecret(secret, account: actor.accountID)
        try await environment.database.transaction { try await TwoFactorRepository($0).setPending(sealed, account: actor.accountID) }
        return Setup(secret: Base32.encode(secret), uri: TOTP.provisioningURI(secret: secret, account: actor.username))
    }

    /// The pending setup again (to show the secret after a wrong code), if there is one.
    public func pending(for actor: Actor) async throws -> Setup? {
        let state = try await environment.database.read { try await TwoFactorRepository($0).state(of: actor.accountID) }
        guard let sealed = state.pending else { return nil }
        let secret = try protector().openSecret(sealed, account: actor.accountID)
        return Setup(secret: Base32.encode(secret), uri: TOTP.provisioningURI(secret: secret, account: actor.username))
    }

    /// Turns two-factor sign-in on with the first code of the pending secret. Every other
    /// session of the account ends: they were opened with the password alone, and a session
    /// someone stole before would otherwise outlive the stronger sign-in.
    public func confirm(code: String, by actor: Actor, keepingSession tokenHash: String?) async throws {
        let moment = environment.clock.now()
        let state = try await environment.database.read { try await TwoFactorRepository($0).state(of: actor.accountID) }
        guard let sealed = state.pending else { throw ServiceError.conflict("Chưa bắt đầu cài đặt; bấm \"Bắt đầu\" để nhận khóa bí mật.") }
        guard let step = TOTP.matchingStep(code, secret: try protector().openSecret(sealed, account: actor.accountID), at: moment) else {
            throw ServiceError.invalid([FieldIssue("code", "Mã không khớp. Kiểm tra giờ của điện thoại và nhập mã đang hiện.")])
        }
        try await environment.database.transaction { db in
            try await TwoFactorRepository(db).enable(sealed, step: step, account: actor.accountID)
            try await SessionRepository(db).deleteAll(accountID: actor.accountID, keeping: tokenHash)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "account.two-factor.on", entityType: "account", entityID: String(actor.accountID), area: actor.scope,
                summary: "Bật xác thực hai bước cho \(actor.username); các phiên đăng nhập khác đã kết thúc"), at: moment)
        }
    }

    /// Turns it off, with a current code (a stolen session alone cannot).
    public func disable(code: String, by actor: Actor) async throws {
        let moment = environment.clock.now()
        guard try await isEnabled(for: actor) else { throw ServiceError.conflict("Xác thực hai bước chưa bật.") }
        // Counted with the sign-in attempts: a stolen session cannot try a million codes.
        let attempts = SecretAttempts(environment: environment, username: actor.username)
        try await attempts.claim()
        guard try await accepts(code, account: actor.accountID, at: moment) else {
            if let lock = try await attempts.failed(audit: AuditActor(actor), entityID: String(actor.accountID), area: actor.scope,
                                                    clientAddress: nil) {
                throw ServiceError.throttled(until: lock)
            }
            throw ServiceError.invalid([FieldIssue("code", "Mã không đúng hoặc đã dùng; nhập mã đang hiện trong ứng dụng.")])
        }
        try await environment.database.transaction { db in
            try await attempts.succeeded(in: db)
            try await TwoFactorRepository(db).disable(account: actor.accountID)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "account.two-factor.off", entityType: "account", entityID: String(actor.accountID), area: actor.scope,
                summary: "Tắt xác thực hai bước của \(actor.username)"), at: moment)
        }
    }
}
