import Foundation
import HoctapDomain
import SQLKit

/// An account as stored, with the area it is bound to.
public struct AccountRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var role: Role
    public var area: Area
    public var disabledAt: Date?
    public var createdAt: Date
    public var version: Int

    public var isDisabled: Bool { disabledAt != nil }

    /// The actor this account acts as once signed in.
    public var actor: Actor {
        Actor(accountID: id, username: username, displayName: displayName, role: role, scope: area.position)
    }
}

/// The fields of a new account; the password arrives already hashed.
public struct NewAccount: Sendable {
    public var username: String
    public var displayName: String
    public var passwordHash: String
    public var role: Role
    public var areaID: Area.ID
    public var createdBy: Int64?

    public init(username: String, displayName: String, passwordHash: String, role: Role, areaID: Area.ID, createdBy: Int64?) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.areaID = areaID
        self.createdBy = createdBy
    }
}

public struct AccountRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let select: SQLQueryString = """
        SELECT u.id AS account_id, u.username, u.display_name, u.password_hash, u.role, u.disabled_at,
               u.created_at AS account_created_at, u.version AS account_version, \(AreaRepository.columns)
        FROM accounts u JOIN areas a ON a.id = u.area_id
        """

    static func decode(_ row: any SQLRow) throws -> AccountRecord {
        AccountRecord(
            id: try row.decode(column: "account_id", as: Int64.self),
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            passwordHash: try row.decode(column: "password_hash", as: String.self),
            role: try row.enumValue("role", as: Role.self),
            area: try AreaRepository.decode(row),
            disabledAt: try row.decode(column: "disabled_at", as: Int64?.self).map(Date.init(epochSeconds:)),
            createdAt: Date(epochSeconds: try row.decode(column: "account_created_at", as: Int64.self)),
            version: try row.decode(column: "account_version", as: Int.self)
        )
    }

    public func find(id: Int64) async throws -> AccountRecord? {
        try await db.raw("\(Self.select) WHERE u.id = \(bind: id)").first().map(Self.decode)
    }

    public func find(username: String) async throws -> AccountRecord? {
        try await db.raw("\(Self.select) WHERE u.username = \(bind: username)").first().map(Self.decode)
    }

    /// The account if its area lies inside `scope`; `nil` when absent or elsewhere alike.
    public func find(id: Int64, within scope: AreaPosition) async throws -> AccountRecord? {
        try await db.raw("\(Self.select) WHERE u.id = \(bind: id) AND \(ScopeFilter.areas(scope))")
            .first().map(Self.decode)
    }

    /// Accounts bound to areas inside `scope`, by area and then user name, a page at a time by key.
    public func list(within scope: AreaPosition, search: String? = nil, start: PageStart = .first, limit: Int = 100) async throws -> PagedRows<AccountRecord> {
        var filter: SQLQueryString = "\(ScopeFilter.areas(scope))"
        if let search, !VietnameseText.fold(search).isEmpty {
            let pattern = "%" + likeEscaped(VietnameseText.fold(search)) + "%"
            filter += " AND (u.username LIKE \(bind: pattern) ESCAPE '\\' OR a.search_name LIKE \(bind: pattern) ESCAPE '\\')"
        }
        let list = KeysetList(select: Self.select, countFrom: "accounts u JOIN areas a ON a.id = u.area_id", table: "accounts", alias: "u",
                              filter: filter, keys: ["area_id", "username"])
        return try await list.page(start, limit: max(1, min(limit, 1000)), on: db, Self.decode)
    }

    /// Inserts an account; a taken user name surfaces as `ConstraintViolation.unique`.
    public func insert(_ new: NewAccount, at moment: Date) async throws -> Int64 {
        let now = moment.epochSeconds
        guard let id = try await db.raw("""
            INSERT INTO accounts (username, display_name, password_hash, role, area_id, password_changed_at,
                                  created_by, version, created_at, updated_at)
            VALUES (\(bind: new.username), \(bind: new.displayName), \(bind: new.passwordHash), \(bind: new.role.rawValue),
                    \(bind: new.areaID), \(bind: now), \(bind: new.createdBy), 1, \(bind: now), \(bind: now))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self) else {
            throw StoredValueError(description: "Không nhận được mã tài khoản mới.")
        }
        return id
    }

    /// Disables or re-enables an account if `expectedVersion` is still current.
    public func setDisabled(id: Int64, _ disabled: Bool, expectedVersion: Int, at moment: Date) async throws {
        let updated = try await db.raw("""
            UPDATE accounts SET disabled_at = \(bind: disabled ? moment.epochSeconds : nil),
                version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion)
            RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Tài khoản") }
    }

    /// Moves an account to another role or area if `expectedVersion` is still current.
    public func updateRole(id: Int64, role: Role, areaID: Int64, expectedVersion: Int, at moment: Date) async throws {
        let updated = try await db.raw("""
            UPDATE accounts SET role = \(bind: role.rawValue), area_id = \(bind: areaID),
                version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion)
            RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Tài khoản") }
    }

    public func updatePassword(id: Int64, hash: String, at moment: Date) async throws {
        try await db.raw("""
            UPDATE accounts SET password_hash = \(bind: hash), password_changed_at = \(bind: moment.epochSeconds),
                version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id)
            """).run()
    }

    /// Number of accounts in the database (any state); the demo uses it to tell a fresh database.
    public func count() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM accounts").first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
