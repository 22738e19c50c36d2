import Foundation
import HoctapDomain
import SQLKit

/// Imports the units that ended with the July 2025 reform and the old → new commune mapping, so
/// that pre-reform records stay addressable and roll up into today's units.
///
/// Needs today's provinces and communes first (`OfficialAreaImporter`). All or nothing, and
/// idempotent like that importer.
public struct SuccessionImporter: Sendable {
    public let database: any Database
    public let clock: any WallClock
    public let actor: AuditActor

    /// The last day of the pre-reform units.
    public static let reformEve = Day.twoLevelReform.previous
    /// Units listed only in the mapping had ended before the 1 March 2025 lists; their exact end
    /// date is unknown, so they are stored as ending no later than the eve of those lists.
    public static let endedBeforeMarch2025 = Day(2025, 2, 28)!

    public init(database: any Database, clock: any WallClock = SystemWallClock(), actor: AuditActor = .commandLine) {
        self.database = database
        self.clock = clock
        self.actor = actor
    }

    public struct Files: Sendable {
        public var oldProvinces: URL
        public var oldDistricts: URL
        public var oldCommunes: URL
        public var mapping: URL

        public init(oldProvinces: URL, oldDistricts: URL, oldCommunes: URL, mapping: URL) {
            self.oldProvinces = oldProvinces
            self.oldDistricts = oldDistricts
            self.oldCommunes = oldCommunes
            self.mapping = mapping
        }

        /// The standard file names of the data pack inside `directory`.
        public init(directory: URL) {
            self.init(
                oldProvinces: directory.appendingPathComponent("old-provinces-2025-03.csv"),
                oldDistricts: directory.appendingPathComponent("old-districts-2025-03.csv"),
                oldCommunes: directory.appendingPathComponent("old-communes-2025-03.csv"),
                mapping: directory.appendingPathComponent("old-to-new-communes.csv"))
        }
    }

    public func importHistory(_ files: Files) async throws -> AreaImportReport {
        var issues = ImportIssueCollector()
        let provinces = collect(&issues) {
            try CSVSource.table(file: files.oldProvinces, required: OfficialListFormat.oldProvinces.requiredColumns,
                                parse: OfficialListFormat.oldProvinces.unit)
        }
        let districts = collect(&issues) {
            try CSVSource.table(file: files.oldDistricts, required: OfficialListFormat.oldDistricts.requiredColumns,
                                parse: OfficialListFormat.oldDistricts.unit)
        }
        let communes = collect(&issues) {
            try CSVSource.table(file: files.oldCommunes, required: OfficialListFormat.oldCommunes.requiredColumns,
                                parse: OfficialListFormat.oldCommunes.unit)
        }
        let links = collect(&issues) {
            try CSVSource.table(file: files.mapping, required: SuccessionLink.requiredColumns, parse: SuccessionLink.parse)
        }
        try issues.throwIfAny()
        return try await importHistory(provinces: provinces, districts: districts, communes: communes, links: links)
    }

    public func importHistory(
        provinces: [OfficialUnit], districts: [OfficialUnit], communes: [OfficialUnit], links: [SuccessionLink]
    ) async throws -> AreaImportReport {
        var issues = ImportIssueCollector()
        issues.add(contentsOf: OfficialAreaImporter.duplicateCodes(provinces))
        issues.add(contentsOf: OfficialAreaImporter.duplicateCodes(districts))
        issues.add(contentsOf: OfficialAreaImporter.duplicateCodes(communes))
        let provinceCodes = Set(provinces.map(\.code))
        let districtCodes = Set(districts.map(\.code))
        for district in districts where !provinceCodes.contains(district.parentCode ?? "") {
            issues.add(ImportIssue(file: district.file, line: district.line, columnName: "province_code",
                                   message: "Mã tỉnh cũ \"\(district.parentCode ?? "")\" không có trong danh mục tỉnh cũ."))
        }
        for commune in communes where !districtCodes.contains(commune.parentCode ?? "") {
            issues.add(ImportIssue(file: commune.file, line: commune.line, columnName: "district_code",
                                   message: "Mã huyện cũ \"\(commune.parentCode ?? "")\" không có trong danh mục huyện cũ."))
        }
        for link in links where !provinceCodes.contains(link.oldProvinceCode) {
            issues.add(ImportIssue(file: link.file, line: link.line, columnName: "old_province_code",
                                   message: "Mã tỉnh cũ \"\(link.oldProvinceCode)\" không có trong danh mục tỉnh cũ."))
        }
        try issues.throwIfAny()

        let moment = clock.now()
        let eve = Self.reformEve
        return try await database.transaction { db in
            let areas = AreaRepository(db)
            var report = AreaImportReport()
            let nation = try await areas.nation()
            let currentProvinces = try await areas.currentByCode(level: .province)
            let currentCommunes = try await areas.currentByCode(level: .commune)
            var problems = ImportIssueCollector()
            if currentProvinces.isEmpty {
                problems.add(ImportIssue(file: nil, line: 0, message: "Chưa có danh mục tỉnh, xã hiện hành: hãy chạy `hoctap areas import` trước."))
                try problems.throwIfAny()
            }

            // Old provinces, each overseen by the current province it merged into.
            var successorOfProvince: [String: Area.ID] = [:]
            for unit in provinces {
                guard let successor = currentProvinces[unit.successorProvinceCode ?? ""] else {
                    problems.add(ImportIssue(file: unit.file, line: unit.line, columnName: "new_province_code",
                                             message: "Mã tỉnh mới \"\(unit.successorProvinceCode ?? "")\" không có trong danh mục tỉnh hiện hành."))
                    continue
                }
                successorOfProvince[unit.code] = successor.id
            }
            try problems.throwIfAny()
            let oldProvinces = try await upsertEnded(
                provinces, level: .province, validTo: eve, in: areas, report: &report, at: moment
            ) { unit in (nation.id, successorOfProvince[unit.code]) }

            let oldDistricts = try await upsertEnded(
                districts, level: .district, validTo: eve, in: areas, report: &report, at: moment
            ) { unit in
                (oldProvinces[unit.parentCode!]?.id, successorOfProvince[unit.parentCode!])
            }
            let provinceOfDistrict = Dictionary(districts.map { ($0.code, $0.parentCode!) }, uniquingKeysWith: { a, _ in a })

            var oldCommunes = try await upsertEnded(
                communes, level: .commune, validTo: eve, in: areas, report: &report, at: moment
            ) { unit in
                (oldDistricts[unit.parentCode!]?.id, successorOfProvince[provinceOfDistrict[unit.parentCode!] ?? ""])
            }

            // Communes that appear only in the mapping (merged away before March 2025).
            let unlisted = links.filter { $0.oldLevel == .commune && oldCommunes[$0.oldCode] == nil }
            var seen = Set<String>()
            let extraUnits = unlisted.compactMap { link -> OfficialUnit? in
                guard seen.insert(link.oldCode).inserted else { return nil }
                let (kind, name) = Self.splitKind(link.oldFullName)
                return OfficialUnit(code: link.oldCode, kind: kind, name: name, fullName: link.oldFullName,
                                    parentCode: link.oldProvinceCode, file: link.file, line: link.line)
            }
            let extras = try await upsertEnded(
                extraUnits, level: .commune, validTo: Self.endedBeforeMarch2025, in: areas, report: &report, at: moment
            ) { unit in (oldProvinces[unit.parentCode!]?.id, successorOfProvince[unit.parentCode!]) }
            oldCommunes.merge(extras) { listed, _ in listed }

            // Links, compared with what is stored in one query and written in batches.
            var wanted: [AreaRepository.LinkKey: SuccessionLink.Part] = [:]
            for link in links {
                let old = link.oldLevel == .district ? oldDistricts[link.oldCode] : oldCommunes[link.oldCode]
                guard let old else {
                    problems.add(ImportIssue(file: link.file, line: link.line, columnName: "old_code",
                                             message: "Không tìm thấy đơn vị cũ mã \"\(link.oldCode)\"."))
                    continue
                }
                guard let new = currentCommunes[link.newCode] else {
                    problems.add(ImportIssue(file: link.file, line: link.line, columnName: "new_code",
                                             message: "Mã xã mới \"\(link.newCode)\" không có trong danh mục xã hiện hành."))
                    continue
                }
                if currentProvinces[link.newProvinceCode]?.id != new.provinceID {
                    problems.add(ImportIssue(file: link.file, line: link.line, columnName: "new_province_code",
                                             message: "Xã mới \"\(link.newCode)\" không thuộc tỉnh \"\(link.newProvinceCode)\"."))
                    continue
                }
                wanted[AreaRepository.LinkKey(old: old.id, new: new.id)] = link.part
            }
            try problems.throwIfAny()
            let stored = try await areas.successionLinks()
            let changes = wanted.filter { stored[$0.key] != $0.value }
            try await areas.writeLinks(changes)
            report.linksWritten = changes.count
            report.linksUnchanged = wanted.count - changes.count
            try await areas.placeEndedCommunesUnderSoleSuccessor(at: moment)
            try problems.throwIfAny()

            if report.changedAnything {
                try await AuditRepository(db).append(AuditEntry(
                    actor: actor, action: "areas.import_history", entityType: "area", entityID: nil, area: .nation,
                    summary: "Nhập đơn vị hành chính trước 7/2025 và bảng chuyển đổi cũ → mới:\n\(report)"), at: moment)
            }
            return report
        }
    }

    /// Inserts or updates ended units matched on (level, code, end date); returns them by code.
    private func upsertEnded(
        _ units: [OfficialUnit], level: AreaLevel, validTo: Day, in areas: AreaRepository,
        report: inout AreaImportReport, at moment: Date,
        placement: (OfficialUnit) -> (parentID: Area.ID?, provinceID: Area.ID?)
    ) async throws -> [String: Area] {
        let existing = try await areas.endedByCode(level: level, validTo: validTo)
        var inserts: [NewArea] = []
        for unit in units {
            if let area = existing[unit.code] {
                report.count(try await areas.updateIfChanged(area, to: unit, at: moment), level)
            } else {
                let (parentID, provinceID) = placement(unit)
                inserts.append(NewArea(code: unit.code, kind: unit.kind, name: unit.name, fullName: unit.fullName,
                                       parentID: parentID, provinceID: provinceID, communeID: nil,
                                       validFrom: nil, validTo: validTo))
                report.count(.created, level)
            }
        }
        try await areas.insertMany(inserts, at: moment)
        return inserts.isEmpty ? existing : try await areas.endedByCode(level: level, validTo: validTo)
    }

    /// "Xã Tân Phú" → (.commune, "Tân Phú"); names without a known prefix stay whole.
    static func splitKind(_ fullName: String) -> (AreaKind, String) {
        for (prefix, kind) in [("Thị trấn ", AreaKind.township), ("Phường ", .ward), ("Xã ", .commune)]
        where fullName.hasPrefix(prefix) {
            return (kind, String(fullName.dropFirst(prefix.count)))
        }
        return (.commune, fullName)
    }
}
