import Foundation
import HoctapDomain
import HoctapStorage

public struct BulkResultReport: Sendable, Codable {
    public var rows: Int
    public var results: Int
    public var recognised: Int
    public var cyclesOpened: Int
}

extension BulkImportService {
    /// Records past years' family results decided on paper, for households in `actor`'s
    /// subtree: the same evaluations, events and rollups as `HistoricalResultService` writes for
    /// one commune, in batches. Rollups change in the same transaction, by the counted
    /// difference per area (one statement per area and year, not per row).
    public func importResults(file: URL, displayName: String? = nil, by actor: Actor,
                              progress: (ImportProgress) -> Void = { _ in }) async throws -> BulkResultReport {
        let reader = try reader(file, displayName: displayName)
        let today = Day(containing: environment.clock.now())
        let years = PlanDraft.years.lowerBound...(today.year - 1)
        let epoch = Int64(environment.clock.now().timeIntervalSince1970)
        let environment = environment
        return try await environment.database.bulkTransaction { session in
            let communes = try await BulkResultRepository(session).communes(within: actor.scope)
            var state = ResultLoad(file: reader.displayName, communes: communes, actor: actor, environment: environment, epoch: epoch)
            var issues = ImportIssueCollector()
            var normalised = 0
            let rows = try await eachRow(of: reader, required: ResultRow.requiredColumns, aliases: ResultRow.columnAliases,
                                         issues: &issues, normalised: &normalised, progress: progress) { row, issues in
                state.locator.learn(row.header)
                switch ResultRow.parse(row, years: years) {
                case .failure(let failure): issues.add(contentsOf: failure.issues)
                case .success(let parsed):
                    guard communes[String(parsed.communeCode)] != nil else {
                        issues.add(state.locator.issue(parsed.line, "household", "Không có hộ mã \"\(parsed.householdCode)\" trong phạm vi của bạn."))
                        return
                    }
                    state.pending.append(parsed)
                }
                if state.pending.count >= batchSize { try await state.flush(session, issues: &issues) }
            }
            try await state.flush(session, issues: &issues)
            try Self.throwIfAny(issues)
            try await RollupRepository(session.sql).apply(state.ledger)
            let report = BulkResultReport(rows: rows, results: state.results, recognised: state.recognised, cyclesOpened: state.cyclesOpened)
            try await AuditRepository(session.sql).append(AuditEntry(
                actor: AuditActor(actor), action: "history.bulk_import", entityType: "import", entityID: nil, area: actor.scope,
                summary: "Ghi kết quả Gia đình học tập các năm trước của \(report.results) hộ (\(report.recognised) được công nhận) từ tệp \(reader.displayName)"),
                at: environment.clock.now())
            return report
        }
    }
}

/// The streaming state of a results import: rows waiting for their batch, the cycles found or
/// opened, the households already given a result per year, and the rollup changes so far.
struct ResultLoad {
    let file: String
    let communes: [String: CommunePlace]
    let actor: Actor
    let environment: ServiceEnvironment
    let epoch: Int64
    var pending: [ResultRow] = []
    /// A commune's (or, for criteria sets, a province's) year.
    struct AreaYear: Hashable { var areaID: Area.ID; var year: Int }
    typealias Cycle = (id: CycleRecord.ID, key: RollupCycleKey)
    var cycles: [AreaYear: Cycle] = [:]
    /// The set in force per province and year, looked up once (nil when none is).
    var criteriaSets: [AreaYear: PublishedCriteriaSet?] = [:]
    var seen: [Int: NumberSet] = [:]
    var ledger = RollupLedger()
    var results = 0, recognised = 0, cyclesOpened = 0
    var locator: RowLocator

    init(file: String, communes: [String: CommunePlace], actor: Actor, environment: ServiceEnvironment, epoch: Int64) {
        self.file = file
        self.communes = communes
        self.actor = actor
        self.environment = environment
        self.epoch = epoch
        self.locator = RowLocator(file: file)
    }

    mutating func flush(_ session: BulkSession, issues: inout ImportIssueCollector) async throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard !pending.isEmpty else { return }
        let repository = BulkResultRepository(session)
        var accepted: [(row: ResultRow, household: HouseholdPlace, cycle: Cycle)] = []
        for (communeCode, rows) in Dictionary(grouping: pending, by: { String($0.communeCode) }) {
            let commune = communes[communeCode]!
            let households = try await repository.households(commune: commune.id, codes: Array(Set(rows.map(\.householdCode))))
            for (year, yearRows) in Dictionary(grouping: rows, by: \.year) {
                let cycle = try await cycle(commune: commune, year: year, session: session, issues: &issues, line: yearRows[0].line)
                guard let cycle else { continue }
                let already = try await repository.evaluated(cycle: cycle.id, households: yearRows.compactMap { households[$0.householdCode]?.id })
                for row in yearRows {
                    guard let household = households[row.householdCode] else {
                        issues.add(locator.issue(row.line, "household", "Không có hộ mã \"\(row.householdCode)\" trong \(commune.fullName)."))
                        continue
                    }
                    if already.contains(household.id) || !seen[year, default: NumberSet()].insert(Int(household.id)) {
                        issues.add(locator.issue(row.line, "household", "Hộ \(household.code) đã có kết quả năm \(year) (trong cơ sở dữ liệu hoặc ở dòng trước)."))
                        continue
                    }
                    accepted.append((row, household, cycle))
                }
            }
        }
        guard issues.isEmpty, !accepted.isEmpty else { return }
        let ids = try await session.reserveIDs("evaluations", count: accepted.count)
        var evaluations: [[BulkValue]] = [], events: [[BulkValue]] = []
        evaluations.reserveCapacity(accepted.count)
        events.reserveCapacity(accepted.count)
        let auditActor = AuditActor(actor)
        for (offset, item) in accepted.enumerated() {
            let id = ids.lowerBound + Int64(offset)
            let state: EvaluationState = item.row.recognised ? .recognised : .notRecognised
            evaluations.append(BulkResultRepository.evaluationRow(id: id, cycleID: item.cycle.id, household: item.household, state: state,
                                                                  shareToken: Secrets.token(), decisionNumber: item.row.decisionNumber,
                                                                  decidedOn: item.row.decidedOn, at: epoch))
            events.append(BulkResultRepository.eventRow(evaluationID: id, to: state, reason: item.row.reason, actor: auditActor, at: epoch))
            let key = item.cycle.key
            ledger.record(from: nil, to: state, year: key.year, model: key.model, segment: key.segment,
                          provinceID: item.household.place.provinceID, communeID: item.household.place.communeID, villageID: item.household.place.villageID)
            if item.row.recognised { recognised += 1 }
        }
        try await session.load("evaluations", columns: BulkResultRepository.evaluationColumns, rows: evaluations)
        try await session.load("evaluation_events", columns: BulkResultRepository.eventColumns, rows: events)
        results += accepted.count
    }

    /// The commune's family cycle of `year`, opened with the criteria set then in force when
    /// the commune never opened one (as the paper-results form does).
    private mutating func cycle(commune: CommunePlace, year: Int, session: BulkSession, issues: inout ImportIssueCollector, line: Int) async throws -> Cycle? {
        let cacheKey = AreaYear(areaID: commune.id, year: year)
        if let known = cycles[cacheKey] { return known }
        try Authorization.require(actor, .manageCycle(commune: AreaPosition(level: .commune, areaID: commune.id, provinceID: commune.provinceID, communeID: commune.id)),
                                  notFound: "Không tìm thấy \(commune.fullName).")
        var id = try await BulkResultRepository(session).familyCycle(commune: commune.id, year: year)
        if id == nil {
            let setKey = AreaYear(areaID: commune.provinceID, year: year)
            if criteriaSets[setKey] == nil {
                criteriaSets[setKey] = .some(try await CriteriaService(environment).inForce(model: .family, areaID: commune.id, on: Day(year, 12, 31)!, by: actor))
            }
            guard let set = criteriaSets[setKey] ?? nil else {
                issues.add(locator.issue(line, "year", "Không có bộ tiêu chí Gia đình học tập có hiệu lực năm \(year) cho \(commune.fullName)."))
                return nil
            }
            id = try await EvaluationRepository(session.sql).insertCycle(
                provinceID: commune.provinceID, communeID: commune.id, year: year, model: .family, setID: set.record.setID,
                setVersion: set.record.version, by: actor.username, at: Date(timeIntervalSince1970: TimeInterval(epoch)))
            cyclesOpened += 1
        }
        let cycle = (id: id!, key: try await RollupRepository(session.sql).cycleKey(id!))
        cycles[cacheKey] = cycle
        return cycle
    }
}
