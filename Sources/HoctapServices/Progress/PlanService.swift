import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// Programme plans and their targets: the shipped ones, and those administrators write or
/// complete (a national plan by the national administrator, a province's by its officers).
public struct PlanService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// The plans the actor may read: the national ones and, below the nation, their province's.
    public func plans(by actor: Actor) async throws -> [PlanRecord] {
        try await environment.database.read { db in
            actor.scope.level == .nation ? try await PlanRepository(db).all() : try await PlanRepository(db).plans(province: actor.scope.provinceID)
        }
    }

    public func plan(_ id: PlanRecord.ID, by actor: Actor) async throws -> PlanRecord {
        guard let plan = try await environment.database.read({ try await PlanRepository($0).plan(id) }),
              plan.draft.provinceID.map({ actor.sees(AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil)) }) ?? true else {
            throw ServiceError.notFound("Không tìm thấy kế hoạch này.")
        }
        return plan
    }

    public func canManage(provinceID: Int64?, by actor: Actor) -> Bool {
        AccessPolicy.decide(actor, .managePlan(province: provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) })) == .allow
    }

    /// Creates a plan (`id == nil`) or replaces one's fields and targets.
    @discardableResult
    public func save(_ draft: PlanDraft, id: PlanRecord.ID? = nil, expectedVersion: Int? = nil, by actor: Actor) async throws -> PlanRecord {
        let province = draft.provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) }
        if let id {
            let existing = try await plan(id, by: actor)
            guard existing.draft.provinceID == draft.provinceID, existing.draft.code == draft.code else {
                throw ServiceError.invalid([FieldIssue("code", "Không đổi được mã hay địa bàn của kế hoạch đã có.")])
            }
        }
        try Authorization.require(actor, .managePlan(province: province), notFound: "Không tìm thấy tỉnh này.")
        return try await environment.database.transaction { db in
            try await write(draft, id: id, expectedVersion: expectedVersion, by: AuditActor(actor), area: province ?? .nation, db: db)
        }
    }

    /// Installs the shipped plans that are missing (an administrator's later edits are kept);
    /// a province plan waits until its province exists. Returns the codes installed.
    @discardableResult
    public func installShipped() async throws -> [String] {
        var installed: [String] = []
        for shipped in ShippedPlans.plans {
            try await environment.database.transaction { db in
                if let existing = try await PlanRepository(db).plan(code: shipped.draft.code) {
                    // A newer hoctap may ship targets for indicators the installed plan does not
                    // have yet; only those are added, so an administrator's figures are never overwritten.
                    let known = Set(existing.draft.targets.map(\.key))
                    let missing = shipped.draft.targets.filter { !known.contains($0.key) }
                    guard !missing.isEmpty else { return }
                    var draft = existing.draft
                    draft.targets += missing
                    _ = try await write(draft, id: existing.id, expectedVersion: existing.version,
                                        by: AuditActor(accountID: nil, label: "hoctap (kế hoạch kèm theo)"),
                                        area: draft.provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) } ?? .nation, db: db)
                    installed.append(draft.code)
                    return
                }
                var draft = shipped.draft
                if let code = shipped.provinceCode {
                    guard let province = try await AreaRepository(db).current(level: .province, code: code) else { return }
                    draft.provinceID = province.id
                }
                _ = try await write(draft, id: nil, expectedVersion: nil, by: AuditActor(accountID: nil, label: "hoctap (kế hoạch kèm theo)"),
                                    area: draft.provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) } ?? .nation, db: db)
                installed.append(draft.code)
            }
        }
        return installed
    }

    private func write(_ draft: PlanDraft, id: PlanRecord.ID?, expectedVersion: Int?, by actor: AuditActor, area: AreaPosition,
                       db: any SQLDatabase) async throws -> PlanRecord {
        var issues = draft.problems().map { FieldIssue($0.field, $0.message) }
        let repository = PlanRepository(db)
        if id == nil, try await repository.plan(code: draft.code) != nil {
            issues.append(FieldIssue("code", "Đã có kế hoạch mã \(draft.code)."))
        }
        for other in try await repository.plans(province: draft.provinceID) where other.id != id {
            for key in draft.overlaps(with: other.draft) {
                issues.append(FieldIssue("targets", "Chỉ tiêu \(key.indicator.label) năm \(key.year)\(key.areaClass.map { " (\($0.label))" } ?? "") đã do \(other.draft.documentNumber) (\(other.draft.code)) đặt cho cùng địa bàn; mỗi chỉ tiêu chỉ một kế hoạch."))
            }
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        let moment = environment.clock.now()
        var before: PlanRecord?
        if let id { before = try await repository.plan(id) }
        let planID: PlanRecord.ID
        if let id {
            do {
                try await repository.update(id, draft, expectedVersion: expectedVersion ?? 0, by: actor.label, at: moment)
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict("\(conflict.description) Người khác vừa sửa kế hoạch này; hãy tải lại.")
            }
            planID = id
        } else {
            planID = try await repository.insert(draft, by: actor.label, at: moment)
        }
        try await AuditRepository(db).append(AuditEntry(
            actor: actor, action: id == nil ? "plan.create" : "plan.update", entityType: "plan", entityID: String(planID), area: area,
            summary: "\(id == nil ? "Nhập" : "Sửa") kế hoạch \(draft.documentNumber): \(draft.targets.filter { $0.percent != nil }.count) chỉ tiêu có số liệu",
            before: before.map { Self.describe($0.draft) }, after: Self.describe(draft)), at: moment)
        return try await repository.plan(planID)!
    }

    /// A plan's targets as text, for the audit trail's before and after.
    static func describe(_ draft: PlanDraft) -> String {
        draft.targets.map { target in
            "\(target.indicator.rawValue) \(target.year)\(target.areaClass.map { " \($0.rawValue)" } ?? ""): "
                + (target.percent.map { VietnameseFormat.decimal($0) } ?? "—") + " (\(target.status.rawValue))"
        }.joined(separator: "; ")
    }
}

extension PlanService {
    public func classes(of areaID: Area.ID, by actor: Actor) async throws -> (area: Area, classes: Set<AreaClass>) {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Authorization.require(actor, .manageAreaClasses(area.position), notFound: "Không tìm thấy địa bàn này.")
        let classes = try await environment.database.read { try await PlanRepository($0).classes(of: [area.id])[area.id] ?? [] }
        return (area, classes)
    }

    /// Says which classes a commune belongs to (targets for a class then apply to it).
    public func setClasses(_ classes: Set<AreaClass>, of areaID: Area.ID, by actor: Actor) async throws {
        let (area, before) = try await self.classes(of: areaID, by: actor)
        try await environment.database.transaction { db in
            try await PlanRepository(db).setClasses(classes, of: area.id)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "area.classes", entityType: "area", entityID: String(area.id), area: area.position,
                summary: "Nhóm địa bàn của \(area.fullName): \(classes.isEmpty ? "không thuộc nhóm nào" : classes.map(\.label).sorted().joined(separator: ", "))",
                before: before.map(\.rawValue).sorted().joined(separator: ","), after: classes.map(\.rawValue).sorted().joined(separator: ",")),
                at: environment.clock.now())
        }
    }
}
