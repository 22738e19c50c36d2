import Foundation
import HoctapDomain
import HoctapStorage

/// What a bulk import of units, learning citizens or clans wrote.
public struct BulkRegistryReport: Sendable, Codable {
    public var rows: Int
    /// Units, citizens or clans created.
    public var created: Int
    /// Clan member households linked (clans only).
    public var households: Int
    public var personalIDs: Int
    public var normalisedFields: Int
}

extension BulkImportService {
    /// The national files of units, citizens and clans are the commune forms' files with the
    /// commune's official code in front: `commune` (5 digits) and `village` (its local code,
    /// "01", or its full code; empty for a subject of the commune itself).
    static let communeAliases = ["xã": "commune", "xa": "commune", "mã xã": "commune", "ma xa": "commune"]
    public static let unitColumns = ["commune"] + UnitRow.requiredColumns
    public static let citizenColumns = ["commune"] + CitizenRow.requiredColumns
    public static let clanColumns = ["commune"] + ClanRow.requiredColumns

    /// Imports units (agencies, schools, enterprises…) for every commune in `actor`'s subtree.
    public func importUnits(file: URL, displayName: String? = nil, by actor: Actor,
                            progress: (ImportProgress) -> Void = { _ in }) async throws -> BulkRegistryReport {
        let reader = try reader(file, displayName: displayName)
        let epoch = Int64(environment.clock.now().timeIntervalSince1970)
        return try await environment.database.bulkTransaction { session in
            var places = try await SubjectPlaces(session, actor: actor, file: reader.displayName)
            var issues = ImportIssueCollector()
            var normalised = 0, created = 0
            var pending: [(draft: UnitDraft, place: SubjectPlace)] = []
            func flush(_ issues: inout ImportIssueCollector) async throws {
                defer { pending.removeAll(keepingCapacity: true) }
                guard issues.isEmpty, !pending.isEmpty else { return }
                let ids = try await session.reserveIDs("units", count: pending.count)
                try await session.load("units", columns: BulkRegistryRepository.unitColumns, rows: pending.enumerated().map { offset, unit in
                    BulkRegistryRepository.unitRow(id: ids.lowerBound + Int64(offset), place: unit.place, draft: unit.draft, at: epoch)
                })
                created += pending.count
            }
            let rows = try await eachRow(of: reader, required: Self.unitColumns, aliases: UnitRow.columnAliases.merging(Self.communeAliases) { a, _ in a },
                                         issues: &issues, normalised: &normalised, progress: progress) { row, issues in
                let place = try places.resolve(row, issues: &issues)
                switch UnitRow.parse(row) {
                case .failure(let failure): issues.add(contentsOf: failure.issues)
                case .success(let parsed):
                    for problem in parsed.draft.problems() { issues.add(places.locator.issue(row.line, problem.field == "staffCount" ? "staff_count" : problem.field, problem.message)) }
                    if let place { pending.append((parsed.draft, place)) }
                }
                if pending.count >= batchSize { try await flush(&issues) }
            }
            try await flush(&issues)
            try Self.throwIfAny(issues)
            let report = BulkRegistryReport(rows: rows, created: created, households: 0, personalIDs: 0, normalisedFields: normalised)
            try await AuditRepository(session.sql).append(AuditEntry(
                actor: AuditActor(actor), action: "unit.bulk_import", entityType: "import", entityID: nil, area: actor.scope,
                summary: "Nhập \(created) đơn vị từ tệp \(reader.displayName)" + Self.normalisedNote(normalised)), at: environment.clock.now())
            return report
        }
    }

    /// Imports learning citizens (people assessed on their own, not household members) for every
    /// commune in `actor`'s subtree; ID numbers unique in the file and in the country.
    public func importCitizens(file: URL, displayName: String? = nil, by actor: Actor,
                               progress: (ImportProgress) -> Void = { _ in }) async throws -> BulkRegistryReport {
        let reader = try reader(file, displayName: displayName)
        let epoch = Int64(environment.clock.now().timeIntervalSince1970)
        let year = Day(containing: environment.clock.now()).year
        let protector = environment.personalData
        return try await environment.database.bulkTransaction { session in
            var places = try await SubjectPlaces(session, actor: actor, file: reader.displayName)
            var issues = ImportIssueCollector()
            var normalised = 0, created = 0, personalIDs = 0
            var pending: [(row: CitizenRow, place: SubjectPlace)] = []
            func flush(_ issues: inout ImportIssueCollector) async throws {
                defer { pending.removeAll(keepingCapacity: true) }
                guard !pending.isEmpty else { return }
                let sealed = try await PersonalIDCheck.batch(pending.compactMap { item in item.row.person.personalID.map { (item.row.line, $0) } },
                                                            protector: protector, session: session, locator: places.locator, issues: &issues)
                guard issues.isEmpty else { return }
                let ids = try await session.reserveIDs("persons", count: pending.count)
                var personOfLine: [Int: Int64] = [:]
                let rows = pending.enumerated().map { offset, item in
                    personOfLine[item.row.line] = ids.lowerBound + Int64(offset)
                    return BulkRegistryRepository.personRow(id: ids.lowerBound + Int64(offset), householdID: nil, place: item.place, draft: item.row.person, at: epoch)
                }
                try await session.load("persons", columns: BulkRegistryRepository.personColumns, rows: rows)
                try await session.load("personal_ids", columns: BulkRegistryRepository.personalIDColumns,
                                       rows: try sealed.map { [.text($0.hash), .int(personOfLine[$0.line]!), .text(try protector!.seal($0.id))] })
                created += pending.count
                personalIDs += sealed.count
            }
            let rows = try await eachRow(of: reader, required: Self.citizenColumns, aliases: CitizenRow.columnAliases.merging(Self.communeAliases) { a, _ in a },
                                         issues: &issues, normalised: &normalised, progress: progress) { row, issues in
                let place = try places.resolve(row, issues: &issues)
                switch CitizenRow.parse(row, currentYear: year) {
                case .failure(let failure): issues.add(contentsOf: failure.issues)
                case .success(let parsed):
                    if parsed.person.personalID != nil, protector == nil {
                        throw ServiceError.invalid([FieldIssue("citizen_id", "Máy chủ chưa cấu hình khóa dữ liệu cá nhân; chưa nhập được số định danh.")])
                    }
                    for problem in parsed.person.problems(currentYear: year) {
                        issues.add(places.locator.issue(row.line, problem.field == "fullName" ? "full_name" : "birth_year", problem.message))
                    }
                    if let place { pending.append((parsed, place)) }
                }
                if pending.count >= batchSize { try await flush(&issues) }
            }
            try await flush(&issues)
            try Self.throwIfAny(issues)
            let report = BulkRegistryReport(rows: rows, created: created, households: 0, personalIDs: personalIDs, normalisedFields: normalised)
            try await AuditRepository(session.sql).append(AuditEntry(
                actor: AuditActor(actor), action: "person.bulk_import", entityType: "import", entityID: nil, area: actor.scope,
                summary: "Nhập \(created) công dân học tập từ tệp \(reader.displayName)" + Self.normalisedNote(normalised)), at: environment.clock.now())
            return report
        }
    }

    static func normalisedNote(_ count: Int) -> String {
        count > 0 ? " (\(count) trường được chuẩn hóa Unicode NFC)" : ""
    }
}

/// Resolves a row's `commune` and `village` columns to a place inside the importer's subtree,
/// and refuses the whole import when the importer may not register subjects there (as the
/// household import does): the file names places the account does not manage.
struct SubjectPlaces {
    let communes: [String: CommunePlace]
    let villages: [String: VillagePlace]
    let actor: Actor
    var locator: RowLocator
    private var checked: Set<Area.ID> = []

    init(_ session: BulkSession, actor: Actor, file: String) async throws {
        communes = try await BulkResultRepository(session).communes(within: actor.scope)
        villages = try await BulkRegistryRepository(session).villages(within: actor.scope)
        self.actor = actor
        locator = RowLocator(file: file)
    }

    /// The commune of `row`, or nil with an issue when it is not one of the importer's.
    mutating func commune(_ row: CSVRow, issues: inout ImportIssueCollector) -> (code: String, place: CommunePlace)? {
        locator.learn(row.header)
        var row = row
        guard let code = row.code("commune", digits: 5) else {
            issues.add(contentsOf: row.issues)
            return nil
        }
        guard let commune = communes[code] else {
            issues.add(locator.issue(row.line, "commune", "Không có xã mã \"\(code)\" trong phạm vi của bạn."))
            return nil
        }
        return (code, commune)
    }

    /// The place a subject of `row` is registered at: its village, or the commune itself.
    mutating func resolve(_ row: CSVRow, issues: inout ImportIssueCollector) throws -> SubjectPlace? {
        guard let (code, commune) = self.commune(row, issues: &issues) else { return nil }
        var place = SubjectPlace(provinceID: commune.provinceID, communeID: commune.id, villageID: nil)
        if let column = locator.columns["village"] {
            let local = VietnameseText.normalized(row.record.fields[column])
            if !local.isEmpty {
                let full = local.hasPrefix("\(code)-") ? local : "\(code)-\(local)"
                guard let village = villages[full] else {
                    issues.add(locator.issue(row.line, "village", "Xã \(commune.fullName) không có thôn, tổ dân phố mã \"\(local)\"."))
                    return nil
                }
                place.villageID = village.id
            }
        }
        try authorise(place)
        return place
    }

    /// Whether the importer may register subjects at `place`, asked once per place.
    mutating func authorise(_ place: SubjectPlace) throws {
        let key = place.villageID ?? place.communeID
        guard !checked.contains(key) else { return }
        if case .forbidden(let reason) = AccessPolicy.decide(actor, .manageSubject(place.position)) { throw ServiceError.forbidden(reason) }
        checked.insert(key)
    }
}

/// ID numbers of one batch: each appears once in the file and is not registered to anyone yet.
enum PersonalIDCheck {
    /// Returns the accepted numbers with their lookup hash and line; refusals go to `issues`.
    static func batch(_ numbers: [(line: Int, id: PersonalID)], protector: PersonalDataProtector?, session: BulkSession, locator: RowLocator,
                      issues: inout ImportIssueCollector) async throws -> [(hash: String, line: Int, id: PersonalID)] {
        guard let protector, !numbers.isEmpty else { return [] }
        var lines: [String: Int] = [:]
        var accepted: [(hash: String, line: Int, id: PersonalID)] = []
        for (line, id) in numbers {
            let hash = protector.lookupHash(id)
            if let earlier = lines[hash] {
                issues.add(locator.issue(line, "citizen_id", "Số định danh \(id.masked) trùng với dòng \(earlier)."))
            } else {
                lines[hash] = line
                accepted.append((hash, line, id))
            }
        }
        // Earlier batches of this file are in the database already, inside the same transaction.
        let taken = try await BulkRegistryRepository(session).registeredPersonalIDs(accepted.map(\.hash))
        for item in accepted where taken.contains(item.hash) {
            issues.add(locator.issue(item.line, "citizen_id", "Số định danh \(item.id.masked) đã được đăng ký cho một người khác hoặc ở dòng trước."))
        }
        return accepted.filter { !taken.contains($0.hash) }
    }
}

extension BulkImportService {
    /// Imports clans with their member households (one household per row, the rows of a clan
    /// consecutive, as the rows of a household are): a clan is registered in a commune (or one
    /// of its villages) and may gather households of any village or commune the importer sees.
    public func importClans(file: URL, displayName: String? = nil, by actor: Actor,
                            progress: (ImportProgress) -> Void = { _ in }) async throws -> BulkRegistryReport {
        let reader = try reader(file, displayName: displayName)
        let epoch = Int64(environment.clock.now().timeIntervalSince1970)
        return try await environment.database.bulkTransaction { session in
            var state = ClanLoad(places: try await SubjectPlaces(session, actor: actor, file: reader.displayName))
            var issues = ImportIssueCollector()
            var normalised = 0
            let rows = try await eachRow(of: reader, required: Self.clanColumns, aliases: ClanRow.columnAliases.merging(Self.communeAliases) { a, _ in a },
                                         issues: &issues, normalised: &normalised, progress: progress) { row, issues in
                guard let (code, commune) = state.places.commune(row, issues: &issues) else { return }
                switch ClanRow.parse(row) {
                case .failure(let failure): issues.add(contentsOf: failure.issues)
                case .success(let parsed): try state.accept(parsed, row: row, communeCode: code, commune: commune, issues: &issues)
                }
                if state.pending.count >= batchSize { try await state.flush(session, epoch: epoch, issues: &issues) }
            }
            state.close()
            try await state.flush(session, epoch: epoch, issues: &issues)
            try Self.throwIfAny(issues)
            let report = BulkRegistryReport(rows: rows, created: state.created, households: state.linked, personalIDs: 0, normalisedFields: normalised)
            try await AuditRepository(session.sql).append(AuditEntry(
                actor: AuditActor(actor), action: "clan.bulk_import", entityType: "import", entityID: nil, area: actor.scope,
                summary: "Nhập \(state.created) dòng họ với \(state.linked) hộ từ tệp \(reader.displayName)" + Self.normalisedNote(normalised)),
                at: environment.clock.now())
            return report
        }
    }
}

/// A clan read from the file, waiting for its batch.
struct PendingClan {
    var draft: ClanDraft
    var key: String
    var place: SubjectPlace
    var line: Int
    /// Member households by code, with the line naming each.
    var households: [(code: String, line: Int)] = []
}

/// The streaming state of a clan import.
struct ClanLoad {
    var places: SubjectPlaces
    var current: PendingClan?
    var pending: [PendingClan] = []
    /// Every clan of the file by commune and folded name, with its first line: a clan whose rows
    /// are not consecutive would otherwise be registered twice.
    var seen: [Area.ID: [String: Int]] = [:]
    var created = 0, linked = 0

    mutating func accept(_ row: ClanRow, row raw: CSVRow, communeCode: String, commune: CommunePlace, issues: inout ImportIssueCollector) throws {
        let key = row.clanKey
        let locator = places.locator
        if var open = current, open.place.communeID == commune.id, open.key == key {
            if !row.draft.headName.isEmpty, !open.draft.headName.isEmpty,
               VietnameseText.normalized(row.draft.headName) != VietnameseText.normalized(open.draft.headName) {
                issues.add(locator.issue(row.line, "head_name", "Trưởng họ \"\(row.draft.headName)\" khác với dòng \(open.line) (\(open.draft.headName))."))
            }
            if open.draft.headName.isEmpty { open.draft.headName = row.draft.headName }
            if let code = row.householdCode, !code.isEmpty {
                if let earlier = open.households.first(where: { $0.code == code }) {
                    issues.add(locator.issue(row.line, "household", "Hộ \(code) đã có ở dòng \(earlier.line)."))
                } else {
                    open.households.append((code, row.line))
                }
            }
            current = open
            return
        }
        close()
        if let first = seen[commune.id]?[key] {
            issues.add(locator.issue(row.line, "clan", "Dòng họ \(row.draft.name) đã có ở dòng \(first); các dòng của một dòng họ phải liền nhau."))
            return
        }
        seen[commune.id, default: [:]][key] = row.line
        guard let place = try places.resolve(raw, issues: &issues) else { return }
        for problem in row.draft.problems() {
            issues.add(locator.issue(row.line, problem.field == "headName" ? "head_name" : "clan", problem.message))
        }
        var clan = PendingClan(draft: row.draft, key: key, place: place, line: row.line)
        if let code = row.householdCode, !code.isEmpty { clan.households.append((code, row.line)) }
        current = clan
    }

    /// Queues the clan being read.
    mutating func close() {
        if let clan = current { pending.append(clan) }
        current = nil
    }

    /// Checks the queued clans against those registered and their households against the
    /// registry, then writes them; once anything is wrong it only keeps validating.
    mutating func flush(_ session: BulkSession, epoch: Int64, issues: inout ImportIssueCollector) async throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard !pending.isEmpty else { return }
        let repository = BulkRegistryRepository(session)
        let locator = places.locator
        let registered = try await repository.clanNames(communes: Set(pending.map(\.place.communeID)))
        for clan in pending where registered[clan.place.communeID]?.contains(clan.key) == true {
            issues.add(locator.issue(clan.line, "clan", "Dòng họ \(clan.draft.name) đã có trong xã; thêm hộ từ trang của dòng họ."))
        }
        // Households by the commune their code starts with: one index seek per commune.
        var households: [String: Int64] = [:]
        let codes = Set(pending.flatMap { $0.households.map(\.code) })
        for (communeCode, group) in Dictionary(grouping: codes, by: { String($0.prefix { $0 != "-" }) }) {
            guard let commune = places.communes[communeCode] else { continue }
            households.merge(try await repository.householdIDs(commune: commune.id, codes: group, within: places.actor.scope)) { a, _ in a }
        }
        for clan in pending {
            for household in clan.households where households[household.code] == nil {
                issues.add(locator.issue(household.line, "household", "Không có hộ mã \"\(household.code)\" trong địa bàn của bạn."))
            }
        }
        guard issues.isEmpty else { return }
        let ids = try await session.reserveIDs("clans", count: pending.count)
        var clanRows: [[BulkValue]] = [], links: [[BulkValue]] = []
        for (offset, clan) in pending.enumerated() {
            let id = ids.lowerBound + Int64(offset)
            clanRows.append(BulkRegistryRepository.clanRow(id: id, place: clan.place, draft: clan.draft, at: epoch))
            for household in clan.households { links.append([.int(id), .int(households[household.code]!)]) }
        }
        try await session.load("clans", columns: BulkRegistryRepository.clanColumns, rows: clanRows)
        try await session.load("clan_households", columns: BulkRegistryRepository.clanHouseholdColumns, rows: links)
        created += pending.count
        linked += links.count
    }
}
