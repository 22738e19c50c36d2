/// The signed-in account on whose behalf a request runs.
public struct Actor: Hashable, Sendable, Codable {
    public typealias ID = Int64

    public var accountID: ID
    public var username: String
    public var displayName: String
    public var role: Role
    /// The area the account is bound to, reduced to its position for scope checks.
    public var scope: AreaPosition

    public init(accountID: ID, username: String, displayName: String, role: Role, scope: AreaPosition) {
        self.accountID = accountID
        self.username = username
        self.displayName = displayName
        self.role = role
        self.scope = scope
    }

    /// The operator at the server's console (`hoctap import`…): the whole country, no account
    /// (identifier 0, which no account has; the audit trail records it as the command line).
    public static let commandLine = Actor(accountID: 0, username: "dòng lệnh", displayName: "Dòng lệnh", role: .nationalAdmin, scope: .nation)

    /// Whether `position` lies inside the account's subtree.
    public func sees(_ position: AreaPosition) -> Bool { scope.contains(position) }
}
