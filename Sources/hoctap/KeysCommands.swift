import ArgumentParser
import Crypto
import Foundation
import HoctapServices
import HoctapWeb

/// `hoctap keys rotate`: a new personal-data key, every ID number and two-factor secret
/// re-sealed under it in one transaction.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Khóa dữ liệu cá nhân (niêm phong số định danh và khóa xác thực hai bước).",
        subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Đổi sang khóa mới và niêm phong lại mọi số định danh, khóa xác thực hai bước trong một lần ghi. Dừng máy chủ trước; khởi động lại với khóa mới.",
            discussion: """
                Khóa ở tệp <thư mục dữ liệu>/personal-data.key: tệp được thay bằng khóa mới, khóa cũ giữ lại ở \
                personal-data.key.retired-<thời điểm> (chỉ để mở các bản sao lưu cũ; xóa khi không còn giữ chúng). \
                Khóa trong HOCTAP_PERSONAL_DATA_KEY: lệnh in khóa mới; đặt nó vào biến môi trường trước khi khởi động lại.
                """)

        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("new-key"), help: "Khóa mới (32 byte base64); mặc định sinh ngẫu nhiên.") var newKey: String?

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            let keyFile = (config.dataDirectory as NSString).appendingPathComponent("personal-data.key")
            let fromEnvironment = !(config.personalDataKey ?? "").isEmpty
            guard fromEnvironment || FileManager.default.fileExists(atPath: keyFile) else {
                throw CLIError("Chưa có khóa dữ liệu cá nhân (\(keyFile) hay HOCTAP_PERSONAL_DATA_KEY): không có gì để đổi.")
            }
            let old = try PersonalDataProtector.load(base64Key: config.personalDataKey, dataDirectory: config.dataDirectory)
            let keyBytes: Data
            if let newKey {
                guard let data = Data(base64Encoded: newKey), data.count == 32 else { throw CLIError("--new-key phải là 32 byte mã hóa base64 (openssl rand -base64 32).") }
                keyBytes = data
            } else {
                keyBytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            }
            let keyText = keyBytes.base64EncodedString() + "\n"
            // The new key is on disk before the database answers to it: a crash in between leaves
            // both keys at hand, never data sealed under a key nobody has.
            let pending = keyFile + ".new"
            if !fromEnvironment {
                guard FileManager.default.createFile(atPath: pending, contents: Data(keyText.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw CLIError("Không ghi được \(pending).")
                }
            }
            let new = PersonalDataProtector(masterKey: SymmetricKey(data: keyBytes))
            let report = try await withDatabase(config, logger: logger) { database in
                try await KeyRotation(database: database, old: old, new: new).run(at: Date())
            }
            print("Đã niêm phong lại \(report.personalIDs) số định danh và \(report.secrets) khóa xác thực hai bước bằng khóa mới.")
            if fromEnvironment {
                print("Khóa mới (đặt vào HOCTAP_PERSONAL_DATA_KEY trước khi khởi động lại máy chủ):\n\(keyText)", terminator: "")
            } else {
                let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
                let retired = keyFile + ".retired-" + stamp
                try FileManager.default.moveItem(atPath: keyFile, toPath: retired)
                try FileManager.default.moveItem(atPath: pending, toPath: keyFile)
                print("Khóa mới ở \(keyFile); khóa cũ ở \(retired), chỉ để mở các bản sao lưu cũ: xóa nó khi không còn giữ chúng.")
            }
        }
    }
}
