import HoctapDomain
import Testing

@Suite("Criteria set validation")
struct CriteriaSetValidatorTests {
    @Test("the samples are valid")
    func samples() {
        for set in [SampleSets.tt22, SampleSets.citizen, SampleSets.commune] {
            #expect(CriteriaSetValidator.problems(of: set).isEmpty, "\(set.id): \(CriteriaSetValidator.problems(of: set))")
        }
    }

    @Test("zero points, floors above maxima and sums that do not add up are reported with their paths")
    func points() {
        var set = SampleSets.tt22
        set.criteria[0].items[1] = SampleSets.pointsItem("1.2", 0)
        set.criteria[1].items[0] = SampleSets.pointsItem("2.1", 10, min: 12)
        set.criteria[2].points = 50
        let paths = Dictionary(CriteriaSetValidator.problems(of: set).map { ($0.path, $0.message) }, uniquingKeysWith: { a, _ in a })
        #expect(paths["criteria[0].items[1].points"] == "phải > 0.")
        #expect(paths["criteria[1].items[0].min_points"]?.contains("không thể đạt") == true)
        #expect(paths["criteria[2].points"]?.contains("khác tổng điểm") == true)
        #expect(paths["criteria[0].points"] != nil, "criterion 1 now sums to 20, not 30")
    }

    @Test("grades that cannot be reached or are out of order are refused")
    func unreachableGrades() {
        var set = SampleSets.tt22
        set.scoring = .points(PointsRules(grades: [
            .init(outcome: Outcome(code: "tot", label: "Tốt"), minTotal: 120),
            .init(outcome: Outcome(code: "kha", label: "Khá"), minTotal: 130),
        ], fail: Outcome(code: "khong-dat", label: "Không đạt"), minPerItem: 12))
        let problems = CriteriaSetValidator.problems(of: set)
        #expect(problems.contains { $0.path == "scoring.grades[0].min_total" && $0.message.contains("không thể đạt") })
        #expect(problems.contains { $0.path == "scoring.grades[1].min_total" && $0.message.contains("cao xuống thấp") })
        #expect(problems.contains { $0.path == "criteria[0].items[0].points" && $0.message.contains("mức tối thiểu mỗi nội dung") })
    }

    @Test("levels: thresholds out of range, unknown levels and measures, and levels that get easier are refused")
    func levels() {
        var set = SampleSets.commune
        set.criteria[1].items[0].answer = .number(NumberRule(unit: .level, range: 0...3, minimum: ["muc-1": 3, "muc-2": 2, "muc-9": 1]))
        set.criteria[2].items[0].answer = .measure(name: "khong_co", rule: NumberRule(unit: .share, range: 0...1, minimum: ["muc-1": 1.5]))
        let problems = CriteriaSetValidator.problems(of: set)
        #expect(problems.contains { $0.path == "criteria[1].items[0].require" && $0.message.contains("muc-9") })
        #expect(problems.contains { $0.path == "criteria[1].items[0].require.muc-2" && $0.message.contains("không được đòi ít hơn") })
        #expect(problems.contains { $0.path == "criteria[2].items[0].measure" })
        #expect(problems.contains { $0.path == "criteria[2].items[0].require.muc-1" && $0.message.contains("không thể đạt") })
    }

    @Test("an official set may not hide unknown items; a demo must say so in its name and provenance")
    func officialAndDemo() {
        var set = SampleSets.citizen
        set.criteria[0].items[3].status = .unknown
        set.criteria[0].items[3].text = nil
        #expect(CriteriaSetValidator.problems(of: set).contains { $0.path == "status" && $0.message.contains("CS4") })
        set.status = .incomplete
        #expect(CriteriaSetValidator.problems(of: set).isEmpty)
        #expect(CriteriaSetValidator.officialUseBlockers(of: set).contains { $0.contains("CS4") })

        var demo = SampleSets.citizen
        demo.status = .draft
        demo.criteria[0].items[0].status = .demo
        let problems = CriteriaSetValidator.problems(of: demo)
        #expect(problems.contains { $0.path == "name" } && problems.contains { $0.path == "provenance" })
        demo.name += " (trình diễn)"
        demo.provenance = ["Nội dung trình diễn, không phải văn bản chính thức."]
        #expect(CriteriaSetValidator.problems(of: demo).isEmpty)
    }

    @Test("duplicate identifiers are named with both places")
    func duplicates() {
        var set = SampleSets.tt22
        set.criteria[2].items[0].id = "1.1"
        #expect(CriteriaSetValidator.problems(of: set).contains { $0.path == "criteria[2].items[0].id" && $0.message.contains("criteria[0].items[0]") })
    }
}
