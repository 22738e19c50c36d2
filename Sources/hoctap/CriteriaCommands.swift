import ArgumentParser
import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapWeb

/// `hoctap criteria …`: criteria sets from the shell: list, check a file, export, score.
struct CriteriaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "criteria", abstract: "Bộ tiêu chí: liệt kê, kiểm tra tệp, xuất YAML, chấm thử.",
        subcommands: [List.self, Validate.self, Export.self, Score.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liệt kê các bộ tiêu chí đã công bố (phiên bản mới nhất).")

        @OptionGroup var common: CommonOptions

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            try await withDatabase(config, logger: logger) { database in
                try await prepareDatabase(database, config: config, logger: logger)
                let records = try await database.read { try await CriteriaRepository($0).latestVersions() }
                if records.isEmpty { print("Chưa có bộ tiêu chí nào.") }
                for record in records.sorted(by: { ($0.model.rawValue, $0.setID) < ($1.model.rawValue, $1.setID) }) {
                    let status = record.status.label.padding(toLength: 14, withPad: " ", startingAt: 0)
                    print("\(record.setID.padding(toLength: 44, withPad: " ", startingAt: 0)) v\(record.version)  \(status) \(record.name)")
                }
            }
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Kiểm tra một tệp bộ tiêu chí (YAML); in từng lỗi kèm vị trí và dòng. Mã thoát 1 khi có lỗi.")

        @Argument(help: "Tệp YAML") var file: String

        func run() async throws {
            let text = try readText(file)
            do {
                let set = try CriteriaDocument.parse(text)
                print("Hợp lệ: \(set.id) – \(set.name) (\(set.status.label); \(set.criteria.count) tiêu chí, \(set.items.count) chỉ tiêu).")
                let blockers = CriteriaSetValidator.officialUseBlockers(of: set)
                if !blockers.isEmpty {
                    print("Chưa dùng được để công nhận chính thức:")
                    for blocker in blockers { print("  - \(blocker)") }
                }
            } catch {
                print("\(file): \(error.issues.count) lỗi")
                for issue in error.issues {
                    print("  \(file):\(issue.line.map { "\($0):" } ?? "") \(issue.path.isEmpty ? "(gốc)" : issue.path): \(issue.message)")
                }
                throw ExitCode(1)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "In tệp YAML của một phiên bản đã công bố.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "Mã bộ tiêu chí") var setID: String
        @Option(help: "Phiên bản (mặc định mới nhất)") var version: Int?

        func run() async throws {
            let config = try common.config()
            let logger = LogSetup.bootstrap(config)
            try await withDatabase(config, logger: logger) { database in
                let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger)
                do {
                    print(try await CriteriaService(environment).published(setID, version: version).record.yaml, terminator: "")
                } catch {
                    throw explain(error)
                }
            }
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chấm một bộ câu trả lời (JSON như POST /api/v1/criteria-sets/{id}/score) và in kết quả JSON giống hệt API.",
            discussion: """
            Bộ tiêu chí là mã của một bộ đã công bố trong cơ sở dữ liệu, hoặc đường dẫn tới một tệp YAML.
            Ví dụ câu trả lời: {"items": {"1.1": 10, "2.3": true}, "measures": {"household_learning_family_share": 0.82}}
            Dùng - để đọc câu trả lời từ đầu vào chuẩn.
            """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "Mã bộ tiêu chí hoặc tệp YAML") var set: String
        @Argument(help: "Tệp JSON câu trả lời, hoặc -") var answers: String
        @Option(help: "Phiên bản đã công bố (mặc định mới nhất)") var version: Int?

        func run() async throws {
            let answerData = answers == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try readData(answers)
            let result: ScoreResult
            do {
                let input = try ScoreJSON.decodeInput(answerData)
                if FileManager.default.fileExists(atPath: set) {
                    let criteriaSet: CriteriaSet
                    do { criteriaSet = try CriteriaDocument.parse(try readText(set)) } catch let error as CriteriaSetInvalid {
                        throw CLIError("\(set): bộ tiêu chí không hợp lệ:\n" + error.issues.map { "  \($0)" }.joined(separator: "\n"))
                    }
                    do { result = try ScoringEngine.score(criteriaSet, version: nil, input: input) } catch {
                        throw ServiceError.invalid(error.issues.map { FieldIssue($0.path, $0.message) })
                    }
                } else {
                    let config = try common.config()
                    let logger = LogSetup.bootstrap(config)
                    result = try await withDatabase(config, logger: logger) { database in
                        try await prepareDatabase(database, config: config, logger: logger)
                        let environment = ServiceEnvironment(database: database, passwordHasher: BcryptPasswordHasher(cost: config.bcryptCost), logger: logger)
                        return try await CriteriaService(environment).score(set, version: version, input: input)
                    }
                }
            } catch let error as CLIError {
                throw error
            } catch {
                throw explain(error)
            }
            FileHandle.standardOutput.write(try ScoreJSON.encode(result))
        }
    }
}

private func readData(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("Không đọc được tệp \(path).") }
    return data
}

private func readText(_ path: String) throws -> String {
    guard let text = String(data: try readData(path), encoding: .utf8) else { throw CLIError("Tệp \(path) không phải văn bản UTF-8.") }
    return text
}
