import Foundation
import HoctapDomain
import HoctapStorage
import Logging

public struct BulkHouseholdReport: Sendable, Codable {
    public var rows: Int
    public var households: Int
    public var members: Int
    public var personalIDs: Int
    /// Fields that were not in NFC and were normalised.
    public var normalisedFields: Int
}

extension BulkImportService {
    /// Columns of the national household file: the commune-form columns, with the village by its
    /// full code (or `commune` plus the local code) and `household` the household's number in
    /// its village (its code becomes "<village code>-<number>"). One member per row; the rows of
    /// a household are consecutive.
    public static let householdColumns = HouseholdRow.requiredColumns
    public static let householdAliases = HouseholdRow.columnAliases.merging(["xã": "commune", "xa": "commune", "mã xã": "commune", "ma xa": "commune"]) { a, _ in a }

    /// Imports households and their members from `file` for every village in `actor`'s subtree.
    public func importHouseholds(file: URL, displayName: String? = nil, by actor: Actor,
                                 progress: (ImportProgress) -> Void = { _ in }) async throws -> BulkHouseholdReport {
        let reader = try reader(file, displayName: displayName)
        let year = Day(containing: environment.clock.now()).year
        let epoch = Int64(environment.clock.now().timeIntervalSince1970)
        let protector = environment.personalData
        return try await environment.database.bulkTransaction { session in
            let repository = BulkRegistryRepository(session)
            let villages = try await repository.villages(within: actor.scope)
            var state = HouseholdLoad(file: reader.displayName, villages: villages, actor: actor, year: year)
            var issues = ImportIssueCollector()
            var normalised = 0
            let rows: Int
            do {
                rows = try await eachRow(of: reader, required: Self.householdColumns, aliases: Self.householdAliases,
                                         issues: &issues, normalised: &normalised, progress: progress) { row, issues in
                    state.locator.learn(row.header)
                    let commune = state.locator.columns["commune"].map { row.record.fields[$0] }
                    switch HouseholdRow.parse(row, currentYear: year) {
                    case .failure(let failure):
                        issues.add(contentsOf: failure.issues)
                        state.rowFailed(row)
                    case .success(let parsed):
                        if parsed.person.personalID != nil, protector == nil {
                            throw ServiceError.invalid([FieldIssue("citizen_id", "Máy chủ chưa cấu hình khóa dữ liệu cá nhân; chưa nhập được số định danh.")])
                        }
                        try await state.accept(parsed, commune: commune.map(VietnameseText.normalized), repository: repository, issues: &issues)
                    }
                    if state.pending.count >= batchSize {
                        try await state.flush(session, protector: protector, epoch: epoch, issues: &issues)
                        environment.logger.debug("Bulk import batch written", metadata: ["households": "\(state.households)", "line": "\(row.line)"])
                    }
                }
            } catch {
                // Nothing may still be writing when the transaction rolls back.
                try? await state.settle()
                throw error
            }
            state.closeHousehold(issues: &issues)
            try await state.flush(session, protector: protector, epoch: epoch, issues: &issues)
            try await state.settle()
            try Self.throwIfAny(issues)
            let report = BulkHouseholdReport(rows: rows, households: state.households, members: state.members,
                                             personalIDs: state.personalIDs, normalisedFields: normalised)
            try await AuditRepository(session.sql).append(AuditEntry(
                actor: AuditActor(actor), action: "household.bulk_import", entityType: "import", entityID: nil, area: actor.scope,
                summary: "Nhập \(report.households) hộ, \(report.members) thành viên từ tệp \(reader.displayName)"
                    + (normalised > 0 ? " (\(normalised) trường được chuẩn hóa Unicode NFC)" : "")), at: environment.clock.now())
            return report
        }
    }
}

/// A household read from the file, waiting for its batch.
struct PendingHousehold {
    var village: VillagePlace
    var number: Int
    var members: [HouseholdRow]
}

/// The streaming state of a household import: the household being read, the batch waiting to
/// be written, and the numbers each village has used.
struct HouseholdLoad {
    let file: String
    let villages: [String: VillagePlace]
    let actor: Actor
    let year: Int
    var numbers: [Area.ID: NumberSet] = [:]
    var forbiddenVillages: Set<Area.ID> = []
    var current: PendingHousehold?
    var currentFailed = false
    /// The household last refused, whose further rows add nothing to say.
    var refused: (village: Area.ID, number: Int)?
    var locator: RowLocator
    var pending: [PendingHousehold] = []
    var households = 0, members = 0, personalIDs = 0

    init(file: String, villages: [String: VillagePlace], actor: Actor, year: Int) {
        self.file = file
        self.villages = villages
        self.actor = actor
        self.year = year
        self.locator = RowLocator(file: file)
    }

    /// A row that could not be read: if it belongs to the household being read, that household's
    /// count of heads says nothing (the row may have been its head).
    mutating func rowFailed(_ row: CSVRow) {
        guard let open = current, let key = locator.columns["household"], let village = locator.columns["village"] else { return }
        let fields = row.record.fields
        let code = VietnameseText.normalized(fields[village])
        if Int(VietnameseText.normalized(fields[key])) == open.number && (code == open.village.code || open.village.code.hasSuffix("-\(code)")) {
            currentFailed = true
        }
    }

    func issue(_ line: Int, _ column: String, _ message: String) -> ImportIssue { locator.issue(line, column, message) }

    mutating func accept(_ row: HouseholdRow, commune: String?, repository: BulkRegistryRepository, issues: inout ImportIssueCollector) async throws {
        var code = row.villageCode
        if let commune, !commune.isEmpty, !code.hasPrefix("\(commune)-") { code = "\(commune)-\(code)" }
        guard let village = villages[code] else {
            issues.add(issue(row.line, "village", "Không có thôn, tổ dân phố mã \"\(code)\" trong phạm vi của bạn."))
            return
        }
        guard let number = Int(row.householdKey), (1...99_999).contains(number) else {
            issues.add(issue(row.line, "household", "Số hộ \"\(row.householdKey)\" phải là số thứ tự của hộ trong thôn, từ 1 đến 99999."))
            return
        }
        if let open = current, open.village.id == village.id, open.number == number {
            current!.members.append(row)
            return
        }
        if let refused, refused == (village.id, number) { return }
        closeHousehold(issues: &issues)
        if numbers[village.id] == nil {
            let position = AreaPosition(level: .village, areaID: village.id, provinceID: village.provinceID, communeID: village.communeID, villageID: village.id)
            if case .forbidden(let reason) = AccessPolicy.decide(actor, .manageSubject(position)) { throw ServiceError.forbidden(reason) }
            var taken = NumberSet()
            for used in try await repository.householdSequences(village: village.id) { _ = taken.insert(used) }
            numbers[village.id] = taken
        }
        guard numbers[village.id]!.insert(number) else {
            issues.add(issue(row.line, "household", "Hộ số \(number) của thôn \(code) đã có trong cơ sở dữ liệu hoặc ở dòng trước; "
                             + "các dòng của một hộ phải liền nhau và mỗi số hộ chỉ dùng một lần trong thôn."))
            refused = (village.id, number)
            return
        }
        refused = nil
        current = PendingHousehold(village: village, number: number, members: [row])
        currentFailed = false
    }

    /// Checks the household just read and queues it for writing.
    mutating func closeHousehold(issues: inout ImportIssueCollector) {
        guard let household = current else { return }
        current = nil
        let heads = household.members.filter { $0.person.relation == .head }.count
        if heads != 1 && !currentFailed {
            issues.add(issue(household.members[0].line, "relation", "Hộ số \(household.number) của thôn \(household.village.code) cần đúng một chủ hộ (đang có \(heads))."))
        }
        for member in household.members {
            if let problem = member.person.problems(currentYear: year).first {
                issues.add(issue(member.line, problem.field == "fullName" ? "full_name" : "birth_year", problem.message))
            }
        }
        pending.append(household)
    }

    /// Writes the queued households, their members and ID numbers; once anything is wrong it
    /// only keeps validating, since the transaction will be rolled back anyway.
    /// The previous batch's rows on their way into the database, while the next batch is read:
    /// parsing and the engine's writing use both cores. Only one write is ever in flight, and
    /// every other statement waits for it (`settle`), so the connection is never shared.
    var inFlight: Task<Void, any Error>?

    mutating func settle() async throws {
        defer { inFlight = nil }
        try await inFlight?.value
    }

    mutating func flush(_ session: BulkSession, protector: PersonalDataProtector?, epoch: Int64, issues: inout ImportIssueCollector) async throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard !pending.isEmpty else { return }
        try await settle()
        // ID numbers: unique in the batch and against everything already registered.
        let numbers = protector == nil ? [] : Array(pending.lazy.flatMap(\.members).compactMap { member in member.person.personalID.map { (line: member.line, id: $0) } })
        let sealedIDs = try await PersonalIDCheck.batch(numbers, protector: protector, session: session, locator: locator, issues: &issues)
        guard issues.isEmpty else { return }
        let memberCount = pending.reduce(0) { $0 + $1.members.count }
        let householdIDs = try await session.reserveIDs("households", count: pending.count)
        let personIDs = try await session.reserveIDs("persons", count: memberCount)
        var householdRows: [[BulkValue]] = [], personRows: [[BulkValue]] = [], idRows: [[BulkValue]] = []
        householdRows.reserveCapacity(pending.count)
        personRows.reserveCapacity(memberCount)
        var nextPerson = personIDs.lowerBound
        var personIDOfLine: [Int: Int64] = [:]
        for (offset, household) in pending.enumerated() {
            let householdID = householdIDs.lowerBound + Int64(offset)
            let head = household.members.first { $0.person.relation == .head } ?? household.members[0]
            householdRows.append(BulkRegistryRepository.householdRow(
                id: householdID, village: household.village, sequence: household.number, headName: head.person.fullName,
                address: household.members.compactMap(\.address).first ?? "", at: epoch))
            for member in household.members {
                personRows.append(BulkRegistryRepository.personRow(id: nextPerson, householdID: householdID, village: household.village, draft: member.person, at: epoch))
                if member.person.personalID != nil { personIDOfLine[member.line] = nextPerson }
                nextPerson += 1
            }
        }
        if let protector {
            for item in sealedIDs { idRows.append([.text(item.hash), .int(personIDOfLine[item.line]!), .text(try protector.seal(item.id))]) }
        }
        inFlight = Task { [householdRows, personRows, idRows] in
            try await session.load("households", columns: BulkRegistryRepository.householdColumns, rows: householdRows)
            try await session.load("persons", columns: BulkRegistryRepository.personColumns, rows: personRows)
            try await session.load("personal_ids", columns: BulkRegistryRepository.personalIDColumns, rows: idRows)
        }
        households += pending.count
        members += memberCount
        personalIDs += idRows.count
    }
}
