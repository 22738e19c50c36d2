import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What happened in a village import.
public struct VillageImportReport: Sendable, Codable, Equatable {
    public var created: Int
    public var updated: Int
    public var unchanged: Int
}

/// Villages and residential groups, created and maintained by the commune.
public struct VillageService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// Creates one village in a commune.
    public func create(_ draft: VillageDraft, inCommune communeID: Area.ID, by actor: Actor) async throws -> Area {
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let commune = try await requireCommune(communeID, actor: actor, db: db)
            var plan = try await VillagePlan(commune: commune, db: db)
            let outcome = try plan.add(draft, fieldNames: true)
            guard case .create(let new) = outcome else {
                throw ServiceError.invalid([FieldIssue("name", "Đã có \(draft.kind.label.lowercased()) \"\(draft.name)\" trong \(commune.fullName).")])
            }
            let id = try await AreaRepository(db).insert(new, at: moment)
            let village = try await AreaRepository(db).find(id: id)!
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "area.village_create", entityType: "area", entityID: String(id),
                area: village.position, summary: "Tạo \(village.fullName) thuộc \(commune.fullName)",
                after: AuditEntry.json(VillageSnapshot(village))), at: moment)
            return village
        }
    }

    /// Renames a village or changes its kind, if nobody changed it since `expectedVersion`.
    public func update(_ villageID: Area.ID, name: String, kind: AreaKind, expectedVersion: Int, by actor: Actor) async throws -> Area {
        let name = VietnameseText.normalized(name)
        if let problem = VillageDraft.validate(name: name, kind: kind) {
            throw ServiceError.invalid([FieldIssue(name.isEmpty || name.count > 120 ? "name" : "kind", problem)])
        }
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let areas = AreaRepository(db)
            guard let village = try await areas.find(id: villageID, within: actor.scope) else {
                throw ServiceError.notFound("Không tìm thấy thôn, tổ dân phố này.")
            }
            try Authorization.require(actor, .editVillage(village.position))
            let siblings = try await areas.children(of: village.parentID ?? -1).map(\.area)
            if siblings.contains(where: { $0.id != village.id && VietnameseText.fold($0.name) == VietnameseText.fold(name) }) {
                throw ServiceError.invalid([FieldIssue("name", "Đã có thôn, tổ dân phố tên \"\(name)\" trong xã.")])
            }
            do {
                try await areas.updateNames(id: village.id, expectedVersion: expectedVersion, kind: kind, name: name,
                                            fullName: "\(kind.label) \(name)", at: moment)
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict(conflict.description)
            }
            let updated = try await areas.find(id: village.id)!
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "area.village_update", entityType: "area", entityID: String(village.id),
                area: village.position, summary: "Sửa \(village.fullName) thành \(updated.fullName)",
                before: AuditEntry.json(VillageSnapshot(village)), after: AuditEntry.json(VillageSnapshot(updated))), at: moment)
            return updated
        }
    }

    /// Imports a CSV of villages into one commune (or, when `communeID` is nil, into the
    /// communes named by its `commune_code` column). All or nothing; re-running changes nothing.
    public func importCSV(_ bytes: [UInt8], fileName: String, intoCommune communeID: Area.ID?, by actor: Actor) async throws -> VillageImportReport {
        let drafts: [VillageDraft]
        let rowIssues: ImportIssueCollector
        do {
            (drafts, rowIssues) = try CSVSource.tableCollectingIssues(
                bytes: bytes, displayName: fileName, required: VillageDraft.requiredColumns,
                aliases: VillageDraft.columnAliases, parse: VillageDraft.parse)
        } catch let failure as ImportFailure {
            throw ServiceError.importRejected(failure)
        }
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let areas = AreaRepository(db)
            var plans: [Area.ID: VillagePlan] = [:]
            var issues = rowIssues
            var report = VillageImportReport(created: 0, updated: 0, unchanged: 0)
            var creates: [NewArea] = []
            var updates: [(Area, VillageDraft)] = []
            var fixedCommune: Area?
            if let communeID { fixedCommune = try await requireCommune(communeID, actor: actor, db: db) }

            for draft in drafts {
                let line = draft.line ?? 0
                var commune = fixedCommune
                if let code = draft.communeCode {
                    if let fixed = fixedCommune, fixed.code != code {
                        issues.add(ImportIssue(file: fileName, line: line, columnName: "commune_code",
                                               message: "Mã xã \(code) khác xã đang nhập (\(fixed.code) \(fixed.fullName))."))
                        continue
                    }
                    if fixedCommune == nil {
                        let found = try await areas.current(level: .commune, code: code)
                        guard let found, actor.sees(found.position) else {
                            issues.add(ImportIssue(file: fileName, line: line, columnName: "commune_code",
                                                   message: "Không tìm thấy xã mã \(code) trong phạm vi của bạn."))
                            continue
                        }
                        commune = found
                    }
                }
                guard let commune else {
                    issues.add(ImportIssue(file: fileName, line: line, columnName: "commune_code",
                                           message: "Cần cột commune_code (mã xã) khi nhập cho nhiều xã."))
                    continue
                }
                if case .forbidden(let reason) = AccessPolicy.decide(actor, .createVillage(inCommune: commune.position)) {
                    throw ServiceError.forbidden(reason)
                }
                if plans[commune.id] == nil { plans[commune.id] = try await VillagePlan(commune: commune, db: db) }
                do {
                    switch try plans[commune.id]!.add(draft, fieldNames: false) {
                    case .create(let new): creates.append(new)
                    case .update(let existing): updates.append((existing, draft))
                    case .unchanged: report.unchanged += 1
                    }
                } catch let issue as ImportIssue {
                    issues.add(ImportIssue(file: fileName, line: line, column: issue.column, columnName: issue.columnName, message: issue.message))
                }
            }
            if var failure = issues.failure {
                failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
                throw ServiceError.importRejected(failure)
            }

            try await areas.insertMany(creates, at: moment)
            for (existing, draft) in updates {
                try await areas.updateNames(id: existing.id, expectedVersion: existing.version, kind: draft.kind,
                                            name: draft.name, fullName: "\(draft.kind.label) \(draft.name)", at: moment)
            }
            report.created = creates.count
            report.updated = updates.count
            if report.created + report.updated > 0 {
                try await AuditRepository(db).append(AuditEntry(
                    actor: AuditActor(actor), action: "area.village_import", entityType: "area",
                    entityID: fixedCommune.map { String($0.id) }, area: fixedCommune?.position ?? actor.scope,
                    summary: "Nhập thôn, tổ dân phố từ \(fileName): thêm \(report.created), sửa \(report.updated), giữ nguyên \(report.unchanged)"),
                    at: moment)
            }
            return report
        }
    }

    private func requireCommune(_ id: Area.ID, actor: Actor, db: any SQLDatabase) async throws -> Area {
        guard let commune = try await AreaRepository(db).find(id: id, within: actor.scope), commune.isCurrent else {
            throw ServiceError.notFound("Không tìm thấy xã, phường này.")
        }
        try Authorization.require(actor, .createVillage(inCommune: commune.position))
        return commune
    }
}

/// The villages of one commune while a batch of drafts is matched against them: decides for
/// each draft whether it creates, updates or repeats a village, and hands out local codes.
struct VillagePlan {
    enum Outcome {
        case create(NewArea)
        case update(Area)
        case unchanged
    }

    let commune: Area
    private var byCode: [String: Area]
    private var byName: [String: Area]
    private var plannedCodes: Set<String> = []
    private var plannedNames: Set<String> = []
    private var nextNumber: Int

    init(commune: Area, db: any SQLDatabase) async throws {
        self.commune = commune
        let villages = try await AreaRepository(db).children(of: commune.id).map(\.area)
        byCode = Dictionary(villages.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        byName = Dictionary(villages.map { (VietnameseText.fold($0.name), $0) }, uniquingKeysWith: { first, _ in first })
        let numbers = villages.compactMap { Int($0.code.split(separator: "-").last ?? "") }
        nextNumber = (numbers.max() ?? 0) + 1
    }

    /// Matches a draft on its code when it has one, otherwise on its name (ignoring diacritics).
    /// Throws an `ImportIssue` (or, with `fieldNames`, a `ServiceError`) for a clash.
    mutating func add(_ draft: VillageDraft, fieldNames: Bool) throws -> Outcome {
        let name = VietnameseText.normalized(draft.name)
        if let problem = VillageDraft.validate(name: name, kind: draft.kind) {
            throw clash("name", problem, fieldNames: fieldNames)
        }
        if let local = draft.localCode, let problem = VillageDraft.validateLocalCode(local) {
            throw clash("code", problem, fieldNames: fieldNames)
        }
        let folded = VietnameseText.fold(name)
        let code = draft.localCode.map { "\(commune.code)-\($0)" }
        let existing = code.flatMap { byCode[$0] } ?? (code == nil ? byName[folded] : nil)
        if let existing {
            if let sameName = byName[folded], sameName.id != existing.id {
                throw clash("name", "Tên \"\(name)\" đã dùng cho \(sameName.fullName) (mã \(sameName.code)).", fieldNames: fieldNames)
            }
            return existing.name == name && existing.kind == draft.kind ? .unchanged : .update(existing)
        }
        if byName[folded] != nil || plannedNames.contains(folded) {
            throw clash("name", "Tên \"\(name)\" trùng với một thôn, tổ dân phố khác của xã.", fieldNames: fieldNames)
        }
        var finalCode = code
        if let chosen = finalCode, plannedCodes.contains(chosen) {
            throw clash("code", "Mã \(draft.localCode ?? "") bị lặp lại trong tệp.", fieldNames: fieldNames)
        }
        while finalCode == nil || byCode[finalCode!] != nil || plannedCodes.contains(finalCode!) {
            finalCode = "\(commune.code)-\(String(format: "%02d", nextNumber))"
            nextNumber += 1
        }
        plannedCodes.insert(finalCode!)
        plannedNames.insert(folded)
        return .create(NewArea(code: finalCode!, kind: draft.kind, name: name, fullName: "\(draft.kind.label) \(name)",
                               parentID: commune.id, provinceID: commune.provinceID, communeID: commune.id,
                               validFrom: nil))
    }

    private func clash(_ field: String, _ message: String, fieldNames: Bool) -> any Error {
        fieldNames
            ? ServiceError.invalid([FieldIssue(field, message)])
            : ImportIssue(file: nil, line: 0, columnName: field, message: message)
    }
}

/// The audited view of a village.
struct VillageSnapshot: Codable {
    var code: String
    var kind: String
    var name: String
    var fullName: String

    init(_ area: Area) {
        code = area.code
        kind = area.kind.rawValue
        name = area.name
        fullName = area.fullName
    }
}
