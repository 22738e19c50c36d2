import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap audit verify`: proof that the audit trail is as it was written.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Nhật ký thay đổi: kiểm tra chuỗi băm (phát hiện mục bị sửa, bị xóa, ghi ngoài ứng dụng).",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tính lại mọi mã băm theo thứ tự và in từng chỗ không khớp. Mã thoát 1 khi chuỗi không còn nguyên vẹn.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            let result = try await withDatabase(config, logger: logger) { database in
                try await prepareDatabase(database, config: config, logger: logger)
                return try await AuditService(ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost),
                                                                 logger: logger)).verify()
            }
            if result.isIntact {
                print("Nguyên vẹn: \(result.checked) mục nhật ký, mọi mã băm khớp.")
                return
            }
            print("Nhật ký KHÔNG nguyên vẹn (\(result.checked) mục đã kiểm tra, \(result.problems.count) vấn đề):")
            for problem in result.problems { print("  - \(problem.message)") }
            throw ExitCode(1)
        }
    }
}
