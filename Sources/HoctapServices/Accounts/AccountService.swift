import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What a new account needs, as typed into a form, the API or the command line.
public struct AccountDraft: Sendable, Codable {
    public var username: String
    public var displayName: String
    public var password: String
    public var role: Role
    public var areaID: Area.ID

    public init(username: String, displayName: String, password: String, role: Role, areaID: Area.ID) {
        self.username = username
        self.displayName = displayName
        self.password = password
        self.role = role
        self.areaID = areaID
    }
}

/// Creating, listing, disabling accounts and changing passwords, within the actor's subtree.
public struct AccountService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Accounts bound to areas inside the actor's subtree.
    public func list(by actor: Actor, search: String? = nil, start: PageStart = .first, pageSize: Int = 100) async throws -> PagedRows<AccountRecord> {
        try Authorization.require(actor, .viewAccounts(in: actor.scope))
        return try await environment.database.read { try await AccountRepository($0).list(within: actor.scope, search: search, start: start, limit: pageSize) }
    }

    /// One account, if it lies inside the actor's subtree.
    public func find(_ id: Int64, by actor: Actor) async throws -> AccountRecord {
        try Authorization.require(actor, .viewAccounts(in: actor.scope))
        guard let account = try await environment.database.read({ try await AccountRepository($0).find(id: id, within: actor.scope) }) else {
            throw ServiceError.notFound("Không tìm thấy tài khoản.")
        }
        return account
    }

    /// One account the actor may change (role, area, locking): 404 outside the subtree, 403 for a
    /// role the actor does not manage or for the actor's own account.
    public func findManageable(_ id: Int64, by actor: Actor) async throws -> AccountRecord {
        let account = try await find(id, by: actor)
        try Authorization.require(actor, .manageAccount(role: account.role, at: account.area.position))
        if account.id == actor.accountID { throw ServiceError.forbidden("Không thể tự đổi vai trò hay khóa tài khoản của chính mình.") }
        return account
    }

    /// Creates an account. `actor` is `nil` only for the operator at the command line, who may
    /// create any account (the first national administrator is made that way).
    public func create(_ draft: AccountDraft, by actor: Actor?) async throws -> AccountRecord {
        var draft = draft
        draft.username = draft.username.trimmingCharacters(in: .whitespaces).lowercased()
        draft.displayName = VietnameseText.normalized(draft.displayName)
        var issues: [FieldIssue] = []
        if let problem = Credentials.validateUsername(draft.username) { issues.append(FieldIssue("username", problem)) }
        if draft.displayName.isEmpty { issues.append(FieldIssue("displayName", "Hãy nhập họ tên.")) }
        if draft.displayName.count > 100 { issues.append(FieldIssue("displayName", "Họ tên dài quá 100 ký tự.")) }
        if let problem = Credentials.validatePassword(draft.password, username: draft.username) {
            issues.append(FieldIssue("password", problem))
        }
        let area = try await environment.database.read { db in
            try await AreaRepository(db).find(id: draft.areaID, within: actor?.scope ?? .nation)
        }
        guard let area, area.isCurrent else {
            issues.append(FieldIssue("areaID", "Không tìm thấy địa bàn này trong phạm vi của bạn."))
            throw ServiceError.invalid(issues)
        }
        if !draft.role.allowedLevels.contains(area.level) {
            // A role at the wrong level is a mistake in the form, not a lack of rights.
            issues.append(FieldIssue("role", "Vai trò \(draft.role.label) không gắn được với \(area.fullName) (cấp \(area.level.label))."))
        } else if let actor,
                  case .forbidden(let reason) = AccessPolicy.decide(actor, .manageAccount(role: draft.role, at: area.position)) {
            throw ServiceError.forbidden(reason)
        }
        guard issues.isEmpty else { throw ServiceError.invalid(issues) }

        let hash = try await environment.passwordHasher.hash(draft.password)
        let moment = environment.clock.now()
        do {
            return try await environment.database.transaction { db in
                let accounts = AccountRepository(db)
                let id = try await accounts.insert(
                    NewAccount(username: draft.username, displayName: draft.displayName, passwordHash: hash,
                               role: draft.role, areaID: area.id, createdBy: actor?.accountID), at: moment)
                let account = try await accounts.find(id: id)!
                try await AuditRepository(db).append(AuditEntry(
                    actor: actor.map(AuditActor.init) ?? .commandLine, action: "account.create", entityType: "account",
                    entityID: String(id), area: area.position,
                    summary: "Tạo tài khoản \(account.username) (\(account.role.label)) tại \(area.fullName)",
                    after: AuditEntry.json(AccountSnapshot(account))), at: moment)
                return account
            }
        } catch where ConstraintViolation(error) == .unique {
            throw ServiceError.invalid([FieldIssue("username", "Tên đăng nhập \"\(draft.username)\" đã có người dùng.")])
        }
    }

    /// Disables or re-enables an account; disabling also ends all its sessions.
    public func setDisabled(_ id: Int64, disabled: Bool, expectedVersion: Int?, by actor: Actor?) async throws -> AccountRecord {
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let accounts = AccountRepository(db)
            guard let account = try await accounts.find(id: id, within: actor?.scope ?? .nation) else {
                throw ServiceError.notFound("Không tìm thấy tài khoản.")
            }
            if let actor {
                try Authorization.require(actor, .manageAccount(role: account.role, at: account.area.position))
                if account.id == actor.accountID {
                    throw ServiceError.forbidden("Không thể tự khóa tài khoản của chính mình.")
                }
            }
            if account.isDisabled == disabled { return account }
            do {
                try await accounts.setDisabled(id: id, disabled, expectedVersion: expectedVersion ?? account.version, at: moment)
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict(conflict.description)
            }
            if disabled { try await SessionRepository(db).deleteAll(accountID: id) }
            let updated = try await accounts.find(id: id)!
            try await AuditRepository(db).append(AuditEntry(
                actor: actor.map(AuditActor.init) ?? .commandLine, action: disabled ? "account.disable" : "account.enable",
                entityType: "account", entityID: String(id), area: account.area.position,
                summary: "\(disabled ? "Khóa" : "Mở khóa") tài khoản \(account.username)",
                before: AuditEntry.json(AccountSnapshot(account)), after: AuditEntry.json(AccountSnapshot(updated))), at: moment)
            return updated
        }
    }

    /// Gives an account another role or binds it to another area: a change of privilege, so
    /// every session of that account ends and the official signs in again under the new rights
    /// (a session opened with the old ones never carries over). The actor must be allowed to
    /// manage the account as it is and as it will be; nobody changes their own.
    public func changeRole(_ id: Int64, to role: Role, areaCode: String, expectedVersion: Int, by actor: Actor?) async throws -> AccountRecord {
        let moment = environment.clock.now()
        let scope = actor?.scope ?? .nation
        return try await environment.database.transaction { db in
            let accounts = AccountRepository(db)
            guard let account = try await accounts.find(id: id, within: scope) else { throw ServiceError.notFound("Không tìm thấy tài khoản.") }
            if let actor {
                try Authorization.require(actor, .manageAccount(role: account.role, at: account.area.position))
                if account.id == actor.accountID { throw ServiceError.forbidden("Không thể tự đổi vai trò của chính mình.") }
            }
            let code = areaCode.trimmingCharacters(in: .whitespaces)
            let areas = AreaRepository(db)
            var area: Area?
            for level in AreaLevel.allCases where role.allowedLevels.contains(level) {
                // The nation has no code of its own: empty or "VN", as `hoctap user create --area VN`.
                let found = level == .nation ? (code.isEmpty || code.uppercased() == "VN" ? try await areas.nation() : nil)
                                             : try await areas.current(level: level, code: code)
                if let found, scope.contains(found.position) { area = found; break }
            }
            guard let area else {
                throw ServiceError.invalid([FieldIssue("areaCode", code.isEmpty ? "Hãy nhập mã địa bàn."
                    : "Không có \(role.allowedLevels.sorted().map { $0.label.lowercased() }.joined(separator: " hay ")) mã \"\(code.prefix(20))\" trong phạm vi của bạn (tài khoản \(role.label) gắn với cấp đó).")])
            }
            if let actor, case .forbidden(let reason) = AccessPolicy.decide(actor, .manageAccount(role: role, at: area.position)) {
                throw ServiceError.invalid([FieldIssue("role", reason)])
            }
            if account.role == role && account.area.id == area.id { return account }
            do {
                try await accounts.updateRole(id: id, role: role, areaID: area.id, expectedVersion: expectedVersion, at: moment)
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict(conflict.description)
            }
            try await SessionRepository(db).deleteAll(accountID: id)
            let updated = try await accounts.find(id: id)!
            try await AuditRepository(db).append(AuditEntry(
                actor: actor.map(AuditActor.init) ?? .commandLine, action: "account.role_change", entityType: "account",
                entityID: String(id), area: area.position,
                summary: "Đổi tài khoản \(account.username) từ \(account.role.label) tại \(account.area.fullName) thành \(role.label) tại \(area.fullName); các phiên đăng nhập của tài khoản đã kết thúc",
                before: AuditEntry.json(AccountSnapshot(account)), after: AuditEntry.json(AccountSnapshot(updated))), at: moment)
            return updated
        }
    }

    /// Changes the actor's own password after checking the current one; ends every other session.
    public func changePassword(of actor: Actor, current: String, new: String, keepingSession tokenHash: String?) async throws {
        guard let account = try await environment.database.read({ try await AccountRepository($0).find(id: actor.accountID) }) else {
            throw ServiceError.unauthenticated("Phiên đăng nhập không còn hiệu lực.")
        }
        // Counted with the sign-in attempts: a stolen session cannot guess the password here.
        let attempts = SecretAttempts(environment: environment, username: account.username)
        try await attempts.claim()
        guard try await environment.passwordHasher.verify(current, against: account.passwordHash) else {
            if let lock = try await attempts.failed(audit: AuditActor(actor), entityID: String(account.id), area: account.area.position,
                                                    clientAddress: nil) {
                throw ServiceError.throttled(until: lock)
            }
            throw ServiceError.invalid([FieldIssue("currentPassword", "Mật khẩu hiện tại không đúng.")])
        }
        try await environment.database.transaction { try await attempts.succeeded(in: $0) }
        if let problem = Credentials.validatePassword(new, username: account.username) {
            throw ServiceError.invalid([FieldIssue("newPassword", problem)])
        }
        if current == new {
            throw ServiceError.invalid([FieldIssue("newPassword", "Mật khẩu mới phải khác mật khẩu hiện tại.")])
        }
        let hash = try await environment.passwordHasher.hash(new)
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            try await AccountRepository(db).updatePassword(id: account.id, hash: hash, at: moment)
            try await SessionRepository(db).deleteAll(accountID: account.id, keeping: tokenHash)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "account.password_change", entityType: "account",
                entityID: String(account.id), area: account.area.position,
                summary: "Đổi mật khẩu tài khoản \(account.username); các phiên khác đã kết thúc"), at: moment)
        }
    }
}

/// The audited view of an account: never the password hash.
struct AccountSnapshot: Codable {
    var username: String
    var displayName: String
    var role: String
    var areaCode: String
    var disabled: Bool

    init(_ account: AccountRecord) {
        username = account.username
        displayName = account.displayName
        role = account.role.rawValue
        areaCode = account.area.code
        disabled = account.isDisabled
    }
}
