import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap backup DIR` and `hoctap restore DIR`: the database and the evidence files; the
/// personal-data key only when asked (`--include-key`), because a backup that carries its own
/// key opens every ID number and two-factor secret to whoever finds it. Keep the key apart
/// (a password manager, another medium) and bring it back to restore.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Sao lưu khi máy chủ đang chạy (SQLite): cơ sở dữ liệu và tệp minh chứng vào một thư mục mới; khóa dữ liệu cá nhân chỉ khi có --include-key.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "Thư mục sao lưu (chưa có)") var directory: String
    @Flag(name: .customLong("include-key"),
          help: "Chép cả khóa dữ liệu cá nhân vào bản sao lưu (ai có bản sao lưu sẽ đọc được mọi số định danh).") var includeKey = false

    func run() async throws {
        let config = try common.config()
        let logger = LogSetup.bootstrap(config)
        guard !FileManager.default.fileExists(atPath: directory) else { throw CLIError("Thư mục \(directory) đã có; chọn một thư mục mới.") }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let started = Date()
        let (head, migrations) = try await withDatabase(config, logger: logger) { database in
            try await SQLiteSnapshot.write(database, to: (directory as NSString).appendingPathComponent("hoctap.sqlite"))
            // A database of an older schema has no chain yet; the backup does not migrate it.
            let head = try? await database.read { try await AuditRepository($0).head() }
            return (head, try await MigrationRunner(database: database).appliedVersions().max() ?? 0)
        }
        let files = try BackupFiles.copyTree(from: (config.dataDirectory as NSString).appendingPathComponent("evidence"),
                                             to: (directory as NSString).appendingPathComponent("evidence"))
        let keyCopied = includeKey ? try BackupFiles.copyKey(from: config.dataDirectory, to: directory) : false
        if includeKey {
            FileHandle.standardError.write(Data("CẢNH BÁO: bản sao lưu này chứa khóa dữ liệu cá nhân; ai có nó đọc được mọi số định danh và khóa xác thực hai bước. Cất giữ như mật khẩu.\n".utf8))
        }
        let manifest = """
            hoctap backup
            created: \(ISO8601DateFormatter().string(from: started))
            schema version: \(migrations)
            audit chain head: \(head.map { "\($0.seq) \($0.hash)" } ?? "(lược đồ cũ, chưa có chuỗi)")
            evidence files: \(files)
            personal-data key: \(keyCopied ? "personal-data.key (giữ bí mật như mật khẩu)" : "không kèm theo (sao lưu riêng tệp personal-data.key hoặc HOCTAP_PERSONAL_DATA_KEY; cần nó để khôi phục)")
            """
        try manifest.write(toFile: (directory as NSString).appendingPathComponent("MANIFEST.txt"), atomically: true, encoding: .utf8)
        print("Đã sao lưu vào \(directory): cơ sở dữ liệu, \(files) tệp minh chứng\(keyCopied ? ", khóa dữ liệu cá nhân" : "") (nhật ký đến mục \(head?.seq ?? 0)).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Khôi phục một bản sao lưu vào cơ sở dữ liệu SQLite và thư mục dữ liệu đã cấu hình (máy chủ phải dừng), rồi kiểm tra số liệu tổng hợp và nhật ký.")

    @OptionGroup var common: CommonOptions
    @Argument(help: "Thư mục sao lưu") var directory: String
    @Flag(help: "Ghi đè cơ sở dữ liệu đang có.") var force = false

    func run() async throws {
        let config = try common.config()
        let logger = LogSetup.bootstrap(config)
        guard case .sqlite(let path) = config.databaseURL else {
            throw CLIError("Khôi phục trực tiếp chỉ dành cho SQLite; với PostgreSQL dùng pg_restore (xem README, mục Sao lưu).")
        }
        let source = (directory as NSString).appendingPathComponent("hoctap.sqlite")
        guard FileManager.default.fileExists(atPath: source) else { throw CLIError("\(directory) không phải bản sao lưu của hoctap (thiếu hoctap.sqlite).") }
        if FileManager.default.fileExists(atPath: path) {
            guard force else { throw CLIError("Đã có cơ sở dữ liệu \(path); dừng máy chủ và chạy lại với --force để ghi đè.") }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let keySource = (directory as NSString).appendingPathComponent("personal-data.key")
        let keyTarget = (config.dataDirectory as NSString).appendingPathComponent("personal-data.key")
        if FileManager.default.fileExists(atPath: keySource), FileManager.default.fileExists(atPath: keyTarget),
           try Data(contentsOf: URL(fileURLWithPath: keySource)) != Data(contentsOf: URL(fileURLWithPath: keyTarget)) {
            throw CLIError("Thư mục dữ liệu đã có một khóa dữ liệu cá nhân khác; số định danh trong bản sao lưu sẽ không đọc được. Dùng thư mục dữ liệu mới.")
        }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: path)
        let files = try BackupFiles.copyTree(from: (directory as NSString).appendingPathComponent("evidence"),
                                             to: (config.dataDirectory as NSString).appendingPathComponent("evidence"))
        _ = try BackupFiles.copyKey(from: directory, to: config.dataDirectory)
        let (rollups, audit) = try await withDatabase(config, logger: logger) { database in
            try await prepareDatabase(database, config: config, logger: logger)
            let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger)
            return (try await RollupService(environment).verify(), try await AuditService(environment).verify())
        }
        print("Đã khôi phục \(path) và \(files) tệp minh chứng.")
        print(rollups.isEmpty ? "Số liệu tổng hợp: khớp." : "Số liệu tổng hợp: \(rollups.count) dòng chênh lệch (chạy `hoctap rollups rebuild`).")
        print(audit.isIntact ? "Nhật ký: nguyên vẹn (\(audit.checked) mục)." : "Nhật ký: KHÔNG nguyên vẹn (\(audit.problems.count) vấn đề; chạy `hoctap audit verify`).")
        if !rollups.isEmpty || !audit.isIntact { throw ExitCode(1) }
    }
}

/// Copies of the files that live beside the database.
enum BackupFiles {
    /// Copies every file under `source` that `target` does not have yet (evidence files are
    /// content-addressed, so a file with the same name is the same file); returns how many.
    static func copyTree(from source: String, to target: String) throws -> Int {
        let manager = FileManager.default
        guard let walker = manager.enumerator(atPath: source) else { return 0 }
        var copied = 0
        while let relative = walker.nextObject() as? String {
            let from = (source as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: from, isDirectory: &isDirectory), !isDirectory.boolValue, !relative.hasSuffix(".part") else { continue }
            let to = (target as NSString).appendingPathComponent(relative)
            if manager.fileExists(atPath: to) { continue }
            try manager.createDirectory(atPath: (to as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try manager.copyItem(atPath: from, toPath: to)
            copied += 1
        }
        return copied
    }

    /// Copies `personal-data.key` (mode 0600) when the source directory has one.
    static func copyKey(from source: String, to target: String) throws -> Bool {
        let from = (source as NSString).appendingPathComponent("personal-data.key")
        let to = (target as NSString).appendingPathComponent("personal-data.key")
        guard FileManager.default.fileExists(atPath: from), !FileManager.default.fileExists(atPath: to) else { return false }
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: from, toPath: to)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: to)
        return true
    }
}
