import Configuration
import Foundation
import HoctapStorage
import Logging

/// Settings of a hoctap process, read through swift-configuration so that the command line
/// overrides the environment (`HOCTAP_…` variables), which overrides the defaults.
public struct AppConfig: Sendable {
    public var databaseURL: DatabaseURL
    public var host: String
    public var port: Int
    /// Where uploaded files and the default SQLite database live.
    public var dataDirectory: String
    public var logLevel: Logger.Level
    public var logFormat: LogFormat
    /// bcrypt work factor for new password hashes.
    public var bcryptCost: UInt8
    /// Send cookies only over HTTPS: as `HOCTAP_COOKIES_SECURE` says, else when `HOCTAP_PUBLIC_URL`
    /// is https, else unless the server listens on loopback.
    public var secureCookies: Bool
    /// Tell browsers to use HTTPS only (HSTS): when `HOCTAP_PUBLIC_URL` is https.
    public var strictTransport: Bool
    /// The reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed
    /// (`HOCTAP_HTTP_TRUSTED_PROXIES`); none by default.
    public var trustedProxies: TrustedProxies
    /// Largest form or JSON body accepted.
    public var maximumRequestBytes: Int
    /// Largest uploaded file accepted.
    public var maximumUploadBytes: Int
    /// Base64 of the 32-byte master key that seals citizen ID numbers (`HOCTAP_PERSONAL_DATA_KEY`);
    /// when absent, `<data dir>/personal-data.key` is used (created on first start).
    public var personalDataKey: String?
    /// A GeoJSON FeatureCollection whose features carry the areas' `code` (`HOCTAP_MAP_GEOJSON`),
    /// for the dashboards' choropleth maps; no map without it.
    public var mapGeoJSON: String?
    /// Seconds a national or provincial dashboard is reused (`HOCTAP_DASHBOARD_CACHE_SECONDS`,
    /// default 0: always live).
    public var dashboardCacheSeconds: Int
    /// The site's public address (`HOCTAP_PUBLIC_URL`, e.g. https://hoctap.example.vn) for
    /// feeds, the sitemap, OAI-PMH identifiers and link previews; the request's host when unset.
    public var publicURL: String?
    /// The contact harvesters see in the OAI-PMH `Identify` answer (`HOCTAP_ADMIN_EMAIL`);
    /// `hoctap@<host>` when unset.
    public var adminEmail: String?
    /// Seconds a connection may stay silent, mid-request or between requests, before the server
    /// closes it (`HOCTAP_HTTP_IDLE_TIMEOUT_SECONDS`): stalled and slow clients do not hold
    /// connections open.
    public var idleTimeoutSeconds: Int
    /// The bearer token a Prometheus scraper presents to read `/metrics`
    /// (`HOCTAP_METRICS_TOKEN`, at least 16 characters); no metrics without it.
    public var metricsToken: String?
    /// Let the library harvester reach loopback and private addresses
    /// (`HOCTAP_HARVEST_ALLOW_PRIVATE`, for tests or a library on the same intranet); off by default.
    public var harvestAllowPrivate: Bool

    public enum LogFormat: String, Sendable {
        case text, json
    }

    public init(
        databaseURL: DatabaseURL, host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./hoctap-data",
        logLevel: Logger.Level = .info, logFormat: LogFormat = .text, bcryptCost: UInt8 = 12, secureCookies: Bool? = nil,
        trustedProxies: TrustedProxies = TrustedProxies(), maximumRequestBytes: Int = 1 << 20, maximumUploadBytes: Int = 10 << 20,
        personalDataKey: String? = nil, mapGeoJSON: String? = nil, dashboardCacheSeconds: Int = 0, publicURL: String? = nil,
        adminEmail: String? = nil, idleTimeoutSeconds: Int = 30, metricsToken: String? = nil,
        harvestAllowPrivate: Bool = false
    ) {
        self.harvestAllowPrivate = harvestAllowPrivate
        self.metricsToken = metricsToken
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.publicURL = publicURL
        self.adminEmail = adminEmail
        self.dashboardCacheSeconds = dashboardCacheSeconds
        self.mapGeoJSON = mapGeoJSON
        self.personalDataKey = personalDataKey
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.logLevel = logLevel
        self.logFormat = logFormat
        self.bcryptCost = bcryptCost
        // The public address says whether people reach hoctap over HTTPS (a TLS proxy in front of
        // a server listening on loopback is the usual production set-up); without one, only a
        // server bound to loopback is taken to be plain HTTP.
        let publicScheme = publicURL.flatMap { URLComponents(string: $0)?.scheme?.lowercased() }
        self.secureCookies = secureCookies ?? publicScheme.map { $0 == "https" } ?? !["127.0.0.1", "localhost", "::1"].contains(host)
        self.strictTransport = publicScheme == "https"
        self.trustedProxies = trustedProxies
        self.maximumRequestBytes = maximumRequestBytes
        self.maximumUploadBytes = maximumUploadBytes
    }

    /// Reads `hoctap.*` keys (environment: `HOCTAP_DATABASE_URL`, `HOCTAP_HTTP_PORT`…).
    ///
    /// - Parameter defaultDatabaseFile: the SQLite file under the data directory used when no
    ///   database URL is configured (`hoctap.sqlite` for `serve`, `demo.sqlite` for `demo`).
    public init(reader: ConfigReader, defaultDatabaseFile: String = "hoctap.sqlite") throws {
        let config = reader.scoped(to: "hoctap")
        let dataDirectory = config.string(forKey: "data.dir", default: "./hoctap-data")
        let databaseText = config.string(forKey: "database.url")
            ?? "sqlite://" + (dataDirectory as NSString).appendingPathComponent(defaultDatabaseFile)
        let levelText = config.string(forKey: "log.level", default: "info")
        guard let level = Logger.Level(rawValue: levelText.lowercased()) else {
            throw DatabaseConfigurationError("HOCTAP_LOG_LEVEL=\(levelText) không hợp lệ; dùng trace, debug, info, notice, warning, error hoặc critical.")
        }
        let formatText = config.string(forKey: "log.format", default: "text")
        guard let format = LogFormat(rawValue: formatText) else {
            throw DatabaseConfigurationError("HOCTAP_LOG_FORMAT=\(formatText) không hợp lệ; dùng text hoặc json.")
        }
        let port = config.int(forKey: "http.port", default: 8080)
        guard (1...65_535).contains(port) else {
            throw DatabaseConfigurationError("HOCTAP_HTTP_PORT=\(port) phải nằm trong 1–65535.")
        }
        let cacheSeconds = config.int(forKey: "dashboard.cache.seconds", default: 0)
        guard (0...3_600).contains(cacheSeconds) else {
            throw DatabaseConfigurationError("HOCTAP_DASHBOARD_CACHE_SECONDS=\(cacheSeconds) phải nằm trong 0–3600.")
        }
        let cost = config.int(forKey: "bcrypt.cost", default: 12)
        guard (4...16).contains(cost) else {
            throw DatabaseConfigurationError("HOCTAP_BCRYPT_COST=\(cost) phải nằm trong 4–16.")
        }
        let idleTimeout = config.int(forKey: "http.idle.timeout.seconds", default: 30)
        guard (1...3_600).contains(idleTimeout) else {
            throw DatabaseConfigurationError("HOCTAP_HTTP_IDLE_TIMEOUT_SECONDS=\(idleTimeout) phải nằm trong 1–3600.")
        }
        if config.string(forKey: "http.trust.proxy") != nil {
            throw DatabaseConfigurationError("HOCTAP_HTTP_TRUST_PROXY không còn dùng: hãy ghi địa chỉ hoặc dải địa chỉ của reverse proxy vào HOCTAP_HTTP_TRUSTED_PROXIES (ví dụ 127.0.0.1,10.0.0.0/8).")
        }
        let proxies: TrustedProxies
        switch TrustedProxies.parse(config.string(forKey: "http.trusted.proxies", default: "")) {
        case .success(let parsed): proxies = parsed
        case .failure(let invalid):
            throw DatabaseConfigurationError("HOCTAP_HTTP_TRUSTED_PROXIES: \"\(invalid.entry)\" không phải địa chỉ IP hay dải CIDR (ví dụ 10.0.0.0/8).")
        }
        let metricsToken = config.string(forKey: "metrics.token", isSecret: true)
        if let metricsToken, metricsToken.count < 16 {
            throw DatabaseConfigurationError("HOCTAP_METRICS_TOKEN phải dài ít nhất 16 ký tự (một chuỗi ngẫu nhiên, như với openssl rand -hex 24).")
        }
        let publicURL = config.string(forKey: "public.url")
        if let publicURL {
            guard let parsed = URLComponents(string: publicURL), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host?.isEmpty == false,
                  parsed.query == nil else {
                throw DatabaseConfigurationError("HOCTAP_PUBLIC_URL=\(publicURL) phải là một địa chỉ http(s) không kèm tham số, ví dụ https://hoctap.example.vn.")
            }
        }
        self.init(
            databaseURL: try DatabaseURL(parsing: databaseText),
            host: config.string(forKey: "http.host", default: "127.0.0.1"),
            port: port,
            dataDirectory: dataDirectory,
            logLevel: level,
            logFormat: format,
            bcryptCost: UInt8(cost),
            secureCookies: config.bool(forKey: "cookies.secure"),
            trustedProxies: proxies,
            maximumRequestBytes: config.int(forKey: "http.max.request.bytes", default: 1 << 20),
            maximumUploadBytes: config.int(forKey: "http.max.upload.bytes", default: 10 << 20),
            personalDataKey: config.string(forKey: "personal.data.key", isSecret: true),
            mapGeoJSON: config.string(forKey: "map.geojson"),
            dashboardCacheSeconds: cacheSeconds,
            publicURL: publicURL,
            adminEmail: config.string(forKey: "admin.email"),
            idleTimeoutSeconds: idleTimeout,
            metricsToken: metricsToken,
            harvestAllowPrivate: config.bool(forKey: "harvest.allow.private", default: false)
        )
    }
}
