import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// A cycle as its page shows it.
public struct CycleOverview: Sendable {
    public var cycle: CycleRecord
    public var commune: Area
    public var set: PublishedCriteriaSet
    /// Evaluations per state, inside the actor's scope.
    public var counts: [EvaluationState: Int]
    public var evaluations: PagedRows<EvaluationRecord>
    /// Villages the actor may register subjects of in bulk.
    public var villages: [Area]
    public var canManage: Bool
}

/// One evaluation with what its page needs.
public struct EvaluationDetail: Sendable {
    public var evaluation: EvaluationRecord
    public var cycle: CycleRecord
    public var set: PublishedCriteriaSet
    public var input: ScoringInput
    /// The scoring of the answers so far (missing answers count as missing).
    public var preview: ScoreResult?
    /// What still keeps the answers from being submitted.
    public var missing: [CriteriaIssue]
    public var events: [EvaluationEventRecord]
    /// The steps the actor may take now.
    public var actions: [EvaluationAction]
    /// Items whose answers changed since the council approved them.
    public var changedSinceApproval: [String]
}

/// The yearly cycle: opening it with the set in force, registering subjects, filling in the
/// assessment and moving each evaluation through its states, every step checked and recorded.
public struct EvaluationService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var today: Day { Day(containing: environment.clock.now()) }

    // MARK: Cycles

    /// The cycles of a commune, or of the commune a village belongs to.
    public func cycles(of areaID: Area.ID, by actor: Actor) async throws -> [CycleRecord] {
        let area = try await AreaService(environment).find(areaID, by: actor)
        guard area.level == .commune || area.level == .village, let communeID = area.communeID else { return [] }
        return try await environment.database.read { try await EvaluationRepository($0).cycles(communeID: communeID) }
    }

    /// Opens the cycle of `year` for `model` in a commune, pinned to the criteria set version in force.
    /// `setID` picks one of several sets that apply (e.g. a commune-managed unit's set rather than
    /// the district one); without it the set in force by precedence is used.
    public func openCycle(communeID: Area.ID, year: Int, model: LearningModel, targetGroup: TargetGroup? = nil, setID: String? = nil,
                          by actor: Actor) async throws -> CycleRecord {
        let commune = try await AreaService(environment).find(communeID, by: actor)
        try Authorization.require(actor, .manageCycle(commune: commune.position), notFound: "Không tìm thấy xã này.")
        guard commune.level == .commune, commune.isCurrent, let provinceID = commune.provinceID else {
            throw ServiceError.invalid([FieldIssue("communeID", "Đợt đánh giá mở cho một xã, phường, đặc khu hiện hành.")])
        }
        guard ((today.year - 1)...(today.year + 1)).contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Năm đánh giá phải từ \(today.year - 1) đến \(today.year + 1).")])
        }
        if model == .citizen && targetGroup == nil {
            throw ServiceError.invalid([FieldIssue("targetGroup", "Chọn nhóm đối tượng công dân học tập (mỗi nhóm một bộ tiêu chí).")])
        }
        let day = year == today.year ? today : Day(year, 12, 31)!
        let published: PublishedCriteriaSet
        if let setID, !setID.isEmpty {
            guard let chosen = try? await CriteriaService(environment).published(setID), chosen.set.model == model,
                  chosen.set.effective.contains(day), chosen.record.provinceID == nil || chosen.record.provinceID == provinceID,
                  targetGroup == nil || chosen.set.targetGroup == targetGroup?.rawValue else {
                throw ServiceError.invalid([FieldIssue("setID", "Bộ tiêu chí \"\(setID)\" không áp dụng cho \(model.label) của \(commune.fullName) năm \(year).")])
            }
            published = chosen
        } else {
            guard let inForce = try await CriteriaService(environment).inForce(model: model, areaID: commune.id, on: day,
                                                                               targetGroup: targetGroup?.rawValue, by: actor) else {
                throw ServiceError.invalid([FieldIssue("model", "Không có bộ tiêu chí \(model.label) có hiệu lực năm \(year) cho \(commune.fullName).")])
            }
            published = inForce
        }
        guard !published.set.items.isEmpty else {
            throw ServiceError.invalid([FieldIssue("setID", "Bộ tiêu chí \(published.record.setID) chưa có nội dung chỉ tiêu nào; cần hoàn thiện và công bố trước khi đánh giá.")])
        }
        return try await environment.database.transaction { db in
            let repository = EvaluationRepository(db)
            if try await repository.cycle(communeID: commune.id, year: year, setID: published.record.setID) != nil {
                throw ServiceError.invalid([FieldIssue("model", "Đợt đánh giá \(model.label) năm \(year) đã được mở.")])
            }
            // One cycle per model (and citizens' group) and year, so that no subject is counted twice in the progress figures.
            for other in try await repository.cycles(communeID: commune.id) where other.year == year && other.model == model {
                if try await RollupRepository(db).cycleKey(other.id).segment == (published.set.targetGroup ?? "") {
                    throw ServiceError.invalid([FieldIssue("setID", "Xã đã mở đợt \(model.label) năm \(year) theo bộ \(other.setID); mỗi năm một đợt cho mỗi mô hình.")])
                }
            }
            let id = try await repository.insertCycle(provinceID: provinceID, communeID: commune.id, year: year, model: model,
                                                      setID: published.record.setID, setVersion: published.record.version,
                                                      by: actor.username, at: environment.clock.now())
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "cycle.open", entityType: "cycle", entityID: String(id), area: commune.position,
                summary: "Mở đợt đánh giá \(model.label) năm \(year) của \(commune.fullName) theo \(published.record.setID) phiên bản \(published.record.version)"),
                at: environment.clock.now())
            return try await repository.cycle(id)!
        }
    }

    /// The cycle, if the actor works in its commune (village officers included).
    func visibleCycle(_ id: CycleRecord.ID, by actor: Actor, db: any SQLDatabase) async throws -> CycleRecord {
        guard let cycle = try await EvaluationRepository(db).cycle(id),
              actor.sees(cycle.communePosition) || actor.scope.communeID == cycle.communeID else {
            throw ServiceError.notFound("Không tìm thấy đợt đánh giá này.")
        }
        return cycle
    }

    public func overview(_ id: CycleRecord.ID, state: EvaluationState? = nil, start: PageStart = .first, pageSize: Int = 100, by actor: Actor) async throws -> CycleOverview {
        let (cycle, counts, evaluations, villages) = try await environment.database.read { db in
            let cycle = try await visibleCycle(id, by: actor, db: db)
            let repository = EvaluationRepository(db)
            let counts = try await repository.stateCounts(in: id, within: actor.scope)
            let evaluations = try await repository.evaluations(in: id, within: actor.scope, state: state, start: start, limit: pageSize)
            let villages = try await AreaRepository(db).children(of: cycle.communeID).map(\.area)
                .filter { $0.level == .village && $0.isCurrent && actor.sees($0.position) }
            return (cycle, counts, evaluations, villages)
        }
        let commune = try await environment.database.read { try await AreaRepository($0).find(id: cycle.communeID)! }
        let published = try await CriteriaService(environment).published(cycle.setID, version: cycle.setVersion)
        return CycleOverview(cycle: cycle, commune: commune, set: published, counts: counts, evaluations: evaluations, villages: villages,
                             canManage: AccessPolicy.decide(actor, .manageCycle(commune: cycle.communePosition)) == .allow
                                || (actor.role == .villageOfficer && actor.scope.communeID == cycle.communeID))
    }

    /// Registers every subject of the model inside `areaID` (the commune, or one of its villages)
    /// that is not registered yet. Returns how many were added.
    public func registerAll(cycleID: CycleRecord.ID, in areaID: Area.ID, by actor: Actor) async throws -> Int {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Authorization.require(actor, .manageSubject(area.position), notFound: "Không tìm thấy địa bàn này.")
        return try await environment.database.transaction { db in
            let cycle = try await visibleCycle(cycleID, by: actor, db: db)
            guard area.communeID == cycle.communeID else {
                throw ServiceError.invalid([FieldIssue("areaID", "Địa bàn không thuộc xã của đợt đánh giá.")])
            }
            let subjects = try await Self.subjects(of: cycle, in: area, db: db)
            let added = try await EvaluationRepository(db).register(subjects, in: cycle.id, at: environment.clock.now(), token: Secrets.token)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "cycle.register", entityType: "cycle", entityID: String(cycle.id), area: area.position,
                summary: "Đăng ký \(added) \(SubjectKind.of(cycle.model).label.lowercased()) của \(area.fullName) vào đợt \(cycle.model.label) \(cycle.year)"),
                at: environment.clock.now())
            return added
        }
    }

    /// Registers one household by its code.
    public func registerHousehold(cycleID: CycleRecord.ID, code: String, by actor: Actor) async throws -> EvaluationRecord.ID {
        try await environment.database.transaction { db in
            let cycle = try await visibleCycle(cycleID, by: actor, db: db)
            guard cycle.model == .family else {
                throw ServiceError.invalid([FieldIssue("code", "Đợt \(cycle.model.label) không đăng ký theo mã hộ; dùng đăng ký theo địa bàn.")])
            }
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            guard let household = try await RegistryRepository(db).household(code: trimmed, within: actor.scope), household.place.communeID == cycle.communeID else {
                throw ServiceError.invalid([FieldIssue("code", "Không có hộ mã \"\(trimmed)\" trong xã, trong phạm vi của bạn.")])
            }
            try Authorization.require(actor, .manageSubject(household.place.position))
            let repository = EvaluationRepository(db)
            let added = try await repository.register([NewEvaluation(subjectKind: .household, subjectID: household.id,
                                                                     subjectName: "\(household.code) – \(household.headName)", place: household.place)],
                                                      in: cycle.id, at: environment.clock.now(), token: Secrets.token)
            guard added == 1 else { throw ServiceError.invalid([FieldIssue("code", "Hộ \(household.code) đã đăng ký trong đợt này.")]) }
            let row = try await db.raw("SELECT id FROM evaluations WHERE cycle_id = \(bind: cycle.id) AND subject_kind = 'household' AND subject_id = \(bind: household.id)")
                .first(decodingColumn: "id", as: Int64.self)!
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "cycle.register", entityType: "evaluation", entityID: String(row), area: household.place.position,
                summary: "Đăng ký hộ \(household.code) vào đợt \(cycle.model.label) \(cycle.year)"), at: environment.clock.now())
            return row
        }
    }

    static func subjects(of cycle: CycleRecord, in area: Area, db: any SQLDatabase) async throws -> [NewEvaluation] {
        let registry = RegistryRepository(db)
        let all = 1_000_000
        switch SubjectKind.of(cycle.model) {
        case .household:
            return try await registry.households(within: area.position, limit: all).rows.map {
                NewEvaluation(subjectKind: .household, subjectID: $0.id, subjectName: "\($0.code) – \($0.headName)", place: $0.place)
            }
        case .person:
            let set = try await CriteriaRepository(db).version(of: cycle.setID, cycle.setVersion)
            let group = set?.targetGroup.flatMap(TargetGroup.init(rawValue:))
            return try await registry.citizens(within: area.position, group: group, limit: all).rows.map {
                NewEvaluation(subjectKind: .person, subjectID: $0.id, subjectName: $0.fullName, place: $0.place)
            }
        case .unit:
            return try await registry.units(within: area.position, limit: all).rows.map {
                NewEvaluation(subjectKind: .unit, subjectID: $0.id, subjectName: $0.name, place: $0.place)
            }
        case .clan:
            return try await registry.clans(within: area.position, limit: all).rows.map {
                NewEvaluation(subjectKind: .clan, subjectID: $0.id, subjectName: $0.name, place: $0.place)
            }
        case .village:
            let villages = area.level == .village ? [area] : try await AreaRepository(db).children(of: area.id).map(\.area).filter { $0.level == .village && $0.isCurrent }
            return villages.map {
                NewEvaluation(subjectKind: .village, subjectID: $0.id, subjectName: $0.fullName,
                              place: SubjectPlace(provinceID: cycle.provinceID, communeID: cycle.communeID, villageID: $0.id))
            }
        case .commune:
            guard area.level == .commune else { return [] }
            return [NewEvaluation(subjectKind: .commune, subjectID: area.id, subjectName: area.fullName,
                                  place: SubjectPlace(provinceID: cycle.provinceID, communeID: cycle.communeID, villageID: nil))]
        }
    }
}
