import Foundation
import HoctapDomain
import Testing

@Suite("Registry rules")
struct RegistryDomainTests {
    @Test("ID numbers: 12 digits, spaces and dots allowed between groups, masked to the last four")
    func personalID() {
        #expect(PersonalID(parsing: "001 219.000-123")?.digits == "001219000123")
        #expect(PersonalID(parsing: "001219000123")?.masked == "••••••••0123")
        for bad in ["", "12345", "0012190001234", "00121900012a", "００１２１９０００１２３"] {
            #expect(PersonalID(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("Vietnamese words and codes read the same", arguments: [
        ("Chủ hộ", HouseholdRelation.head), ("chu ho", .head), ("head", .head), ("vợ", .spouse), ("Vợ/chồng", .spouse), ("con", .child), ("Bố", .parent),
    ])
    func relations(text: String, expected: HouseholdRelation) {
        #expect(HouseholdRelation(parsing: text) == expected)
    }

    @Test("sexes, schooling, groups and unit kinds parse from labels or codes")
    func choices() {
        #expect(Sex(parsing: "Nữ") == .female && Sex(parsing: "NAM") == .male && Sex(parsing: "x") == nil)
        #expect(Schooling(parsing: "trung học cơ sở") == .lowerSecondary && Schooling(parsing: "university") == .university)
        #expect(TargetGroup(parsing: "Người lao động") == .worker && TargetGroup(parsing: "student") == .student)
        #expect(UnitKind(parsing: "Trường phổ thông") == .school && UnitKind(parsing: "to-chuc-kinh-te") == .enterprise)
    }

    @Test("person drafts: a name, a plausible birth year")
    func personProblems() {
        #expect(PersonDraft(fullName: "  ").problems(currentYear: 2026).map(\.field) == ["fullName"])
        #expect(PersonDraft(fullName: "An", birthYear: 2027).problems(currentYear: 2026).map(\.field) == ["birthYear"])
        #expect(PersonDraft(fullName: "An", birthYear: 1906).problems(currentYear: 2026).isEmpty)
        #expect(UnitDraft(name: "Trường", kind: .school, staffCount: -1).problems().map(\.field) == ["staffCount"])
    }
}

@Suite("Evaluation workflow")
struct EvaluationWorkflowTests {
    static let province = AreaPosition(level: .province, areaID: 1, provinceID: 1, communeID: nil)
    static let commune = AreaPosition(level: .commune, areaID: 10, provinceID: 1, communeID: 10)
    static let village = AreaPosition(level: .village, areaID: 100, provinceID: 1, communeID: 10, villageID: 100)
    static let otherVillage = AreaPosition(level: .village, areaID: 101, provinceID: 1, communeID: 10, villageID: 101)

    static func actor(_ role: Role, _ scope: AreaPosition) -> Actor {
        Actor(accountID: 1, username: "u", displayName: "U", role: role, scope: scope)
    }

    @Test("the whole path: draft → submitted → returned → submitted → reviewed → approved → recognised")
    func path() {
        let village = Self.actor(.villageOfficer, Self.village), commune = Self.actor(.communeOfficer, Self.commune)
        let council = Self.actor(.councilMember, Self.commune), authority = Self.actor(.communeAuthority, Self.commune)
        var state = EvaluationState.draft
        for (actor, action) in [(village, EvaluationAction.submit), (commune, .return), (village, .submit), (village, .review),
                                (council, .approve), (authority, .recognise)] {
            guard case .allow(let next) = EvaluationWorkflow.decide(actor, action, state: state, subject: Self.village) else {
                Issue.record("\(action) by \(actor.role) from \(state) refused")
                return
            }
            state = next
        }
        #expect(state == .recognised)
    }

    @Test("every role × action × state: allowed exactly when the role may and the state fits; outside the subtree it is hidden")
    func matrix() {
        for role in Role.allCases {
            for action in EvaluationAction.allCases {
                for state in EvaluationState.allCases {
                    let scope = role == .villageOfficer ? Self.village : (role == .nationalAdmin ? AreaPosition.nation : (role == .provinceOfficer || role == .viewer ? Self.province : Self.commune))
                    let decision = EvaluationWorkflow.decide(Self.actor(role, scope), action, state: state, subject: Self.village)
                    let roleMay = EvaluationWorkflow.roles(for: action).contains(role)
                    let target = action.target(from: state)
                    switch decision {
                    case .allow(let next):
                        #expect(roleMay && target == next, "\(role) \(action) \(state)")
                    case .forbidden:
                        #expect(!roleMay || role == .villageOfficer, "\(role) \(action) \(state)")
                    case .wrongState:
                        #expect(roleMay && target == nil, "\(role) \(action) \(state)")
                    case .hidden:
                        Issue.record("\(role) sees the village")
                    }
                    if role == .villageOfficer {
                        #expect(EvaluationWorkflow.decide(Self.actor(role, Self.otherVillage), action, state: state, subject: Self.village) == .hidden)
                    }
                }
            }
        }
    }

    @Test("final states accept nothing; returns and rejections need a reason")
    func finals() {
        for action in EvaluationAction.allCases {
            #expect(action.target(from: .recognised) == nil && action.target(from: .notRecognised) == nil)
        }
        #expect(EvaluationAction.return.needsReason && EvaluationAction.reject.needsReason && !EvaluationAction.submit.needsReason)
        // Editing after approval reopens review.
        #expect(EvaluationAction.edit.target(from: .approved) == .submitted)
    }
}

@Suite("Evidence files")
struct EvidenceFileTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x11, count: 100) + [0xFF, 0xD9]
    static let pdf: [UInt8] = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
    static var png: [UInt8] {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8) + Array(repeating: 0, count: 17)
            + [0, 0, 0, 0] + Array("IEND".utf8) + [0xAE, 0x42, 0x60, 0x82]
    }

    @Test("types come from the content: JPEG, PNG, PDF; executables, HTML and truncated files are refused")
    func sniff() {
        #expect(EvidenceMediaType.sniff(Self.jpeg) == .jpeg)
        #expect(EvidenceMediaType.sniff(Self.png) == .png)
        #expect(EvidenceMediaType.sniff(Self.pdf) == .pdf)
        #expect(EvidenceMediaType.sniff([0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + Array(repeating: 0, count: 60)) == nil, "ELF")
        #expect(EvidenceMediaType.sniff(Array("MZ\u{90}\0 this program".utf8)) == nil, "Windows executable")
        #expect(EvidenceMediaType.sniff(Array("<html><script>alert(1)</script></html>".utf8)) == nil)
        #expect(EvidenceMediaType.sniff(Array(Self.jpeg.dropLast(2))) == nil, "a JPEG without its end marker")
        #expect(EvidenceMediaType.sniff(Array(Self.pdf.prefix(20))) == nil, "a PDF without %%EOF")
        #expect(EvidenceMediaType.sniff([]) == nil)
    }

    @Test("evidence codes name model, year, criterion, item and a three-digit sequence")
    func codes() {
        #expect(EvidenceCode.make(model: .family, year: 2026, criterionID: "1", itemID: "1.2", sequence: 3) == "GD-2026-1-1.2-003")
        #expect(EvidenceCode.make(model: .unit, year: 2026, criterionID: "2", itemID: "2.1", sequence: 1234) == "DV-2026-2-2.1-1234")
    }
}
