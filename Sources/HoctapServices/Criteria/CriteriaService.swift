import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// A published version read back as a set.
public struct PublishedCriteriaSet: Sendable {
    public var record: CriteriaVersionRecord
    public var set: CriteriaSet

    /// What keeps this version from official use; empty when it may be used.
    public var officialUseBlockers: [String] { CriteriaSetValidator.officialUseBlockers(of: set) }
}

/// A row of the criteria-set list.
public struct CriteriaSetSummary: Sendable {
    public var setID: String
    public var latest: CriteriaVersionRecord?
    public var draft: CriteriaDraftRecord?
    public var name: String
    public var model: LearningModel?
    public var provinceID: Area.ID?
}

/// A draft with what its YAML currently says.
public struct CriteriaDraftState: Sendable {
    public var record: CriteriaDraftRecord
    /// The set, when the YAML is valid.
    public var set: CriteriaSet?
    public var issues: [CriteriaIssue]
}

/// Everything the page of one set shows.
public struct CriteriaSetDetail: Sendable {
    public var setID: String
    public var latest: PublishedCriteriaSet?
    public var versions: [CriteriaVersionRecord]
    /// Only for accounts that may manage the set.
    public var draft: CriteriaDraftState?
    public var canManage: Bool
}

/// Criteria sets as versioned data: drafts, validation, immutable published versions, province
/// variants, the set in force for an area and a day, and scoring.
public struct CriteriaService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    // MARK: Reading

    /// Every set with its newest version; drafts only where the actor may manage them.
    public func summaries(by actor: Actor) async throws -> [CriteriaSetSummary] {
        try await environment.database.read { db in
            let repository = CriteriaRepository(db)
            var rows: [String: CriteriaSetSummary] = [:]
            for record in try await repository.latestVersions() {
                rows[record.setID] = CriteriaSetSummary(setID: record.setID, latest: record, draft: nil, name: record.name,
                                                        model: record.model, provinceID: record.provinceID)
            }
            for draft in try await repository.drafts() where try await mayManage(provinceID: draft.provinceID, actor: actor, db: db) {
                let parsed = try? CriteriaDocument.parse(draft.yaml)
                var row = rows[draft.setID] ?? CriteriaSetSummary(setID: draft.setID, latest: nil, draft: nil,
                                                                  name: parsed?.name ?? draft.setID, model: parsed?.model,
                                                                  provinceID: draft.provinceID)
                row.draft = draft
                rows[draft.setID] = row
            }
            return rows.values.sorted { ($0.model?.rawValue ?? "~", $0.setID) < ($1.model?.rawValue ?? "~", $1.setID) }
        }
    }

    /// Province names by id, to say whose variant a set is (province names are public).
    public func provinceNames() async throws -> [Area.ID: String] {
        let provinces = try await environment.database.read { try await AreaRepository($0).currentByCode(level: .province) }
        return Dictionary(provinces.values.map { ($0.id, $0.fullName) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the actor may import sets or derive variants at all.
    public static func mayManageSomeSet(_ actor: Actor) -> Bool {
        actor.role == .nationalAdmin || actor.role == .provinceOfficer
    }

    /// A published version (the newest when `version` is nil).
    public func published(_ setID: String, version: Int? = nil) async throws -> PublishedCriteriaSet {
        guard let record = try await environment.database.read({ try await CriteriaRepository($0).version(of: setID, version) }) else {
            throw ServiceError.notFound(version == nil ? "Không có bộ tiêu chí \"\(setID)\" đã công bố."
                                                       : "Không có phiên bản \(version!) của bộ tiêu chí \"\(setID)\".")
        }
        return PublishedCriteriaSet(record: record, set: try Self.decode(record))
    }

    public func detail(_ setID: String, by actor: Actor) async throws -> CriteriaSetDetail {
        try await environment.database.read { db in
            let repository = CriteriaRepository(db)
            let versions = try await repository.versions(of: setID)
            let draftRecord = try await repository.draft(of: setID)
            let provinceID = versions.first?.provinceID ?? draftRecord?.provinceID
            let canManage = try await mayManage(provinceID: provinceID, actor: actor, db: db)
            guard !versions.isEmpty || (draftRecord != nil && canManage) else {
                throw ServiceError.notFound("Không có bộ tiêu chí \"\(setID)\".")
            }
            let latest = try versions.first.map { PublishedCriteriaSet(record: $0, set: try Self.decode($0)) }
            return CriteriaSetDetail(setID: setID, latest: latest, versions: versions,
                                     draft: canManage ? draftRecord.map(Self.state) : nil, canManage: canManage)
        }
    }

    /// The draft of a set, for an actor who may manage it.
    public func draft(_ setID: String, by actor: Actor) async throws -> CriteriaDraftState {
        let detail = try await detail(setID, by: actor)
        guard detail.canManage else { throw ServiceError.forbidden("Bạn chỉ được xem bộ tiêu chí này.") }
        guard let draft = detail.draft else { throw ServiceError.notFound("Bộ tiêu chí \"\(setID)\" chưa có bản nháp.") }
        return draft
    }

    // MARK: Resolution and scoring

    /// The set in force for `model` in `areaID` on `day`: a variant of the area's province before
    /// a national set, an official set before an incomplete one before a draft, the latest start
    /// first. `nil` when none applies.
    public func inForce(model: LearningModel, areaID: Area.ID, on day: Day, targetGroup: String? = nil, by actor: Actor) async throws -> PublishedCriteriaSet? {
        let area = try await AreaService(environment).find(areaID, by: actor)
        let candidates = try await environment.database.read { try await CriteriaRepository($0).candidates(model: model, provinceID: area.provinceID) }
        var newest: [String: CriteriaVersionRecord] = [:]
        for record in candidates where newest[record.setID] == nil { newest[record.setID] = record }
        let statusRank: [CriteriaSetStatus: Int] = [.official: 0, .incomplete: 1, .draft: 2]
        let chosen = newest.values
            .filter { EffectivePeriod(from: $0.effectiveFrom, to: $0.effectiveTo).contains(day) }
            .filter { targetGroup == nil || $0.targetGroup == targetGroup }
            .sorted {
                ($0.provinceID == nil ? 1 : 0, statusRank[$0.status]!, -($0.effectiveFrom.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0), $0.setID)
                    < ($1.provinceID == nil ? 1 : 0, statusRank[$1.status]!, -($1.effectiveFrom.map { $0.year * 10_000 + $0.month * 100 + $0.day } ?? 0), $1.setID)
            }
            .first
        return try chosen.map { PublishedCriteriaSet(record: $0, set: try Self.decode($0)) }
    }

    /// Scores answers against a published version; unusable answers are refused with their paths.
    public func score(_ setID: String, version: Int? = nil, input: ScoringInput) async throws -> ScoreResult {
        let published = try await published(setID, version: version)
        do {
            return try ScoringEngine.score(published.set, version: published.record.version, input: input)
        } catch {
            throw ServiceError.invalid(error.issues.map { FieldIssue($0.path, $0.message) })
        }
    }

    // MARK: Changing

    /// Imports a set file as the draft of its set (replacing an existing draft).
    public func importDraft(_ yaml: String, by actor: Actor) async throws -> CriteriaDraftState {
        let set: CriteriaSet
        do { set = try CriteriaDocument.parse(yaml) } catch { throw Self.invalid(error) }
        let provinceID = try await provinceID(of: set)
        return try await environment.database.transaction { db in
            let repository = CriteriaRepository(db)
            try await requireManage(provinceID: provinceID, actor: actor, db: db)
            if let published = try await repository.version(of: set.id), published.provinceID != provinceID {
                throw ServiceError.invalid([FieldIssue("variant_of.province", "Bộ \(set.id) đã công bố với phạm vi khác; không đổi tỉnh của một bộ đã có.")])
            }
            let existing = try await repository.draft(of: set.id)
            let moment = environment.clock.now()
            let version = try await repository.saveDraft(setID: set.id, provinceID: provinceID, yaml: yaml,
                                                         expectedVersion: existing?.version, by: actor.username, at: moment)
            try await audit(db, actor, "criteria.draft_import", set.id, provinceID, "Nhập tệp bộ tiêu chí \(set.id) làm bản nháp (lần sửa \(version))", after: yaml)
            return try await repository.draft(of: set.id).map(Self.state)!
        }
    }

    /// Saves the draft as typed, valid or not, if nobody saved since `expectedVersion`.
    public func saveDraft(_ setID: String, yaml: String, expectedVersion: Int, by actor: Actor) async throws -> CriteriaDraftState {
        // A draft may be invalid, but never a document that would be refused unread.
        do { try YAMLBudget.criteriaSet.check(yaml) } catch { throw Self.invalid(error) }
        let parsed = try? CriteriaDocument.parse(yaml)
        if let parsed, parsed.id != setID {
            throw ServiceError.invalid([FieldIssue("id", "Mã trong tệp (\(parsed.id)) khác mã bộ tiêu chí đang sửa (\(setID)); dùng chức năng tạo biến thể để có bộ mới.")])
        }
        return try await environment.database.transaction { db in
            let repository = CriteriaRepository(db)
            guard let existing = try await repository.draft(of: setID) else {
                throw ServiceError.notFound("Bộ tiêu chí \"\(setID)\" chưa có bản nháp.")
            }
            try await requireManage(provinceID: existing.provinceID, actor: actor, db: db)
            do {
                _ = try await repository.saveDraft(setID: setID, provinceID: existing.provinceID, yaml: yaml,
                                                   expectedVersion: expectedVersion, by: actor.username, at: environment.clock.now())
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict(conflict.description)
            }
            try await audit(db, actor, "criteria.draft_save", setID, existing.provinceID, "Sửa bản nháp bộ tiêu chí \(setID)",
                            before: existing.yaml, after: yaml)
            return try await repository.draft(of: setID).map(Self.state)!
        }
    }

    /// Starts a draft for an existing published set from its newest version (to amend it).
    public func openDraft(_ setID: String, by actor: Actor) async throws -> CriteriaDraftState {
        let published = try await published(setID)
        return try await environment.database.transaction { db in
            let repository = CriteriaRepository(db)
            try await requireManage(provinceID: published.record.provinceID, actor: actor, db: db)
            if let existing = try await repository.draft(of: setID) { return Self.state(existing) }
            _ = try await repository.saveDraft(setID: setID, provinceID: published.record.provinceID, yaml: published.record.yaml,
                                               expectedVersion: nil, by: actor.username, at: environment.clock.now())
            try await audit(db, actor, "criteria.draft_open", setID, published.record.provinceID,
                            "Mở bản nháp từ phiên bản \(published.record.version) của bộ tiêu chí \(setID)")
            return try await repository.draft(of: setID).map(Self.state)!
        }
    }

    /// Publishes the draft as a new immutable version, if it is valid and unchanged since `expectedVersion`.
    @discardableResult
    public func publish(_ setID: String, expectedVersion: Int, by actor: Actor) async throws -> PublishedCriteriaSet {
        try await environment.database.transaction { db in
            let repository = CriteriaRepository(db)
            guard let draft = try await repository.draft(of: setID) else {
                throw ServiceError.notFound("Bộ tiêu chí \"\(setID)\" chưa có bản nháp để công bố.")
            }
            try await requireManage(provinceID: draft.provinceID, actor: actor, db: db)
            guard draft.version == expectedVersion else {
                throw ServiceError.conflict("Bản nháp đã được sửa sau khi bạn mở (lần sửa \(draft.version)); hãy xem lại rồi công bố.")
            }
            let set: CriteriaSet
            do { set = try CriteriaDocument.parse(draft.yaml) } catch let error as CriteriaSetInvalid { throw Self.invalid(error) }
            try await checkLineage(of: set, db: db)
            let version = try await publishVersion(set, provinceID: draft.provinceID, by: AuditActor(actor), db: db)
            try await repository.deleteDraft(setID: setID)
            return version
        }
    }

    /// Throws the draft away (the published versions stay), if nobody saved since `expectedVersion`.
    public func discardDraft(_ setID: String, expectedVersion: Int, by actor: Actor) async throws {
        try await environment.database.transaction { db in
            let repository = CriteriaRepository(db)
            guard let draft = try await repository.draft(of: setID) else {
                throw ServiceError.notFound("Bộ tiêu chí \"\(setID)\" chưa có bản nháp.")
            }
            try await requireManage(provinceID: draft.provinceID, actor: actor, db: db)
            guard draft.version == expectedVersion else {
                throw ServiceError.conflict("Bản nháp đã được sửa sau khi bạn mở (lần sửa \(draft.version)); hãy xem lại trước khi bỏ.")
            }
            try await repository.deleteDraft(setID: setID)
            try await audit(db, actor, "criteria.draft_discard", setID, draft.provinceID, "Bỏ bản nháp bộ tiêu chí \(setID)", before: draft.yaml)
        }
    }

    /// The provinces for which the actor may create variants.
    public func variantProvinces(for actor: Actor) async throws -> [Area] {
        try await environment.database.read { db in
            let areas = AreaRepository(db)
            let provinces: [Area]
            if let own = actor.scope.provinceID {
                provinces = try await areas.find(id: own).map { [$0] } ?? []
            } else {
                provinces = try await areas.currentByCode(level: .province).values.sorted { $0.code < $1.code }
            }
            return provinces.filter { AccessPolicy.decide(actor, .manageCriteriaSet(province: $0.position)) == .allow }
        }
    }

    /// Creates the draft of a province variant from a published set.
    public func derive(from parentID: String, newID: String, provinceCode: String, effectiveFrom: Day?, by actor: Actor) async throws -> CriteriaDraftState {
        let parent = try await published(parentID)
        guard let province = try await environment.database.read({ try await AreaRepository($0).current(level: .province, code: provinceCode) }) else {
            throw ServiceError.invalid([FieldIssue("province", "Không có tỉnh mã \"\(provinceCode)\".")])
        }
        var set = parent.set
        set.id = newID
        set.status = .draft
        set.variant = VariantOrigin(setID: parent.set.id, version: parent.record.version, provinceCode: provinceCode)
        set.name = "\(parent.set.name) – biến thể của \(province.fullName)"
        if let effectiveFrom { set.effective.from = effectiveFrom }
        set.provenance.append("Biến thể của \(province.fullName) từ \(parent.set.id) phiên bản \(parent.record.version); cần ghi số, ngày văn bản của tỉnh trước khi công bố.")
        let problems = CriteriaSetValidator.problems(of: set)
        if !CriteriaSetReader.isValidID(newID) {
            throw ServiceError.invalid([FieldIssue("id", "Mã bộ tiêu chí chỉ gồm chữ thường không dấu, số và dấu -, dài 3–64 ký tự.")])
        }
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.path, $0.message) }) }
        let yaml = CriteriaDocument.canonicalYAML(set)
        return try await environment.database.transaction { db in
            let repository = CriteriaRepository(db)
            try await requireManage(provinceID: province.id, actor: actor, db: db)
            let published = try await repository.version(of: newID)
            let drafted = try await repository.draft(of: newID)
            if published != nil || drafted != nil {
                throw ServiceError.invalid([FieldIssue("id", "Mã \"\(newID)\" đã có; chọn mã khác.")])
            }
            _ = try await repository.saveDraft(setID: newID, provinceID: province.id, yaml: yaml, expectedVersion: nil,
                                               by: actor.username, at: environment.clock.now())
            try await audit(db, actor, "criteria.derive", newID, province.id,
                            "Tạo biến thể \(newID) của \(province.fullName) từ \(parentID) phiên bản \(parent.record.version)", after: yaml)
            return try await repository.draft(of: newID).map(Self.state)!
        }
    }

    /// Publishes every shipped set that is missing or changed; returns the ids published.
    @discardableResult
    public func installShipped() async throws -> [String] {
        var parsed: [CriteriaSet] = []
        for file in try ShippedCriteriaSets.files() {
            do { parsed.append(try CriteriaDocument.parse(file.yaml)) } catch {
                throw DatabaseConfigurationError("Bộ tiêu chí kèm theo \(file.name) không hợp lệ:\n\(error)")
            }
        }
        // Parents before their variants.
        let ordered = parsed.filter { $0.variant == nil } + parsed.filter { $0.variant != nil }
        var installed: [String] = []
        for set in ordered {
            let provinceID = try await self.provinceID(of: set, missingIsError: false)
            if set.variant != nil && provinceID == nil { continue }  // its province is not in this database
            let changed = try await environment.database.transaction { db in
                let latest = try await CriteriaRepository(db).version(of: set.id)
                guard latest?.contentHash != CriteriaDocument.contentHash(set) else { return false }
                try await checkLineage(of: set, db: db)
                _ = try await publishVersion(set, provinceID: provinceID, by: AuditActor(accountID: nil, label: "hoctap (bộ tiêu chí kèm theo)"), db: db)
                return true
            }
            if changed { installed.append(set.id) }
        }
        return installed
    }

    // MARK: Helpers

    private func publishVersion(_ set: CriteriaSet, provinceID: Area.ID?, by actor: AuditActor, db: any SQLDatabase) async throws -> PublishedCriteriaSet {
        let yaml = CriteriaDocument.canonicalYAML(set)
        let moment = environment.clock.now()
        let repository = CriteriaRepository(db)
        let version = try await repository.publish(
            NewCriteriaVersion(set: set, yaml: yaml, contentHash: CriteriaDocument.contentHash(set), provinceID: provinceID, publishedBy: actor),
            at: moment)
        try await AuditRepository(db).append(AuditEntry(
            actor: actor, action: "criteria.publish", entityType: "criteria_set", entityID: set.id,
            area: provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) } ?? .nation,
            summary: "Công bố bộ tiêu chí \(set.id) phiên bản \(version) (\(set.status.label))", after: yaml), at: moment)
        return PublishedCriteriaSet(record: try await repository.version(of: set.id, version)!, set: set)
    }

    /// A variant's parent must be published (at the pinned version), and following parents must
    /// never come back to the set itself.
    private func checkLineage(of set: CriteriaSet, db: any SQLDatabase) async throws {
        guard let variant = set.variant else { return }
        let repository = CriteriaRepository(db)
        guard try await repository.version(of: variant.setID, variant.version) != nil else {
            throw ServiceError.invalid([FieldIssue("variant_of.set", "Bộ gốc \(variant.setID)\(variant.version.map { " phiên bản \($0)" } ?? "") chưa được công bố.")])
        }
        var seen: Set<String> = [set.id]
        var next: String? = variant.setID
        while let current = next {
            guard seen.insert(current).inserted else {
                throw ServiceError.invalid([FieldIssue("variant_of.set", "Vòng lặp biến thể: \(seen.sorted().joined(separator: " → ")) quay lại \(current).")])
            }
            next = try await repository.version(of: current)?.parentSetID
        }
    }

    private func provinceID(of set: CriteriaSet, missingIsError: Bool = true) async throws -> Area.ID? {
        guard let code = set.variant?.provinceCode else { return nil }
        let province = try await environment.database.read { try await AreaRepository($0).current(level: .province, code: code) }
        if province == nil && missingIsError {
            throw ServiceError.invalid([FieldIssue("variant_of.province", "Không có tỉnh mã \"\(code)\".")])
        }
        return province?.id
    }

    private func mayManage(provinceID: Area.ID?, actor: Actor, db: any SQLDatabase) async throws -> Bool {
        AccessPolicy.decide(actor, .manageCriteriaSet(province: try await position(provinceID, db: db))) == .allow
    }

    private func requireManage(provinceID: Area.ID?, actor: Actor, db: any SQLDatabase) async throws {
        try Authorization.require(actor, .manageCriteriaSet(province: try await position(provinceID, db: db)))
    }

    private func position(_ provinceID: Area.ID?, db: any SQLDatabase) async throws -> AreaPosition? {
        guard let provinceID else { return nil }
        return try await AreaRepository(db).find(id: provinceID)?.position
    }

    private func audit(_ db: any SQLDatabase, _ actor: Actor, _ action: String, _ setID: String, _ provinceID: Area.ID?,
                       _ summary: String, before: String? = nil, after: String? = nil) async throws {
        try await AuditRepository(db).append(AuditEntry(
            actor: AuditActor(actor), action: action, entityType: "criteria_set", entityID: setID,
            area: provinceID.map { AreaPosition(level: .province, areaID: $0, provinceID: $0, communeID: nil) } ?? .nation,
            summary: summary, before: before, after: after), at: environment.clock.now())
    }

    static func decode(_ record: CriteriaVersionRecord) throws -> CriteriaSet {
        do { return try CriteriaDocument.parse(record.yaml) } catch {
            throw StoredValueError(description: "Phiên bản \(record.version) của \(record.setID) lưu trong cơ sở dữ liệu không đọc được: \(error)")
        }
    }

    static func state(_ record: CriteriaDraftRecord) -> CriteriaDraftState {
        do {
            return CriteriaDraftState(record: record, set: try CriteriaDocument.parse(record.yaml), issues: [])
        } catch {
            return CriteriaDraftState(record: record, set: nil, issues: error.issues)
        }
    }

    public static func invalid(_ error: CriteriaSetInvalid) -> ServiceError {
        .invalid(error.issues.map { FieldIssue($0.path, $0.message, line: $0.line) })
    }
}
