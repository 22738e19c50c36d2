import Foundation
import HoctapDomain
import HoctapStorage
import Logging
import SQLKit

/// A person as pages and the API show them: the ID number masked unless the viewer may read it.
public struct PersonView: Sendable {
    public var record: PersonRecord
    /// "••••••••1234", or all digits for those who may read them; nil when none is recorded.
    public var personalID: String?
    /// Who opened this person's record lately (filled for those who manage it, by `openPerson`).
    public var recentReads: [PersonalDataRead] = []
}

public struct HouseholdDetail: Sendable {
    public var household: HouseholdRecord
    public var members: [PersonView]
    public var canManage: Bool
    /// Who opened this household lately (filled for those who manage it, by `openHousehold`).
    public var recentReads: [PersonalDataRead] = []
}

/// Registries of households (with their members), learning citizens, units and clans: scoped
/// reads, validated and audited writes, and ID numbers that are unique in the whole country.
public struct RegistryService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var currentYear: Int { Day(containing: environment.clock.now()).year }

    // MARK: Households

    public func households(in areaID: Area.ID, search: String = "", start: PageStart = .first, pageSize: Int = 50, by actor: Actor) async throws -> PagedRows<HouseholdRecord> {
        try await households(in: try await AreaService(environment).find(areaID, by: actor), search: search, start: start, pageSize: pageSize)
    }

    /// The same for an area the caller has already found with `AreaService.find` for this
    /// actor (which is the permission check): one lookup less on the busiest list.
    public func households(in area: Area, search: String = "", start: PageStart = .first, pageSize: Int = 50) async throws -> PagedRows<HouseholdRecord> {
        try await environment.database.read {
            try await RegistryRepository($0).households(within: area.position, search: String(search.prefix(100)),
                                                        start: start, limit: pageSize)
        }
    }

    public func household(_ id: HouseholdRecord.ID, by actor: Actor) async throws -> HouseholdDetail {
        try await environment.database.read { db in
            let repository = RegistryRepository(db)
            guard let household = try await repository.household(id, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy hộ gia đình này.")
            }
            let members = try await repository.members(of: id).map { try view($0, by: actor) }
            return HouseholdDetail(household: household, members: members,
                                   canManage: AccessPolicy.decide(actor, .manageSubject(household.place.position)) == .allow)
        }
    }

    public func createHousehold(_ draft: HouseholdDraft, inVillage villageID: Area.ID, by actor: Actor) async throws -> HouseholdRecord {
        let village = try await AreaService(environment).find(villageID, by: actor)
        guard village.level == .village, village.isCurrent else {
            throw ServiceError.invalid([FieldIssue("villageID", "Hộ gia đình phải thuộc một thôn, tổ dân phố hiện hành.")])
        }
        try Authorization.require(actor, .manageSubject(village.position), notFound: "Không tìm thấy thôn này.")
        try Self.check(draft.problems())
        return try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            let id = try await repository.insertHousehold(draft, village: village, at: environment.clock.now())
            let household = try await repository.household(id, within: .nation)!
            try await audit(db, actor, "household.create", "household", id, household.place,
                            "Đăng ký hộ \(household.code) – \(household.headName)")
            return household
        }
    }

    public func updateHousehold(_ id: HouseholdRecord.ID, _ draft: HouseholdDraft, expectedVersion: Int, by actor: Actor) async throws -> HouseholdRecord {
        try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let before = try await repository.household(id, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy hộ gia đình này.") }
            try Authorization.require(actor, .manageSubject(before.place.position))
            try Self.check(draft.problems())
            do {
                try await repository.updateHousehold(id, draft, expectedVersion: expectedVersion, at: environment.clock.now())
            } catch let conflict as VersionConflict { throw ServiceError.conflict(conflict.description) }
            let after = try await repository.household(id, within: .nation)!
            try await audit(db, actor, "household.update", "household", id, after.place, "Sửa thông tin hộ \(after.code)",
                            before: "\(before.headName) | \(before.address)", after: "\(after.headName) | \(after.address)")
            return after
        }
    }

    // MARK: Members and citizens

    /// Adds a member to a household; a member with a target group is also a learning citizen.
    public func addMember(_ draft: PersonDraft, to householdID: HouseholdRecord.ID, by actor: Actor) async throws -> PersonView {
        try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let household = try await repository.household(householdID, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy hộ gia đình này.")
            }
            try Authorization.require(actor, .manageSubject(household.place.position))
            try checkPerson(draft, requireRelation: true)
            let sealed = try await sealedID(draft.personalID, excluding: nil, by: actor, db: db)
            let id = try await repository.insertPerson(NewPerson(draft: draft, householdID: householdID, place: household.place, personalID: sealed),
                                                       at: environment.clock.now())
            try await audit(db, actor, "person.create", "person", id, household.place,
                            "Thêm thành viên \(VietnameseText.normalized(draft.fullName)) vào hộ \(household.code)"
                                + (draft.personalID.map { " (số định danh \($0.masked))" } ?? ""))
            return try view(try await repository.person(id, within: .nation)!, by: actor)
        }
    }

    /// Registers a learning citizen who is not (yet) recorded as a household member.
    public func createCitizen(_ draft: PersonDraft, in areaID: Area.ID, by actor: Actor) async throws -> PersonView {
        let place = try await subjectPlace(areaID, by: actor)
        try checkPerson(draft, requireRelation: false)
        guard draft.targetGroup != nil else {
            throw ServiceError.invalid([FieldIssue("targetGroup", "Hãy chọn nhóm đối tượng công dân học tập.")])
        }
        return try await environment.database.transaction { db in
            let sealed = try await sealedID(draft.personalID, excluding: nil, by: actor, db: db)
            let repository = RegistryRepository(db)
            let id = try await repository.insertPerson(NewPerson(draft: draft, householdID: nil, place: place, personalID: sealed), at: environment.clock.now())
            try await audit(db, actor, "person.create", "person", id, place,
                            "Đăng ký công dân học tập \(VietnameseText.normalized(draft.fullName))"
                                + (draft.personalID.map { " (số định danh \($0.masked))" } ?? ""))
            return try view(try await repository.person(id, within: .nation)!, by: actor)
        }
    }

    public func person(_ id: PersonRecord.ID, by actor: Actor) async throws -> PersonView {
        try await environment.database.read { db in
            guard let person = try await RegistryRepository(db).person(id, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy người này.")
            }
            return try view(person, by: actor)
        }
    }

    /// Changes a person; `personalID` replaces the recorded number, `clearPersonalID` removes it.
    public func updatePerson(_ id: PersonRecord.ID, _ draft: PersonDraft, clearPersonalID: Bool = false, expectedVersion: Int, by actor: Actor) async throws -> PersonView {
        try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let before = try await repository.person(id, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy người này.") }
            try Authorization.require(actor, .manageSubject(before.place.position))
            try checkPerson(draft, requireRelation: false)
            if before.householdID != nil && draft.relation == nil {
                throw ServiceError.invalid([FieldIssue("relation", "Hãy chọn quan hệ với chủ hộ.")])
            }
            do {
                try await repository.updatePerson(id, draft, expectedVersion: expectedVersion, at: environment.clock.now())
            } catch let conflict as VersionConflict { throw ServiceError.conflict(conflict.description) }
            if let personalID = draft.personalID {
                try await repository.setPersonalID(of: id, try await sealedID(personalID, excluding: id, by: actor, db: db))
            } else if clearPersonalID {
                try await repository.setPersonalID(of: id, nil)
            }
            try await audit(db, actor, "person.update", "person", id, before.place, "Sửa thông tin \(VietnameseText.normalized(draft.fullName))"
                                + (draft.personalID.map { " (số định danh mới \($0.masked))" } ?? (clearPersonalID ? " (xóa số định danh)" : "")))
            return try view(try await repository.person(id, within: .nation)!, by: actor)
        }
    }

    public func removeMember(_ id: PersonRecord.ID, expectedVersion: Int, by actor: Actor) async throws {
        try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let person = try await repository.person(id, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy người này.") }
            try Authorization.require(actor, .manageSubject(person.place.position))
            guard person.version == expectedVersion else {
                throw ServiceError.conflict("Thông tin của \(person.fullName) đã được người khác sửa sau khi bạn mở; hãy tải lại.")
            }
            try await repository.deletePerson(id)
            try await audit(db, actor, "person.delete", "person", id, person.place, "Xóa \(person.fullName) khỏi sổ theo dõi")
        }
    }

    public func citizens(in areaID: Area.ID, group: TargetGroup? = nil, search: String = "", start: PageStart = .first, pageSize: Int = 50, by actor: Actor) async throws -> PagedRows<PersonView> {
        let area = try await AreaService(environment).find(areaID, by: actor)
        return try await environment.database.read { db in
            let found = try await RegistryRepository(db).citizens(within: area.position, group: group, search: String(search.prefix(100)),
                                                                  start: start, limit: pageSize)
            return try found.map { try view($0, by: actor) }
        }
    }

    // MARK: Units and clans

    public func units(in areaID: Area.ID, search: String = "", start: PageStart = .first, pageSize: Int = 50, by actor: Actor) async throws -> PagedRows<UnitRecord> {
        let area = try await AreaService(environment).find(areaID, by: actor)
        return try await environment.database.read {
            try await RegistryRepository($0).units(within: area.position, search: String(search.prefix(100)), start: start, limit: pageSize)
        }
    }

    public func unit(_ id: UnitRecord.ID, by actor: Actor) async throws -> UnitRecord {
        guard let unit = try await environment.database.read({ try await RegistryRepository($0).unit(id, within: actor.scope) }) else {
            throw ServiceError.notFound("Không tìm thấy đơn vị này.")
        }
        return unit
    }

    public func createUnit(_ draft: UnitDraft, in areaID: Area.ID, by actor: Actor) async throws -> UnitRecord {
        let place = try await subjectPlace(areaID, by: actor)
        try Self.check(draft.problems())
        return try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            let id = try await repository.insertUnit(draft, place: place, at: environment.clock.now())
            try await audit(db, actor, "unit.create", "unit", id, place, "Đăng ký đơn vị \(VietnameseText.normalized(draft.name))")
            return try await repository.unit(id, within: .nation)!
        }
    }

    public func updateUnit(_ id: UnitRecord.ID, _ draft: UnitDraft, expectedVersion: Int, by actor: Actor) async throws -> UnitRecord {
        try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let before = try await repository.unit(id, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy đơn vị này.") }
            try Authorization.require(actor, .manageSubject(before.place.position))
            try Self.check(draft.problems())
            do {
                try await repository.updateUnit(id, draft, expectedVersion: expectedVersion, at: environment.clock.now())
            } catch let conflict as VersionConflict { throw ServiceError.conflict(conflict.description) }
            try await audit(db, actor, "unit.update", "unit", id, before.place, "Sửa đơn vị \(VietnameseText.normalized(draft.name))",
                            before: "\(before.name) | \(before.kind.rawValue) | \(before.staffCount.map(String.init) ?? "")",
                            after: "\(VietnameseText.normalized(draft.name)) | \(draft.kind.rawValue) | \(draft.staffCount.map(String.init) ?? "")")
            return try await repository.unit(id, within: .nation)!
        }
    }

    public func clans(in areaID: Area.ID, search: String = "", start: PageStart = .first, pageSize: Int = 50, by actor: Actor) async throws -> PagedRows<ClanRecord> {
        let area = try await AreaService(environment).find(areaID, by: actor)
        return try await environment.database.read {
            try await RegistryRepository($0).clans(within: area.position, search: String(search.prefix(100)), start: start, limit: pageSize)
        }
    }

    public func clan(_ id: ClanRecord.ID, by actor: Actor) async throws -> (clan: ClanRecord, households: [HouseholdRecord]) {
        try await environment.database.read { db in
            let repository = RegistryRepository(db)
            guard let clan = try await repository.clan(id, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy dòng họ này.") }
            return (clan, try await repository.clanHouseholds(id, within: actor.scope))
        }
    }

    public func createClan(_ draft: ClanDraft, in areaID: Area.ID, by actor: Actor) async throws -> ClanRecord {
        let place = try await subjectPlace(areaID, by: actor)
        try Self.check(draft.problems())
        return try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            let id = try await repository.insertClan(draft, place: place, at: environment.clock.now())
            try await audit(db, actor, "clan.create", "clan", id, place, "Đăng ký dòng họ \(VietnameseText.normalized(draft.name))")
            return try await repository.clan(id, within: .nation)!
        }
    }

    /// Adds a household (by its code, anywhere the actor sees) to a clan.
    public func addHousehold(code: String, toClan clanID: ClanRecord.ID, by actor: Actor) async throws -> HouseholdRecord {
        try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            guard let clan = try await repository.clan(clanID, within: actor.scope) else { throw ServiceError.notFound("Không tìm thấy dòng họ này.") }
            try Authorization.require(actor, .manageSubject(clan.place.position))
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            guard let household = try await repository.household(code: trimmed, within: actor.scope) else {
                throw ServiceError.invalid([FieldIssue("code", "Không có hộ mã \"\(trimmed)\" trong địa bàn của bạn.")])
            }
            guard try await repository.addHousehold(household.id, toClan: clanID) else {
                throw ServiceError.invalid([FieldIssue("code", "Hộ \(household.code) đã thuộc dòng họ này.")])
            }
            try await audit(db, actor, "clan.add_household", "clan", clanID, clan.place, "Thêm hộ \(household.code) vào dòng họ \(clan.name)")
            return household
        }
    }

    // MARK: Helpers

    /// The place of a subject registered at a commune or one of its villages.
    func subjectPlace(_ areaID: Area.ID, by actor: Actor) async throws -> SubjectPlace {
        let area = try await AreaService(environment).find(areaID, by: actor)
        guard area.isCurrent, area.level == .village || area.level == .commune, let provinceID = area.provinceID, let communeID = area.communeID else {
            throw ServiceError.invalid([FieldIssue("areaID", "Chọn một xã hoặc thôn hiện hành.")])
        }
        let place = SubjectPlace(provinceID: provinceID, communeID: communeID, villageID: area.level == .village ? area.id : nil)
        try Authorization.require(actor, .manageSubject(place.position), notFound: "Không tìm thấy địa bàn này.")
        return place
    }

    func checkPerson(_ draft: PersonDraft, requireRelation: Bool) throws {
        var issues = draft.problems(currentYear: currentYear).map { FieldIssue($0.field, $0.message) }
        if requireRelation && draft.relation == nil { issues.append(FieldIssue("relation", "Hãy chọn quan hệ với chủ hộ.")) }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
    }

    static func check(_ problems: [(field: String, message: String)]) throws {
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
    }

    /// Seals an ID number after checking nobody else holds it; the refusal says where only as far
    /// as the actor may see.
    func sealedID(_ id: PersonalID?, excluding personID: PersonRecord.ID?, by actor: Actor, db: any SQLDatabase) async throws -> (hash: String, sealed: String)? {
        guard let id else { return nil }
        guard let protector = environment.personalData else {
            throw ServiceError.invalid([FieldIssue("personalID", "Máy chủ chưa cấu hình khóa dữ liệu cá nhân; chưa lưu được số định danh.")])
        }
        let hash = protector.lookupHash(id)
        if let holder = try await RegistryRepository(db).personalIDHolder(hash: hash), holder.personID != personID {
            var message = "Số định danh \(id.masked) đã được đăng ký cho một người khác"
            if actor.sees(holder.place.position), let area = try await AreaRepository(db).find(id: holder.place.villageID ?? holder.place.communeID) {
                message += " ở \(area.fullName) (mã người \(holder.personID))."
            } else {
                message += " ở địa bàn ngoài phạm vi của bạn; liên hệ cấp trên để đối chiếu."
            }
            throw ServiceError.invalid([FieldIssue("personalID", message)])
        }
        return (hash, try protector.seal(id))
    }

    func view(_ person: PersonRecord, by actor: Actor) throws -> PersonView {
        guard let sealed = person.sealedID, let protector = environment.personalData else {
            return PersonView(record: person, personalID: person.sealedID == nil ? nil : "••••••••????")
        }
        // A wrong key is an operator's mistake: say so on the page rather than failing the whole page.
        guard let id = try? protector.open(sealed, hash: person.personalIDHash) else {
            environment.logger.error("Số định danh của người \(person.id) không giải mã được: khóa dữ liệu cá nhân không khớp.")
            return PersonView(record: person, personalID: "(không đọc được – sai khóa dữ liệu cá nhân)")
        }
        let full = AccessPolicy.decide(actor, .readPersonalID(person.place.position)) == .allow
        return PersonView(record: person, personalID: full ? id.digits : id.masked)
    }

    func audit(_ db: any SQLDatabase, _ actor: Actor, _ action: String, _ type: String, _ id: Int64, _ place: SubjectPlace,
               _ summary: String, before: String? = nil, after: String? = nil) async throws {
        try await AuditRepository(db).append(AuditEntry(actor: AuditActor(actor), action: action, entityType: type, entityID: String(id),
                                                        area: place.position, summary: summary, before: before, after: after),
                                             at: environment.clock.now())
    }
}
