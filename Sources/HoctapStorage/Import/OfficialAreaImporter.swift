import Foundation
import HoctapDomain
import SQLKit

/// Imports the official lists of today's provinces and communes.
///
/// All or nothing: every row is validated first and every problem reported with its line; the
/// write happens in one transaction that either lands completely or not at all. Re-running with
/// the same files changes nothing (units are matched on their official codes).
public struct OfficialAreaImporter: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let actor: AuditActor

    public init(database: any Database, clock: any WallClock = SystemWallClock(), actor: AuditActor = .commandLine) {
        self.database = database
        self.clock = clock
        self.actor = actor
    }

    /// Reads `provinces.csv` and `communes.csv` and stores them as units valid from `effectiveFrom`.
    public func importCurrent(provinces: URL, communes: URL, effectiveFrom: Day = .twoLevelReform) async throws -> AreaImportReport {
        var issues = ImportIssueCollector()
        let provinceRows = collect(&issues) {
            try CSVSource.table(file: provinces, required: OfficialListFormat.provinces.requiredColumns,
                                parse: OfficialListFormat.provinces.unit)
        }
        let communeRows = collect(&issues) {
            try CSVSource.table(file: communes, required: OfficialListFormat.communes.requiredColumns,
                                parse: OfficialListFormat.communes.unit)
        }
        try issues.throwIfAny()
        return try await importCurrent(provinces: provinceRows, communes: communeRows, effectiveFrom: effectiveFrom)
    }

    /// Stores already-parsed units; the checks that need the database happen inside the transaction.
    public func importCurrent(provinces: [OfficialUnit], communes: [OfficialUnit], effectiveFrom: Day) async throws -> AreaImportReport {
        var issues = ImportIssueCollector()
        issues.add(contentsOf: Self.duplicateCodes(provinces) + Self.duplicateCodes(communes))
        try issues.throwIfAny()

        let moment = clock.now()
        return try await database.transaction { db in
            let areas = AreaRepository(db)
            var report = AreaImportReport()
            let nation = try await areas.nation()

            // Provinces.
            var existingProvinces = try await areas.currentByCode(level: .province)
            var newProvinces: [NewArea] = []
            for unit in provinces {
                if let area = existingProvinces[unit.code] {
                    report.count(try await areas.updateIfChanged(area, to: unit, at: moment), .province)
                } else {
                    newProvinces.append(NewArea(code: unit.code, kind: unit.kind, name: unit.name, fullName: unit.fullName,
                                                parentID: nation.id, provinceID: nil, communeID: nil, validFrom: effectiveFrom))
                    report.count(.created, .province)
                }
            }
            if !newProvinces.isEmpty {
                try await areas.insertMany(newProvinces, at: moment)
                existingProvinces = try await areas.currentByCode(level: .province)
            }

            // Communes: every parent must be a province we now know.
            var parentIssues = ImportIssueCollector()
            for unit in communes where existingProvinces[unit.parentCode ?? ""] == nil {
                parentIssues.add(ImportIssue(
                    file: unit.file, line: unit.line, columnName: "province_code",
                    message: "Mã tỉnh \"\(unit.parentCode ?? "")\" không có trong danh mục tỉnh (cả trong tệp lẫn cơ sở dữ liệu)."))
            }
            try parentIssues.throwIfAny()

            let existingCommunes = try await areas.currentByCode(level: .commune)
            var newCommunes: [NewArea] = []
            for unit in communes {
                let province = existingProvinces[unit.parentCode!]!
                if let area = existingCommunes[unit.code] {
                    report.count(try await areas.updateIfChanged(area, to: unit, at: moment), .commune)
                    if area.parentID != province.id {
                        try await areas.moveCommune(id: area.id, toProvince: province.id, at: moment)
                        report.moved += 1
                    }
                } else {
                    newCommunes.append(NewArea(code: unit.code, kind: unit.kind, name: unit.name, fullName: unit.fullName,
                                               parentID: province.id, provinceID: province.id, communeID: nil,
                                               validFrom: effectiveFrom))
                    report.count(.created, .commune)
                }
            }
            try await areas.insertMany(newCommunes, at: moment)

            if report.changedAnything {
                try await AuditRepository(db).append(AuditEntry(
                    actor: actor, action: "areas.import", entityType: "area", entityID: nil, area: .nation,
                    summary: "Nhập danh mục đơn vị hành chính hiện hành:\n\(report)"), at: moment)
            }
            return report
        }
    }

    /// Issues for codes listed twice in one file, pointing at both lines.
    static func duplicateCodes(_ units: [OfficialUnit]) -> [ImportIssue] {
        var firstLine: [String: Int] = [:]
        var issues: [ImportIssue] = []
        for unit in units {
            if let line = firstLine[unit.code] {
                issues.append(ImportIssue(file: unit.file, line: unit.line, columnName: "code",
                                          message: "Mã \"\(unit.code)\" trùng với dòng \(line)."))
            } else {
                firstLine[unit.code] = unit.line
            }
        }
        return issues
    }
}

/// Runs a parsing step, moving its issues into `issues` instead of stopping.
func collect<T>(_ issues: inout ImportIssueCollector, _ step: () throws -> [T]) -> [T] {
    do {
        return try step()
    } catch let failure as ImportFailure {
        issues.add(contentsOf: failure.issues)
        return []
    } catch {
        issues.add(ImportIssue(file: nil, line: 0, message: "\(error)"))
        return []
    }
}
