import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// A commune's network as its page shows it for one year.
public struct CommuneNetwork: Sendable {
    public var commune: Area
    public var year: Int
    public var bodies: [AssociationBodyRecord]
    public var officers: [AssociationOfficerRecord]
    /// What may still get a branch or a board: villages, units and clans without one.
    public var villagesWithout: [Area]
    public var unitsWithout: [UnitRecord]
    public var clansWithout: [ClanRecord]
    public var canManage: Bool
}

/// One row of the year's grid: a body's figures and the version they replace (nil: new).
public struct AssociationYearEntry: Sendable {
    public var bodyID: AssociationBodyRecord.ID
    public var figures: AssociationYearFigures
    public var expectedVersion: Int?

    public init(bodyID: AssociationBodyRecord.ID, figures: AssociationYearFigures, expectedVersion: Int?) {
        (self.bodyID, self.figures, self.expectedVersion) = (bodyID, figures, expectedVersion)
    }
}

/// The association's network in a commune: its bodies (the commune association, branches and
/// boards), their figures per year and their officers, recorded by the commune association.
public struct AssociationService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var today: Day { Day(containing: environment.clock.now()) }

    public func network(commune communeID: Area.ID, year: Int, by actor: Actor) async throws -> CommuneNetwork {
        let commune = try await LearningCentreService(environment).requireCommune(communeID, by: actor)
        try LearningCentreService.check(year: year)
        return try await environment.database.read { db in
            let repository = AssociationRepository(db)
            let bodies = try await repository.bodies(ofCommune: commune.id, year: year)
            let registry = RegistryRepository(db)
            let villages = try await AreaRepository(db).children(of: commune.id).map(\.area).filter { $0.level == .village && $0.isCurrent }
            let units = try await registry.units(within: commune.position, limit: 500).rows
            let clans = try await registry.clans(within: commune.position, limit: 500).rows
            return CommuneNetwork(
                commune: commune, year: year, bodies: bodies, officers: try await repository.officers(ofCommune: commune.id),
                villagesWithout: villages.filter { village in !bodies.contains { $0.kind == .villageBranch && $0.place.villageID == village.id } },
                unitsWithout: units.filter { unit in !bodies.contains { $0.unitID == unit.id } },
                clansWithout: clans.filter { clan in !bodies.contains { $0.clanID == clan.id } },
                canManage: AccessPolicy.decide(actor, .manageNetwork(commune: commune.position)) == .allow)
        }
    }

    /// Adds a body: the commune association, a village's branch, a unit's or clan's board (named
    /// after it when no name is given), or a religious establishment's board.
    @discardableResult
    public func addBody(commune communeID: Area.ID, kind: AssociationBodyKind, attachedTo attachedID: Int64?, name: String, foundedYear: Int?,
                        by actor: Actor) async throws -> AssociationBodyRecord.ID {
        let commune = try await LearningCentreService(environment).requireCommune(communeID, by: actor)
        try Authorization.require(actor, .manageNetwork(commune: commune.position))
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            var place = SubjectPlace(provinceID: commune.provinceID ?? commune.id, communeID: commune.id, villageID: nil)
            var unitID: Int64?, clanID: Int64?
            var defaultName: String
            switch kind {
            case .commune: defaultName = "Hội Khuyến học \(commune.nameInSentence)"
            case .religiousBoard: defaultName = ""
            case .villageBranch:
                guard let attachedID, let village = try await AreaRepository(db).find(id: attachedID), village.level == .village, village.communeID == commune.id else {
                    throw ServiceError.invalid([FieldIssue("attached", "Chọn thôn, tổ dân phố của \(commune.fullName).")])
                }
                place.villageID = village.id
                defaultName = "Chi hội khuyến học \(village.nameInSentence)"
            case .unitBoard:
                guard let attachedID, let unit = try await RegistryRepository(db).unit(attachedID, within: commune.position) else {
                    throw ServiceError.invalid([FieldIssue("attached", "Chọn cơ quan, đơn vị trong sổ theo dõi của \(commune.fullName).")])
                }
                (unitID, place.villageID, defaultName) = (unit.id, unit.place.villageID, "Ban khuyến học \(unit.name)")
            case .clanBoard:
                guard let attachedID, let clan = try await RegistryRepository(db).clan(attachedID, within: commune.position) else {
                    throw ServiceError.invalid([FieldIssue("attached", "Chọn dòng họ trong sổ theo dõi của \(commune.fullName).")])
                }
                (clanID, place.villageID, defaultName) = (clan.id, clan.place.villageID, "Ban khuyến học \(clan.name)")
            }
            let draft = AssociationBodyDraft(kind: kind, name: VietnameseText.normalized(name).isEmpty ? defaultName : name, foundedYear: foundedYear)
            let problems = draft.problems(currentYear: today.year)
            if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
            let id: Int64
            do {
                id = try await AssociationRepository(db).insertBody(place: place, unitID: unitID, clanID: clanID, draft, at: moment)
            } catch where ConstraintViolation(error) == .unique {
                throw ServiceError.conflict("\(draft.name): đã có \(kind.label.lowercased()) này; mỗi xã một hội, mỗi thôn một chi hội, mỗi đơn vị, dòng họ một ban.")
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "network.body_add", entityType: "association_body", entityID: String(id), area: commune.position,
                summary: "Ghi \(kind.label.lowercased()): \(draft.name)", after: AuditEntry.json(["kind": kind.rawValue, "name": draft.name])), at: moment)
            return id
        }
    }

    /// Saves a year's figures of several bodies of a commune, all or nothing.
    public func saveYear(commune communeID: Area.ID, year: Int, _ entries: [AssociationYearEntry], by actor: Actor) async throws {
        let commune = try await LearningCentreService(environment).requireCommune(communeID, by: actor)
        try Authorization.require(actor, .manageNetwork(commune: commune.position))
        guard (2021...today.year).contains(year) else { throw ServiceError.invalid([FieldIssue("year", "Năm phải từ 2021 đến \(today.year).")]) }
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let repository = AssociationRepository(db)
            var issues: [FieldIssue] = []
            var changed: [String] = []
            for entry in entries {
                guard let body = try await repository.body(id: entry.bodyID, year: year), body.place.communeID == commune.id else {
                    issues.append(FieldIssue("body", "Tổ chức mã \(entry.bodyID) không thuộc \(commune.fullName)."))
                    continue
                }
                let problems = entry.figures.problems(label: body.draft.name)
                if !problems.isEmpty { issues += problems.map { FieldIssue("m.\(body.id)", $0) }; continue }
                guard body.figures != entry.figures else { continue }
                guard try await repository.setYear(body, year: year, entry.figures, expectedVersion: entry.expectedVersion) else {
                    throw ServiceError.conflict("Số liệu năm \(year) của \(body.draft.name) vừa được người khác sửa; tải lại trang để xem.")
                }
                changed.append("\(body.draft.name): \(entry.figures.members) hội viên, \(entry.figures.studied) đã học tiêu chí\(entry.figures.active ? ", có hoạt động" : "")")
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            guard !changed.isEmpty else { return }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "network.year", entityType: "commune", entityID: String(commune.id), area: commune.position,
                summary: "Số liệu mạng lưới hội năm \(year) của \(commune.fullName) (\(changed.count) tổ chức)", after: changed.joined(separator: "\n")), at: moment)
        }
    }

    /// Adds an officer to a body of the commune.
    public func addOfficer(commune communeID: Area.ID, body bodyID: AssociationBodyRecord.ID, _ draft: AssociationOfficerDraft, by actor: Actor) async throws {
        let commune = try await LearningCentreService(environment).requireCommune(communeID, by: actor)
        try Authorization.require(actor, .manageNetwork(commune: commune.position))
        let problems = draft.problems()
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let repository = AssociationRepository(db)
            guard let body = try await repository.body(id: bodyID, year: 0), body.place.communeID == commune.id else {
                throw ServiceError.invalid([FieldIssue("officerBody", "Chọn tổ chức của \(commune.fullName).")])
            }
            let id = try await repository.insertOfficer(body, draft, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "network.officer_add", entityType: "association_officer", entityID: String(id), area: body.place.position,
                summary: "Thêm \(draft.fullName) (\(draft.position)) vào \(body.draft.name)"), at: moment)
        }
    }

    public func removeOfficer(_ officerID: AssociationOfficerRecord.ID, by actor: Actor) async throws -> Area.ID {
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = AssociationRepository(db)
            guard let officer = try await repository.officer(id: officerID), let body = try await repository.body(id: officer.bodyID, year: 0),
                  actor.sees(body.place.position) else { throw ServiceError.notFound("Không có cán bộ hội này.") }
            try Authorization.require(actor, .manageNetwork(commune: AreaPosition(level: .commune, areaID: body.place.communeID, provinceID: body.place.provinceID,
                                                                                  communeID: body.place.communeID)))
            try await repository.deleteOfficer(officerID)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "network.officer_remove", entityType: "association_officer", entityID: String(officerID), area: body.place.position,
                summary: "Bỏ \(officer.draft.fullName) khỏi \(body.draft.name)"), at: moment)
            return body.place.communeID
        }
    }
}
