import Foundation
import HoctapDomain
import SQLKit

/// A plan as stored.
public struct PlanRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var draft: PlanDraft
    public var version: Int
    public var updatedBy: String
    public var updatedAt: Date
}

/// SQL for programme plans, their targets, and the classes of areas targets may single out.
public struct PlanRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let columns: SQLQueryString = """
        p.id, p.code, p.name, p.document_number, p.document_date, p.issuer, p.scope_area_id, p.from_year, p.to_year, p.provenance,
        p.version, p.updated_by_label, p.updated_at
        """

    private func records(_ filter: SQLQueryString) async throws -> [PlanRecord] {
        let rows = try await db.raw("SELECT \(Self.columns) FROM plans p WHERE \(filter) ORDER BY p.scope_area_id, p.from_year, p.code").all()
        guard !rows.isEmpty else { return [] }
        var plans: [PlanRecord] = []
        for row in rows {
            let scope = try row.decode(column: "scope_area_id", as: Int64.self)
            let dateText = try row.decode(column: "document_date", as: String?.self)
            plans.append(PlanRecord(
                id: try row.decode(column: "id", as: Int64.self),
                draft: PlanDraft(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                                 documentNumber: try row.decode(column: "document_number", as: String.self),
                                 documentDate: dateText.flatMap(Day.init(iso:)), issuer: try row.decode(column: "issuer", as: String.self),
                                 provinceID: scope == 0 ? nil : scope, fromYear: try row.decode(column: "from_year", as: Int.self),
                                 toYear: try row.decode(column: "to_year", as: Int.self), provenance: try row.decode(column: "provenance", as: String.self),
                                 targets: []),
                version: try row.decode(column: "version", as: Int.self), updatedBy: try row.decode(column: "updated_by_label", as: String.self),
                updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self))))
        }
        let ids = plans.map(\.id)
        var targets: [Int64: [PlanTarget]] = [:]
        for row in try await db.raw("""
            SELECT t.plan_id, t.indicator, t.year, t.area_class, t.percent, t.status, t.note FROM plan_targets t
            WHERE t.plan_id IN (\(SQLQueryString(ids.map(String.init).joined(separator: ", ")))) ORDER BY t.indicator, t.year, t.area_class
            """).all() {
            let areaClass = try row.decode(column: "area_class", as: String.self)
            targets[try row.decode(column: "plan_id", as: Int64.self), default: []].append(PlanTarget(
                indicator: try row.enumValue("indicator", as: TargetIndicator.self), year: try row.decode(column: "year", as: Int.self),
                areaClass: areaClass.isEmpty ? nil : AreaClass(rawValue: areaClass), percent: try row.decode(column: "percent", as: Double?.self),
                status: try row.enumValue("status", as: SourceStatus.self), note: try row.decode(column: "note", as: String?.self)))
        }
        return plans.map { plan in
            var plan = plan
            plan.draft.targets = targets[plan.id] ?? []
            return plan
        }
    }

    /// National plans and, when given, one province's plans.
    public func plans(province provinceID: Int64?) async throws -> [PlanRecord] {
        try await records("p.scope_area_id = 0 OR p.scope_area_id = \(bind: provinceID ?? 0)")
    }

    public func all() async throws -> [PlanRecord] { try await records("1 = 1") }

    public func plan(_ id: PlanRecord.ID) async throws -> PlanRecord? {
        try await records("p.id = \(bind: id)").first
    }

    public func plan(code: String) async throws -> PlanRecord? {
        try await records("p.code = \(bind: code)").first
    }

    /// Stores a new plan with its targets; returns its identifier.
    public func insert(_ draft: PlanDraft, by label: String, at moment: Date) async throws -> PlanRecord.ID {
        guard let id = try await db.raw("""
            INSERT INTO plans (code, name, document_number, document_date, issuer, scope_area_id, from_year, to_year, provenance, version,
                               updated_by_label, updated_at)
            VALUES (\(bind: draft.code), \(bind: VietnameseText.normalized(draft.name)), \(bind: VietnameseText.normalized(draft.documentNumber)),
                    \(bind: draft.documentDate?.iso), \(bind: VietnameseText.normalized(draft.issuer)), \(bind: draft.provinceID ?? 0),
                    \(bind: draft.fromYear), \(bind: draft.toYear), \(bind: VietnameseText.normalized(draft.provenance)), 1,
                    \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self) else { throw StoredValueError(description: "Không nhận được mã kế hoạch mới.") }
        try await insertTargets(draft.targets, plan: id)
        return id
    }

    /// Replaces a plan's fields and targets, if nobody changed it since `expectedVersion`.
    public func update(_ id: PlanRecord.ID, _ draft: PlanDraft, expectedVersion: Int, by label: String, at moment: Date) async throws {
        let updated = try await db.raw("""
            UPDATE plans SET name = \(bind: VietnameseText.normalized(draft.name)), document_number = \(bind: VietnameseText.normalized(draft.documentNumber)),
                document_date = \(bind: draft.documentDate?.iso), issuer = \(bind: VietnameseText.normalized(draft.issuer)),
                from_year = \(bind: draft.fromYear), to_year = \(bind: draft.toYear), provenance = \(bind: VietnameseText.normalized(draft.provenance)),
                version = version + 1, updated_by_label = \(bind: label), updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Kế hoạch \(draft.code)") }
        try await db.raw("DELETE FROM plan_targets WHERE plan_id = \(bind: id)").run()
        try await insertTargets(draft.targets, plan: id)
    }

    private func insertTargets(_ targets: [PlanTarget], plan id: PlanRecord.ID) async throws {
        for target in targets {
            try await db.raw("""
                INSERT INTO plan_targets (plan_id, indicator, year, area_class, percent, status, note)
                VALUES (\(bind: id), \(bind: target.indicator.rawValue), \(bind: target.year), \(bind: target.areaClass?.rawValue ?? ""),
                        \(bind: target.percent), \(bind: target.status.rawValue), \(bind: target.note))
                """).run()
        }
    }

    // MARK: Area classes

    public func classes(of areaIDs: [Int64]) async throws -> [Int64: Set<AreaClass>] {
        guard !areaIDs.isEmpty else { return [:] }
        var classes: [Int64: Set<AreaClass>] = [:]
        for row in try await db.raw("""
            SELECT area_id, class FROM area_classes WHERE area_id IN (\(SQLQueryString(areaIDs.map(String.init).joined(separator: ", "))))
            """).all() {
            if let areaClass = AreaClass(rawValue: try row.decode(column: "class", as: String.self)) {
                classes[try row.decode(column: "area_id", as: Int64.self), default: []].insert(areaClass)
            }
        }
        return classes
    }

    public func setClasses(_ classes: Set<AreaClass>, of areaID: Int64) async throws {
        try await db.raw("DELETE FROM area_classes WHERE area_id = \(bind: areaID)").run()
        for areaClass in classes.sorted(by: { $0.rawValue < $1.rawValue }) {
            try await db.raw("INSERT INTO area_classes (area_id, class) VALUES (\(bind: areaID), \(bind: areaClass.rawValue))").run()
        }
    }
}
