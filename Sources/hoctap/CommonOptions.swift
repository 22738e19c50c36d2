import ArgumentParser
import Configuration
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb
import Logging

/// Settings every command accepts; each overrides its `HOCTAP_…` environment variable.
struct CommonOptions: ParsableArguments {
    @Option(help: "Cơ sở dữ liệu: sqlite:///duong/dan.sqlite hoặc postgres://… (HOCTAP_DATABASE_URL)")
    var databaseURL: String?

    @Option(help: "Thư mục dữ liệu (HOCTAP_DATA_DIR, mặc định ./hoctap-data)")
    var dataDir: String?

    @Option(help: "Mức ghi nhật ký: trace, debug, info, notice, warning, error (HOCTAP_LOG_LEVEL)")
    var logLevel: String?

    @Option(help: "Dạng nhật ký: text hoặc json (HOCTAP_LOG_FORMAT)")
    var logFormat: String?

    /// Command line first, then the environment, then the defaults.
    func config(host: String? = nil, port: Int? = nil, defaultDatabaseFile: String = "hoctap.sqlite") throws -> AppConfig {
        var values: [AbsoluteConfigKey: ConfigValue] = [:]
        func set(_ key: String, _ value: String?) {
            if let value { values[AbsoluteConfigKey(key.split(separator: ".").map(String.init))] = .init(.string(value), isSecret: false) }
        }
        set("hoctap.database.url", databaseURL)
        set("hoctap.data.dir", dataDir)
        set("hoctap.log.level", logLevel)
        set("hoctap.log.format", logFormat)
        set("hoctap.http.host", host)
        if let port { values[["hoctap", "http", "port"]] = .init(.int(port), isSecret: false) }
        let reader = ConfigReader(providers: [
            InMemoryProvider(name: "arguments", values: values),
            EnvironmentVariablesProvider(),
        ])
        do {
            return try AppConfig(reader: reader, defaultDatabaseFile: defaultDatabaseFile)
        } catch {
            throw CLIError("\(error)")
        }
    }
}

/// Process-wide logging, configured once from the settings.
enum LogSetup {
    static func bootstrap(_ config: AppConfig) -> Logger {
        let format = config.logFormat
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = config.logLevel
            return handler
        }
        var logger = Logger(label: "hoctap")
        logger.logLevel = config.logLevel
        return logger
    }
}

/// Opens the configured database, runs `body`, and always closes it.
@discardableResult
func withDatabase<T: Sendable>(_ config: AppConfig, logger: Logger, _ body: (any Database) async throws -> T) async throws -> T {
    let database: any Database
    do {
        database = try await DatabaseFactory.open(config.databaseURL, logger: logger)
    } catch {
        throw CLIError("Không mở được cơ sở dữ liệu \(config.databaseURL): \(error)")
    }
    do {
        let result = try await body(database)
        await database.close()
        return result
    } catch {
        await database.close()
        throw error
    }
}

/// Brings the schema up to date and publishes the criteria sets shipped with this release that
/// are missing or changed (idempotent: unchanged sets are left alone). Returns what it did.
@discardableResult
func prepareDatabase(_ database: any Database, config: AppConfig, logger: Logger) async throws -> (migrations: [Migration], criteriaSets: [String]) {
    let applied = try await MigrationRunner(database: database).migrate()
    let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger)
    let installed = try await CriteriaService(environment).installShipped()
    if !installed.isEmpty { logger.info("Đã công bố bộ tiêu chí kèm theo", metadata: ["sets": "\(installed.joined(separator: ", "))"]) }
    let sealed = try await AuditService(environment).sealUnchained()
    if sealed > 0 { logger.info("Đã đưa các mục nhật ký cũ vào chuỗi băm", metadata: ["entries": "\(sealed)"]) }
    let plans = try await PlanService(environment).installShipped()
    if !plans.isEmpty { logger.info("Đã nhập kế hoạch, chỉ tiêu kèm theo", metadata: ["plans": "\(plans.joined(separator: ", "))"]) }
    return (applied, installed)
}

/// An error for the operator, printed as is.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Says plainly why the server could not start listening.
func explainServerError(_ error: any Error, config: AppConfig) -> any Error {
    let text = String(describing: error)
    if text.contains("Address already in use") {
        return CLIError("Cổng \(config.port) trên \(config.host) đang được chương trình khác dùng. Chọn cổng khác bằng --port hoặc HOCTAP_HTTP_PORT.")
    }
    if text.contains("Permission denied") || text.contains("errno: 13") {
        return CLIError("Không được phép lắng nghe ở \(config.host):\(config.port) (cổng dưới 1024 cần quyền quản trị).")
    }
    return error
}

/// Makes use-case and import errors readable at the terminal.
func explain(_ error: any Error) -> any Error {
    switch error {
    case let failure as ImportFailure: return CLIError(failure.description)
    case let service as ServiceError:
        if case .invalid(let issues) = service {
            return CLIError(issues.map { "\($0.field): \($0.message)" }.joined(separator: "\n"))
        }
        if case .importRejected(let failure) = service { return CLIError(failure.description) }
        return CLIError(service.message)
    default: return error
    }
}

/// Opens the database, prepares it, runs `body` with the services (and the configured personal-data
/// key) and prints the summary it returns, with the time taken.
func runWithServices(_ common: CommonOptions, _ body: (ServiceEnvironment) async throws -> String) async throws {
    let config = try common.config()
    let logger = LogSetup.bootstrap(config)
    let started = Date()
    let summary = try await withDatabase(config, logger: logger) { database in
        try await prepareDatabase(database, config: config, logger: logger)
        let personalData = try? PersonalDataProtector.load(base64Key: config.personalDataKey, dataDirectory: config.dataDirectory)
        let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger,
                                             personalData: personalData)
        do { return try await body(environment) } catch { throw explain(error) }
    }
    print(summary + " Thời gian: \(VietnameseFormat.decimal(Date().timeIntervalSince(started), fractionDigits: 1)) giây.")
}
