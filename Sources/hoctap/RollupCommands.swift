import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap rollups …`: check the progress figures against the evaluations, and repair them.
struct RollupsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollups", abstract: "Số liệu tổng hợp: đối chiếu với các phiếu đánh giá, tính lại.",
        subcommands: [Verify.self, Rebuild.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đếm lại từ các phiếu đánh giá và in mọi chỗ khác với số liệu tổng hợp. Mã thoát 1 khi có chênh lệch.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Chỉ một năm") var year: Int?

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            let (differences, villageDrift) = try await withDatabase(config, logger: logger) { database in
                try await prepareDatabase(database, config: config, logger: logger)
                let service = RollupService(ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger))
                return (try await service.verify(year: year), try await service.villageCountDrift())
            }
            for drift in villageDrift {
                print("Số thôn của xã \(drift.communeID): lưu \(drift.stored), đếm lại \(drift.counted).")
            }
            if differences.isEmpty && !villageDrift.isEmpty {
                print("Chạy `hoctap rollups rebuild` để tính lại.")
                throw ExitCode(1)
            }
            if differences.isEmpty {
                print("Khớp: số liệu tổng hợp đúng bằng số đếm lại từ các phiếu đánh giá\(year.map { " năm \($0)" } ?? ""), số thôn của từng xã đúng với danh mục.")
                return
            }
            print("Chênh lệch ở \(differences.count) dòng (đăng ký / đã đánh giá / hội đồng thông qua / công nhận):")
            for difference in differences {
                let key = difference.key
                let place = key.areaID == RollupKey.nationID ? "toàn quốc" : "\(key.level.rawValue) \(key.areaID)"
                print("  \(place), năm \(key.year), \(key.model.rawValue)\(key.segment.isEmpty ? "" : "/\(key.segment)"): "
                      + "lưu \(Self.format(difference.stored)), đếm lại \(Self.format(difference.recounted))")
            }
            print("Chạy `hoctap rollups rebuild` để tính lại.")
            throw ExitCode(1)
        }

        static func format(_ counts: RollupCounts) -> String {
            "\(counts.registered)/\(counts.assessed)/\(counts.approved)/\(counts.recognised)"
        }
    }

    struct Rebuild: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tính lại toàn bộ số liệu tổng hợp từ các phiếu đánh giá, trong một giao dịch.")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            let rows = try await withDatabase(config, logger: logger) { database in
                try await prepareDatabase(database, config: config, logger: logger)
                return try await RollupService(ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost),
                                                                  logger: logger)).rebuild()
            }
            print("Đã tính lại số liệu tổng hợp: \(rows) dòng.")
        }
    }
}
