import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb
import Hummingbird
import Logging

/// `hoctap serve`: the web application.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Chạy máy chủ web (mặc định 127.0.0.1:8080).")

    @OptionGroup var common: CommonOptions
    @Option(help: "Địa chỉ lắng nghe (HOCTAP_HTTP_HOST)") var host: String?
    @Option(help: "Cổng (HOCTAP_HTTP_PORT)") var port: Int?
    @Flag(help: "Không tự chạy migration khi khởi động (khi đã chạy `hoctap migrate` riêng).") var noMigrate = false

    func run() async throws {
        let config = try common.config(host: host, port: port)
        let logger = LogSetup.bootstrap(config)
        if !noMigrate {
            try await withDatabase(config, logger: logger) { try await prepareDatabase($0, config: config, logger: logger) }
        }
        let app = try await buildApplication(config: config, logger: logger)
        logger.info("hoctap đang chạy", metadata: ["url": "http://\(config.host):\(config.port)", "database": "\(config.databaseURL)"])
        do {
            try await app.runService()
        } catch {
            throw explainServerError(error, config: config)
        }
    }
}

/// `hoctap demo`: a realistic demo country on its own SQLite file, and the server.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Chạy bản trình diễn: 34 tỉnh, xã, thôn mẫu và tài khoản cho mọi vai trò (SQLite ./hoctap-data/demo.sqlite).")

    @OptionGroup var common: CommonOptions
    @Option(help: "Địa chỉ lắng nghe (HOCTAP_HTTP_HOST)") var host: String?
    @Option(help: "Cổng (HOCTAP_HTTP_PORT)") var port: Int?
    @Flag(help: "Xóa cơ sở dữ liệu trình diễn và tạo lại từ đầu.") var reset = false

    func run() async throws {
        let config = try common.config(host: host, port: port, defaultDatabaseFile: "demo.sqlite")
        let logger = LogSetup.bootstrap(config)
        if reset {
            guard case .sqlite(let path) = config.databaseURL else {
                throw CLIError("--reset chỉ xóa tệp SQLite; với PostgreSQL hãy tự tạo cơ sở dữ liệu mới.")
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let database = try await DatabaseFactory.open(config.databaseURL, logger: logger)
        let hasher = BcryptPasswordHasher(cost: config.bcryptCost)
        let personalData: PersonalDataProtector
        do {
            personalData = try PersonalDataProtector.load(base64Key: config.personalDataKey, dataDirectory: config.dataDirectory)
        } catch {
            await database.close()
            throw CLIError("\(error)")
        }
        do {
            try await prepareDatabase(database, config: config, logger: logger)
            // The demo's documents are files, kept where the server keeps every uploaded file.
            let seeder = DemoSeeder(ServiceEnvironment(
                database: database, passwordHasher: hasher, logger: logger, personalData: personalData,
                evidenceStore: EvidenceStore(root: (config.dataDirectory as NSString).appendingPathComponent("evidence"))))
            let fresh = try await !seeder.isSeeded()
            if fresh {
                print("Đang tạo dữ liệu trình diễn…")
                try await seeder.seed()
            }
            // Variants of the demo provinces install once their provinces exist.
            try await CriteriaService(ServiceEnvironment(database: database, passwordHasher: hasher, logger: logger)).installShipped()
            try await PlanService(ServiceEnvironment(database: database, passwordHasher: hasher, logger: logger)).installShipped()
            printBanner(config: config, fresh: fresh)
        } catch {
            await database.close()
            throw explain(error)
        }
        let app = try await buildApplication(
            config: config, dependencies: AppDependencies(database: database, passwordHasher: hasher, personalData: personalData), logger: logger)
        do {
            try await app.runService()
        } catch {
            await database.close()
            throw explainServerError(error, config: config)
        }
        await database.close()
    }

    private func printBanner(config: AppConfig, fresh: Bool) {
        let accounts = DemoSeeder.accounts
        let width = accounts.map(\.username.count).max() ?? 10
        var text = """

        hoctap — bản trình diễn
        Mở trình duyệt: http://\(config.host):\(config.port)
        Cơ sở dữ liệu: \(config.databaseURL)\(fresh ? " (vừa tạo)" : " (dùng lại; thêm --reset để tạo lại)")

        Tài khoản (mật khẩu chung: \(DemoSeeder.password)):

        """
        for account in accounts {
            text += "  \(account.username.padding(toLength: width, withPad: " ", startingAt: 0))  \(account.role.label) — \(account.areaName)\n"
        }
        text += "\nDừng: Ctrl+C\n\n"
        // Written unbuffered so it appears at once even when output goes to a file or a pipe.
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// `hoctap migrate`: brings the schema up to date.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Cập nhật lược đồ cơ sở dữ liệu (an toàn khi chạy lại).")

    @OptionGroup var common: CommonOptions
    @Flag(help: "Chỉ liệt kê migration chưa chạy.") var dryRun = false

    func run() async throws {
        let config = try common.config()
        let logger = LogSetup.bootstrap(config)
        try await withDatabase(config, logger: logger) { database in
            let runner = MigrationRunner(database: database)
            if dryRun {
                let pending = try await runner.pending()
                print(pending.isEmpty ? "Lược đồ đã mới nhất." : pending.map { "chưa chạy: \($0.version) \($0.name)" }.joined(separator: "\n"))
                return
            }
            let (applied, installed) = try await prepareDatabase(database, config: config, logger: logger)
            print(applied.isEmpty ? "Lược đồ đã mới nhất (phiên bản \(Migrations.all.count))."
                  : applied.map { "đã chạy: \($0.version) \($0.name)" }.joined(separator: "\n"))
            if !installed.isEmpty { print("Đã công bố bộ tiêu chí kèm theo: \(installed.joined(separator: ", "))") }
        }
    }
}
