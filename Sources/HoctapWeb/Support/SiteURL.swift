import Foundation
import HoctapDomain

/// Every page and form target of the web UI. Routes are registered from `pattern` and links
/// are built from `path`, so a link cannot point at a route that does not exist.
public enum SiteURL: Hashable, Sendable {
    case home
    case login
    case logout
    case areas
    case area(Area.ID)
    case areaSearch
    case newVillage(commune: Area.ID)
    case importVillages(commune: Area.ID)
    case editVillage(Area.ID)
    case accounts
    case newAccount
    case disableAccount(Int64)
    case enableAccount(Int64)
    case password
    case stylesheet

    /// The concrete path of this page.
    public var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .logout: "/logout"
        case .areas: "/areas"
        case .area(let id): "/areas/\(id)"
        case .areaSearch: "/areas/search"
        case .newVillage(let commune): "/areas/\(commune)/villages/new"
        case .importVillages(let commune): "/areas/\(commune)/villages/import"
        case .editVillage(let id): "/areas/\(id)/edit"
        case .accounts: "/accounts"
        case .newAccount: "/accounts/new"
        case .disableAccount(let id): "/accounts/\(id)/disable"
        case .enableAccount(let id): "/accounts/\(id)/enable"
        case .password: "/account/password"
        case .stylesheet: "/assets/hoctap-\(Stylesheet.version).css"
        }
    }

    /// The route pattern, with `:id` where the path has an identifier.
    public var pattern: String {
        switch self {
        case .area: "/areas/:id"
        case .newVillage: "/areas/:id/villages/new"
        case .importVillages: "/areas/:id/villages/import"
        case .editVillage: "/areas/:id/edit"
        case .disableAccount: "/accounts/:id/disable"
        case .enableAccount: "/accounts/:id/enable"
        default: path
        }
    }

    /// `path` with query parameters, percent-encoded.
    public func with(_ query: [String: String]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.string ?? path
    }
}
