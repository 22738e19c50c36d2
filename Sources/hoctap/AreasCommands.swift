import ArgumentParser
import Foundation
import HoctapDomain
import HoctapStorage
import HoctapWeb

/// `hoctap areas …`: the official administrative lists.
struct AreasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "areas", abstract: "Nhập danh mục đơn vị hành chính.",
        subcommands: [Import.self, ImportMapping.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập danh mục tỉnh và xã hiện hành (provinces.csv, communes.csv). Tất cả hoặc không; chạy lại không thay đổi gì.",
            discussion: "Ví dụ: hoctap areas import ../shared/data/vn-admin   hoặc   hoctap areas import provinces.csv communes.csv")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Thư mục chứa provinces.csv và communes.csv, hoặc hai tệp đó theo thứ tự") var paths: [String]
        @Option(help: "Ngày bắt đầu hiệu lực của danh mục (YYYY-MM-DD)") var effectiveFrom = "2025-07-01"

        func validate() throws {
            guard paths.count == 1 || paths.count == 2 else { throw ValidationError("Cần một thư mục hoặc hai tệp.") }
            guard Day(iso: effectiveFrom) != nil else { throw ValidationError("--effective-from phải có dạng YYYY-MM-DD.") }
        }

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            let (provinces, communes) = paths.count == 2
                ? (URL(fileURLWithPath: paths[0]), URL(fileURLWithPath: paths[1]))
                : (URL(fileURLWithPath: paths[0]).appendingPathComponent("provinces.csv"),
                   URL(fileURLWithPath: paths[0]).appendingPathComponent("communes.csv"))
            try await withDatabase(config, logger: logger) { database in
                try await MigrationRunner(database: database).migrate()
                do {
                    let report = try await OfficialAreaImporter(database: database)
                        .importCurrent(provinces: provinces, communes: communes, effectiveFrom: Day(iso: effectiveFrom)!)
                    print(report.changedAnything ? "Đã nhập:\n\(report)" : "Không có gì thay đổi:\n\(report)")
                } catch {
                    throw explain(error)
                }
            }
        }
    }

    struct ImportMapping: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-mapping",
            abstract: "Nhập đơn vị hành chính trước 1/7/2025 và bảng chuyển đổi xã cũ → xã mới.",
            discussion: """
            Cần nhập danh mục hiện hành trước. Ví dụ: hoctap areas import-mapping ../shared/data/vn-admin
            (đọc old-provinces-2025-03.csv, old-districts-2025-03.csv, old-communes-2025-03.csv, old-to-new-communes.csv),
            hoặc chỉ định từng tệp bằng các tùy chọn.
            """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "Thư mục chứa các tệp, hoặc tệp bảng chuyển đổi old-to-new-communes.csv") var path: String
        @Option(help: "Danh mục tỉnh cũ") var oldProvinces: String?
        @Option(help: "Danh mục huyện cũ") var oldDistricts: String?
        @Option(help: "Danh mục xã cũ") var oldCommunes: String?

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            let url = URL(fileURLWithPath: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw CLIError("Không có tệp hoặc thư mục \(path).")
            }
            var files = SuccessionImporter.Files(directory: isDirectory.boolValue ? url : url.deletingLastPathComponent())
            if !isDirectory.boolValue { files.mapping = url }
            if let oldProvinces { files.oldProvinces = URL(fileURLWithPath: oldProvinces) }
            if let oldDistricts { files.oldDistricts = URL(fileURLWithPath: oldDistricts) }
            if let oldCommunes { files.oldCommunes = URL(fileURLWithPath: oldCommunes) }
            try await withDatabase(config, logger: logger) { database in
                try await MigrationRunner(database: database).migrate()
                do {
                    let report = try await SuccessionImporter(database: database).importHistory(files)
                    print(report.changedAnything ? "Đã nhập:\n\(report)" : "Không có gì thay đổi:\n\(report)")
                } catch {
                    throw explain(error)
                }
            }
        }
    }
}
