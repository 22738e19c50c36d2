import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage

/// `hoctap generate`: a synthetic country as the CSV files `hoctap import` reads.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Sinh dữ liệu mẫu cả nước (thôn, hộ gia đình, đơn vị, công dân học tập, dòng họ, kết quả các năm trước) thành tệp CSV để nhập và đo hiệu năng.",
        discussion: """
        Cùng --seed thì cùng dữ liệu. Ví dụ:
          hoctap generate --households 1000000 --admin-dir ../shared/data/vn-admin --out /tmp/quoc-gia
          hoctap areas import ../shared/data/vn-admin && hoctap import villages /tmp/quoc-gia/villages.csv
          hoctap import households /tmp/quoc-gia/households.csv (rồi units, citizens, clans) && hoctap import results /tmp/quoc-gia/results.csv
        Không có --admin-dir: sinh 34 tỉnh, 3.321 xã giả định và ghi provinces.csv, communes.csv vào --out để nhập bằng hoctap areas import.
        """)

    @Option(help: "Số hộ gia đình (1e4 để thử, 1e6 để đo nhanh, 28100000 cho cả nước)") var households: Double = 10_000
    @Option(help: "Hạt giống ngẫu nhiên") var seed: UInt64 = 2026
    @Option(help: "Thư mục danh mục hành chính thật (provinces.csv, communes.csv, households.csv)") var adminDir: String?
    @Option(help: "Thư mục ghi tệp") var out: String
    @Option(help: "Các năm có kết quả trên giấy, ví dụ 2021-2025; 'none' để không sinh") var resultYears = "2025"
    @Option(help: "Tỷ lệ đối tượng có kết quả mỗi năm (mọi mô hình)") var resultShare = 0.7
    @Option(help: "Tỷ lệ riêng của một mô hình, ví dụ --model-share clan=0.4 (lặp lại được; mô hình: \(LearningModel.allCases.map(\.rawValue).joined(separator: ", ")))")
    var modelShare: [String] = []

    func validate() throws {
        guard households >= 1, households <= 50_000_000 else { throw ValidationError("--households từ 1 đến 50.000.000.") }
        guard (0...1).contains(resultShare) else { throw ValidationError("--result-share từ 0 đến 1.") }
        _ = try years()
        _ = try modelShares()
    }

    /// `--model-share MODEL=SHARE` options, each checked.
    func modelShares() throws -> [LearningModel: Double] {
        var shares: [LearningModel: Double] = [:]
        for option in modelShare {
            let parts = option.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let model = LearningModel(rawValue: parts[0]), let share = Double(parts[1]), (0...1).contains(share) else {
                throw ValidationError("--model-share \(option): ghi MÔ_HÌNH=TỶ_LỆ, ví dụ clan=0.4 (mô hình: \(LearningModel.allCases.map(\.rawValue).joined(separator: ", ")); tỷ lệ từ 0 đến 1).")
            }
            shares[model] = share
        }
        return shares
    }

    func years() throws -> ClosedRange<Int>? {
        if resultYears == "none" { return nil }
        let parts = resultYears.split(separator: "-").compactMap { Int($0) }
        guard (1...2).contains(parts.count), let first = parts.first, let last = parts.last, first <= last, PlanDraft.years.contains(first),
              last < Calendar.current.component(.year, from: Date()) else {
            throw ValidationError("--result-years: một năm hoặc khoảng năm đã qua, ví dụ 2025 hoặc 2021-2025.")
        }
        return first...last
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let shape: CountryShape
        do {
            shape = try adminDir.map { try CountryShape.read(officialLists: URL(fileURLWithPath: $0)) } ?? CountryShape.synthetic()
        } catch {
            throw explain(error)
        }
        if adminDir == nil { try AdminLists.write(shape, to: directory) }
        let total = Int(households)
        var files = try GeneratedFiles(directory: directory)
        let bar = ProgressBar(unit: "hộ")
        let started = Date()
        try CountryGenerator(shape: shape, options: GeneratorOptions(households: total, seed: seed, resultYears: try years(), resultShare: resultShare,
                                                                    resultShares: try modelShares()))
            .generate(into: &files) { done in bar.update(ImportProgress(rows: done, bytesRead: Int64(done), totalBytes: Int64(total))) }
        try files.close()
        bar.finish()
        print("Đã sinh \(VietnameseFormat.integer(total)) hộ: \(VietnameseFormat.integer(files.villages.rows)) thôn, "
              + "\(VietnameseFormat.integer(files.members.rows)) thành viên, \(VietnameseFormat.integer(files.results.rows)) kết quả, "
              + "\(VietnameseFormat.integer(files.units.rows)) đơn vị, \(VietnameseFormat.integer(files.citizens.rows)) công dân học tập, "
              + "\(VietnameseFormat.integer(files.clans.rows)) dòng hộ của dòng họ "
              + "trong \(VietnameseFormat.decimal(Date().timeIntervalSince(started))) giây, vào \(directory.path).")
    }
}

/// The output files, each written through a 1 MB buffer.
struct GeneratedFiles: GeneratedRows {
    var villages: CSVFileWriter
    var members: CSVFileWriter
    var results: CSVFileWriter
    var units: CSVFileWriter
    var citizens: CSVFileWriter
    var clans: CSVFileWriter

    init(directory: URL) throws {
        villages = try CSVFileWriter(directory.appendingPathComponent("villages.csv"), header: CountryGenerator.villageColumns)
        members = try CSVFileWriter(directory.appendingPathComponent("households.csv"), header: CountryGenerator.householdColumns)
        results = try CSVFileWriter(directory.appendingPathComponent("results.csv"), header: CountryGenerator.resultColumns)
        units = try CSVFileWriter(directory.appendingPathComponent("units.csv"), header: CountryGenerator.unitColumns)
        citizens = try CSVFileWriter(directory.appendingPathComponent("citizens.csv"), header: CountryGenerator.citizenColumns)
        clans = try CSVFileWriter(directory.appendingPathComponent("clans.csv"), header: CountryGenerator.clanColumns)
    }

    mutating func village(_ fields: [String]) throws { try villages.write(fields) }
    mutating func member(_ fields: [String]) throws { try members.write(fields) }
    mutating func result(_ fields: [String]) throws { try results.write(fields) }
    mutating func unit(_ fields: [String]) throws { try units.write(fields) }
    mutating func citizen(_ fields: [String]) throws { try citizens.write(fields) }
    mutating func clan(_ fields: [String]) throws { try clans.write(fields) }

    func close() throws {
        for file in [villages, members, results, units, citizens, clans] { try file.close() }
    }
}

/// A CSV file written row by row (RFC 4180, `\n` line ends) in constant memory.
final class CSVFileWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var rows = 0

    init(_ url: URL, header: [String]) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = FileHandle(forWritingAtPath: url.path) else {
            throw CLIError("Không tạo được tệp \(url.path).")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
        try write(header)
        rows = 0
    }

    func write(_ fields: [String]) throws {
        CSVBytes.appendRow(fields, to: &buffer, lineEnding: "\n")
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        try handle.close()
    }
}

/// Writes a synthetic shape as the official lists.
enum AdminLists {
    /// provinces.csv and communes.csv in the official lists' format, for `hoctap areas import`.
    static func write(_ shape: CountryShape, to directory: URL) throws {
        let provinces = try CSVFileWriter(directory.appendingPathComponent("provinces.csv"), header: ["code", "name", "full_name", "type"])
        let communes = try CSVFileWriter(directory.appendingPathComponent("communes.csv"), header: ["code", "name", "full_name", "type", "province_code"])
        for province in shape.provinces {
            try provinces.write([province.code, province.name, "Tỉnh \(province.name)", "province"])
            for commune in province.communes {
                try communes.write([commune.code, commune.name, "\(commune.isWard ? "Phường" : "Xã") \(commune.name)", commune.isWard ? "ward" : "commune", province.code])
            }
        }
        try provinces.close()
        try communes.close()
    }
}
