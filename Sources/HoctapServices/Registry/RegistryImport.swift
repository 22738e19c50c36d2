import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

public struct RegistryImportReport: Sendable, Codable {
    public var created: Int
}

public struct ClanImportReport: Sendable, Codable {
    public var clans: Int
    public var households: Int
}

extension RegistryService {
    /// Imports a commune's units; all or nothing, each problem with its line and column.
    public func importUnits(_ bytes: [UInt8], fileName: String, intoCommune communeID: Area.ID, by actor: Actor) async throws -> RegistryImportReport {
        let commune = try await importableCommune(communeID, by: actor)
        let (rows, collected) = try Self.rows(bytes, fileName: fileName, required: UnitRow.requiredColumns, aliases: UnitRow.columnAliases, parse: UnitRow.parse)
        var issues = collected
        return try await environment.database.transaction { db in
            let villages = try await villages(of: commune, db: db)
            var plans: [(UnitDraft, SubjectPlace)] = []
            for row in rows {
                guard let place = place(row.villageCode, in: commune, villages: villages) else {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "village", message: "Xã \(commune.name) không có thôn mã \"\(row.villageCode ?? "")\"."))
                    continue
                }
                plans.append((row.draft, place))
            }
            if let failure = issues.failure { throw ServiceError.importRejected(failure) }
            let moment = environment.clock.now()
            for (draft, place) in plans { _ = try await RegistryRepository(db).insertUnit(draft, place: place, at: moment) }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "unit.import", entityType: "commune", entityID: String(commune.id), area: commune.position,
                summary: "Nhập \(plans.count) đơn vị từ tệp \(fileName)"), at: moment)
            return RegistryImportReport(created: plans.count)
        }
    }

    /// Imports a commune's learning citizens (not household members); ID numbers unique in the country.
    public func importCitizens(_ bytes: [UInt8], fileName: String, intoCommune communeID: Area.ID, by actor: Actor) async throws -> RegistryImportReport {
        let commune = try await importableCommune(communeID, by: actor)
        let year = currentYear
        let (rows, collected) = try Self.rows(bytes, fileName: fileName, required: CitizenRow.requiredColumns, aliases: CitizenRow.columnAliases,
                                              parse: { CitizenRow.parse($0, currentYear: year) })
        var issues = collected
        if rows.contains(where: { $0.person.personalID != nil }) && environment.personalData == nil {
            throw ServiceError.invalid([FieldIssue("citizen_id", "Máy chủ chưa cấu hình khóa dữ liệu cá nhân; chưa nhập được số định danh.")])
        }
        return try await environment.database.transaction { db in
            let villages = try await villages(of: commune, db: db)
            let repository = RegistryRepository(db)
            var seen: [String: Int] = [:]
            var plans: [(PersonDraft, SubjectPlace)] = []
            for row in rows {
                guard let place = place(row.villageCode, in: commune, villages: villages) else {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "village", message: "Xã \(commune.name) không có thôn mã \"\(row.villageCode ?? "")\"."))
                    continue
                }
                if let id = row.person.personalID, let protector = environment.personalData {
                    if let earlier = seen[id.digits] {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "citizen_id", message: "Số định danh \(id.masked) trùng với dòng \(earlier)."))
                    } else if try await repository.personalIDHolder(hash: protector.lookupHash(id)) != nil {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "citizen_id", message: "Số định danh \(id.masked) đã được đăng ký cho một người khác."))
                    }
                    seen[id.digits] = row.line
                }
                plans.append((row.person, place))
            }
            if var failure = issues.failure {
                failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
                throw ServiceError.importRejected(failure)
            }
            let moment = environment.clock.now()
            for (person, place) in plans {
                let sealed = try person.personalID.map { (hash: environment.personalData!.lookupHash($0), sealed: try environment.personalData!.seal($0)) }
                _ = try await repository.insertPerson(NewPerson(draft: person, householdID: nil, place: place, personalID: sealed), at: moment)
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "person.import", entityType: "commune", entityID: String(commune.id), area: commune.position,
                summary: "Nhập \(plans.count) công dân học tập từ tệp \(fileName)"), at: moment)
            return RegistryImportReport(created: plans.count)
        }
    }

    /// Imports a commune's clans with their member households (one household per row; the rows
    /// naming the same clan make one clan); all or nothing. Member households are found by code
    /// anywhere the importer may see, since a clan spans villages and communes.
    public func importClans(_ bytes: [UInt8], fileName: String, intoCommune communeID: Area.ID, by actor: Actor) async throws -> ClanImportReport {
        let commune = try await importableCommune(communeID, by: actor)
        let (rows, collected) = try Self.rows(bytes, fileName: fileName, required: ClanRow.requiredColumns, aliases: ClanRow.columnAliases, parse: ClanRow.parse)
        var issues = collected
        return try await environment.database.transaction { db in
            let villages = try await villages(of: commune, db: db)
            let repository = RegistryRepository(db)
            // Clans in the order they first appear, each with its place and member households.
            var order: [String] = []
            var clans: [String: (draft: ClanDraft, place: SubjectPlace, line: Int, households: [(id: HouseholdRecord.ID, line: Int)])] = [:]
            for row in rows {
                let key = row.clanKey
                if let known = clans[key] {
                    if !row.draft.headName.isEmpty, !known.draft.headName.isEmpty,
                       VietnameseText.normalized(row.draft.headName) != VietnameseText.normalized(known.draft.headName) {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "head_name",
                                               message: "Trưởng họ \"\(row.draft.headName)\" khác với dòng \(known.line) (\(known.draft.headName))."))
                    }
                    if let code = row.villageCode, !code.isEmpty, place(code, in: commune, villages: villages) != known.place {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "village",
                                               message: "Thôn \"\(code)\" khác với nơi đăng ký dòng họ ở dòng \(known.line)."))
                    }
                    if clans[key]!.draft.headName.isEmpty { clans[key]!.draft.headName = row.draft.headName }
                } else {
                    guard let place = place(row.villageCode, in: commune, villages: villages) else {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "village", message: "Xã \(commune.name) không có thôn mã \"\(row.villageCode ?? "")\"."))
                        continue
                    }
                    let problems = row.draft.problems()
                    for problem in problems {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: problem.field == "headName" ? "head_name" : "clan", message: problem.message))
                    }
                    if try await repository.clan(named: row.draft.name, inCommune: commune.id) != nil {
                        issues.add(ImportIssue(file: fileName, line: row.line, columnName: "clan",
                                               message: "Dòng họ \(row.draft.name) đã có trong \(commune.name); thêm hộ từ trang của dòng họ."))
                    }
                    order.append(key)
                    clans[key] = (row.draft, place, row.line, [])
                }
                guard let code = row.householdCode, !code.isEmpty else { continue }
                guard let household = try await repository.household(code: code, within: actor.scope) else {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "household", message: "Không có hộ mã \"\(code)\" trong địa bàn của bạn."))
                    continue
                }
                if let earlier = clans[key]?.households.first(where: { $0.id == household.id }) {
                    issues.add(ImportIssue(file: fileName, line: row.line, columnName: "household", message: "Hộ \(code) đã có ở dòng \(earlier.line)."))
                    continue
                }
                clans[key]?.households.append((household.id, row.line))
            }
            if var failure = issues.failure {
                failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
                throw ServiceError.importRejected(failure)
            }
            let moment = environment.clock.now()
            var members = 0
            for key in order {
                let clan = clans[key]!
                let id = try await repository.insertClan(clan.draft, place: clan.place, at: moment)
                for household in clan.households { _ = try await repository.addHousehold(household.id, toClan: id) }
                members += clan.households.count
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "clan.import", entityType: "commune", entityID: String(commune.id), area: commune.position,
                summary: "Nhập \(order.count) dòng họ, \(members) hộ thành viên từ tệp \(fileName)"), at: moment)
            return ClanImportReport(clans: order.count, households: members)
        }
    }

    func importableCommune(_ communeID: Area.ID, by actor: Actor) async throws -> Area {
        let commune = try await AreaService(environment).find(communeID, by: actor)
        try Authorization.require(actor, .manageSubject(commune.position), notFound: "Không tìm thấy xã này.")
        guard commune.level == .commune, commune.isCurrent else {
            throw ServiceError.invalid([FieldIssue("communeID", "Nhập cho một xã, phường, đặc khu hiện hành.")])
        }
        return commune
    }

    static func rows<T>(_ bytes: [UInt8], fileName: String, required: [String], aliases: [String: String],
                        parse: @escaping (CSVRow) -> Result<T, ImportFailure>) throws -> ([T], ImportIssueCollector) {
        do {
            return try CSVSource.tableCollectingIssues(bytes: bytes, displayName: fileName, required: required, aliases: aliases, parse: parse)
        } catch let failure as ImportFailure {
            throw ServiceError.importRejected(failure)
        }
    }

    func villages(of commune: Area, db: any SQLDatabase) async throws -> [Area] {
        try await AreaRepository(db).children(of: commune.id).map(\.area).filter { $0.level == .village && $0.isCurrent }
    }

    /// The place of a row: its village when it names one (by local or full code), else the commune.
    func place(_ villageCode: String?, in commune: Area, villages: [Area]) -> SubjectPlace? {
        guard let code = villageCode, !code.isEmpty else {
            return SubjectPlace(provinceID: commune.provinceID ?? -1, communeID: commune.id, villageID: nil)
        }
        guard let village = villages.first(where: { $0.code == code || $0.code == "\(commune.code)-\(code)" }) else { return nil }
        return SubjectPlace(provinceID: commune.provinceID ?? -1, communeID: commune.id, villageID: village.id)
    }
}
