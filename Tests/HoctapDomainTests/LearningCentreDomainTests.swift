import HoctapDomain
import HoctapTestSupport
import Testing

@Suite("Community learning centres: rules")
struct LearningCentreDomainTests {
    static let today = Day(2026, 11, 22)!

    static func activity(_ start: Day, _ end: Day, hours: Double = 6, participants: Int = 20, topic: String = "Tin học") -> CentreActivityDraft {
        CentreActivityDraft(kind: .course, topic: topic, startsOn: start, endsOn: end, hours: hours, participants: participants)
    }

    @Test("an activity lies in one year of the programme, has happened, lasts some hours and counts at least those who attended")
    func activityRules() {
        #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 12)!).problems(today: Self.today).isEmpty)
        #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 9)!).problems(today: Self.today).map(\.field) == ["endsOn"])
        #expect(Self.activity(Day(2025, 12, 30)!, Day(2026, 1, 2)!).problems(today: Self.today).map(\.field) == ["endsOn"], "across two years")
        #expect(Self.activity(Day(2020, 5, 1)!, Day(2020, 5, 1)!).problems(today: Self.today).map(\.field) == ["startsOn"])
        #expect(Self.activity(Day(2026, 11, 23)!, Day(2026, 11, 23)!).problems(today: Self.today).map(\.field) == ["startsOn"], "not yet held")
        for hours in [0, -1, 2_001, .nan, .infinity] {
            #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 10)!, hours: hours).problems(today: Self.today).map(\.field) == ["hours"], "\(hours)")
        }
        #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 10)!, participants: 0).problems(today: Self.today).map(\.field) == ["participants"])
        #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 10)!, participants: 5).problems(today: Self.today, attended: 6).map(\.field) == ["participants"])
        #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 10)!, topic: "  ").problems(today: Self.today).map(\.field) == ["topic"])
        #expect(Self.activity(Day(2026, 3, 10)!, Day(2026, 3, 10)!, topic: " Tin  học ").topic == "Tin học", "text is normalised")
    }

    @Test("property: an activity within the year up to today, with positive hours and people, is always accepted")
    func activityProperty() {
        var generator = SeededRandom(seed: 2026)
        for _ in 0..<500 {
            let start = Day(Int.random(in: 2021...2026, using: &generator), Int.random(in: 1...12, using: &generator), Int.random(in: 1...28, using: &generator))!
            guard start <= Self.today else { continue }
            let endMonth = Int.random(in: start.month...12, using: &generator)
            let end = Day(start.year, endMonth, endMonth == start.month ? Int.random(in: start.day...28, using: &generator) : Int.random(in: 1...28, using: &generator))!
            let draft = Self.activity(start, end, hours: Double(Int.random(in: 1...20_000, using: &generator)) / 10,
                                      participants: Int.random(in: 1...100_000, using: &generator))
            #expect(draft.problems(today: Self.today).isEmpty, "\(start) – \(end)")
            #expect(draft.year == start.year)
        }
    }

    @Test("the centre and its managers: names required, founding year bounded")
    func centreRules() {
        #expect(CentreDraft(name: "TTHTCĐ xã Sóc Sơn", establishedYear: 2008, address: "", resources: "").problems(currentYear: 2026).isEmpty)
        #expect(CentreDraft(name: "", establishedYear: 2027, address: "", resources: "").problems(currentYear: 2026).map(\.field) == ["name", "establishedYear"])
        #expect(CentreManagerDraft(fullName: "Vũ Thị Lan", position: "", office: .chair).problems().map(\.field) == ["position"])
        #expect(AssociationOffice.chair.isAssociationLeader && AssociationOffice.viceChair.isAssociationLeader && !AssociationOffice.none.isAssociationLeader)
    }

    @Test("items take the centre's attendance as evidence only when their expected evidence names the centre")
    func evidenceMatching() {
        #expect(CentreEvidence.accepts(evidenceHints: ["Danh sách học viên các lớp tại trung tâm học tập cộng đồng"]))
        #expect(CentreEvidence.accepts(evidenceHints: ["Ảnh", "Sổ điểm danh của TTHTCĐ"]), "the abbreviation, any case")
        #expect(CentreEvidence.accepts(evidenceHints: ["TRUNG TÂM HỌC TẬP CỘNG ĐỒNG"]))
        #expect(!CentreEvidence.accepts(evidenceHints: ["Học bạ, phiếu báo kết quả học tập"]))
        #expect(!CentreEvidence.accepts(evidenceHints: []))
    }

    @Test("the commune association and those above manage a centre in their subtree; others read it or do not see it")
    func access() {
        let commune10 = AccessPolicyTests.commune10, commune20 = AccessPolicyTests.commune20
        for role in Role.allCases {
            let scope = role.allowedLevels.contains(.commune) ? commune10 : role == .villageOfficer ? AccessPolicyTests.village100
                : role == .provinceOfficer ? AccessPolicyTests.province1 : AccessPolicyTests.nation
            let actor = AccessPolicyTests.actor(role, scope)
            let decision = AccessPolicy.decide(actor, .manageCentre(commune: commune10))
            switch role {
            case .nationalAdmin, .provinceOfficer, .communeOfficer: #expect(decision == .allow, "\(role)")
            case .villageOfficer: #expect(decision == .hidden, "a village officer does not see the commune level")
            case .communeAuthority, .councilMember, .viewer:
                if case .forbidden = decision {} else { Issue.record("\(role) → \(decision)") }
            }
            if role != .nationalAdmin {
                #expect(AccessPolicy.decide(actor, .manageCentre(commune: commune20)) == .hidden, "\(role) outside its subtree")
            }
        }
        let viewer = AccessPolicyTests.actor(.viewer, AccessPolicyTests.nation)
        if case .forbidden = AccessPolicy.decide(viewer, .manageCentre(commune: commune10)) {} else { Issue.record("a viewer manages a centre") }
        let admin = AccessPolicyTests.actor(.nationalAdmin, AccessPolicyTests.nation)
        if case .forbidden = AccessPolicy.decide(admin, .manageCentre(commune: AccessPolicyTests.province1)) {} else { Issue.record("a province has no centre") }
    }
}
