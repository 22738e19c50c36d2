import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap retention show|apply`: the retention periods for personal data, and applying them
/// (meant for a daily cron job; the national administrator sets the periods on the web page).
struct RetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention", abstract: "Thời hạn lưu giữ dữ liệu cá nhân: xem và áp dụng (xóa những gì đã quá hạn).",
        subcommands: [Show.self, Apply.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In thời hạn đang áp dụng và số mục đến hạn xóa.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await runWithServices(common) { environment in
                let rows = try await RetentionService(environment).status(by: nil)
                return rows.map { row in
                    "\(row.rule.label): \(RetentionService.describe(row.days))\(row.setting == nil ? " (mặc định của hoctap)" : ""); đến hạn: \(VietnameseFormat.integer(row.due))."
                }.joined(separator: "\n")
            }
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Xóa những gì đã quá thời hạn đang áp dụng, trong một lần ghi, có ghi nhật ký. Dùng hằng ngày (cron).")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let config = try common.config()
            try await runWithServices(common) { base in
                var environment = base
                environment.evidenceStore = EvidenceStore(root: (config.dataDirectory as NSString).appendingPathComponent("evidence"))
                let report = try await RetentionService(environment).apply(by: nil)
                return "Đã xóa \(VietnameseFormat.integer(report.accessLogEntries)) lượt xem hồ sơ, \(VietnameseFormat.integer(report.evidenceRecords)) minh chứng của "
                    + "\(VietnameseFormat.integer(report.evaluations)) phiếu, \(VietnameseFormat.integer(report.files)) tệp."
            }
        }
    }
}
