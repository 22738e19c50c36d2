import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What the centre page of a commune shows for one year.
public struct CentreOverview: Sendable {
    public var commune: Area
    public var centre: CentreRecord?
    public var managers: [CentreManagerRecord]
    public var activities: [CentreActivityRecord]
    public var year: Int
    public var canManage: Bool
}

/// The centre figures of an area's children (provinces of the nation, communes of a province).
public struct CentreFigures: Sendable {
    public var area: Area
    public var year: Int
    public var total: CentreFigureRow
    public var children: [(area: Area, figure: CentreFigureRow)]
}

/// Evidence an assessment suggests from the centre: the items that accept attendance at the
/// centre, and the classes the subject (or a member of the household) attended in the cycle's year.
public struct CentreSuggestions: Sendable {
    public var items: [String]
    public var attendance: [CentreAttendanceRecord]

    public var isEmpty: Bool { items.isEmpty || attendance.isEmpty }
}

/// Community learning centres: their description, managers, activities and attendance, and
/// the figures by area.
public struct LearningCentreService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var today: Day { Day(containing: environment.clock.now()) }

    /// The commune's centre, its managers and the year's activities; the area must be a commune in the actor's subtree.
    public func overview(commune communeID: Area.ID, year: Int, by actor: Actor) async throws -> CentreOverview {
        let commune = try await requireCommune(communeID, by: actor)
        try Self.check(year: year)
        return try await environment.database.read { db in
            let repository = LearningCentreRepository(db)
            let centre = try await repository.centre(ofCommune: commune.id)
            let managers = if let centre { try await repository.managers(of: centre.id) } else { [CentreManagerRecord]() }
            return CentreOverview(commune: commune, centre: centre, managers: managers,
                                  activities: try await repository.activities(ofCommune: commune.id, year: year), year: year,
                                  canManage: AccessPolicy.decide(actor, .manageCentre(commune: commune.position)) == .allow)
        }
    }

    /// Creates the commune's centre (expectedVersion `nil`) or updates it if nobody changed it since.
    public func save(commune communeID: Area.ID, _ draft: CentreDraft, expectedVersion: Int?, by actor: Actor) async throws -> CentreRecord {
        let commune = try await requireCommune(communeID, by: actor)
        try Authorization.require(actor, .manageCentre(commune: commune.position))
        try Self.throwing(draft.problems(currentYear: today.year))
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = LearningCentreRepository(db)
            let before = try await repository.centre(ofCommune: commune.id)
            let id: CentreRecord.ID
            switch (before, expectedVersion) {
            case (nil, _):
                id = try await repository.insertCentre(provinceID: commune.provinceID ?? commune.id, communeID: commune.id, draft, at: moment)
            case (let existing?, let version?):
                do { try await repository.updateCentre(existing.id, expectedVersion: version, draft, at: moment) } catch let conflict as VersionConflict {
                    throw ServiceError.conflict(conflict.description)
                }
                id = existing.id
            case (_?, nil):
                throw ServiceError.conflict("Trung tâm của \(commune.fullName) vừa được người khác ghi; tải lại trang để xem rồi sửa.")
            }
            let saved = try await repository.centre(id: id)!
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: before == nil ? "centre.create" : "centre.update", entityType: "learning_centre", entityID: String(id),
                area: commune.position, summary: "\(before == nil ? "Ghi" : "Sửa") thông tin \(draft.name) (\(commune.fullName))",
                before: before.map { AuditEntry.json(CentreSnapshot($0.draft)) } ?? nil, after: AuditEntry.json(CentreSnapshot(draft))), at: moment)
            return saved
        }
    }

    public func addManager(commune communeID: Area.ID, _ draft: CentreManagerDraft, by actor: Actor) async throws {
        let (commune, centre) = try await managedCentre(communeID, by: actor)
        try Self.throwing(draft.problems())
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let id = try await LearningCentreRepository(db).insertManager(centre: centre.id, draft, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "centre.manager_add", entityType: "centre_manager", entityID: String(id), area: commune.position,
                summary: "Thêm \(draft.fullName) (\(draft.position)) vào ban quản lý \(centre.draft.name)", after: AuditEntry.json(ManagerSnapshot(draft))), at: moment)
        }
    }

    /// Removes a manager; returns the commune the centre belongs to.
    public func removeManager(_ managerID: Int64, by actor: Actor) async throws -> Area.ID {
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = LearningCentreRepository(db)
            guard let manager = try await repository.manager(id: managerID), let centre = try await repository.centre(id: manager.centreID),
                  actor.sees(centre.position) else { throw ServiceError.notFound("Không có người quản lý này.") }
            try Authorization.require(actor, .manageCentre(commune: centre.position))
            try await repository.deleteManager(managerID)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "centre.manager_remove", entityType: "centre_manager", entityID: String(managerID), area: centre.position,
                summary: "Bỏ \(manager.draft.fullName) khỏi ban quản lý \(centre.draft.name)", before: AuditEntry.json(ManagerSnapshot(manager.draft))), at: moment)
            return centre.communeID
        }
    }

    public func addActivity(commune communeID: Area.ID, _ draft: CentreActivityDraft, by actor: Actor) async throws -> CentreActivityRecord {
        let (commune, centre) = try await managedCentre(communeID, by: actor)
        try Self.throwing(draft.problems(today: today))
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = LearningCentreRepository(db)
            let id = try await repository.insertActivity(centre, draft, by: actor.username, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "centre.activity_add", entityType: "centre_activity", entityID: String(id), area: commune.position,
                summary: "Ghi \(draft.kind.label.lowercased()) \"\(draft.topic)\" tại \(centre.draft.name)", after: AuditEntry.json(ActivitySnapshot(draft))), at: moment)
            return try await repository.activity(id: id)!
        }
    }

    /// An activity inside the actor's subtree, with its attendance; elsewhere "not found".
    public func activity(_ id: CentreActivityRecord.ID, by actor: Actor) async throws -> (CentreActivityRecord, [CentreAttendee], canManage: Bool) {
        try await environment.database.read { db in
            let repository = LearningCentreRepository(db)
            guard let activity = try await repository.activity(id: id), actor.sees(activity.position) else {
                throw ServiceError.notFound("Không có hoạt động này.")
            }
            return (activity, try await repository.attendees(of: id),
                    AccessPolicy.decide(actor, .manageCentre(commune: activity.position)) == .allow)
        }
    }

    /// People of the activity's commune matching a name or a household code, to tick as attending.
    public func candidates(for activity: CentreActivityRecord, search: String) async throws -> [CentreAttendee] {
        let search = VietnameseText.normalized(search)
        guard search.count <= 100 else { throw ServiceError.invalid([FieldIssue("tim", "Từ tìm dài quá 100 ký tự.")]) }
        return try await environment.database.read { try await LearningCentreRepository($0).candidates(inCommune: activity.communeID, search: search, limit: 50) }
    }

    /// Adds and removes people of the register on an activity's attendance, all or nothing.
    @discardableResult
    public func recordAttendance(_ activityID: CentreActivityRecord.ID, add: [Int64], remove: [Int64], by actor: Actor) async throws -> CentreActivityRecord {
        guard !add.isEmpty || !remove.isEmpty else { throw ServiceError.invalid([FieldIssue("person", "Chọn ít nhất một người.")]) }
        guard add.count + remove.count <= 1_000 else { throw ServiceError.invalid([FieldIssue("person", "Mỗi lần ghi tối đa 1.000 người.")]) }
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = LearningCentreRepository(db)
            guard let activity = try await repository.activity(id: activityID), actor.sees(activity.position) else {
                throw ServiceError.notFound("Không có hoạt động này.")
            }
            try Authorization.require(actor, .manageCentre(commune: activity.position))
            let known = try await repository.persons(add, inCommune: activity.communeID)
            let strangers = Set(add).subtracting(known)
            if !strangers.isEmpty {
                throw ServiceError.invalid([FieldIssue("person", "Người mã \(strangers.sorted().map(String.init).joined(separator: ", ")) không có trong sổ theo dõi của xã có trung tâm.")])
            }
            let added = try await repository.addAttendance(activity.id, persons: add)
            var removed: [Int64] = []
            for person in Set(remove).sorted() where try await repository.removeAttendance(activity.id, person: person) { removed.append(person) }
            let updated = try await repository.activity(id: activity.id)!
            if updated.attended > activity.draft.participants {
                throw ServiceError.invalid([FieldIssue("person", "Hoạt động ghi \(activity.draft.participants) người tham gia; điểm danh \(updated.attended) người là nhiều hơn. Sửa tổng số trước.")])
            }
            if !added.isEmpty || !removed.isEmpty {
                try await AuditRepository(db).append(AuditEntry(
                    actor: AuditActor(actor), action: "centre.attendance", entityType: "centre_activity", entityID: String(activity.id), area: activity.position,
                    summary: "Điểm danh \"\(activity.draft.topic)\": thêm \(added.count), bỏ \(removed.count) người",
                    after: AuditEntry.json(["added": added, "removed": removed])), at: moment)
            }
            return updated
        }
    }

    /// The classes the subject of an evaluation (a household's members, or the citizen) attended
    /// in the cycle's year, for the items whose evidence names the centre.
    public func suggestions(for detail: EvaluationDetail) async throws -> CentreSuggestions {
        let items = detail.set.set.criteria.flatMap(\.items).filter { CentreEvidence.accepts(evidenceHints: $0.evidence) }.map(\.id)
        guard !items.isEmpty else { return CentreSuggestions(items: [], attendance: []) }
        let evaluation = detail.evaluation
        let attendance: [CentreAttendanceRecord] = try await environment.database.read { db in
            let repository = LearningCentreRepository(db)
            switch evaluation.subjectKind {
            case .household: return try await repository.attendance(ofHousehold: evaluation.subjectID, year: detail.cycle.year)
            case .person: return try await repository.attendance(ofPerson: evaluation.subjectID, year: detail.cycle.year)
            case .clan, .village, .commune, .unit: return []
            }
        }
        return CentreSuggestions(items: items, attendance: attendance)
    }

    /// The figures of each child of an area (provinces of the nation, communes of a province),
    /// or of the commune itself.
    public func figures(_ areaID: Area.ID, year: Int, by actor: Actor) async throws -> CentreFigures {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Self.check(year: year)
        guard [.nation, .province, .commune].contains(area.level) else {
            throw ServiceError.invalid([FieldIssue("area", "Số liệu trung tâm học tập cộng đồng tính cho toàn quốc, tỉnh hoặc xã.")])
        }
        return try await environment.database.read { db in
            let rows = try await LearningCentreRepository(db).figures(children: area.position, year: year)
            let children: [Area] = area.level == .commune ? [] : try await AreaRepository(db).children(of: area.id).map(\.area).filter { $0.level != .village }
            var total = CentreFigureRow(areaID: area.id)
            for row in rows.values {
                total.communes += row.communes
                total.centres += row.centres
                total.ledByAssociation += row.ledByAssociation
                total.activities += row.activities
                total.hours += row.hours
                total.participants += row.participants
                total.attendees += row.attendees
            }
            return CentreFigures(area: area, year: year, total: total,
                                 children: children.map { ($0, rows[$0.id] ?? CentreFigureRow(areaID: $0.id)) })
        }
    }

    // MARK: Helpers

    static func check(year: Int) throws {
        guard PlanDraft.years.contains(year) else {
            throw ServiceError.invalid([FieldIssue("nam", "Năm phải từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound).")])
        }
    }

    static func throwing(_ problems: [(field: String, message: String)]) throws {
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
    }

    func requireCommune(_ id: Area.ID, by actor: Actor) async throws -> Area {
        let area = try await AreaService(environment).find(id, by: actor)
        guard area.level == .commune else { throw ServiceError.notFound("Trung tâm học tập cộng đồng thuộc xã, phường, đặc khu; địa bàn này không phải xã.") }
        return area
    }

    /// The commune and its centre, for a change the actor must be allowed to make.
    func managedCentre(_ communeID: Area.ID, by actor: Actor) async throws -> (Area, CentreRecord) {
        let commune = try await requireCommune(communeID, by: actor)
        try Authorization.require(actor, .manageCentre(commune: commune.position))
        guard let centre = try await environment.database.read({ try await LearningCentreRepository($0).centre(ofCommune: commune.id) }) else {
            throw ServiceError.invalid([FieldIssue("centre", "Ghi thông tin trung tâm của \(commune.fullName) trước.")])
        }
        return (commune, centre)
    }
}

/// What the audit trail keeps of a centre, a manager and an activity.
struct CentreSnapshot: Encodable {
    var name: String, establishedYear: Int?, address: String, resources: String
    init(_ draft: CentreDraft) { (name, establishedYear, address, resources) = (draft.name, draft.establishedYear, draft.address, draft.resources) }
}

struct ManagerSnapshot: Encodable {
    var fullName: String, position: String, office: String
    init(_ draft: CentreManagerDraft) { (fullName, position, office) = (draft.fullName, draft.position, draft.office.rawValue) }
}

struct ActivitySnapshot: Encodable {
    var kind: String, topic: String, startsOn: String, endsOn: String, hours: Double, participants: Int
    init(_ draft: CentreActivityDraft) {
        (kind, topic, startsOn, endsOn, hours, participants) = (draft.kind.rawValue, draft.topic, draft.startsOn.iso, draft.endsOn.iso, draft.hours, draft.participants)
    }
}
