import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

public struct HouseholdImportReport: Sendable, Codable {
    public var households: Int
    public var members: Int
}

extension RegistryService {
    /// Imports a commune's households from a CSV file with one member per row. All or nothing:
    /// every problem is reported with its line and column and nothing is written unless there is none.
    public func importHouseholds(_ bytes: [UInt8], fileName: String, intoCommune communeID: Area.ID, by actor: Actor) async throws -> HouseholdImportReport {
        let commune = try await AreaService(environment).find(communeID, by: actor)
        guard commune.level == .commune else {
            throw ServiceError.invalid([FieldIssue("communeID", "Nhập hộ gia đình cho một xã, phường, đặc khu.")])
        }
        try Authorization.require(actor, .manageSubject(commune.position), notFound: "Không tìm thấy xã này.")
        let year = currentYear
        let rows: [HouseholdRow]
        var issues: ImportIssueCollector
        do {
            (rows, issues) = try CSVSource.tableCollectingIssues(
                bytes: bytes, displayName: fileName, required: HouseholdRow.requiredColumns, aliases: HouseholdRow.columnAliases,
                parse: { HouseholdRow.parse($0, currentYear: year) })
        } catch let failure as ImportFailure {
            throw ServiceError.importRejected(failure)
        }
        if rows.contains(where: { $0.person.personalID != nil }) && environment.personalData == nil {
            throw ServiceError.invalid([FieldIssue("citizen_id", "Máy chủ chưa cấu hình khóa dữ liệu cá nhân; chưa nhập được số định danh.")])
        }
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let repository = RegistryRepository(db)
            let villages = try await AreaRepository(db).children(of: commune.id).map(\.area).filter { $0.level == .village && $0.isCurrent }
            func village(_ code: String) -> Area? {
                villages.first { $0.code == code || $0.code == "\(commune.code)-\(code)" }
            }
            // Group rows by household key, in file order.
            var order: [String] = []
            var groups: [String: [HouseholdRow]] = [:]
            for row in rows {
                if groups[row.householdKey] == nil { order.append(row.householdKey) }
                groups[row.householdKey, default: []].append(row)
            }
            // A row that failed to parse may be a household's head: counting heads would only add noise.
            let someRowsFailed = !issues.issues.isEmpty
            var seenIDs: [String: Int] = [:]
            var plans: [(village: Area, draft: HouseholdDraft, members: [HouseholdRow])] = []
            for key in order {
                let members = groups[key]!
                let first = members[0]
                guard let place = village(first.villageCode) else {
                    issues.add(ImportIssue(file: fileName, line: first.line, columnName: "village",
                                           message: "Xã \(commune.name) không có thôn mã \"\(first.villageCode)\"."))
                    continue
                }
                for member in members.dropFirst() where village(member.villageCode)?.id != place.id {
                    issues.add(ImportIssue(file: fileName, line: member.line, columnName: "village",
                                           message: "Thành viên của hộ \(key) phải cùng thôn với dòng \(first.line)."))
                }
                let heads = members.filter { $0.person.relation == .head }
                if heads.count != 1 && !someRowsFailed {
                    issues.add(ImportIssue(file: fileName, line: first.line, columnName: "relation",
                                           message: "Hộ \(key) cần đúng một chủ hộ (đang có \(heads.count))."))
                }
                for member in members {
                    if let problem = member.person.problems(currentYear: year).first {
                        issues.add(ImportIssue(file: fileName, line: member.line, columnName: problem.field == "fullName" ? "full_name" : "birth_year", message: problem.message))
                    }
                    guard let id = member.person.personalID, let protector = environment.personalData else { continue }
                    if let earlier = seenIDs[id.digits] {
                        issues.add(ImportIssue(file: fileName, line: member.line, columnName: "citizen_id",
                                               message: "Số định danh \(id.masked) trùng với dòng \(earlier)."))
                    } else if try await repository.personalIDHolder(hash: protector.lookupHash(id)) != nil {
                        issues.add(ImportIssue(file: fileName, line: member.line, columnName: "citizen_id",
                                               message: "Số định danh \(id.masked) đã được đăng ký cho một người khác."))
                    }
                    seenIDs[id.digits] = member.line
                }
                let headName = heads.first?.person.fullName ?? first.person.fullName
                plans.append((place, HouseholdDraft(headName: headName, address: members.compactMap(\.address).first ?? ""), members))
            }
            if var failure = issues.failure {
                failure.issues.sort { ($0.line, $0.column ?? 0) < ($1.line, $1.column ?? 0) }
                throw ServiceError.importRejected(failure)
            }
            var memberCount = 0
            for plan in plans {
                let householdID = try await repository.insertHousehold(plan.draft, village: plan.village, at: moment)
                let place = SubjectPlace(provinceID: commune.provinceID ?? -1, communeID: commune.id, villageID: plan.village.id)
                for member in plan.members {
                    let sealed = try member.person.personalID.map { id in
                        (hash: environment.personalData!.lookupHash(id), sealed: try environment.personalData!.seal(id))
                    }
                    _ = try await repository.insertPerson(NewPerson(draft: member.person, householdID: householdID, place: place, personalID: sealed), at: moment)
                    memberCount += 1
                }
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "household.import", entityType: "commune", entityID: String(commune.id), area: commune.position,
                summary: "Nhập \(plans.count) hộ, \(memberCount) thành viên từ tệp \(fileName)"), at: moment)
            return HouseholdImportReport(households: plans.count, members: memberCount)
        }
    }
}
