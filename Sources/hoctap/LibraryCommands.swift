import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap library …`: the libraries whose catalogues are harvested over OAI-PMH.
struct LibraryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "library", abstract: "Thư viện liên kết: đăng ký địa chỉ OAI-PMH, xem tình trạng thu thập, bỏ thư viện.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đăng ký địa chỉ OAI-PMH của một thư viện (Koha: …/cgi-bin/koha/oai.pl; DSpace: …/server/oai/request).")

        @OptionGroup var common: CommonOptions
        @Option(help: "Tên thư viện") var name: String
        @Option(help: "Địa chỉ gốc OAI-PMH (http hoặc https)") var url: String
        @Option(help: "Chỉ thu thập một bộ sưu tập (setSpec)") var set: String?
        @Option(help: "Mã tỉnh của thư viện; bỏ trống là thư viện cấp quốc gia") var province: String?

        func run() async throws {
            try await runWithServices(common) { environment in
                var provinceID: Area.ID?
                if let province { provinceID = try await findArea(code: province, in: environment.database).id }
                let source = try await LibraryService(environment).addSource(name: name, baseURL: url, setSpec: set, provinceID: provinceID, by: .commandLine)
                return "Đã đăng ký thư viện \(source.name) (mã \(source.id)). Chạy `hoctap harvest --source \(source.id)` để thu thập."
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê thư viện và lần thu thập gần nhất.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await runWithServices(common) { environment in
                let sources = try await LibraryService(environment).sources()
                guard !sources.isEmpty else { return "Chưa đăng ký thư viện nào." }
                return sources.map { source in
                    let when = source.lastRunAt.map { VietnameseFormat.dateTime($0) } ?? "chưa thu thập"
                    return "\(source.id)\t\(source.name)\t\(source.baseURL)\t\(VietnameseFormat.integer(source.recordCount)) biểu ghi\t\(when)\t\(source.status.rawValue)\t\(source.message)"
                }.joined(separator: "\n")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Bỏ một thư viện cùng các biểu ghi đã thu thập của nó.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Mã thư viện (xem hoctap library list)") var id: Int64

        func run() async throws {
            try await runWithServices(common) { environment in
                try await LibraryService(environment).removeSource(id, by: .commandLine)
                return "Đã bỏ thư viện mã \(id)."
            }
        }
    }
}

/// `hoctap harvest`: one pass over the libraries, or a worker that repeats it.
struct HarvestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "harvest", abstract: "Thu thập biểu ghi (Dublin Core) từ các thư viện đã đăng ký qua OAI-PMH, tăng dần theo ngày.",
        discussion: "Với --every, lệnh chạy như một tiến trình nền: thu thập lại sau mỗi khoảng thời gian (giây) cho đến khi bị dừng.")

    @OptionGroup var common: CommonOptions
    @Option(help: "Chỉ thu thập thư viện này (mã)") var source: Int64?
    @Option(help: "Thu thập lại sau mỗi số giây này (chạy nền)") var every: Int?
    @Option(help: "Thời hạn chờ mỗi yêu cầu (giây)") var timeout: Double = 60
    @Option(help: "Số lần thử lại khi thư viện bận hoặc không trả lời") var retries: Int = 3
    @Option(help: "Chờ trước lần thử lại đầu tiên (giây; gấp đôi mỗi lần)") var pause: Double = 2

    func validate() throws {
        if let every, every < 60 { throw ValidationError("--every tối thiểu 60 giây.") }
        guard timeout > 0, retries >= 0, pause >= 0 else { throw ValidationError("--timeout phải dương; --retries và --pause không âm.") }
    }

    func run() async throws {
        var failed = false
        repeat {
            let allowPrivate = try common.config().harvestAllowPrivate
            try await runWithServices(common) { environment in
                let fetcher = URLSessionFetcher(timeout: timeout, allowPrivate: allowPrivate)
                let harvester = LibraryHarvester(environment, fetcher: fetcher, retries: retries, firstPause: pause)
                let reports = if let source { [try await harvester.harvest(source)] } else { try await harvester.harvestAll() }
                failed = reports.contains { !$0.succeeded }
                return reports.isEmpty ? "Chưa đăng ký thư viện nào (hoctap library add)."
                    : reports.map { "\($0.succeeded ? "✓" : "✗") \($0.name): \($0.message)" }.joined(separator: "\n")
            }
            if let every { try await Task.sleep(nanoseconds: UInt64(every) * 1_000_000_000) }
        } while every != nil
        if failed { throw ExitCode(1) }
    }
}
