import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// What the application needs from outside, injectable so tests supply their own database,
/// clock and a fast password hasher.
public struct AppDependencies: Sendable {
    public var database: any Database
    public var clock: any WallClock
    public var passwordHasher: any PasswordHasher
    /// The sealing of citizen ID numbers; loaded from the configuration when nil.
    public var personalData: PersonalDataProtector?

    public init(database: any Database, clock: any WallClock = SystemWallClock(), passwordHasher: any PasswordHasher,
                personalData: PersonalDataProtector? = nil) {
        self.database = database
        self.clock = clock
        self.passwordHasher = passwordHasher
        self.personalData = personalData
    }
}

/// Builds the HTTP application; `serve`, `demo` and the tests all start here.
///
/// Without `dependencies` the database named by `config.databaseURL` is opened and closed with
/// the application's lifecycle. The schema must already be migrated (`hoctap migrate`, or the
/// migration `serve` and `demo` run before calling this).
public func buildApplication(config: AppConfig, dependencies: AppDependencies? = nil, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "hoctap")
    logger.logLevel = config.logLevel
    let database: any Database
    if let given = dependencies?.database {
        database = given
    } else {
        database = try await DatabaseFactory.open(config.databaseURL, logger: logger)
    }
    var environment = ServiceEnvironment(
        database: database,
        clock: dependencies?.clock ?? SystemWallClock(),
        passwordHasher: dependencies?.passwordHasher ?? BcryptPasswordHasher(cost: config.bcryptCost),
        logger: logger,
        personalData: try dependencies?.personalData
            ?? PersonalDataProtector.load(base64Key: config.personalDataKey, dataDirectory: config.dataDirectory),
        evidenceStore: EvidenceStore(root: (config.dataDirectory as NSString).appendingPathComponent("evidence")))
    if config.dashboardCacheSeconds > 0 { environment.dashboardCache = DashboardCache(lifetime: TimeInterval(config.dashboardCacheSeconds)) }
    let map = try config.mapGeoJSON.map { try ProgressMap(contentsOf: $0) }
    let router = buildRouter(services: AppServices(environment: environment), config: config, metrics: MetricsRegistry.shared, map: map)
    var app = Application(
        router: router,
        // A connection that sends nothing (a slow or stalled client) is closed after the idle timeout.
        server: .http1(configuration: .init(idleTimeout: .seconds(Int64(config.idleTimeoutSeconds)))),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "hoctap"),
        logger: logger)
    if dependencies == nil {
        app.addServices(DatabaseLifecycle(database: database))
    }
    return app
}

/// Every route of hoctap, with the middleware that guards it. Sections: operations, public
/// pages, signed-in pages, public API, signed-in API.
public func buildRouter(services: AppServices, config: AppConfig, metrics: PrometheusCollectorRegistry,
                        map: ProgressMap? = nil) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.addMiddleware {
        MetricsMiddleware()
        RequestLogMiddleware()
        CompressionMiddleware()
        SecurityHeadersMiddleware(strictTransport: config.strictTransport)
        ErrorMiddleware(secureCookies: config.secureCookies)
        SessionMiddleware(auth: services.auth, proxies: config.trustedProxies)
        CSRFMiddleware(maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
    }

    // Operations and assets: no session needed.
    OperationsController(database: services.database, registry: metrics, metricsToken: config.metricsToken, logger: services.environment.logger).addRoutes(to: router)
    AssetsController().addRoutes(to: router)

    // Pages.
    AuthController(services: services, secureCookies: config.secureCookies, maximumFormBytes: config.maximumRequestBytes)
        .addRoutes(to: router)
    EvaluationController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addPublicRoutes(to: router)
    PublicStatsController(services: services, map: map).addRoutes(to: router)
    LibraryController(services: services).addRoutes(to: router)
    PortalController(services: services, publicURL: config.publicURL).addRoutes(to: router)
    ExemplaryController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes,
                        publicURL: config.publicURL).addPublicRoutes(to: router)
    PortalFeedController(services: services, publicURL: config.publicURL, adminEmail: config.adminEmail)
        .addRoutes(to: router)
    let pages = router.group().add(middleware: RequireSignedInMiddleware())
    HomeController(services: services).addRoutes(to: pages)
    AreaController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: pages)
    AccountController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    CriteriaController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: pages)
    RegistryController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: pages)
    EvaluationController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: pages)
    ProgressController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes, map: map)
        .addRoutes(to: pages)
    AuditController(services: services).addRoutes(to: pages)
    RetentionController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    LearningCentreController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    LearningRecordController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    MovementController(services: services).addRoutes(to: pages)
    NetworkController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    TrainingController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    LibraryAdminController(services: services, maximumFormBytes: config.maximumRequestBytes).addRoutes(to: pages)
    PortalEditorController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: pages)
    ExemplaryController(services: services, maximumFormBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes,
                        publicURL: config.publicURL).addRoutes(to: pages)

    // JSON API.
    router.get("/api/v1/openapi.json") { _, _ in try APIBody.response(OpenAPIDocument.json) }
    let api = router.group("/api/v1").add(middleware: RequireSignedInMiddleware())
    APIAuthController(services: services, maximumBodyBytes: config.maximumRequestBytes).addRoutes(public: router, signedIn: api)
    APIAreaController(services: services, maximumBodyBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: api)
    APIAccountController(services: services, maximumBodyBytes: config.maximumRequestBytes).addRoutes(to: api)
    APICriteriaController(services: services, maximumBodyBytes: config.maximumUploadBytes).addRoutes(to: api)
    APIRegistryController(services: services, maximumBodyBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: api)
    APIEvaluationController(services: services, maximumBodyBytes: config.maximumRequestBytes, maximumUploadBytes: config.maximumUploadBytes)
        .addRoutes(to: api)
    APIProgressController(services: services, maximumBodyBytes: config.maximumRequestBytes).addRoutes(to: api)
    return router
}

/// Closes the database after the HTTP server has stopped taking requests.
struct DatabaseLifecycle: Service {
    let database: any Database

    func run() async throws {
        try? await gracefulShutdown()
        await database.close()
    }
}

/// The process-wide Prometheus registry; swift-metrics can be bootstrapped only once per process.
public enum MetricsRegistry {
    public static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
