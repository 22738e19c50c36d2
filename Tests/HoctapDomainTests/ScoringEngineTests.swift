import HoctapDomain
import Testing

/// Sets built in code, shaped like the shipped ones.
enum SampleSets {
    static func pointsItem(_ id: String, _ max: Double, min: Double? = nil, mandatory: Bool = false) -> Item {
        Item(id: id, text: "Nội dung \(id)", status: .verified, answer: .points(max: max, min: min), mandatory: mandatory, evidence: [])
    }

    /// TT 22/2020: 100 points, Tốt ≥ 85, Khá ≥ 70, Trung bình ≥ 50.
    static let tt22 = CriteriaSet(
        id: "tt22-test", model: .unit, name: "Đơn vị học tập (thử)", issuer: "Bộ GD&ĐT",
        document: LegalDocument(number: "22/2020/TT-BGDĐT", dates: [Day(2020, 8, 6)!]),
        effective: EffectivePeriod(from: Day(2020, 9, 21), to: Day(2024, 1, 25)), status: .official, provenance: [],
        variant: nil, targetGroup: nil,
        scoring: .points(PointsRules(grades: [
            .init(outcome: Outcome(code: "tot", label: "Tốt"), minTotal: 85),
            .init(outcome: Outcome(code: "kha", label: "Khá"), minTotal: 70),
            .init(outcome: Outcome(code: "trung-binh", label: "Trung bình"), minTotal: 50),
        ], fail: Outcome(code: "khong-dat", label: "Không đạt"), minPerItem: nil)),
        criteria: [
            Criterion(id: "C1", name: "Điều kiện", status: .verified, note: nil, points: 30, minPoints: nil,
                      items: [pointsItem("1.1", 10), pointsItem("1.2", 10), pointsItem("1.3", 10)]),
            Criterion(id: "C2", name: "Kết quả", status: .verified, note: nil, points: 30, minPoints: nil,
                      items: [pointsItem("2.1", 10), pointsItem("2.2", 5), pointsItem("2.3", 10), pointsItem("2.4", 5)]),
            Criterion(id: "C3", name: "Tác dụng", status: .verified, note: nil, points: 40, minPoints: nil,
                      items: [pointsItem("3.1", 25), pointsItem("3.2", 15)]),
        ])

    /// QĐ 324: 10 indicators of 10 points, đạt at ≥ 80 with none below 5.
    static let citizen = CriteriaSet(
        id: "qd324-test", model: .citizen, name: "Công dân học tập (thử)", issuer: "Hội Khuyến học Việt Nam",
        document: LegalDocument(number: "324/QĐ-KHVN", dates: [Day(2023, 10, 25)!]),
        effective: EffectivePeriod(from: nil, to: nil), status: .official, provenance: [], variant: nil, targetGroup: "resident",
        scoring: .points(PointsRules(grades: [.init(outcome: Outcome(code: "dat", label: "Đạt"), minTotal: 80)],
                                     fail: Outcome(code: "khong-dat", label: "Không đạt"), minPerItem: 5)),
        criteria: [Criterion(id: "C", name: "Các chỉ số", status: .verified, note: nil, points: 100, minPoints: nil,
                             items: (1...10).map { pointsItem("CS\($0)", 10, mandatory: true) })])

    /// TT 25/2023 commune community, reduced: a check, an ordinal standard, and two measures,
    /// one with lower thresholds for disadvantaged communes.
    static let commune = CriteriaSet(
        id: "tt25-test", model: .communityCommune, name: "Cộng đồng học tập cấp xã (thử)", issuer: "Bộ GD&ĐT",
        document: LegalDocument(number: "25/2023/TT-BGDĐT", dates: [Day(2023, 12, 27)!]),
        effective: EffectivePeriod(from: Day(2024, 2, 12), to: nil), status: .official, provenance: [], variant: nil, targetGroup: nil,
        scoring: .levels(LevelRules(levels: [Outcome(code: "muc-1", label: "Mức độ 1"), Outcome(code: "muc-2", label: "Mức độ 2")],
                                    fail: Outcome(code: "chua-dat", label: "Chưa đạt"))),
        criteria: [
            Criterion(id: "C1", name: "Lãnh đạo", status: .verified, note: nil, points: nil, minPoints: nil, items: [
                Item(id: "1.1", text: "Tuyên truyền", status: .verified, answer: .check(requiredAt: []), mandatory: true, evidence: []),
            ]),
            Criterion(id: "C4", name: "Phổ cập", status: .verified, note: nil, points: nil, minPoints: nil, items: [
                Item(id: "4.2", text: "Phổ cập tiểu học", status: .verified,
                     answer: .number(NumberRule(unit: .level, range: 0...3, minimum: ["muc-1": 2, "muc-2": 3])),
                     mandatory: true, evidence: []),
            ]),
            Criterion(id: "C5", name: "Tác dụng", status: .verified, note: nil, points: nil, minPoints: nil, items: [
                Item(id: "5.1", text: "Công dân học tập", status: .verified,
                     answer: .measure(name: "commune_citizens_learning_citizen_share",
                                      rule: NumberRule(unit: .share, range: 0...1, minimum: ["muc-1": 0.6, "muc-2": 0.8])),
                     mandatory: false, evidence: []),
                Item(id: "5.2", text: "Được đào tạo", status: .verified,
                     answer: .measure(name: "commune_citizens_trained_share",
                                      rule: NumberRule(unit: .share, range: 0...1, minimum: ["muc-1": 0.5, "muc-2": 0.6],
                                                       classMinimum: ["xa-kho-khan": ["muc-1": 0.4, "muc-2": 0.5]])),
                     mandatory: false, evidence: []),
            ]),
        ])

    static func points(_ values: [Double], prefix: String = "CS") -> ScoringInput {
        ScoringInput(items: Dictionary(uniqueKeysWithValues: values.enumerated().map { ("\(prefix)\($0 + 1)", .number($1)) }))
    }
}

@Suite("Scoring: points")
struct PointsScoringTests {
    static func tt22(_ values: [Double]) throws -> ScoreResult {
        let ids = SampleSets.tt22.items.map(\.id)
        return try ScoringEngine.score(SampleSets.tt22, input: ScoringInput(items: Dictionary(uniqueKeysWithValues: zip(ids, values.map(AnswerValue.number)))))
    }

    @Test("TT 22 bands at their boundaries: 84.99 is Khá, 85 is Tốt, 49.99 fails")
    func bands() throws {
        let khá = try Self.tt22([10, 10, 10, 10, 5, 10, 5, 14.99, 10])
        #expect(khá.total == 84.99 && khá.verdict.code == "kha" && khá.verdict.rank == 2)
        let tốt = try Self.tt22([10, 10, 10, 10, 5, 10, 5, 15, 10])
        #expect(tốt.verdict.code == "tot" && tốt.next == nil)
        #expect(try Self.tt22([10, 10, 10, 10, 5, 4.99, 0, 0, 0]).verdict.code == "khong-dat")
        #expect(try Self.tt22([10, 10, 10, 10, 5, 5, 0, 0, 0]).verdict.code == "trung-binh")
        // From 84.99 the next step is one change of 0.01 on the item with the most room.
        let next = try #require(khá.next)
        #expect(next.target.code == "tot")
        #expect(next.changes.count == 1)
        #expect(next.changes[0].item == "3.1" && abs(next.changes[0].to - 15) < 1e-9)
        #expect(zip(khá.criteria.compactMap(\.points), [30, 30, 24.99]).allSatisfy { abs($0 - $1) < 1e-9 })
        #expect(khá.failures.contains { $0.rule == "min_total" && $0.message.contains("85") })
    }

    @Test("QĐ 324: an indicator of 4 fails even with a total of 94; 5 passes")
    func citizenFloor() throws {
        let failing = try ScoringEngine.score(SampleSets.citizen, input: SampleSets.points([10, 10, 10, 10, 10, 10, 10, 10, 10, 4]))
        #expect(failing.total == 94 && failing.verdict.code == "khong-dat")
        #expect(failing.failures.map(\.rule) == ["min_per_item"])
        #expect(failing.failures[0].ref == "CS10")
        let next = try #require(failing.next)
        #expect(next.target.code == "dat" && next.changes.map(\.item) == ["CS10"] && next.changes[0].to == 5)
        let passing = try ScoringEngine.score(SampleSets.citizen, input: SampleSets.points([10, 10, 10, 10, 10, 10, 10, 10, 10, 5]))
        #expect(passing.verdict.code == "dat" && passing.verdict.rank == 1)
        #expect(try ScoringEngine.score(SampleSets.citizen, input: SampleSets.points(Array(repeating: 8, count: 10))).verdict.code == "dat")
        let short = try ScoringEngine.score(SampleSets.citizen, input: SampleSets.points([8, 8, 8, 8, 8, 8, 8, 8, 8, 7.5]))
        #expect(short.verdict.code == "khong-dat")
        #expect(short.next?.changes.count == 1 && short.next?.changes.first?.to == 8)
    }

    @Test("answers are checked: unknown items, out of range, wrong type, missing mandatory")
    func invalidAnswers() {
        var input = SampleSets.points([10, 10, 10, 10, 10, 10, 10, 10, 11, -1])
        input.items["CS99"] = .number(1)
        input.items.removeValue(forKey: "CS1")
        input.items["CS2"] = .bool(true)
        do {
            _ = try ScoringEngine.score(SampleSets.citizen, input: input)
            Issue.record("must refuse")
        } catch {
            let paths = Set(error.issues.map(\.path))
            #expect(paths == ["items.CS99", "items.CS1", "items.CS2", "items.CS9", "items.CS10"])
            #expect(error.issues.first { $0.path == "items.CS9" }?.message.contains("vượt điểm tối đa 10") == true)
        }
    }

    @Test("a set without thresholds scores totals but leaves the verdict undetermined")
    func undetermined() throws {
        var set = SampleSets.tt22
        set.scoring = .points(PointsRules(grades: [], fail: Outcome(code: "khong-dat", label: "Không đạt"), minPerItem: nil))
        set.status = .incomplete
        let result = try ScoringEngine.score(set, input: ScoringInput(items: ["1.1": .number(10)]))
        #expect(!result.verdict.determined && result.total == 10 && result.next == nil)
        #expect(!result.officialUse.allowed)
        #expect(result.officialUse.reasons.contains { $0.contains("ngưỡng") })
    }
}

@Suite("Scoring: levels")
struct LevelsScoringTests {
    static func input(_ check: Bool?, primary: Double?, citizens: Double?, trained: Double?, classes: [String] = []) -> ScoringInput {
        var items: [String: AnswerValue] = [:]
        if let check { items["1.1"] = .bool(check) }
        if let primary { items["4.2"] = .number(primary) }
        var measures: [String: MeasureValue] = [:]
        if let citizens { measures["commune_citizens_learning_citizen_share"] = MeasureValue(citizens) }
        if let trained { measures["commune_citizens_trained_share"] = MeasureValue(trained) }
        return ScoringInput(items: items, measures: measures, areaClasses: classes)
    }

    @Test("levels are reached in order; the next level lists exactly what is short")
    func levels() throws {
        let level1 = try ScoringEngine.score(SampleSets.commune, input: Self.input(true, primary: 2, citizens: 0.62, trained: 0.65))
        #expect(level1.verdict.code == "muc-1" && level1.verdict.rank == 1)
        let next = try #require(level1.next)
        #expect(next.target.code == "muc-2")
        #expect(next.changes.map(\.item) == ["4.2", "5.1"])
        #expect(next.changes.first { $0.item == "5.1" }?.to == 0.8)
        #expect(level1.failures.first { $0.ref == "5.1" }?.message.contains("62,0 %") == true)
        let level2 = try ScoringEngine.score(SampleSets.commune, input: Self.input(true, primary: 3, citizens: 0.8, trained: 0.6))
        #expect(level2.verdict.code == "muc-2" && level2.next == nil && level2.failures.isEmpty)
        let failing = try ScoringEngine.score(SampleSets.commune, input: Self.input(false, primary: 3, citizens: 0.9, trained: 0.9))
        #expect(failing.verdict.code == "chua-dat" && failing.next?.target.code == "muc-1" && failing.next?.changes.map(\.item) == ["1.1"])
    }

    @Test("disadvantaged communes meet the lower threshold; others do not")
    func areaClasses() throws {
        let ordinary = try ScoringEngine.score(SampleSets.commune, input: Self.input(true, primary: 2, citizens: 0.6, trained: 0.45))
        #expect(ordinary.verdict.code == "chua-dat")
        let hard = try ScoringEngine.score(SampleSets.commune, input: Self.input(true, primary: 2, citizens: 0.6, trained: 0.45, classes: ["xa-kho-khan"]))
        #expect(hard.verdict.code == "muc-1")
    }

    @Test("a missing measure is reported as missing data, not as zero")
    func missingMeasure() throws {
        let result = try ScoringEngine.score(SampleSets.commune, input: Self.input(true, primary: 3, citizens: nil, trained: 0.7))
        #expect(result.verdict.code == "chua-dat")
        #expect(result.failures.first { $0.ref == "5.1" }?.rule == "missing_measure")
        #expect(result.failures.first { $0.ref == "5.1" }?.message.contains("chưa có số liệu") == true)
    }

    @Test("measures: shares outside 0–1, unknown names, impossible fractions and typed answers are refused")
    func invalidMeasures() {
        var input = Self.input(true, primary: 5, citizens: 1.2, trained: 0.5)
        input.measures["khong_co"] = MeasureValue(0.5)
        input.items["5.1"] = .number(0.9)
        input.measures["commune_citizens_trained_share"] = MeasureValue(numerator: 12, denominator: 10)
        do {
            _ = try ScoringEngine.score(SampleSets.commune, input: input)
            Issue.record("must refuse")
        } catch {
            #expect(Set(error.issues.map(\.path)) == [
                "measures.khong_co", "measures.commune_citizens_learning_citizen_share", "measures.commune_citizens_trained_share",
                "items.4.2", "items.5.1",
            ])
        }
    }

    @Test("items for other kinds of subject are not counted")
    func applicability() throws {
        var set = SampleSets.commune
        set.criteria[0].items.append(Item(id: "1.9", text: "Chỉ trường học", status: .verified, answer: .check(requiredAt: []),
                                          mandatory: false, evidence: [], appliesTo: ["truong-hoc"]))
        var input = Self.input(true, primary: 2, citizens: 0.7, trained: 0.6)
        #expect(try ScoringEngine.score(set, input: input).verdict.code == "muc-1")
        input.subjectKind = "truong-hoc"
        #expect(try ScoringEngine.score(set, input: input).verdict.code == "chua-dat")
    }
}
