import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Council and recognition decision in the browser")
struct DecisionPageTests {
    /// Form fields answering every TT 25/2023 indicator at its best (measures at 90 %).
    static func communeAnswers() throws -> [String: String] {
        let set = try CriteriaDocument.parse(try #require(try ShippedCriteriaSets.files().first { $0.name.hasPrefix("tt25") }).yaml)
        // TT 25/2023: the commune's assessment team is named before the file is handed in.
        var fields: [String: String] = ["assessedBy": "Tổ đánh giá: Nguyễn Văn An (tổ trưởng), Trần Thị Bình"]
        for item in set.items {
            switch item.answer {
            case .check: fields["i.\(item.id)"] = "1"
            case .number(let rule): fields["i.\(item.id)"] = CriteriaSetValidator.format(rule.unit == .share ? rule.range.upperBound * 100 : rule.range.upperBound)
            case .measure(let name, _): fields["m.\(name)"] = "90"
            case .points(let max, _): fields["i.\(item.id)"] = CriteriaSetValidator.format(max)
            }
        }
        return fields
    }

    static func id(_ path: String) -> String { String(path.split(separator: "?")[0]) }

    @Test("the commune is assessed, reviewed, approved by the council and recognised by a numbered decision, then amended; history stays", arguments: TestDatabases.engines)
    func commune(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let opened = try await browser.submit("/areas/\(fixture.socSon.id)/cycles", ["year": "2026", "model": "community-commune"])
            let cycle = Self.id(opened.location ?? "")
            _ = try await browser.submit(cycle, to: "\(cycle)/register", ["areaID": String(fixture.socSon.id)])
            let evaluation = try EvaluationPageTests.firstEvaluation(try await browser.get(cycle).body)
            var answers = try Self.communeAnswers()
            answers["version"] = "1"
            #expect(try await browser.submit(evaluation, answers).status == .seeOther)
            #expect(try await browser.get(evaluation).body.contains("Mức độ 2 (Tốt)"))
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "submit", "version": "2"]).status == .seeOther)
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": "review", "version": "3"]).status == .seeOther)
            let evaluationID = String(evaluation.dropFirst("/evaluations/".count))

            // Only the council records its meeting, and only with what a minute needs.
            #expect(try await browser.submit(cycle, to: "\(cycle)/council", ["heldOn": "2026-11-20", "members": "A", "outcome-\(evaluationID)": "approve"]).status == .forbidden)
            try await browser.login(DemoUser.council)
            let councilPage = try await browser.get(cycle)
            #expect(councilPage.body.contains("Họp hội đồng xét công nhận (1 hồ sơ đã thẩm định)"))
            let noMembers = try await browser.submit(cycle, to: "\(cycle)/council", ["heldOn": "2026-11-20", "members": " ", "outcome-\(evaluationID)": "approve"])
            #expect(noMembers.status == .unprocessableContent && noMembers.body.contains("thành phần"))
            let future = try await browser.submit(cycle, to: "\(cycle)/council", ["heldOn": "2027-01-01", "members": "A", "outcome-\(evaluationID)": "approve"])
            #expect(future.status == .unprocessableContent && future.body.contains("sau hôm nay"))
            let rejectWithoutReason = try await browser.submit(cycle, to: "\(cycle)/council", ["heldOn": "2026-11-20", "members": "A", "outcome-\(evaluationID)": "reject"])
            #expect(rejectWithoutReason.status == .unprocessableContent && rejectWithoutReason.body.contains("Ghi lý do"))
            let recorded = try await browser.submit(cycle, to: "\(cycle)/council", [
                "heldOn": "2026-11-20", "members": "Phạm Thu Hương (Chủ tịch Hội Khuyến học), Lê Minh Đức, Trần Văn Sơn",
                "minutes": "Hội đồng thống nhất đề nghị công nhận.", "outcome-\(evaluationID)": "approve",
            ])
            #expect(recorded.status == .seeOther)
            #expect(try await browser.get(evaluation).body.contains("Hội đồng đã thông qua"))
            #expect(try await browser.submit(cycle, to: "\(cycle)/decisions", ["number": "1/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "A",
                                                                           "signerTitle": "Chủ tịch", "legalBasis": "Căn cứ", "evaluations": evaluationID]).status == .forbidden)

            // The commune authority issues the decision.
            try await browser.login(DemoUser.communeAuthority)
            let form = try await browser.get(cycle)
            #expect(form.body.contains("Ban hành quyết định công nhận") && form.body.contains("Căn cứ Luật Tổ chức chính quyền địa phương"))
            var decision = ["number": "125/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "Lê Minh Đức", "signerTitle": "Chủ tịch",
                            "legalBasis": "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ Thông tư số 25/2023/TT-BGDĐT.", "validUntil": "2029-12-31",
                            "evaluations": evaluationID]
            let missing = try await browser.submit(cycle, to: "\(cycle)/decisions", decision.merging(["number": "", "signerName": ""]) { $1 })
            #expect(missing.status == .unprocessableContent && missing.body.contains("số quyết định") && missing.body.contains("người ký"))
            let issued = try await browser.submit(cycle, to: "\(cycle)/decisions", decision)
            #expect(issued.status == .seeOther)
            let document = try await browser.get(issued.location ?? "")
            for text in ["ỦY BAN NHÂN DÂN", "XÃ SÓC SƠN", "Số: 125/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                         "Sóc Sơn, ngày 21 tháng 11 năm 2026", "QUYẾT ĐỊNH:", "Điều 1.", "TM. ỦY BAN NHÂN DÂN", "Lê Minh Đức", "DANH SÁCH",
                         "có giá trị đến ngày 31/12/2029", "Mức độ 2 (Tốt)"] {
                #expect(document.body.contains(text), "\(text)")
            }
            #expect(document.body == document.body.precomposedStringWithCanonicalMapping)
            let decisionPath = Self.id(issued.location ?? "")
            let certificates = try await browser.get("\(decisionPath)/certificates")
            #expect(certificates.status == .ok && certificates.body.contains("GIẤY CÔNG NHẬN") && certificates.body.contains("Xã Sóc Sơn"))
            #expect(try await browser.get(evaluation).body.contains("Đã công nhận"))

            // The same number twice is refused; a correction is a new decision that amends the first.
            let duplicate = try await browser.submit(cycle, to: "\(cycle)/decisions", decision)
            #expect(duplicate.status == .unprocessableContent && duplicate.body.contains("đã có quyết định số 125/QĐ-UBND"))
            let decisionID = String(decisionPath.dropFirst("/decisions/".count))
            decision["number"] = "126/QĐ-UBND"
            decision["amends"] = decisionID
            let amended = try await browser.submit(cycle, to: "\(cycle)/decisions", decision)
            #expect(amended.status == .seeOther)
            #expect(try await browser.get(amended.location ?? "").body.contains("sửa đổi Quyết định số 125/QĐ-UBND"))
            #expect(try await browser.get(decisionPath).status == .ok, "the amended decision stays readable")

            // A finished evaluation accepts no more changes; outsiders see nothing.
            try await browser.login(DemoUser.communeOfficer)
            #expect(try await browser.submit(evaluation, answers.merging(["version": "7"]) { $1 }).status == .conflict)
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get(decisionPath).status == .notFound)
            #expect(try await browser.get("\(decisionPath)/certificates").status == .notFound)
        }
    }

    @Test("a decision lists only what the council approved, and is refused while the criteria set is not official", arguments: TestDatabases.engines)
    func refusals(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let cycle = try await EvaluationPageTests.openFamilyCycle(browser, fixture)
            let page = try await browser.get(cycle).body
            let evaluations = page.components(separatedBy: "href=\"/evaluations/").dropFirst().map { String($0.prefix { $0.isNumber }) }
            #expect(evaluations.count == 8)
            try await browser.login(DemoUser.village)
            for id in evaluations.prefix(2) {
                #expect(try await browser.submit("/evaluations/\(id)", EvaluationPageTests.fullMarks.merging(["version": "1"]) { $1 }).status == .seeOther)
                #expect(try await browser.submit("/evaluations/\(id)", to: "/evaluations/\(id)/transition", ["action": "submit", "version": "2"]).status == .seeOther)
                #expect(try await browser.submit("/evaluations/\(id)", to: "/evaluations/\(id)/transition", ["action": "review", "version": "3"]).status == .seeOther)
            }
            try await browser.login(DemoUser.council)
            let notReviewed = try await browser.submit(cycle, to: "\(cycle)/council", ["heldOn": "2026-11-20", "members": "A", "outcome-\(evaluations[2])": "approve"])
            #expect(notReviewed.status == .unprocessableContent && notReviewed.body.contains("chưa được thẩm định"))
            #expect(try await browser.submit(cycle, to: "\(cycle)/council", [
                "heldOn": "2026-11-20", "members": "Hội đồng xã", "outcome-\(evaluations[0])": "approve",
                "outcome-\(evaluations[1])": "reject", "reason-\(evaluations[1])": "Chưa có minh chứng cho nội dung 2.3.",
            ]).status == .seeOther)
            #expect(try await browser.get("/evaluations/\(evaluations[1])").body.contains("Chưa có minh chứng cho nội dung 2.3."))

            try await browser.login(DemoUser.communeAuthority)
            let base = ["number": "7/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "Lê Minh Đức", "signerTitle": "Chủ tịch", "legalBasis": "Căn cứ"]
            let rejected = try await browser.submit(cycle, to: "\(cycle)/decisions", base.merging(["evaluations": evaluations[1]]) { $1 })
            #expect(rejected.status == .unprocessableContent && rejected.body.contains("chưa được hội đồng thông qua"))
            let demoSet = try await browser.submit(cycle, to: "\(cycle)/decisions", base.merging(["evaluations": evaluations[0]]) { $1 })
            #expect(demoSet.status == .unprocessableContent && demoSet.body.contains("chưa dùng được để công nhận chính thức"),
                    "the demo family set cannot ground an official recognition")
            #expect(try await browser.get("/evaluations/\(evaluations[0])").body.contains("Hội đồng đã thông qua"), "nothing was applied")
        }
    }
}
