import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap import …`: registries and past results of whole provinces or the country from files,
/// streamed, validated row by row, all or nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Nhập hàng loạt từ tệp CSV: thôn, hộ gia đình, đơn vị, công dân học tập, dòng họ, kết quả các năm trước. Tất cả hoặc không.",
        subcommands: [Villages.self, Households.self, Units.self, Citizens.self, Clans.self, Results.self])

    struct Villages: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập thôn, tổ dân phố của nhiều xã (cột commune_code, code, name, kind).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Tệp CSV") var file: String

        func run() async throws {
            try await runWithServices(common) { environment in
                let bytes = try readWhole(file)
                let report = try await VillageService(environment).importCSV(
                    bytes, fileName: (file as NSString).lastPathComponent, intoCommune: nil, by: .commandLine)
                return "Đã nhập thôn, tổ dân phố: thêm \(VietnameseFormat.integer(report.created)), sửa \(VietnameseFormat.integer(report.updated)), "
                    + "giữ nguyên \(VietnameseFormat.integer(report.unchanged))."
            }
        }
    }

    struct Households: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập hộ gia đình và thành viên (mỗi dòng một người; cột village là mã đầy đủ của thôn, household là số thứ tự hộ trong thôn).",
            discussion: "Ví dụ: hoctap generate --households 10000 --out /tmp/quoc-gia && hoctap import households /tmp/quoc-gia/households.csv")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Tệp CSV") var file: String
        @Option(help: "Số hộ ghi mỗi lô") var batchSize = 5_000

        func run() async throws {
            try await runBulkImport(common, file: file, batchSize: batchSize) { try await $0.importHouseholds(file: $1, by: .commandLine, progress: $2) } summary: { report in
                "Đã nhập \(VietnameseFormat.integer(report.households)) hộ, \(VietnameseFormat.integer(report.members)) thành viên"
                + (report.personalIDs > 0 ? ", \(VietnameseFormat.integer(report.personalIDs)) số định danh" : "")
                + " (\(VietnameseFormat.integer(report.rows)) dòng)." + normalisedNote(report.normalisedFields)
            }
        }
    }

    struct Units: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập đơn vị (cột commune là mã xã 5 chữ số, village là mã thôn nếu đơn vị thuộc thôn, name, kind, staff_count).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Tệp CSV") var file: String
        @Option(help: "Số dòng ghi mỗi lô") var batchSize = 5_000

        func run() async throws {
            try await runBulkImport(common, file: file, batchSize: batchSize) { try await $0.importUnits(file: $1, by: .commandLine, progress: $2) } summary: { report in
                "Đã nhập \(VietnameseFormat.integer(report.created)) đơn vị (\(VietnameseFormat.integer(report.rows)) dòng)." + normalisedNote(report.normalisedFields)
            }
        }
    }

    struct Citizens: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập công dân học tập (cột commune, village, full_name, target_group, birth_year, sex, citizen_id).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Tệp CSV") var file: String
        @Option(help: "Số dòng ghi mỗi lô") var batchSize = 5_000

        func run() async throws {
            try await runBulkImport(common, file: file, batchSize: batchSize) { try await $0.importCitizens(file: $1, by: .commandLine, progress: $2) } summary: { report in
                "Đã nhập \(VietnameseFormat.integer(report.created)) công dân học tập"
                + (report.personalIDs > 0 ? ", \(VietnameseFormat.integer(report.personalIDs)) số định danh" : "") + "." + normalisedNote(report.normalisedFields)
            }
        }
    }

    struct Clans: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập dòng họ và các hộ thành viên (mỗi dòng một hộ; các dòng của một dòng họ liền nhau; cột commune, village, clan, head_name, household).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Tệp CSV") var file: String
        @Option(help: "Số dòng họ ghi mỗi lô") var batchSize = 2_000

        func run() async throws {
            try await runBulkImport(common, file: file, batchSize: batchSize) { try await $0.importClans(file: $1, by: .commandLine, progress: $2) } summary: { report in
                "Đã nhập \(VietnameseFormat.integer(report.created)) dòng họ với \(VietnameseFormat.integer(report.households)) hộ thành viên." + normalisedNote(report.normalisedFields)
            }
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Nhập kết quả các năm trước theo hồ sơ giấy, mọi mô hình (cột year, model, commune, village, subject, household, verdict, decision_number, decided_on).",
            discussion: """
                model: family (mặc định, theo mã hộ ở cột household), community-village (mã thôn ở cột village), community-commune (mã xã ở cột commune), \
                clan, unit, citizen (tên ở cột subject, trong xã ở cột commune; cột village để phân biệt khi trùng tên). \
                Tệp do hoctap export results xuất ra nhập lại được nguyên vẹn.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "Tệp CSV") var file: String
        @Option(help: "Số dòng ghi mỗi lô") var batchSize = 5_000

        func run() async throws {
            try await runBulkImport(common, file: file, batchSize: batchSize) { try await $0.importResults(file: $1, by: .commandLine, progress: $2) } summary: { report in
                return "Đã ghi kết quả của \(report.summary.isEmpty ? "0 đối tượng" : report.summary) "
                + "(\(VietnameseFormat.integer(report.recognised)) được công nhận) trong \(VietnameseFormat.integer(report.cyclesOpened)) đợt mới; số liệu tổng hợp đã cập nhật."
            }
        }
    }
}

/// Runs one of `BulkImportService`'s streamed imports of `file` with a progress bar, and prints
/// what `summary` makes of its report.
private func runBulkImport<Report>(
    _ common: CommonOptions, file: String, batchSize: Int,
    _ load: @escaping (BulkImportService, URL, @escaping (ImportProgress) -> Void) async throws -> Report,
    summary: @escaping (Report) -> String
) async throws {
    try await runWithServices(common) { environment in
        let report = try await withProgressBar { try await load(BulkImportService(environment, batchSize: batchSize), URL(fileURLWithPath: file), $0) }
        return summary(report)
    }
}

/// Runs a streamed import with a progress bar of rows on the terminal.
private func withProgressBar<T>(_ body: (@escaping (ImportProgress) -> Void) async throws -> T) async throws -> T {
    let bar = ProgressBar(unit: "dòng")
    defer { bar.finish() }
    return try await body(bar.update)
}

private func normalisedNote(_ fields: Int) -> String {
    fields > 0 ? "\n\(VietnameseFormat.integer(fields)) trường không ở dạng Unicode NFC đã được chuẩn hóa." : ""
}

private func readWhole(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("Không đọc được tệp \(path).") }
    return [UInt8](data)
}

/// A one-line progress bar on a terminal (rows, percent, rate, time left); silent when
/// standard error is not a terminal, so logs and CI output stay clean.
final class ProgressBar: @unchecked Sendable {
    private let unit: String
    private let started = Date()
    private let enabled = isatty(STDERR_FILENO) != 0
    private var lastDraw = Date.distantPast

    init(unit: String) { self.unit = unit }

    func update(_ progress: ImportProgress) {
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let elapsed = max(0.001, Date().timeIntervalSince(started))
        let share = progress.totalBytes > 0 ? Double(progress.bytesRead) / Double(progress.totalBytes) : 0
        let rate = Double(progress.rows) / elapsed
        let left = share > 0.001 ? elapsed * (1 - share) / share : 0
        let line = "\r\(VietnameseFormat.integer(progress.rows)) \(unit)  \(VietnameseFormat.percent(share, fractionDigits: 0))  "
            + "\(VietnameseFormat.integer(Int(rate))) \(unit)/giây  còn \(Self.clock(left))   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        return total >= 3600 ? String(format: "%d:%02d:%02d", total / 3600, total / 60 % 60, total % 60) : String(format: "%d:%02d", total / 60, total % 60)
    }
}
