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
            var plans: [(row: DenominatorRow, area: Area)] = []
            var seen: [String: Int] = [:]
            var recognisedCache: [Int64: [DenominatorKind: Int]] = [:]
            for row in rows {
                let found: Area? = row.areaCode.uppercased() == "VN"
                    ? try await areas.current(level: .nation, code: "VN")
                    : try await Self.area(code: row.areaCode, repository: areas)
                guard let area = found, actor.sees(area.position) else {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "area", message: "Không có địa bàn mã \"\(row.areaCode)\" trong phạm vi của bạn."))
                    continue
                }
                if case .forbidden(let reason) = AccessPolicy.decide(actor, .manageDenominators(area.position)) {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "area", message: reason))
                    continue
                }
                let key = "\(area.id)|\(row.year)|\(row.kind.rawValue)"
                if let earlier = seen[key] {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "kind", message: "Trùng với dòng \(earlier) (cùng địa bàn, năm và loại)."))
                    continue
                }
                seen[key] = row.line
                let cacheKey = area.id * 10_000 + Int64(row.year)
                if recognisedCache[cacheKey] == nil { recognisedCache[cacheKey] = try await Self.recognised(of: area, year: row.year, db: db) }
                for problem in Self.problems(row.kind, value: row.value, source: row.source, recognised: recognisedCache[cacheKey]?[row.kind] ?? 0) {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "value", message: problem))
                }
                plans.append((row, area))
            }
            if var failure = issues.failure {
                failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
                throw ServiceError.importRejected(failure)
            }
            let repository = DenominatorRepository(db)
            for (row, area) in plans {
                let existing = try await repository.entry(of: DenominatorFigures.rollupID(area), year: row.year, kind: row.kind)
                try await write(row.kind, value: row.value, source: row.source, expectedVersion: existing?.version, area: area, year: row.year,
                                actor: actor, db: db)
            }
            return plans.count
        }
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
