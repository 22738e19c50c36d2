import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap user …`: account administration from the server's shell (the first national
/// administrator is created this way).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Quản lý tài khoản từ dòng lệnh.",
        subcommands: [Create.self, List.self, Disable.self, Enable.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Tạo tài khoản.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Tên đăng nhập (chữ thường không dấu, số, . _ -)") var username: String
        @Option(help: "Họ tên hiển thị") var displayName: String
        @Option(help: "Vai trò: \(Role.allCases.map(\.rawValue).joined(separator: ", "))") var role: String
        @Option(help: "Mã địa bàn: VN (toàn quốc), mã tỉnh (01), mã xã (00376) hoặc mã thôn (00376-01)") var area: String
        @Flag(help: "Đọc mật khẩu từ dòng đầu của đầu vào chuẩn thay vì hỏi.") var passwordStdin = false

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            guard let role = Role(rawValue: role) else {
                throw ValidationError("Vai trò \"\(role)\" không hợp lệ; dùng: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let password = try readPassword(fromStandardInput: passwordStdin)
            try await withDatabase(config, logger: logger) { database in
                let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger)
                let target = try await findArea(code: area, in: database)
                do {
                    let account = try await AccountService(environment).create(
                        AccountDraft(username: username, displayName: displayName, password: password, role: role, areaID: target.id),
                        by: nil)
                    print("Đã tạo tài khoản \(account.username) (\(account.role.label)) tại \(account.area.fullName).")
                } catch {
                    throw explain(error)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê tài khoản.")

        @OptionGroup var common: CommonOptions
        @Option(help: "Chỉ tài khoản trong địa bàn này (mã)") var area: String?

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            try await withDatabase(config, logger: logger) { database in
                var scope = AreaPosition.nation
                if let area { scope = try await findArea(code: area, in: database).position }
                var start = PageStart.first
                while true {
                    let page = try await database.read { try await AccountRepository($0).list(within: scope, start: start, limit: 1000) }
                    if case .first = start, page.rows.isEmpty { print("Chưa có tài khoản nào.") }
                    for account in page.rows {
                        print([account.username, account.role.rawValue, account.area.code, account.area.fullName,
                               account.isDisabled ? "đã khóa" : "hoạt động"].joined(separator: "\t"))
                    }
                    guard page.hasNext, let last = page.rows.last else { break }
                    start = .after(last.id)
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Khóa tài khoản (kết thúc mọi phiên đăng nhập của nó).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Tên đăng nhập") var username: String

        func run() async throws { try await setDisabled(true, username: username, common: common) }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mở khóa tài khoản.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Tên đăng nhập") var username: String

        func run() async throws { try await setDisabled(false, username: username, common: common) }
    }
}

private func setDisabled(_ disabled: Bool, username: String, common: CommonOptions) async throws {
    let config = try common.config()
    let logger = LogSetup.bootstrap(config)
    try await withDatabase(config, logger: logger) { database in
        guard let account = try await database.read({ try await AccountRepository($0).find(username: username.lowercased()) }) else {
            throw CLIError("Không có tài khoản \(username).")
        }
        let environment = ServiceEnvironment(database: database, logger: logger)
        do {
            _ = try await AccountService(environment).setDisabled(account.id, disabled: disabled, expectedVersion: nil, by: nil)
        } catch {
            throw explain(error)
        }
        print(disabled ? "Đã khóa \(account.username)." : "Đã mở khóa \(account.username).")
    }
}

/// Finds a current area by its code: "VN", a 2-digit province, a 5-digit commune, or a village code.
func findArea(code: String, in database: any Database) async throws -> Area {
    let level: AreaLevel =
        code == "VN" ? .nation : code.contains("-") ? .village : code.count == 2 ? .province : code.count == 5 ? .commune : .village
    guard let area = try await database.read({ try await AreaRepository($0).current(level: level, code: code) }) else {
        throw CLIError("Không tìm thấy địa bàn mã \"\(code)\". Đã nhập danh mục bằng `hoctap areas import` chưa?")
    }
    return area
}

/// Reads a password without echoing it, or from standard input for scripts.
func readPassword(fromStandardInput: Bool) throws -> String {
    if fromStandardInput {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw CLIError("Không đọc được mật khẩu từ đầu vào chuẩn.") }
        return line
    }
    guard let first = getpass("Mật khẩu: ").map({ String(cString: $0) }),
          let second = getpass("Nhập lại mật khẩu: ").map({ String(cString: $0) }) else {
        throw CLIError("Không đọc được mật khẩu.")
    }
    guard first == second else { throw CLIError("Hai lần nhập mật khẩu không khớp.") }
    return first
}
