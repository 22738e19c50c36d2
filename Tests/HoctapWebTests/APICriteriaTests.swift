import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

@Suite("JSON API: criteria sets")
struct APICriteriaTests {
    static let commune = "tt25-2023-cdht-xa"

    struct Items<T: Decodable>: Decodable { var items: [T] }
    struct Summary: Decodable { var id: String; var status: String?; var latestVersion: Int?; var hasDraft: Bool }
    struct Version: Decodable { var id: String; var version: Int; var status: String; var provinceId: Int64?; var officialUse: OfficialUse }
    struct OfficialUse: Decodable { var allowed: Bool; var reasons: [String] }
    struct Document: Decodable { var version: Version; var style: String; var criteria: [Criterion]; var versions: [Int] }
    struct Criterion: Decodable { var id: String; var items: [ItemShape] }
    struct ItemShape: Decodable { var id: String; var answer: String; var measure: String? }
    struct Draft: Decodable { var id: String; var version: Int; var yaml: String; var valid: Bool; var issues: [Issue] }
    struct Issue: Decodable { var path: String; var line: Int?; var message: String }
    struct Validation: Decodable { var valid: Bool; var issues: [Issue]; var officialUseBlockers: [String] }
    struct Score: Decodable { var verdict: Verdict; var total: Double?; var failures: [Failure]; var next: Next? }
    struct Verdict: Decodable { var code: String; var rank: Int }
    struct Failure: Decodable { var rule: String; var message: String }
    struct Next: Decodable { var changes: [Change] }
    struct Change: Decodable { var item: String; var to: Double }

    /// All TT 25/2023 answers met, with learning citizens at `citizens`.
    static func communeAnswers(citizens: Double) throws -> [String: Any] {
        let set = try CriteriaDocument.parse(try ShippedCriteriaSets.files().first { $0.name.hasPrefix(commune) }!.yaml)
        var items: [String: Any] = [:]
        var measures: [String: Any] = [:]
        for item in set.items {
            switch item.answer {
            case .check: items[item.id] = true
            case .number(let rule): items[item.id] = rule.range.upperBound
            case .points(let max, _): items[item.id] = max
            case .measure(let name, _): measures[name] = name == "commune_citizens_learning_citizen_share" ? citizens : 0.9
            }
        }
        return ["items": items, "measures": measures]
    }

    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    @Test("list, read with the tree, download YAML, and find the set in force for a commune", arguments: TestDatabases.engines)
    func read(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.viewer)
            let list = try await browser.get("/api/v1/criteria-sets").json(Items<Summary>.self)
            #expect(list.items.contains { $0.id == Self.commune && $0.status == "official" && $0.latestVersion == 1 })
            #expect(list.items.contains { $0.id == "tt22-2020-dvht" && $0.status == "incomplete" })

            let document = try await browser.get("/api/v1/criteria-sets/\(Self.commune)").json(Document.self)
            #expect(document.style == "levels" && document.versions == [1] && document.version.officialUse.allowed)
            #expect(document.criteria.count == 5)
            #expect(document.criteria.flatMap(\.items).contains { $0.answer == "measure" && $0.measure == "commune_citizens_learning_citizen_share" })
            let incomplete = try await browser.get("/api/v1/criteria-sets/tt22-2020-dvht").json(Document.self)
            #expect(!incomplete.version.officialUse.allowed && !incomplete.version.officialUse.reasons.isEmpty)

            let yaml = try await browser.get("/api/v1/criteria-sets/\(Self.commune)/yaml?version=1")
            #expect(yaml.headers[.contentType]?.hasPrefix("application/yaml") == true && yaml.body.hasPrefix("format: hoctap-criteria/1"))
            #expect(try await browser.get("/api/v1/criteria-sets/khong-co").status == .notFound)
            #expect(try await browser.get("/api/v1/criteria-sets/\(Self.commune)?version=0").status == .unprocessableContent)

            try await browser.apiLogin(DemoUser.communeOfficer)
            let inForce = try await browser.get("/api/v1/criteria-sets/in-force?model=community-commune&areaId=\(fixture.socSon.id)&date=2026-06-01")
            #expect(inForce.status == .ok)
            #expect(try inForce.json(Version.self).id == Self.commune)
            let family = try await browser.get("/api/v1/criteria-sets/in-force?model=family&areaId=\(fixture.socSon.id)&date=2026-06-01")
            #expect(try family.json(Version.self).id == "qd448-2015-gia-dinh-trinh-dien-ha-noi", "Hà Nội's demo variant comes before the national set")
            let before = try await browser.get("/api/v1/criteria-sets/in-force?model=community-commune&areaId=\(fixture.socSon.id)&date=2020-01-01")
            #expect(before.status == .notFound)
            let bad = try await browser.get("/api/v1/criteria-sets/in-force?model=nha&areaId=x&date=hom-nay")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("\"model\"") && bad.body.contains("\"areaId\"") && bad.body.contains("\"date\""))
            let foreign = try await browser.get("/api/v1/criteria-sets/in-force?model=family&areaId=\(fixture.quePhong.id)")
            #expect(foreign.status == .notFound, "an area outside the caller's subtree is not found")
        }
    }

    @Test("scoring: the verdict at the 60 % boundary, the smallest change, and specific errors for bad answers", arguments: TestDatabases.engines)
    func score(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            try await browser.apiLogin(DemoUser.village)
            let url = "/api/v1/criteria-sets/\(Self.commune)/score"
            let json: HTTPFields = [.contentType: "application/json"]
            let below = try await browser.request(.post, url, headers: json, body: try Self.body(try Self.communeAnswers(citizens: 0.599)))
            #expect(below.status == .ok)
            let belowResult = try below.json(Score.self)
            #expect(belowResult.verdict.rank == 0)
            #expect(belowResult.failures.contains { $0.message.contains("59,9") })
            let at = try await browser.request(.post, url, headers: json, body: try Self.body(try Self.communeAnswers(citizens: 0.6)))
            #expect(try at.json(Score.self).verdict.rank >= 1)

            var unknown = try Self.communeAnswers(citizens: 0.7)
            var items = unknown["items"] as! [String: Any]
            items["9.9"] = true
            items["1.1"] = 3
            unknown["items"] = items
            let refused = try await browser.request(.post, url, headers: json, body: try Self.body(unknown))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("items.9.9") && refused.body.contains("items.1.1"))
            let malformed = try await browser.request(.post, url, headers: json, body: ByteBuffer(string: #"{"items": {"1.1": "có"}}"#))
            #expect(malformed.status == .badRequest)
            let wrongType = try await browser.request(.post, url, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "{}"))
            #expect(wrongType.status == .unsupportedMediaType)
            #expect(try await browser.request(.post, "/api/v1/criteria-sets/khong-co/score", headers: json, body: ByteBuffer(string: "{}")).status == .notFound)
        }
    }

    @Test("`hoctap criteria score` prints exactly what the endpoint returns")
    func commandMatchesEndpoint() async throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        let built = FileManager.default.isExecutableFile(atPath: executable.path)
        try #require(built, "the hoctap executable is built next to the tests (\(executable.path))")
        try await TestApp.run(.sqlite) { browser, fixture in
            try await browser.apiLogin(DemoUser.viewer)
            let answers = try JSONSerialization.data(withJSONObject: try Self.communeAnswers(citizens: 0.65), options: [.sortedKeys])
            let response = try await browser.request(.post, "/api/v1/criteria-sets/\(Self.commune)/score",
                                                     headers: [.contentType: "application/json"], body: ByteBuffer(bytes: answers))
            #expect(response.status == .ok)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString).json")
            try answers.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let url = try #require(fixture.databaseURL).description
            let output = try Self.run(executable, ["criteria", "score", Self.commune, file.path, "--database-url", url, "--log-level", "error"])
            #expect(output.status == 0, "\(output.error)")
            #expect(output.text == response.body)
            #expect(output.text.hasSuffix("}\n"))

            let invalid = try Self.run(executable, ["criteria", "validate", "/dev/null"])
            #expect(invalid.status == 1)
        }
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, text: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test("drafts over the API: open, save with conflict detection, validate, publish, derive, discard", arguments: TestDatabases.engines)
    func drafts(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            try await browser.apiLogin(DemoUser.admin)
            let base = "/api/v1/criteria-sets/\(Self.commune)"
            let opened = try await browser.request(.post, "\(base)/draft/open")
            #expect(opened.status == .created)
            let draft = try opened.json(Draft.self)
            #expect(draft.version == 1 && draft.valid)

            let broken = try await browser.json(.put, "\(base)/draft", ["yaml": .string(draft.yaml + "bogus: 1\n"), "version": .int(1)] as [String: JSONField])
            #expect(broken.status == .ok)
            let brokenDraft = try broken.json(Draft.self)
            #expect(!brokenDraft.valid && brokenDraft.issues.first?.path == "bogus" && brokenDraft.issues.first?.line != nil)
            let stale = try await browser.json(.put, "\(base)/draft", ["yaml": .string(draft.yaml), "version": .int(1)] as [String: JSONField])
            #expect(stale.status == .conflict)
            #expect(try await browser.json(.post, "\(base)/publish", ["version": 2]).status == .unprocessableContent)

            let check = try await browser.json(.post, "/api/v1/criteria-sets/validate", ["yaml": draft.yaml + "bogus: 1\n"]).json(Validation.self)
            #expect(!check.valid && check.issues.count == 1)
            let incomplete = try await browser.get("/api/v1/criteria-sets/tt22-2020-dvht/yaml").body
            let incompleteCheck = try await browser.json(.post, "/api/v1/criteria-sets/validate", ["yaml": incomplete]).json(Validation.self)
            #expect(incompleteCheck.valid && !incompleteCheck.officialUseBlockers.isEmpty)

            #expect(try await browser.json(.put, "\(base)/draft", ["yaml": .string(draft.yaml), "version": .int(2)] as [String: JSONField]).status == .ok)
            let published = try await browser.json(.post, "\(base)/publish", ["version": 3])
            #expect(published.status == .created)
            #expect(try published.json(Version.self).version == 2)

            let derived = try await browser.json(.post, "\(base)/derive", ["id": "cdht-xa-nghe-an", "province": "40", "effectiveFrom": "2027-01-01"])
            #expect(derived.status == .created)
            #expect(try await browser.json(.post, "\(base)/derive", ["id": "cdht-xa-x", "province": "99"]).status == .unprocessableContent)
            #expect(try await browser.json(.post, "\(base)/derive", ["id": "x-y-z", "province": "40", "effectiveFrom": "mai"]).status == .unprocessableContent)
            #expect(try await browser.request(.delete, "/api/v1/criteria-sets/cdht-xa-nghe-an/draft").status == .unprocessableContent)
            #expect(try await browser.request(.delete, "/api/v1/criteria-sets/cdht-xa-nghe-an/draft?version=1").status == .noContent)
            #expect(try await browser.get("/api/v1/criteria-sets/cdht-xa-nghe-an/draft").status == .notFound)

            let imported = try await browser.json(.post, "/api/v1/criteria-sets",
                                                  ["yaml": draft.yaml.replacingOccurrences(of: "id: \"\(Self.commune)\"", with: "id: \"cdht-xa-api\"")])
            #expect(imported.status == .created)
            let importBroken = try await browser.json(.post, "/api/v1/criteria-sets", ["yaml": "format: hoctap-criteria/1\nid: [\n"])
            #expect(importBroken.status == .unprocessableContent)
            #expect(importBroken.body.contains("\"line\""))
        }
    }

    @Test("only administrators manage: viewers and commune officers read; a province officer keeps to their province", arguments: TestDatabases.engines)
    func forbidden(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let base = "/api/v1/criteria-sets/\(Self.commune)"
            for user in [DemoUser.viewer, DemoUser.communeOfficer, DemoUser.province] {
                try await browser.apiLogin(user)
                #expect(try await browser.request(.post, "\(base)/draft/open").status == .forbidden, "\(user)")
                #expect(try await browser.json(.post, "/api/v1/criteria-sets", ["yaml": try await browser.get("\(base)/yaml").body]).status == .forbidden, "\(user)")
                #expect(try await browser.json(.post, "\(base)/derive", ["id": "cdht-xa-nghe-an", "province": "40"]).status == .forbidden, "\(user)")
            }
            try await browser.apiLogin(DemoUser.admin)
            _ = try await browser.request(.post, "\(base)/draft/open")
            try await browser.apiLogin(DemoUser.province)
            #expect(try await browser.get("\(base)/draft").status == .forbidden)
            #expect(try await browser.json(.put, "\(base)/draft", ["yaml": .string("x"), "version": .int(1)] as [String: JSONField]).status == .forbidden)
            #expect(try await browser.json(.post, "\(base)/publish", ["version": 1]).status == .forbidden)
            #expect(try await browser.request(.delete, "\(base)/draft?version=1").status == .forbidden)
            #expect(try await browser.json(.post, "\(base)/derive", ["id": "cdht-xa-ha-noi", "province": "01"]).status == .created)
        }
    }
}
