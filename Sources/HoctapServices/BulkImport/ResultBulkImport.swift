import Foundation
import HoctapDomain
import HoctapStorage

public struct BulkResultReport: Sendable, Codable {
    public var rows: Int
    public var results: Int
    public var recognised: Int
    public var cyclesOpened: Int
    /// Results written per learning model (its code), e.g. `["family": 12, "clan": 2]`.
    public var byModel: [String: Int]

    /// "12 hộ gia đình, 2 dòng họ": what was written, model by model.
    public var summary: String {
        LearningModel.allCases.compactMap { model in
            byModel[model.rawValue].map { "\(VietnameseFormat.integer($0)) \(model.label)" }
        }.joined(separator: ", ")
    }
}

extension BulkImportService {
    /// Records past years' results decided on paper, for subjects of every model in `actor`'s
    /// subtree: the same evaluations, events and rollups as `HistoricalResultService` writes for
    /// one commune's families, in batches. Rollups change in the same transaction, by the counted
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
                    guard communes[parsed.communeCode] != nil else {
                        if let household = parsed.householdCode {
                            issues.add(state.locator.issue(parsed.line, "household", "Không có hộ mã \"\(household)\" trong phạm vi của bạn."))
                        } else {
                            issues.add(state.locator.issue(parsed.line, parsed.villageCode != nil && parsed.model == .communityVillage ? "village" : "commune",
                                                           "Không có xã mã \"\(parsed.communeCode)\" trong phạm vi của bạn."))
                        }
                        return
                    }
                    state.pending.append(parsed)
                }
                if state.pending.count >= batchSize { try await state.flush(session, issues: &issues) }
            }
            try await state.flush(session, issues: &issues)
            try Self.throwIfAny(issues)
            try await RollupRepository(session.sql).apply(state.ledger)
            let report = BulkResultReport(rows: rows, results: state.results, recognised: state.recognised, cyclesOpened: state.cyclesOpened,
                                          byModel: state.byModel)
            try await AuditRepository(session.sql).append(AuditEntry(
                actor: AuditActor(actor), action: "history.bulk_import", entityType: "import", entityID: nil, area: actor.scope,
                summary: "Ghi kết quả các năm trước theo hồ sơ giấy: \(report.summary) (\(report.recognised) được công nhận) từ tệp \(reader.displayName)"),
                at: environment.clock.now())
            return report
        }
    }
}

/// The streaming state of a results import: rows waiting for their batch, the cycles found or
/// opened, the subjects already given a result per cycle, and the rollup changes so far.
struct ResultLoad {
    let file: String
    let communes: [String: CommunePlace]
    let actor: Actor
    let environment: ServiceEnvironment
    let epoch: Int64
    var pending: [ResultRow] = []
    /// A commune's year of one model (and, for citizens, one target group).
    struct CycleKey: Hashable { var communeID: Area.ID; var year: Int; var model: LearningModel; var group: TargetGroup? }
    /// The criteria set in force is looked up once per province, year, model and group.
    struct SetKey: Hashable { var provinceID: Area.ID; var year: Int; var model: LearningModel; var group: TargetGroup? }
    typealias Cycle = (id: CycleRecord.ID, key: RollupCycleKey)
    var cycles: [CycleKey: Cycle] = [:]
    var criteriaSets: [SetKey: PublishedCriteriaSet?] = [:]
    /// Subjects given a result in this file, per year and kind, so a second row for one is
    /// refused (a bit per identifier: 20 million households' results stay in a few megabytes).
    struct YearKind: Hashable { var year: Int; var kind: SubjectKind }
    var seen: [YearKind: NumberSet] = [:]
    var ledger = RollupLedger()
    var results = 0, recognised = 0, cyclesOpened = 0
    var byModel: [String: Int] = [:]
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
        var accepted: [(row: ResultRow, subject: FoundSubject, cycle: Cycle)] = []
        for (communeCode, rows) in Dictionary(grouping: pending, by: \.communeCode) {
            let commune = communes[communeCode]!
            let found = try await subjects(of: rows, in: commune, session: session, issues: &issues)
            for (key, cycleRows) in Dictionary(grouping: found, by: { CycleKey(communeID: commune.id, year: $0.row.year, model: $0.row.model, group: $0.subject.targetGroup) }) {
                guard let cycle = try await cycle(key, commune: commune, session: session, issues: &issues, line: cycleRows[0].row.line) else { continue }
                let kind = SubjectKind.of(key.model)
                let already = try await BulkResultRepository(session).evaluated(cycle: cycle.id, kind: kind, ids: cycleRows.map(\.subject.id))
                for (row, subject) in cycleRows {
                    if already.contains(subject.id) || !seen[YearKind(year: key.year, kind: kind), default: NumberSet()].insert(Int(subject.id)) {
                        issues.add(locator.issue(row.line, Self.column(row), "\(kind.label) \(subject.name) đã có kết quả \(key.model.label) năm \(key.year) (trong cơ sở dữ liệu hoặc ở dòng trước)."))
                        continue
                    }
                    accepted.append((row, subject, cycle))
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
            evaluations.append(BulkResultRepository.evaluationRow(id: id, cycleID: item.cycle.id, subject: item.subject, state: state,
                                                                  shareToken: Secrets.token(), decisionNumber: item.row.decisionNumber,
                                                                  decidedOn: item.row.decidedOn, at: epoch))
            events.append(BulkResultRepository.eventRow(evaluationID: id, to: state, reason: item.row.reason, actor: auditActor, at: epoch))
            let key = item.cycle.key
            let place = item.subject.place
            ledger.record(from: nil, to: state, year: key.year, model: key.model, segment: key.segment,
                          provinceID: place.provinceID, communeID: place.communeID, villageID: place.villageID)
            if item.row.recognised { recognised += 1 }
            byModel[item.row.model.rawValue, default: 0] += 1
        }
        try await session.load("evaluations", columns: BulkResultRepository.evaluationColumns, rows: evaluations)
        try await session.load("evaluation_events", columns: BulkResultRepository.eventColumns, rows: events)
        results += accepted.count
    }

    /// The column a row names its subject in, for issues about the subject.
    static func column(_ row: ResultRow) -> String {
        switch row.subject {
        case .household: "household"
        case .village: "village"
        case .commune: "commune"
        case .named: "subject"
        }
    }

    /// The subjects `rows` name inside `commune`: one query per kind of subject. A name that
    /// matches nobody, or several (and no village tells them apart), is refused with its line.
    private func subjects(of rows: [ResultRow], in commune: CommunePlace, session: BulkSession,
                          issues: inout ImportIssueCollector) async throws -> [(row: ResultRow, subject: FoundSubject)] {
        let repository = BulkResultRepository(session)
        var found: [(row: ResultRow, subject: FoundSubject)] = []
        for (model, modelRows) in Dictionary(grouping: rows, by: \.model) {
            let kind = SubjectKind.of(model)
            switch kind {
            case .household:
                let households = try await repository.households(commune: commune.id, codes: Array(Set(modelRows.compactMap(\.householdCode))))
                for row in modelRows {
                    guard let code = row.householdCode, let household = households[code] else {
                        issues.add(locator.issue(row.line, "household", "Không có hộ mã \"\(row.householdCode ?? "")\" trong \(commune.fullName)."))
                        continue
                    }
                    found.append((row, household))
                }
            case .village:
                let codes = modelRows.compactMap { row -> String? in if case .village(let code) = row.subject { return code } else { return nil } }
                let villages = try await repository.villages(commune: commune.id, codes: Array(Set(codes)))
                for row in modelRows {
                    guard case .village(let code) = row.subject, let village = villages[code] else {
                        issues.add(locator.issue(row.line, "village", "\(commune.fullName) không có thôn, tổ dân phố mã \"\(row.villageCode ?? "")\"."))
                        continue
                    }
                    found.append((row, village))
                }
            case .commune:
                let subject = FoundSubject(kind: .commune, id: commune.id, name: commune.fullName,
                                           place: SubjectPlace(provinceID: commune.provinceID, communeID: commune.id, villageID: nil))
                found += modelRows.map { ($0, subject) }
            case .clan, .unit, .person:
                let names = modelRows.compactMap { row -> String? in if case .named(let name) = row.subject { return VietnameseText.fold(name) } else { return nil } }
                let candidates = try await repository.named(kind, commune: commune.id, names: Array(Set(names)))
                for row in modelRows {
                    guard case .named(let name) = row.subject else { continue }
                    var matches = candidates[VietnameseText.fold(name)] ?? []
                    if let village = row.villageCode { matches = matches.filter { $0.villageCode == village } }
                    switch matches.count {
                    case 1: found.append((row, matches[0]))
                    case 0: issues.add(locator.issue(row.line, "subject", "\(commune.fullName) không có \(kind.label.lowercased()) tên \"\(name)\"\(row.villageCode.map { " ở thôn \($0)" } ?? "")."))
                    default: issues.add(locator.issue(row.line, "subject", "\(commune.fullName) có \(matches.count) \(kind.label.lowercased()) tên \"\(name)\"; ghi thêm cột village để chỉ rõ."))
                    }
                }
            }
        }
        return found
    }

    /// The commune's cycle of the key's model and year, opened with the criteria set then in
    /// force when the commune never opened one (as the paper-results form does).
    private mutating func cycle(_ key: CycleKey, commune: CommunePlace, session: BulkSession, issues: inout ImportIssueCollector, line: Int) async throws -> Cycle? {
        if let known = cycles[key] { return known }
        try Authorization.require(actor, .manageCycle(commune: AreaPosition(level: .commune, areaID: commune.id, provinceID: commune.provinceID, communeID: commune.id)),
                                  notFound: "Không tìm thấy \(commune.fullName).")
        let repository = BulkResultRepository(session)
        // Citizens have one set (so one cycle) per target group; the other models one cycle a year.
        var id = key.group == nil ? try await repository.cycle(commune: commune.id, year: key.year, model: key.model) : nil
        if id == nil {
            let setKey = SetKey(provinceID: commune.provinceID, year: key.year, model: key.model, group: key.group)
            if criteriaSets[setKey] == nil {
                criteriaSets[setKey] = .some(try await CriteriaService(environment).inForce(model: key.model, areaID: commune.id, on: Day(key.year, 12, 31)!,
                                                                                            targetGroup: key.group?.rawValue, by: actor))
            }
            guard let set = criteriaSets[setKey] ?? nil else {
                issues.add(locator.issue(line, "year", "Không có bộ tiêu chí \(key.model.label)\(key.group.map { " (\($0.label))" } ?? "") có hiệu lực năm \(key.year) cho \(commune.fullName)."))
                return nil
            }
            id = try await repository.cycle(commune: commune.id, year: key.year, setID: set.record.setID)
            if id == nil {
                id = try await EvaluationRepository(session.sql).insertCycle(
                    provinceID: commune.provinceID, communeID: commune.id, year: key.year, model: key.model, setID: set.record.setID,
                    setVersion: set.record.version, by: actor.username, at: Date(timeIntervalSince1970: TimeInterval(epoch)))
                cyclesOpened += 1
            }
        }
        let cycle = (id: id!, key: try await RollupRepository(session.sql).cycleKey(id!))
        cycles[key] = cycle
        return cycle
    }
}
