import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

@Suite("JSON API: the yearly cycle")
struct APIEvaluationTests {
    struct Cycle: Decodable { var id: Int64; var setId: String; var counts: [String: Int]? }
    struct Registration: Decodable { var added: Int; var evaluationId: Int64? }
    struct Evaluation: Decodable { var id: Int64; var state: String; var version: Int; var verdict: String? }
    struct EvaluationList: Decodable { var items: [Evaluation]; var total: Int }
    struct Detail: Decodable { var evaluation: Evaluation; var actions: [String]; var missing: [Issue]; var result: Result?; var assessor: String; var assessedBy: String? }
    struct Result: Decodable { var verdict: Verdict }
    struct Verdict: Decodable { var label: String; var rank: Int }
    struct Issue: Decodable { var path: String }
    struct Decision: Decodable { var id: Int64; var number: String; var validUntil: String?; var subjects: [Subject] }
    struct Subject: Decodable { var evaluationId: Int64 }

    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// TT 25/2023 answers at their best, as the API takes them.
    static func communeAnswers() throws -> [String: Any] { try APICriteriaTests.communeAnswers(citizens: 0.9) }

    @Test("the commune walks the whole cycle over the API: open, register, answer, submit, review, council, decision", arguments: TestDatabases.engines)
    func wholeCycle(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let json: HTTPFields = [.contentType: "application/json"]
            try await browser.apiLogin(DemoUser.communeOfficer)
            let opened = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/cycles", headers: json,
                                                   body: try Self.body(["year": 2026, "model": "community-commune"]))
            #expect(opened.status == .created)
            let cycle = try opened.json(Cycle.self)
            #expect(cycle.setId == "tt25-2023-cdht-xa")
            let badModel = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/cycles", headers: json, body: try Self.body(["year": 2026, "model": "nha"]))
            #expect(badModel.status == .unprocessableContent)
            let registered = try await browser.request(.post, "/api/v1/cycles/\(cycle.id)/registrations", headers: json, body: try Self.body(["areaId": fixture.socSon.id]))
            #expect(try registered.json(Registration.self).added == 1)
            #expect(try await browser.request(.post, "/api/v1/cycles/\(cycle.id)/registrations", headers: json, body: try Self.body([:])).status == .unprocessableContent)
            let list = try await browser.get("/api/v1/cycles/\(cycle.id)/evaluations?state=draft").json(EvaluationList.self)
            #expect(list.total == 1)
            #expect(try await browser.get("/api/v1/cycles/\(cycle.id)/evaluations?state=nonsense").status == .unprocessableContent)
            let id = try #require(list.items.first).id

            let partial = try await browser.request(.put, "/api/v1/evaluations/\(id)/answers", headers: json,
                                                    body: try Self.body(["answers": ["items": ["1.1": true]], "version": 1]))
            #expect(partial.status == .ok)
            let partialDetail = try partial.json(Detail.self)
            #expect(!partialDetail.missing.isEmpty && partialDetail.evaluation.version == 2)
            let outOfRange = try await browser.request(.put, "/api/v1/evaluations/\(id)/answers", headers: json,
                                                       body: try Self.body(["answers": ["items": ["9.9": true]], "version": 2]))
            #expect(outOfRange.status == .unprocessableContent && outOfRange.body.contains("items.9.9"))
            let stale = try await browser.request(.put, "/api/v1/evaluations/\(id)/answers", headers: json,
                                                  body: try Self.body(["answers": try Self.communeAnswers(), "version": 1]))
            #expect(stale.status == .conflict)
            let unnamed = try await browser.request(.post, "/api/v1/evaluations/\(id)/transitions", headers: json,
                                                    body: try Self.body(["action": "submit", "version": 2]))
            #expect(unnamed.status == .unprocessableContent && unnamed.body.contains("assessedBy"), "TT 25 is assessed by a team, which must be named")
            let full = try await browser.request(.put, "/api/v1/evaluations/\(id)/answers", headers: json,
                                                 body: try Self.body(["answers": try Self.communeAnswers(), "assessedBy": "Tổ đánh giá của UBND xã", "version": 2]))
            let fullDetail = try full.json(Detail.self)
            #expect(fullDetail.result?.verdict.rank == 2 && fullDetail.assessor == "team" && fullDetail.assessedBy == "Tổ đánh giá của UBND xã")
            for (action, version) in [("submit", 3), ("review", 4)] {
                let step = try await browser.request(.post, "/api/v1/evaluations/\(id)/transitions", headers: json,
                                                     body: try Self.body(["action": action, "version": version]))
                #expect(step.status == .ok, "\(action): \(step.body)")
            }
            let noReason = try await browser.request(.post, "/api/v1/evaluations/\(id)/transitions", headers: json,
                                                     body: try Self.body(["action": "return", "version": 5]))
            #expect(noReason.status == .unprocessableContent)

            try await browser.apiLogin(DemoUser.council)
            let council = try await browser.request(.post, "/api/v1/cycles/\(cycle.id)/council", headers: json, body: try Self.body([
                "heldOn": "2026-11-20", "members": "Hội đồng xã Sóc Sơn", "outcomes": [["evaluationId": id, "approved": true]],
            ]))
            #expect(council.status == .created)
            try await browser.apiLogin(DemoUser.communeAuthority)
            let decision = try await browser.request(.post, "/api/v1/cycles/\(cycle.id)/decisions", headers: json, body: try Self.body([
                "number": "88/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "Lê Minh Đức", "signerTitle": "Chủ tịch",
                "legalBasis": "Căn cứ Thông tư số 25/2023/TT-BGDĐT", "evaluationIds": [id],
            ]))
            #expect(decision.status == .created)
            let issued = try decision.json(Decision.self)
            #expect(issued.subjects.map(\.evaluationId) == [id])
            #expect(issued.validUntil == "2029-12-31", "TT 25/2023 keeps a recognition for 3 years after the year of recognition")
            #expect(try await browser.get("/api/v1/decisions/\(issued.id)").json(Decision.self).number == "88/QĐ-UBND")
            #expect(try await browser.get("/api/v1/evaluations/\(id)").json(Detail.self).evaluation.state == "recognised")
            #expect(try await browser.get("/api/v1/cycles/\(cycle.id)").json(Cycle.self).counts?["recognised"] == 1)
            #expect(try await browser.get("/api/v1/areas/\(fixture.socSon.id)/cycles").status == .ok)
        }
    }

    @Test("evidence over the API: a real PDF is accepted, a renamed executable refused; roles and areas are enforced", arguments: TestDatabases.engines)
    func evidenceAndAccess(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let json: HTTPFields = [.contentType: "application/json"]
            let cycle = try await EvaluationPageTests.openFamilyCycle(browser, fixture)
            let id = try EvaluationPageTests.firstEvaluation(try await browser.get(cycle).body).dropFirst("/evaluations/".count)
            try await browser.apiLogin(DemoUser.village)
            func upload(_ name: String, _ data: Data) async throws -> Browser.Page {
                let boundary = "b\(UUID().uuidString)"
                var body = Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"items\"\r\n\r\n1.1\r\n".utf8)
                body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n\r\n".utf8))
                body.append(data)
                body.append(Data("\r\n--\(boundary)--\r\n".utf8))
                return try await browser.request(.post, "/api/v1/evaluations/\(id)/evidence",
                                                 headers: [.contentType: "multipart/form-data; boundary=\(boundary)"], body: ByteBuffer(bytes: body))
            }
            #expect(try await upload("bien-ban.pdf", try EvidenceTests.fixture("bien-ban.pdf")).status == .created)
            let executable = try Data(contentsOf: URL(fileURLWithPath: CommandLine.arguments[0])).prefix(100_000)
            let refused = try await upload("anh.png", executable)
            #expect(refused.status == .unprocessableContent && refused.body.contains("\"field\":\"file\""))
            #expect(try await browser.get("/api/v1/evaluations/\(id)/evidence").body.contains("GD-2026-1-1.1-001"))

            // The council cannot answer; the village officer cannot record a council; another province sees nothing.
            #expect(try await browser.request(.post, "/api/v1/cycles/\(String(cycle.dropFirst("/cycles/".count)))/council", headers: json,
                                              body: try Self.body(["heldOn": "2026-11-20", "members": "x", "outcomes": []])).status == .forbidden)
            try await browser.apiLogin(DemoUser.council)
            #expect(try await browser.request(.put, "/api/v1/evaluations/\(id)/answers", headers: json,
                                              body: try Self.body(["answers": ["items": [:]], "version": 1])).status == .forbidden)
            #expect(try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/cycles", headers: json,
                                              body: try Self.body(["year": 2026, "model": "clan"])).status == .forbidden)
            try await browser.apiLogin(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/api/v1/evaluations/\(id)").status == .notFound)
            #expect(try await browser.get("/api/v1/evaluations/\(id)/evidence").status == .notFound)
            #expect(try await browser.request(.post, "/api/v1/evaluations/\(id)/transitions", headers: json,
                                              body: try Self.body(["action": "submit", "version": 1])).status == .notFound)
        }
    }
}
