import HoctapDomain
import Testing

@Suite("Access policy")
struct AccessPolicyTests {
    // A small country: province 1 with communes 10 and 11 (villages 100, 101 in 10); province 2 with commune 20.
    static let nation = AreaPosition.nation
    static let province1 = AreaPosition(level: .province, areaID: 1, provinceID: 1, communeID: nil)
    static let province2 = AreaPosition(level: .province, areaID: 2, provinceID: 2, communeID: nil)
    static let commune10 = AreaPosition(level: .commune, areaID: 10, provinceID: 1, communeID: 10)
    static let commune11 = AreaPosition(level: .commune, areaID: 11, provinceID: 1, communeID: 11)
    static let commune20 = AreaPosition(level: .commune, areaID: 20, provinceID: 2, communeID: 20)
    static let village100 = AreaPosition(level: .village, areaID: 100, provinceID: 1, communeID: 10, villageID: 100)
    static let village101 = AreaPosition(level: .village, areaID: 101, provinceID: 1, communeID: 10, villageID: 101)

    static func actor(_ role: Role, _ scope: AreaPosition) -> Actor {
        Actor(accountID: 1, username: "u", displayName: "U", role: role, scope: scope)
    }

    @Test("subtrees contain themselves and what lies below, nothing beside or above")
    func containment() {
        #expect(Self.nation.contains(Self.village100))
        #expect(Self.province1.contains(Self.commune11) && Self.province1.contains(Self.village101))
        #expect(!Self.province1.contains(Self.commune20) && !Self.province1.contains(Self.nation))
        #expect(Self.commune10.contains(Self.village100) && Self.commune10.contains(Self.commune10))
        #expect(!Self.commune10.contains(Self.commune11) && !Self.commune10.contains(Self.province1))
        #expect(Self.village100.contains(Self.village100) && !Self.village100.contains(Self.village101))
        #expect(!Self.village100.contains(Self.commune10))
    }

    @Test("viewing follows the subtree; outside it the answer is 'hidden', never 'forbidden'")
    func viewing() {
        for role in Role.allCases {
            let scope = role.allowedLevels.contains(.commune) ? Self.commune10 : role == .villageOfficer ? Self.village100
                : role == .provinceOfficer ? Self.province1 : Self.nation
            let actor = Self.actor(role, scope)
            #expect(AccessPolicy.decide(actor, .viewArea(scope)) == .allow)
            if scope != Self.nation {
                #expect(AccessPolicy.decide(actor, .viewArea(Self.commune20)) == .hidden, "\(role)")
            }
        }
    }

    @Test("villages are created by the commune association and above, only inside their area")
    func villages() {
        #expect(AccessPolicy.decide(Self.actor(.communeOfficer, Self.commune10), .createVillage(inCommune: Self.commune10)) == .allow)
        #expect(AccessPolicy.decide(Self.actor(.communeOfficer, Self.commune10), .createVillage(inCommune: Self.commune11)) == .hidden)
        #expect(AccessPolicy.decide(Self.actor(.provinceOfficer, Self.province1), .createVillage(inCommune: Self.commune11)) == .allow)
        #expect(AccessPolicy.decide(Self.actor(.nationalAdmin, Self.nation), .createVillage(inCommune: Self.commune20)) == .allow)
        for role in [Role.communeAuthority, .councilMember, .viewer] {
            if case .forbidden = AccessPolicy.decide(Self.actor(role, Self.commune10), .createVillage(inCommune: Self.commune10)) {} else {
                Issue.record("\(role) must not create villages")
            }
        }
        if case .forbidden = AccessPolicy.decide(Self.actor(.communeOfficer, Self.commune10), .createVillage(inCommune: Self.village100)) {} else {
            Issue.record("villages are created in communes only")
        }
        #expect(AccessPolicy.decide(Self.actor(.villageOfficer, Self.village100), .createVillage(inCommune: Self.commune10)) == .hidden)
        #expect(AccessPolicy.decide(Self.actor(.communeOfficer, Self.commune10), .editVillage(Self.village101)) == .allow)
    }

    @Test("accounts: nobody mints a peer or a superior, and roles sit at their level")
    func accounts() {
        let nationalAdmin = Self.actor(.nationalAdmin, Self.nation)
        let provinceOfficer = Self.actor(.provinceOfficer, Self.province1)
        let communeOfficer = Self.actor(.communeOfficer, Self.commune10)
        #expect(AccessPolicy.decide(nationalAdmin, .manageAccount(role: .nationalAdmin, at: Self.nation)) == .allow)
        #expect(AccessPolicy.decide(provinceOfficer, .manageAccount(role: .communeAuthority, at: Self.commune11)) == .allow)
        #expect(AccessPolicy.decide(provinceOfficer, .manageAccount(role: .communeAuthority, at: Self.commune20)) == .hidden)
        #expect(AccessPolicy.decide(communeOfficer, .manageAccount(role: .villageOfficer, at: Self.village101)) == .allow)
        for (actor, role, target) in [
            (provinceOfficer, Role.provinceOfficer, Self.province1), (communeOfficer, .communeOfficer, Self.commune10),
            (communeOfficer, .communeAuthority, Self.commune10), (provinceOfficer, .nationalAdmin, Self.province1),
            (communeOfficer, .villageOfficer, Self.commune10),
        ] {
            if case .forbidden = AccessPolicy.decide(actor, .manageAccount(role: role, at: target)) {} else {
                Issue.record("\(actor.role) must not manage \(role) at \(target.level)")
            }
        }
        for role in [Role.communeAuthority, .councilMember, .villageOfficer, .viewer] {
            #expect(role.manageableRoles.isEmpty)
        }
    }

    @Test("property: a role can only manage roles strictly below it, except the national administrator")
    func noEscalation() {
        let rank: [Role: Int] = [.nationalAdmin: 4, .provinceOfficer: 3, .communeOfficer: 2, .communeAuthority: 2,
                                 .councilMember: 1, .villageOfficer: 1, .viewer: 0]
        for role in Role.allCases where role != .nationalAdmin {
            for managed in role.manageableRoles {
                #expect(rank[managed]! < rank[role]!, "\(role) manages \(managed)")
            }
        }
    }

    @Test("only the national administrator imports the official lists")
    func officialLists() {
        #expect(AccessPolicy.decide(Self.actor(.nationalAdmin, Self.nation), .importOfficialAreas) == .allow)
        if case .forbidden = AccessPolicy.decide(Self.actor(.provinceOfficer, Self.province1), .importOfficialAreas) {} else {
            Issue.record("province officers must not replace the national lists")
        }
    }

    @Test("only the national administrator sets and applies the retention periods")
    func retention() {
        #expect(AccessPolicy.decide(Self.actor(.nationalAdmin, Self.nation), .manageRetention) == .allow)
        for role in Role.allCases where role != .nationalAdmin {
            #expect(AccessPolicy.decide(Self.actor(role, Self.nation), .manageRetention) != .allow, "\(role)")
        }
    }
}
