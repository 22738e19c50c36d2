import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// Two `hoctap serve` processes on one PostgreSQL database: a session opened on one works on the
/// other, concurrent writers of the same evaluation through different servers never both win, and
/// the rollups and the audit chain stay exact.
@Suite("Two application servers on one PostgreSQL")
struct TwoServersTests {
    struct Client: Sendable {
        var base: String
        var token: String?

        func send(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> (status: Int, data: Data) {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = method
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let body {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
        }

        func json(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
            let (status, data) = try await send(method, path, body)
            guard (200..<300).contains(status), let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CLIFailure(message: "\(method) \(path) → \(status): \(String(decoding: data, as: UTF8.self))")
            }
            return object
        }

        func login(_ username: String) async throws -> Client {
            let answer = try await json("POST", "/api/v1/session", ["username": username, "password": DemoSeeder.password])
            return Client(base: base, token: answer["token"] as? String)
        }
    }

    struct CLIFailure: Error, CustomStringConvertible { var message: String; var description: String { message } }

    static func start(_ executable: URL, url: String, port: Int, directory: String) throws -> Process {
        let server = Process()
        server.executableURL = executable
        server.arguments = ["serve", "--database-url", url, "--port", String(port), "--data-dir", directory, "--log-level", "error", "--no-migrate"]
        var environment = ProcessInfo.processInfo.environment
        environment["HOCTAP_PERSONAL_DATA_KEY"] = Data(repeating: 7, count: 32).base64EncodedString()
        environment["HOCTAP_BCRYPT_COST"] = "4"
        server.environment = environment
        try server.run()
        return server
    }

    /// Waits up to two minutes: a loaded CI machine (both cores busy with the rest of the suite)
    /// has taken over 30 seconds to migrate and seed the demo before serving.
    static func waitUntilUp(_ base: String) async throws {
        for _ in 0..<600 {
            if let (_, response) = try? await URLSession.shared.data(from: URL(string: base + "/healthz")!),
               (response as? HTTPURLResponse)?.statusCode == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CLIFailure(message: "server at \(base) did not start")
    }

    @Test("sessions cross servers, concurrent submits of the same version through both let exactly one through, figures stay exact")
    func twoServers() async throws {
        guard ProcessInfo.processInfo.environment["HOCTAP_TEST_POSTGRES_URL"] != nil else {
            let reason = "Two-server test skipped: HOCTAP_TEST_POSTGRES_URL is not set (.ci/run sets it)."
            Issue.record(Comment(rawValue: reason), severity: .warning)
            try Test.cancel(Comment(rawValue: reason))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("hoctap")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path), "the hoctap executable is built next to the tests")
        let files = try TemporaryFiles()
        let directory = files.directory.path
        try await TestDatabases.with(.postgres, seed: DemoData.seed) { _, url in
            let portA = Int.random(in: 20_000...30_000), portB = portA + 1
            let serverA = try Self.start(executable, url: url.description, port: portA, directory: directory)
            let serverB = try Self.start(executable, url: url.description, port: portB, directory: directory)
            defer {
                for server in [serverA, serverB] { server.terminate(); server.waitUntilExit() }
            }
            let a = Client(base: "http://127.0.0.1:\(portA)"), b = Client(base: "http://127.0.0.1:\(portB)")
            try await Self.waitUntilUp(a.base)
            try await Self.waitUntilUp(b.base)

            // A token from server A works on server B.
            let adminA = try await a.login(DemoUser.admin)
            let adminB = Client(base: b.base, token: adminA.token)
            #expect((try await adminB.json("GET", "/api/v1/me"))["username"] as? String == DemoUser.admin)
            let draft = try await adminA.json("POST", "/api/v1/criteria-sets", ["yaml": WholeCycleTests.officialSet("family")])
            _ = try await adminB.json("POST", "/api/v1/criteria-sets/kiem-thu-family/publish", ["version": draft["version"] as? Int ?? 0])

            let officerA = try await a.login(DemoUser.communeOfficer)
            let officerB = Client(base: b.base, token: officerA.token)
            let socSon = try #require(fixtureID(try await officerA.json("GET", "/api/v1/me")))
            let cycle = try await officerB.json("POST", "/api/v1/areas/\(socSon)/cycles", ["year": 2026, "model": "family", "setId": "kiem-thu-family"])
            let cycleID = try #require(cycle["id"] as? Int)
            let villages = try await officerA.send("GET", "/api/v1/areas/\(socSon)/children")
            let thonDong = try #require(((try JSONSerialization.jsonObject(with: villages.data) as? [String: Any])?["items"] as? [[String: Any]])?
                .first { ($0["code"] as? String) == "00376-01" }?["id"] as? Int)
            _ = try await officerA.json("POST", "/api/v1/cycles/\(cycleID)/registrations", ["areaId": thonDong])
            let list = try await officerB.json("GET", "/api/v1/cycles/\(cycleID)/evaluations")
            let items = try #require(list["items"] as? [[String: Any]])
            #expect(items.count == 8)

            // Every evaluation answered, then submitted twice at once with the same version: once through each server.
            var winners = 0, conflicts = 0
            for item in items {
                let id = try #require(item["id"] as? Int)
                let saved = try await officerA.json("PUT", "/api/v1/evaluations/\(id)/answers",
                                                    ["answers": ["items": ["1.1": 10, "1.2": 10]], "assessedBy": "Chủ hộ", "version": item["version"] as? Int ?? 0])
                let version = try #require((saved["evaluation"] as? [String: Any])?["version"] as? Int)
                async let first = officerA.send("POST", "/api/v1/evaluations/\(id)/transitions", ["action": "submit", "version": version])
                async let second = officerB.send("POST", "/api/v1/evaluations/\(id)/transitions", ["action": "submit", "version": version])
                let statuses = [try await first.status, try await second.status]
                winners += statuses.filter { $0 == 200 }.count
                conflicts += statuses.filter { $0 == 409 }.count
            }
            #expect(winners == 8 && conflicts == 8, "exactly one of each pair: \(winners) won, \(conflicts) conflicts")

            // Review through B, council through A, decision through B.
            let submitted = try #require((try await officerB.json("GET", "/api/v1/cycles/\(cycleID)/evaluations?state=submitted"))["items"] as? [[String: Any]])
            for item in submitted {
                _ = try await officerB.json("POST", "/api/v1/evaluations/\(item["id"] as? Int ?? 0)/transitions", ["action": "review", "version": item["version"] as? Int ?? 0])
            }
            let council = try await a.login(DemoUser.council)
            _ = try await council.json("POST", "/api/v1/cycles/\(cycleID)/council", [
                "heldOn": "2026-11-20", "members": "Hội đồng", "outcomes": submitted.map { ["evaluationId": $0["id"] as? Int ?? 0, "approved": true] }])
            let authority = Client(base: b.base, token: try await a.login(DemoUser.communeAuthority).token)
            _ = try await authority.json("POST", "/api/v1/cycles/\(cycleID)/decisions", [
                "number": "8/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "Lê Minh Đức", "signerTitle": "Chủ tịch", "legalBasis": "Căn cứ.",
                "evaluationIds": submitted.map { $0["id"] as? Int ?? 0 }])

            let progress = try await officerA.json("GET", "/api/v1/areas/\(socSon)/progress?year=2026")
            let family = (progress["figures"] as? [[String: Any]])?.first { ($0["indicator"] as? String) == "family" }
            #expect(family?["recognised"] as? Int == 8 && family?["registered"] as? Int == 8)
            for command in [["rollups", "verify"], ["audit", "verify"]] {
                let result = try APICriteriaTests.run(executable, command + ["--database-url", url.description, "--log-level", "error"])
                #expect(result.status == 0, "\(command): \(result.text) \(result.error)")
            }
        }
        withExtendedLifetime(files) {}
    }

    /// The area of the signed-in account, from `/api/v1/me`.
    func fixtureID(_ me: [String: Any]) -> Int? {
        me["areaId"] as? Int
    }
}
