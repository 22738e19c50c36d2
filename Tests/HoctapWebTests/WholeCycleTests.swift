import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

/// One household, one clan, one village, one unit and one citizen through the whole year, over
/// real HTTP: an administrator completes and publishes official sets (the shipped ones for these
/// models are honestly incomplete), the commune opens the cycles and registers, assessors answer
/// and submit (a return with its reason and a stale save on the way), the commune reviews, the
/// council approves, and the commune's People's Committee recognises each by a numbered decision.
@Suite("The whole cycle for every kind of subject")
struct WholeCycleTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    static func officialSet(_ model: String, targetGroup: String? = nil) -> String {
        """
        format: hoctap-criteria/1
        id: "kiem-thu-\(model)"
        model: \(model)
        name: "Bộ tiêu chí kiểm thử – \(model)"
        issuer: "Quản trị toàn quốc (kiểm thử)"
        document: {number: "01/KT-\(model)", date: 2026-01-01}
        effective: {from: 2026-01-01}
        status: official
        \(targetGroup.map { "target_group: \"\($0)\"" } ?? "")
        provenance: ["Bộ tiêu chí hoàn chỉnh dùng trong kiểm thử đầu-cuối."]
        scoring:
          style: points
          grades:
            - {code: "dat", label: "Đạt", min_total: 15}
          fail: {code: "khong-dat", label: "Chưa đạt"}
        criteria:
          - id: "1"
            name: "Học tập thường xuyên"
            points: 20
            items:
              - {id: "1.1", text: "Tham gia ít nhất một lớp học trong năm.", points: 10, mandatory: true}
              - {id: "1.2", text: "Có góc học tập, tủ sách.", points: 10, mandatory: true}
        """
    }

    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    struct Created: Decodable { var id: Int64 }
    struct Draft: Decodable { var version: Int }
    struct List: Decodable { var items: [Item]; var total: Int }
    struct Item: Decodable { var id: Int64; var state: String; var version: Int; var subjectName: String }

    @Test("household, clan, village, unit and citizen: registered, assessed, returned once, reviewed, approved and recognised", arguments: TestDatabases.engines)
    func everyKind(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let models = [("family", nil as String?), ("clan", nil), ("community-village", nil), ("unit", nil), ("citizen", "resident")]
            try await browser.apiLogin(DemoUser.admin)
            for (model, group) in models {
                let imported = try await browser.json(.post, "/api/v1/criteria-sets", ["yaml": Self.officialSet(model, targetGroup: group)])
                #expect(imported.status == .created, "\(model): \(imported.body)")
                let published = try await browser.request(.post, "/api/v1/criteria-sets/kiem-thu-\(model)/publish", headers: Self.json,
                                                          body: try Self.body(["version": try imported.json(Draft.self).version]))
                #expect(published.status == .created, "\(model): \(published.body)")
            }

            try await browser.apiLogin(DemoUser.communeOfficer)
            var evaluations: [String: Item] = [:]
            var cycles: [String: Int64] = [:]
            for (model, group) in models {
                var request: [String: Any] = ["year": 2026, "model": model, "setId": "kiem-thu-\(model)"]
                if let group { request["targetGroup"] = group }
                let opened = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/cycles", headers: Self.json, body: try Self.body(request))
                #expect(opened.status == .created, "\(model): \(opened.body)")
                let cycle = try opened.json(Created.self).id
                cycles[model] = cycle
                let registration: [String: Any] = model == "family" ? ["householdCode": "00376-01-0003"] : ["areaId": fixture.socSon.id]
                let registered = try await browser.request(.post, "/api/v1/cycles/\(cycle)/registrations", headers: Self.json, body: try Self.body(registration))
                #expect(registered.status == .created, "\(model): \(registered.body)")
                let list = try await browser.get("/api/v1/cycles/\(cycle)/evaluations").json(List.self)
                evaluations[model] = try #require(list.items.first, "\(model) has a registered subject")
            }
            #expect(Set(evaluations.keys).count == 5)

            // Answers: the household by its village officer, the others by the commune.
            for (model, _) in models {
                let evaluation = evaluations[model]!
                if model == "family" { try await browser.apiLogin(DemoUser.village) } else { try await browser.apiLogin(DemoUser.communeOfficer) }
                let saved = try await browser.request(.put, "/api/v1/evaluations/\(evaluation.id)/answers", headers: Self.json,
                                                      body: try Self.body(["answers": ["items": ["1.1": 10, "1.2": 8]], "assessedBy": "Người tự đánh giá hoặc tổ đánh giá", "version": evaluation.version]))
                #expect(saved.status == .ok, "\(model): \(saved.body)")
                if model == "family" {
                    // A second device still holding version 1 is refused, not applied.
                    let stale = try await browser.request(.put, "/api/v1/evaluations/\(evaluation.id)/answers", headers: Self.json,
                                                          body: try Self.body(["answers": ["items": ["1.1": 0, "1.2": 0]], "version": evaluation.version]))
                    #expect(stale.status == .conflict)
                }
                let submitted = try await browser.request(.post, "/api/v1/evaluations/\(evaluation.id)/transitions", headers: Self.json,
                                                          body: try Self.body(["action": "submit", "version": evaluation.version + 1]))
                #expect(submitted.status == .ok, "\(model): \(submitted.body)")
            }

            // The commune returns the household with a reason; the village fixes and resubmits.
            try await browser.apiLogin(DemoUser.communeOfficer)
            let household = evaluations["family"]!
            #expect(try await browser.request(.post, "/api/v1/evaluations/\(household.id)/transitions", headers: Self.json,
                                              body: try Self.body(["action": "return", "reason": "Ghi rõ lớp học đã tham gia.", "version": household.version + 2])).status == .ok)
            try await browser.apiLogin(DemoUser.village)
            #expect(try await browser.request(.put, "/api/v1/evaluations/\(household.id)/answers", headers: Self.json,
                                              body: try Self.body(["answers": ["items": ["1.1": 10, "1.2": 10]], "version": household.version + 3])).status == .ok)
            #expect(try await browser.request(.post, "/api/v1/evaluations/\(household.id)/transitions", headers: Self.json,
                                              body: try Self.body(["action": "submit", "version": household.version + 4])).status == .ok)

            // The commune reviews everything that is submitted.
            try await browser.apiLogin(DemoUser.communeOfficer)
            for (model, _) in models {
                let current = try await browser.get("/api/v1/cycles/\(cycles[model]!)/evaluations?state=submitted").json(List.self)
                let evaluation = try #require(current.items.first { $0.id == evaluations[model]!.id })
                let reviewed = try await browser.request(.post, "/api/v1/evaluations/\(evaluation.id)/transitions", headers: Self.json,
                                                         body: try Self.body(["action": "review", "version": evaluation.version]))
                #expect(reviewed.status == .ok, "\(model): \(reviewed.body)")
            }

            // The council approves each, the commune recognises each by decision.
            for (index, (model, _)) in models.enumerated() {
                try await browser.apiLogin(DemoUser.council)
                let council = try await browser.request(.post, "/api/v1/cycles/\(cycles[model]!)/council", headers: Self.json, body: try Self.body([
                    "heldOn": "2026-11-20", "members": "Hội đồng xét công nhận xã Sóc Sơn",
                    "outcomes": [["evaluationId": evaluations[model]!.id, "approved": true]],
                ]))
                #expect(council.status == .created, "\(model): \(council.body)")
                try await browser.apiLogin(DemoUser.communeAuthority)
                let decision = try await browser.request(.post, "/api/v1/cycles/\(cycles[model]!)/decisions", headers: Self.json, body: try Self.body([
                    "number": "\(200 + index)/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "Lê Minh Đức", "signerTitle": "Chủ tịch",
                    "legalBasis": "Căn cứ Bộ tiêu chí kiểm thử.", "evaluationIds": [evaluations[model]!.id],
                ]))
                #expect(decision.status == .created, "\(model): \(decision.body)")
                let recognised = try await browser.get("/api/v1/cycles/\(cycles[model]!)/evaluations?state=recognised").json(List.self)
                #expect(recognised.items.map(\.id) == [evaluations[model]!.id], "\(model) is recognised")
            }

            // The household's history tells the whole story.
            try await browser.login(DemoUser.village)
            let page = try await browser.get("/evaluations/\(household.id)")
            for step in ["Đang đánh giá → Đã nộp", "Đã nộp → Trả lại để sửa", "Ghi rõ lớp học đã tham gia.", "Trả lại để sửa → Đã nộp",
                         "Đã nộp → Đã thẩm định", "Đã thẩm định → Hội đồng đã thông qua", "Hội đồng đã thông qua → Đã công nhận", "Quyết định số 200/QĐ-UBND"] {
                #expect(page.body.contains(step), "history: \(step)")
            }
        }
    }
}
