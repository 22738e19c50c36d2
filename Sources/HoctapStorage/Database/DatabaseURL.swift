import Foundation
import PostgresNIO

/// Where the database lives, parsed from `HOCTAP_DATABASE_URL`:
/// `sqlite:///absolute/path.sqlite`, `sqlite://relative/path.sqlite`, or
/// `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
public enum DatabaseURL: Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresConnectionSettings)

    public init(parsing text: String) throws {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else {
                throw DatabaseConfigurationError("Đường dẫn SQLite trống: dùng sqlite:///duong/dan/hoctap.sqlite")
            }
            self = .sqlite(path: path.removingPercentEncoding ?? path)
            return
        }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresConnectionSettings(url: text))
            return
        }
        throw DatabaseConfigurationError(
            "HOCTAP_DATABASE_URL không hợp lệ: \"\(text)\". Dùng sqlite:///duong/dan.sqlite hoặc postgres://user:pass@host:5432/db")
    }

    public var engine: DatabaseEngine {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The URL with any password masked, safe to print and log.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let settings): settings.redacted
        }
    }
}

/// Connection settings for PostgreSQL, parsed from a libpq-style URL.
public struct PostgresConnectionSettings: Sendable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// Pool size per application process.
    public var maximumConnections: Int

    public enum TLSMode: String, Sendable {
        case disable, prefer, require
    }

    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw DatabaseConfigurationError("URL PostgreSQL không hợp lệ: cần dạng postgres://user:pass@host:5432/db")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = components.user?.removingPercentEncoding ?? "postgres"
        self.password = components.password?.removingPercentEncoding
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? self.username : path
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let mode = query["sslmode"] ?? "prefer"
        guard let tls = TLSMode(rawValue: mode == "verify-full" ? "require" : mode) else {
            throw DatabaseConfigurationError("sslmode=\(mode) không được hỗ trợ; dùng disable, prefer hoặc require.")
        }
        self.tls = tls
        self.maximumConnections = Int(query["pool_size"] ?? "") ?? 10
    }

    /// The same server with another database name, for test databases cloned from a template.
    public func with(database: String) -> PostgresConnectionSettings {
        var copy = self
        copy.database = database
        return copy
    }

    /// A URL for these settings; the password is included, so never log it.
    public var url: String {
        var text = "postgres://\(username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username)"
        if let password {
            text += ":" + (password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? password)
        }
        return text + "@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }

    var redacted: String {
        "postgres://\(username)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }

    var clientConfiguration: PostgresClient.Configuration {
        let tlsConfiguration: PostgresClient.Configuration.TLS =
            switch tls {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tlsConfiguration)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.minimumConnections = 0
        return configuration
    }
}
