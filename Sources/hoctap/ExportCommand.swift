import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

extension ExportKind: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension LearningModel: ExpressibleByArgument {}

/// `hoctap export KIND`: a registry or the results of the country, a province, a commune or a
/// village, streamed page by page to a file or standard output in the layout `hoctap import`
/// reads, in constant memory at any size.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Xuất danh sách (households, units, citizens, clans) hoặc kết quả (results) ra tệp CSV hoặc XLSX, theo đúng mẫu của hoctap import.",
        discussion: "Ví dụ: hoctap export households --area 01 --output ha-noi.csv; hoctap export results --year 2025 --format xlsx --output ket-qua-2025.xlsx")

    @OptionGroup var common: CommonOptions
    @Argument(help: "Loại danh sách: \(ExportKind.allCases.map(\.rawValue).joined(separator: ", "))") var kind: ExportKind
    @Option(help: "Mã địa bàn (tỉnh, xã hoặc thôn); bỏ trống là toàn quốc") var area: String?
    @Option(help: "Định dạng: csv hoặc xlsx") var format: ExportFormat = .csv
    @Option(help: "Năm (chỉ với results)") var year: Int?
    @Option(help: "Mô hình (chỉ với results): \(LearningModel.allCases.map(\.rawValue).joined(separator: ", "))") var model: LearningModel?
    @Option(help: "Tệp ghi ra; bỏ trống là đầu ra chuẩn") var output: String?

    func validate() throws {
        if kind != .results && (year != nil || model != nil) { throw ValidationError("--year và --model chỉ dùng với results.") }
        if let year, !PlanDraft.years.contains(year) { throw ValidationError("Năm \(year) ngoài khoảng \(PlanDraft.years.lowerBound)–\(PlanDraft.years.upperBound).") }
        if format == .xlsx && output == nil && isatty(STDOUT_FILENO) != 0 { throw ValidationError("Tệp XLSX cần --output (hoặc chuyển hướng đầu ra).") }
    }

    func run() async throws {
        let config = try common.config()
        let logger = LogSetup.bootstrap(config)
        let started = Date()
        let sink = try ExportSink(path: output)
        try await withDatabase(config, logger: logger) { database in
            try await prepareDatabase(database, config: config, logger: logger)
            let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger)
            do {
                let place = try await findArea(code: area ?? "VN", in: database)
                let export = try await RegistryService(environment).export(kind, in: place.id, filter: ResultFilter(year: year, model: model),
                                                                           format: format.rawValue, by: .commandLine)
                try await export.write(format, today: Day(containing: Date())) { try sink.write($0) }
            } catch { throw explain(error) }
        }
        try sink.close()
        if let output {
            let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            FileHandle.standardError.write(Data(("Đã xuất \(output) (\(VietnameseFormat.integer(size)) byte) trong "
                + "\(VietnameseFormat.decimal(Date().timeIntervalSince(started), fractionDigits: 1)) giây.\n").utf8))
        }
    }
}

/// Where an export's bytes go: a new file (removed again if the export fails), or standard output.
final class ExportSink: @unchecked Sendable {
    // Written by the one export task only.
    private let handle: FileHandle
    private let path: String?
    private var closed = false

    init(path: String?) throws {
        self.path = path
        guard let path else { handle = .standardOutput; return }
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw CLIError("Không tạo được tệp \(path).")
        }
        handle = file
    }

    func write(_ bytes: [UInt8]) throws { try handle.write(contentsOf: bytes) }

    func close() throws {
        closed = true
        if path != nil { try handle.close() }
    }

    deinit {
        // An export that failed leaves no truncated file that looks like a whole one.
        if !closed, let path { try? handle.close(); try? FileManager.default.removeItem(atPath: path) }
    }
}
