import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// An area's denominators for one year, as the page that enters them shows them.
public struct DenominatorOverview: Sendable {
    public struct Row: Sendable {
        public var kind: DenominatorKind
        /// The area's own entry, if any.
        public var entry: DenominatorRecord?
        /// What the dashboards divide by: the entry, or the complete sum of the children.
        public var figure: DenominatorFigure
        /// Recognised subjects counted against this total (it may not be smaller).
        public var recognised: Int
    }

    public var area: Area
    public var year: Int
    public var rows: [Row]
    public var canEdit: Bool
}

/// One denominator to save.
public struct DenominatorDraft: Sendable {
    public var kind: DenominatorKind
    public var value: Int64
    public var source: String
    /// The version being replaced, or `nil` for a new entry.
    public var expectedVersion: Int?

    public init(kind: DenominatorKind, value: Int64, source: String, expectedVersion: Int?) {
        self.kind = kind
        self.value = value
        self.source = source
        self.expectedVersion = expectedVersion
    }
}

/// Entering the totals the progress percentages divide by: one by one or from a CSV file,
/// each with its source, never smaller than what is already recognised.
public struct DenominatorService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    public func overview(_ areaID: Area.ID, year: Int, by actor: Actor) async throws -> DenominatorOverview {
        let area = try await AreaService(environment).find(areaID, by: actor)
        let canEdit = AccessPolicy.decide(actor, .manageDenominators(area.position)) == .allow
        return try await environment.database.read { db in
            let figures = try await DenominatorFigures.load(area, year: year, db: db)
            let recognised = try await Self.recognised(of: area, year: year, db: db)
            let rows = DenominatorKind.allCases.map { kind in
                DenominatorOverview.Row(kind: kind, entry: figures.entries[kind], figure: figures.own[kind]!, recognised: recognised[kind] ?? 0)
            }
            return DenominatorOverview(area: area, year: year, rows: rows, canEdit: canEdit && area.level != .district)
        }
    }

    /// Recognised subjects per denominator kind in an area and year, from the rollups.
    static func recognised(of area: Area, year: Int, db: any SQLDatabase) async throws -> [DenominatorKind: Int] {
        var counts: [DenominatorKind: Int] = [:]
        for row in try await RollupRepository(db).rows(of: DenominatorFigures.rollupID(area)) where row.key.year == year {
            guard let indicator = ProgressIndicator(model: row.key.model, segment: row.key.segment) else { continue }
            counts[indicator.denominator, default: 0] += row.counts.recognised
        }
        return counts
    }

    /// Saves one or more totals of an area and year, all or none.
    public func save(_ drafts: [DenominatorDraft], areaID: Area.ID, year: Int, by actor: Actor) async throws {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Authorization.require(actor, .manageDenominators(area.position), notFound: "Không tìm thấy địa bàn này.")
        guard PlanDraft.years.contains(year) else {
            throw ServiceError.invalid([FieldIssue("year", "Năm phải từ \(PlanDraft.years.lowerBound) đến \(PlanDraft.years.upperBound).")])
        }
        try await environment.database.transaction { db in
            let recognised = try await Self.recognised(of: area, year: year, db: db)
            var issues: [FieldIssue] = []
            for draft in drafts {
                issues += Self.problems(draft.kind, value: draft.value, source: draft.source, recognised: recognised[draft.kind] ?? 0)
                    .map { FieldIssue(draft.kind.rawValue, $0) }
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            for draft in drafts {
                try await write(draft.kind, value: draft.value, source: draft.source, expectedVersion: draft.expectedVersion,
                                area: area, year: year, actor: actor, db: db)
            }
        }
    }

    /// Imports totals for several areas from a CSV file (`area,year,kind,value,source`), all or
    /// nothing; an existing entry is replaced (the file is the newer statement of the figure).
    public func importCSV(_ bytes: [UInt8], fileName: String, by actor: Actor) async throws -> Int {
        let rows: [DenominatorRow]
        var issues: ImportIssueCollector
        do {
            (rows, issues) = try CSVSource.tableCollectingIssues(bytes: bytes, displayName: fileName, required: DenominatorRow.requiredColumns,
                                                                  aliases: DenominatorRow.columnAliases, parse: DenominatorRow.parse)
        } catch let failure as ImportFailure {
            throw ServiceError.importRejected(failure)
        }
        return try await environment.database.transaction { db in
            let areas = AreaRepository(db)
            // Rows for the same area, year and kind: from several pre-2025 units they add up; twice otherwise is an error.
            struct Plan { var area: Area; var row: DenominatorRow; var value: Int64; var sources: [String]; var lines: [Int]; var merged: Bool }
            var plans: [String: Plan] = [:]
            var order: [String] = []
            for row in rows {
                var target: Area?
                var mergedFrom: Area?
                // Before the July 2025 reform a code names the unit of that time (some codes were kept by a new unit).
                var old: Area?
                if row.year < 2025 {
                    old = try await Self.endedArea(code: row.areaCode, repository: areas)
                } else if try await Self.area(code: row.areaCode, repository: areas) == nil {
                    old = try await Self.endedArea(code: row.areaCode, repository: areas)
                }
                if row.areaCode.uppercased() == "VN" {
                    target = try await areas.current(level: .nation, code: "VN")
                } else if old == nil, let current = try await Self.area(code: row.areaCode, repository: areas) {
                    target = current
                } else if let old {
                    // A unit that ended on 30 June 2025 rolls into the one it became, when it became exactly one.
                    let successors = try await areas.successors(of: old.id)
                    let distinct = Set(successors.map(\.area.id))
                    guard distinct.count == 1, let successor = successors.first, successor.part == .full else {
                        let names = successors.map(\.area.fullName).joined(separator: ", ")
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "area", message: successors.isEmpty
                            ? "\(old.fullName) (mã \(row.areaCode)) đã chấm dứt và không có đơn vị kế thừa trong danh mục."
                            : "\(old.fullName) (mã \(row.areaCode)) được chia cho nhiều đơn vị mới (\(names)); nhập số liệu cho từng đơn vị mới."))
                        continue
                    }
                    target = successor.area
                    mergedFrom = old
                }
                guard let area = target, actor.sees(area.position) else {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "area", message: "Không có địa bàn mã \"\(row.areaCode)\" trong phạm vi của bạn."))
                    continue
                }
                if case .forbidden(let reason) = AccessPolicy.decide(actor, .manageDenominators(area.position)) {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "area", message: reason))
                    continue
                }
                let key = "\(area.id)|\(row.year)|\(row.kind.rawValue)"
                let source = mergedFrom.map { "\(row.source) (\($0.fullName), trước 7/2025)" } ?? row.source
                if var existing = plans[key] {
                    guard existing.merged && mergedFrom != nil else {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "kind",
                                               message: "Trùng với dòng \(existing.lines[0]) (cùng địa bàn \(area.fullName), năm và loại)."))
                        continue
                    }
                    existing.value += row.value
                    existing.sources.append(source)
                    existing.lines.append(row.line)
                    plans[key] = existing
                } else {
                    plans[key] = Plan(area: area, row: row, value: row.value, sources: [source], lines: [row.line], merged: mergedFrom != nil)
                    order.append(key)
                }
            }
            var recognisedCache: [String: [DenominatorKind: Int]] = [:]
            for key in order {
                let plan = plans[key]!
                let cacheKey = "\(plan.area.id)|\(plan.row.year)"
                if recognisedCache[cacheKey] == nil { recognisedCache[cacheKey] = try await Self.recognised(of: plan.area, year: plan.row.year, db: db) }
                for problem in Self.problems(plan.row.kind, value: plan.value, source: String(plan.sources.joined(separator: "; ").prefix(300)),
                                             recognised: recognisedCache[cacheKey]?[plan.row.kind] ?? 0) {
                    issues.add(ImportIssue(file: fileName, line: plan.lines.last!, columnName: "value", message: problem))
                }
            }
            if var failure = issues.failure {
                failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
                throw ServiceError.importRejected(failure)
            }
            let repository = DenominatorRepository(db)
            for key in order {
                let plan = plans[key]!
                let existing = try await repository.entry(of: DenominatorFigures.rollupID(plan.area), year: plan.row.year, kind: plan.row.kind)
                try await write(plan.row.kind, value: plan.value, source: String(plan.sources.joined(separator: "; ").prefix(300)),
                                expectedVersion: existing?.version, area: plan.area, year: plan.row.year, actor: actor, db: db)
            }
            return rows.count
        }
    }

    /// A pre-2025 commune or province by its old code.
    static func endedArea(code: String, repository: AreaRepository) async throws -> Area? {
        for level in [AreaLevel.commune, .province] {
            if let area = try await repository.ended(level: level, code: code) { return area }
        }
        return nil
    }

    static func area(code: String, repository: AreaRepository) async throws -> Area? {
        for level in [AreaLevel.province, .commune, .village] {
            if let area = try await repository.current(level: level, code: code) { return area }
        }
        return nil
    }

    static func problems(_ kind: DenominatorKind, value: Int64, source: String, recognised: Int) -> [String] {
        var problems: [String] = []
        if kind.isCountedFromAreas { problems.append("\(kind.label) được đếm từ danh mục đơn vị hành chính, không nhập.") }
        if !(0...DenominatorRow.maximumValue).contains(value) {
            problems.append("\(kind.label): số phải từ 0 đến \(VietnameseFormat.integer(DenominatorRow.maximumValue)).")
        }
        if value < Int64(recognised) {
            problems.append("\(kind.label) (\(VietnameseFormat.integer(value))) nhỏ hơn số đã được công nhận (\(VietnameseFormat.integer(recognised))).")
        }
        let source = VietnameseText.normalized(source)
        if source.isEmpty { problems.append("\(kind.label): ghi nguồn số liệu (ví dụ: Chi cục Thống kê, sổ hộ khẩu thôn năm 2025).") }
        if source.count > 300 { problems.append("\(kind.label): nguồn dài quá 300 ký tự.") }
        return problems
    }

    private func write(_ kind: DenominatorKind, value: Int64, source: String, expectedVersion: Int?, area: Area, year: Int,
                       actor: Actor, db: any SQLDatabase) async throws {
        let repository = DenominatorRepository(db)
        let areaID = DenominatorFigures.rollupID(area)
        let before = try await repository.entry(of: areaID, year: year, kind: kind)
        let moment = environment.clock.now()
        do {
            try await repository.save(DenominatorRecord(areaID: areaID, year: year, kind: kind, value: value, source: VietnameseText.normalized(source),
                                                        enteredBy: actor.username, enteredAt: moment, version: 0),
                                      expectedVersion: expectedVersion)
        } catch let conflict as VersionConflict {
            throw ServiceError.conflict("\(conflict.description) Người khác vừa lưu \(kind.label.lowercased()) năm \(year) của \(area.fullName)"
                                        + (before.map { ": \(VietnameseFormat.integer($0.value)) (\($0.source))" } ?? "") + ". Hãy xem lại rồi lưu.")
        }
        try await AuditRepository(db).append(AuditEntry(
            actor: AuditActor(actor), action: "denominator.save", entityType: "denominator", entityID: "\(areaID)/\(year)/\(kind.rawValue)",
            area: area.position, summary: "\(kind.label) năm \(year) của \(area.fullName): \(VietnameseFormat.integer(value)) (\(source))",
            before: before.map { "\($0.value) | \($0.source)" }, after: "\(value) | \(VietnameseText.normalized(source))"), at: moment)
    }
}
