import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Shipped criteria sets")
struct ShippedCriteriaSetTests {
    @Test("every shipped set parses, writes back to the same set, and is honest about what it lacks")
    func shipped() throws {
        let files = try ShippedCriteriaSets.files()
        #expect(files.count >= 13)
        for file in files {
            let set = try CriteriaDocument.parse(file.yaml)
            #expect("\(set.id).yaml" == file.name)
            let again = try CriteriaDocument.parse(CriteriaDocument.canonicalYAML(set))
            #expect(again == set, "round trip of \(set.id)")
            #expect(CriteriaDocument.canonicalYAML(again) == CriteriaDocument.canonicalYAML(set))
            let blockers = CriteriaSetValidator.officialUseBlockers(of: set)
            switch set.status {
            case .official: #expect(blockers.isEmpty, "\(set.id): \(blockers)")
            case .incomplete, .draft: #expect(!blockers.isEmpty, "\(set.id) must say what it lacks")
            }
        }
        #expect(try CriteriaDocument.parse(try #require(files.first { $0.name.hasPrefix("tt25") }).yaml).validYears == 3)
        let citizen = try CriteriaDocument.parse(try #require(files.first { $0.name.hasPrefix("qd324-2023-cdht-nguoi-dan") }).yaml)
        #expect(CriteriaSetValidator.officialUseBlockers(of: citizen).contains { $0.contains("CS1") && $0.contains("chưa có văn bản") })
        let family = try CriteriaDocument.parse(try #require(files.first { $0.name == "qd448-2015-gia-dinh.yaml" }).yaml)
        #expect(CriteriaSetValidator.officialUseBlockers(of: family).contains { $0.contains("ngưỡng") })
    }

    /// Every answer at its best: full points, met, the top of the range, a share of 1.
    static func bestAnswers(_ set: CriteriaSet, kind: String? = nil) -> ScoringInput {
        var input = ScoringInput(subjectKind: kind)
        for item in set.items {
            switch item.answer {
            case .points(let max, _): input.items[item.id] = .number(max)
            case .check: input.items[item.id] = .bool(true)
            case .number(let rule): input.items[item.id] = .number(rule.range.upperBound)
            case .measure(let name, let rule): input.measures[name] = MeasureValue(rule.range.upperBound)
            }
        }
        return input
    }

    @Test("every threshold of every shipped levels set: the minimum reaches its level, a hair below does not")
    func levelBoundaries() throws {
        var checked = 0
        for file in try ShippedCriteriaSets.files() {
            let set = try CriteriaDocument.parse(file.yaml)
            guard case .levels(let rules) = set.scoring else { continue }
            for item in set.items {
                let rule: NumberRule
                switch item.answer {
                case .number(let r), .measure(_, let r): rule = r
                default: continue
                }
                let kind = item.appliesTo.first
                for (rank, level) in rules.levels.enumerated() {
                    for areaClass in [nil] + rule.classMinimum.keys.sorted() {
                        let classes: Set<String> = areaClass.map { [$0] } ?? []
                        guard let minimum = rule.requiredMinimum(at: level.code, classes: classes) else { continue }
                        func score(_ value: Double) throws -> Int {
                            var input = Self.bestAnswers(set, kind: kind)
                            input.areaClasses = Array(classes)
                            if case .measure(let name, _) = item.answer { input.measures[name] = MeasureValue(value) } else { input.items[item.id] = .number(value) }
                            return try ScoringEngine.score(set, input: input).verdict.rank
                        }
                        #expect(try score(minimum) >= rank + 1, "\(set.id) \(item.id) at \(minimum) reaches \(level.code) \(areaClass ?? "")")
                        let below = minimum - (rule.unit == .share ? 0.001 : 0.01)
                        if rule.range.contains(below) {
                            #expect(try score(below) <= rank, "\(set.id) \(item.id) at \(below) stays below \(level.code) \(areaClass ?? "")")
                        }
                        checked += 1
                    }
                }
            }
            // A required check item not met keeps the set below the first level that requires it.
            for item in set.items {
                guard case .check(let requiredAt) = item.answer else { continue }
                var input = Self.bestAnswers(set, kind: item.appliesTo.first)
                input.items[item.id] = .bool(false)
                let first = requiredAt.isEmpty ? 0 : rules.levels.firstIndex { requiredAt.contains($0.code) } ?? rules.levels.count
                #expect(try ScoringEngine.score(set, input: input).verdict.rank <= first, "\(set.id) \(item.id) unmet")
                checked += 1
            }
        }
        #expect(checked > 40)
    }

    @Test("every grade of every shipped points set: exactly its minimum total reaches it, 0.01 less does not")
    func gradeBoundaries() throws {
        var checked = 0
        for file in try ShippedCriteriaSets.files() {
            let set = try CriteriaDocument.parse(file.yaml)
            guard case .points(let rules) = set.scoring, !set.items.isEmpty else { continue }
            let best = try ScoringEngine.score(set, input: Self.bestAnswers(set))
            guard let maxTotal = best.total, !rules.grades.isEmpty else { continue }
            #expect(best.verdict.rank == rules.grades.count, "\(set.id): full marks reach the best grade")
            for (index, grade) in rules.grades.enumerated() {
                // Lower the answers, item by item down to their floors, until the total is the grade's minimum.
                func answers(total target: Double) -> ScoringInput? {
                    var input = Self.bestAnswers(set)
                    var excess = maxTotal - target
                    for criterion in set.criteria {
                        var criterionRoom = criterion.minPoints.map { criterion.items.compactMap(\.maxPoints).reduce(0, +) - $0 } ?? .infinity
                        for item in criterion.items {
                            guard case .points(let max, let min) = item.answer, excess > 0, criterionRoom > 0 else { continue }
                            let floor = Swift.max(min ?? 0, rules.minPerItem ?? 0)
                            let cut = Swift.min(excess, max - floor, criterionRoom)
                            input.items[item.id] = .number(max - cut)
                            excess -= cut
                            criterionRoom -= cut
                        }
                    }
                    return excess < 1e-9 ? input : nil
                }
                guard let at = answers(total: grade.minTotal), let below = answers(total: grade.minTotal - 0.01) else { continue }
                let rank = rules.grades.count - index
                #expect(try ScoringEngine.score(set, input: at).verdict.rank == rank, "\(set.id): \(grade.minTotal) is \(grade.outcome.label)")
                #expect(try ScoringEngine.score(set, input: below).verdict.rank == rank - 1, "\(set.id): \(grade.minTotal - 0.01) is below \(grade.outcome.label)")
                checked += 1
            }
            // Any item under the per-item floor fails, whatever the total.
            if let floor = rules.minPerItem, let first = set.items.first {
                var input = Self.bestAnswers(set)
                input.items[first.id] = .number(floor - 1)
                #expect(try ScoringEngine.score(set, input: input).verdict.rank == 0, "\(set.id): \(first.id) at \(floor - 1) fails")
            }
        }
        #expect(checked >= 4)
    }

    @Test("TT 25/2023 at its boundaries: 59.9 % vs 60 % of learning citizens, and the lower bar for disadvantaged communes")
    func tt25Boundaries() throws {
        let set = try CriteriaDocument.parse(try #require(try ShippedCriteriaSets.files().first { $0.name.hasPrefix("tt25") }).yaml)
        func input(citizens: Double, trained: Double, university: Double, classes: [String] = []) -> ScoringInput {
            var items: [String: AnswerValue] = [:]
            for item in set.items {
                switch item.answer {
                case .check: items[item.id] = .bool(true)
                case .number(let rule): items[item.id] = .number(rule.minimum["muc-1"] ?? 0)
                default: break
                }
            }
            return ScoringInput(items: items, measures: [
                "commune_citizens_learning_citizen_share": MeasureValue(citizens),
                "commune_citizens_trained_share": MeasureValue(trained),
                "commune_citizens_university_share": MeasureValue(university),
            ], areaClasses: classes)
        }
        #expect(try ScoringEngine.score(set, input: input(citizens: 0.599, trained: 0.5, university: 0.12)).verdict.code == "chua-dat")
        let level1 = try ScoringEngine.score(set, input: input(citizens: 0.6, trained: 0.5, university: 0.12))
        #expect(level1.verdict.code == "muc-1")
        #expect(level1.next?.changes.map(\.item).sorted() == ["4.2", "4.3", "4.4", "5.1", "5.2a", "5.2b"])
        #expect(try ScoringEngine.score(set, input: input(citizens: 0.6, trained: 0.4, university: 0.1)).verdict.code == "chua-dat")
        #expect(try ScoringEngine.score(set, input: input(citizens: 0.6, trained: 0.4, university: 0.1, classes: ["xa-kho-khan"])).verdict.code == "muc-1")
        #expect(level1.officialUse.allowed)
    }
}

@Suite("Reading criteria-set YAML")
struct CriteriaYAMLTests {
    static let valid = """
        format: hoctap-criteria/1
        id: "thu-nghiem"
        model: citizen
        name: "Thử"
        issuer: "Thử"
        document: {number: "1/QĐ", date: 2026-01-01}
        status: draft
        target_group: "resident"
        scoring:
          style: points
          grades: [{code: "dat", label: "Đạt", min_total: 8}]
          fail: {code: "khong-dat", label: "Chưa đạt"}
        criteria:
          - id: "C1"
            name: "Một"
            points: 10
            items:
              - {id: "1", text: "Một", points: 10}
        """

    @Test("a valid document reads")
    func valid() throws {
        let set = try CriteriaDocument.parse(Self.valid)
        #expect(set.id == "thu-nghiem" && set.items.count == 1)
    }

    @Test("problems are reported with their path and line", arguments: [
        ("{id: \"1\", text: \"Một\", points: 10}", "{id: \"1\", text: \"Một\", points: 0}", "criteria[0].items[0].points", 18, "phải > 0"),
        ("{id: \"1\", text: \"Một\", points: 10}", "{id: \"1\", text: \"Một\", points: \"mười\"}", "criteria[0].items[0].points", 18, "phải là một số"),
        ("{id: \"1\", text: \"Một\", points: 10}", "{id: \"1\", text: \"Một\", pionts: 10}", "criteria[0].items[0].pionts", 18, "khóa không hợp lệ"),
        ("min_total: 8}", "min_total: 80}", "scoring.grades[0].min_total", 11, "không thể đạt"),
        ("model: citizen", "model: village", "model", 3, "không hợp lệ"),
        ("date: 2026-01-01}", "date: 2026-02-30}", "document.date", 6, "ngày không hợp lệ"),
        ("target_group: \"resident\"", "assessor: hang-xom", "assessor", 8, "self, village, team"),
    ])
    func errors(original: String, replacement: String, path: String, line: Int, message: String) {
        let yaml = Self.valid.replacingOccurrences(of: original, with: replacement)
        do {
            _ = try CriteriaDocument.parse(yaml)
            Issue.record("must refuse \(replacement)")
        } catch {
            let issue = error.issues.first { $0.path == path }
            #expect(issue != nil, "\(error.issues)")
            #expect(issue?.line == line, "\(String(describing: issue))")
            #expect(issue?.message.contains(message) == true, "\(String(describing: issue))")
        }
    }

    @Test("who assesses: the model's usual assessor unless the set says; written back only when it differs")
    func assessor() throws {
        let usual = try CriteriaDocument.parse(Self.valid)
        #expect(usual.assessor == .self)
        #expect(!CriteriaSetWriter.yaml(usual).contains("assessor:"))
        let team = try CriteriaDocument.parse(Self.valid.replacingOccurrences(of: "status: draft", with: "status: draft\nassessor: team"))
        #expect(team.assessor == .team && team.assessor.requiresNames)
        let written = CriteriaSetWriter.yaml(team)
        #expect(written.contains("assessor: team"))
        #expect(try CriteriaDocument.parse(written) == team)
        #expect(LearningModel.communityVillage.defaultAssessor == .village && !AssessorKind.village.requiresNames)
    }

    @Test("broken YAML syntax names the line")
    func syntax() {
        do {
            _ = try CriteriaDocument.parse("format: hoctap-criteria/1\nid: [unclosed\nname: x\n")
            Issue.record("must refuse")
        } catch {
            #expect(error.issues.first?.line != nil)
            #expect(error.issues.first?.message.contains("YAML") == true)
        }
    }
}

@Suite("Criteria service")
struct CriteriaServiceTests {
    @Test("installing the shipped sets publishes version 1 of each; installing again changes nothing", arguments: TestDatabases.engines)
    func install(engine: DatabaseEngine) async throws {
        // On an empty database the sets install; a variant waits until its province exists.
        try await TestDatabases.with(engine) { database, _ in
            let environment = ServiceEnvironment(database: database, clock: TestClock(), passwordHasher: BcryptPasswordHasher(cost: 4),
                                                 logger: TestDatabases.logger)
            let service = CriteriaService(environment)
            let first = try await service.installShipped()
            #expect(first.count == (try ShippedCriteriaSets.files().count) - 1)
            #expect(!first.contains("qd448-2015-gia-dinh-trinh-dien-ha-noi"))
            #expect(try await service.installShipped().isEmpty)
        }
        // The demo seed installs them all, its Hà Nội variant included; installing again changes nothing.
        try await withDemo(engine) { environment in
            let service = CriteriaService(environment)
            #expect(try await service.installShipped().isEmpty)
            let admin = try await actor("admin", environment)
            let summaries = try await service.summaries(by: admin)
            #expect(summaries.allSatisfy { $0.latest?.version == 1 })
            let variant = try await service.published("qd448-2015-gia-dinh-trinh-dien-ha-noi")
            #expect(variant.record.provinceID != nil && variant.record.parentSetID == "qd448-2015-gia-dinh")
        }
    }

    @Test("published versions are immutable, even to SQL", arguments: TestDatabases.engines)
    func immutable(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            try await CriteriaService(environment).installShipped()
            await #expect(throws: (any Error).self) {
                try await environment.database.transaction { db in
                    try await db.raw("UPDATE criteria_set_versions SET name = 'sửa lén' WHERE set_id = 'tt25-2023-cdht-xa'").run()
                }
            }
            await #expect(throws: (any Error).self) {
                try await environment.database.transaction { db in
                    try await db.raw("DELETE FROM criteria_set_versions").run()
                }
            }
        }
    }

    @Test("a draft becomes version 2; version 1 scores as before; stale drafts and invalid drafts are refused", arguments: TestDatabases.engines)
    func versioning(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let service = CriteriaService(environment)
            try await service.installShipped()
            let admin = try await actor("admin", environment)
            let draft = try await service.openDraft("tt22-2020-dvht", by: admin)
            // Lower the Tốt band from 85 to 80.
            let edited = draft.record.yaml.replacingOccurrences(of: "min_total: 85", with: "min_total: 80")
            let saved = try await service.saveDraft("tt22-2020-dvht", yaml: edited, expectedVersion: draft.record.version, by: admin)
            await #expect(throws: ServiceError.self) {
                try await service.saveDraft("tt22-2020-dvht", yaml: edited, expectedVersion: draft.record.version, by: admin)
            }
            // Invalid text is kept, with its problems, and cannot be published.
            let broken = try await service.saveDraft("tt22-2020-dvht", yaml: edited.replacingOccurrences(of: "points: 25", with: "points: -25"),
                                                     expectedVersion: saved.record.version, by: admin)
            #expect(broken.set == nil && !broken.issues.isEmpty)
            await #expect(throws: ServiceError.self) { try await service.publish("tt22-2020-dvht", expectedVersion: broken.record.version, by: admin) }
            let fixed = try await service.saveDraft("tt22-2020-dvht", yaml: edited, expectedVersion: broken.record.version, by: admin)
            let v2 = try await service.publish("tt22-2020-dvht", expectedVersion: fixed.record.version, by: admin)
            #expect(v2.record.version == 2)

            let ids = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
            let values: [Double] = [10, 10, 10, 10, 5, 10, 5, 20, 2]   // 82 points
            let input = ScoringInput(items: Dictionary(uniqueKeysWithValues: zip(ids, values.map(AnswerValue.number))))
            #expect(try await service.score("tt22-2020-dvht", version: 1, input: input).verdict.code == "kha")
            #expect(try await service.score("tt22-2020-dvht", input: input).verdict.code == "tot")
            #expect(try await service.score("tt22-2020-dvht", version: 2, input: input).set.version == 2)
            let trail = try await environment.database.read {
                try await AuditRepository($0).history(entityType: "criteria_set", entityID: "tt22-2020-dvht")
            }
            #expect(trail.map(\.action).contains("criteria.publish") && trail.map(\.action).contains("criteria.draft_save"))
        }
    }

    @Test("a province derives its own variant, which is in force in its communes only", arguments: TestDatabases.engines)
    func variants(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let service = CriteriaService(environment)
            try await service.installShipped()
            let hanoi = try await actor("hanoi.tinh", environment)
            let admin = try await actor("admin", environment)
            // A province officer may not touch a national set, nor derive for another province.
            await #expect(throws: ServiceError.self) { try await service.openDraft("tt25-2023-cdht-xa", by: hanoi) }
            await #expect(throws: ServiceError.self) {
                try await service.derive(from: "tt25-2023-cdht-xa", newID: "tt25-nghe-an", provinceCode: "40", effectiveFrom: nil, by: hanoi)
            }
            let draft = try await service.derive(from: "tt25-2023-cdht-xa", newID: "tt25-ha-noi", provinceCode: "01",
                                                 effectiveFrom: Day(2026, 1, 1), by: hanoi)
            #expect(draft.set?.variant?.provinceCode == "01" && draft.set?.status == .draft)
            // Make it a real adaptation: 65 % instead of 60 %, still a draft until the province's text exists.
            let adapted = draft.record.yaml.replacingOccurrences(of: "\"muc-1\": 0.6,", with: "\"muc-1\": 0.65,")
            let saved = try await service.saveDraft("tt25-ha-noi", yaml: adapted, expectedVersion: draft.record.version, by: hanoi)
            try await service.publish("tt25-ha-noi", expectedVersion: saved.record.version, by: hanoi)

            let socSon = try await area(.commune, "00376", environment)
            let quePhong = try await area(.commune, "16738", environment)
            let day = Day(2026, 11, 22)!
            #expect(try await service.inForce(model: .communityCommune, areaID: socSon.id, on: day, by: admin)?.set.id == "tt25-ha-noi")
            #expect(try await service.inForce(model: .communityCommune, areaID: quePhong.id, on: day, by: admin)?.set.id == "tt25-2023-cdht-xa")
            #expect(try await service.inForce(model: .communityCommune, areaID: socSon.id, on: Day(2025, 6, 1)!, by: admin)?.set.id == "tt25-2023-cdht-xa")
            #expect(try await service.inForce(model: .citizen, areaID: socSon.id, on: day, targetGroup: "worker", by: admin)?.set.id == "qd324-2023-cdht-nguoi-lao-dong")
            #expect(try await service.inForce(model: .communityCommune, areaID: socSon.id, on: Day(2020, 1, 1)!, by: admin) == nil)
        }
    }

    @Test("a variant pointing at itself through another set is refused as a cycle", arguments: TestDatabases.engines)
    func cycles(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let service = CriteriaService(environment)
            try await service.installShipped()
            let admin = try await actor("admin", environment)
            let a = try await service.derive(from: "qd448-2015-dong-ho", newID: "vong-a", provinceCode: "01", effectiveFrom: nil, by: admin)
            try await service.publish("vong-a", expectedVersion: a.record.version, by: admin)
            let b = try await service.derive(from: "vong-a", newID: "vong-b", provinceCode: "01", effectiveFrom: nil, by: admin)
            try await service.publish("vong-b", expectedVersion: b.record.version, by: admin)
            // Point vong-a at vong-b: a → b → a.
            let reopened = try await service.openDraft("vong-a", by: admin)
            let cyclic = reopened.record.yaml.replacingOccurrences(of: "set: \"qd448-2015-dong-ho\"", with: "set: \"vong-b\"")
                .replacingOccurrences(of: "  version: 1\n  province", with: "  province")
            let saved = try await service.saveDraft("vong-a", yaml: cyclic, expectedVersion: reopened.record.version, by: admin)
            do {
                try await service.publish("vong-a", expectedVersion: saved.record.version, by: admin)
                Issue.record("a cycle must be refused")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.first?.message.contains("Vòng lặp") == true)
            }
        }
    }
}

@Suite("The documented examples")
struct CriteriaFormatExampleTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples")

    @Test("every example in docs/examples is a valid set and scores", arguments: ["vi-du-diem.yaml", "vi-du-muc-do.yaml"])
    func example(file: String) throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent(file), encoding: .utf8)
        let set = try CriteriaDocument.parse(text)
        #expect(set.status == .draft)
        #expect(!CriteriaSetValidator.officialUseBlockers(of: set).isEmpty, "an example is never usable officially")
        var input = ScoringInput()
        for item in set.items {
            switch item.answer {
            case .points(let max, _): input.items[item.id] = .number(max)
            case .check: input.items[item.id] = .bool(true)
            case .number(let rule): input.items[item.id] = .number(rule.range.upperBound)
            case .measure(let name, _): input.measures[name] = MeasureValue(1)
            }
        }
        let result = try ScoringEngine.score(set, input: input)
        #expect(result.verdict.rank >= 1)
        #expect(!result.officialUse.allowed)
    }
}
