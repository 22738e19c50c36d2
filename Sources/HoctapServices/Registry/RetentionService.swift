import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// One retention period as the administrator sees it: in force, where it comes from, and what is due now.
public struct RetentionStatus: Sendable {
    public var rule: RetentionRule
    /// In force: the administrator's, else hoctap's default; `nil` keeps the data.
    public var days: Int?
    public var setting: RetentionSetting?
    /// Access-log entries, or evaluations with evidence, that applying now would clear.
    public var due: Int
}

/// What applying the periods removed.
public struct RetentionReport: Sendable, Equatable {
    public var accessLogEntries: Int
    public var evaluations: Int
    public var evidenceRecords: Int
    /// Files removed from disk (those nothing else uses).
    public var files: Int

    public init(accessLogEntries: Int, evaluations: Int, evidenceRecords: Int, files: Int) {
        self.accessLogEntries = accessLogEntries
        self.evaluations = evaluations
        self.evidenceRecords = evidenceRecords
        self.files = files
    }
}

/// Retention periods for personal data: set by the national administrator (audited, versioned),
/// applied by `hoctap retention apply` (from cron) or the administrator's button; each run is
/// one transaction and one audit entry, and files leave the disk only after it commits.
public struct RetentionService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    /// `actor` is nil for the operator at the command line.
    public func status(by actor: Actor?) async throws -> [RetentionStatus] {
        if let actor { try Authorization.require(actor, .manageRetention) }
        let now = environment.clock.now()
        return try await environment.database.read { db in
            let settings = try await RetentionRepository(db).settings()
            var rows: [RetentionStatus] = []
            for rule in RetentionRule.allCases {
                let days = settings[rule].map(\.days) ?? rule.defaultDays
                rows.append(RetentionStatus(rule: rule, days: days, setting: settings[rule],
                                            due: try await Self.due(rule, days: days, now: now, db: db)))
            }
            return rows
        }
    }

    /// Sets a period from the form's text: empty keeps the data, otherwise whole days.
    public func save(_ rule: RetentionRule, days text: String, expectedVersion: Int?, by actor: Actor) async throws {
        try Authorization.require(actor, .manageRetention)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var days: Int?
        if !trimmed.isEmpty {
            guard let value = Int(trimmed), (1...RetentionRule.maximumDays).contains(value) else {
                throw ServiceError.invalid([FieldIssue("days", "Thời hạn là số ngày từ 1 đến \(VietnameseFormat.integer(RetentionRule.maximumDays)), hoặc để trống để giữ lâu dài.")])
            }
            days = value
        }
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let repository = RetentionRepository(db)
            let before = try await repository.settings()[rule]
            do {
                try await repository.save(rule, days: days, expectedVersion: expectedVersion, by: actor.username, at: moment)
            } catch let conflict as VersionConflict {
                throw ServiceError.conflict(conflict.description)
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "retention.set", entityType: "retention", entityID: rule.rawValue, area: .nation,
                summary: "Đặt thời hạn lưu giữ \"\(rule.label)\": \(Self.describe(days))"
                    + (before.map { " (trước đó: \(Self.describe($0.days)))" } ?? " (trước đó: mặc định của hoctap, \(Self.describe(rule.defaultDays)))")),
                at: moment)
        }
    }

    /// Removes what the periods in force have run out for; `actor` nil for the command line.
    @discardableResult
    public func apply(by actor: Actor?) async throws -> RetentionReport {
        if let actor { try Authorization.require(actor, .manageRetention) }
        let now = environment.clock.now()
        let (report, files): (RetentionReport, [String]) = try await environment.database.transaction { db in
            let settings = try await RetentionRepository(db).settings()
            var report = RetentionReport(accessLogEntries: 0, evaluations: 0, evidenceRecords: 0, files: 0)
            var files: [String] = []
            for rule in RetentionRule.allCases {
                guard let days = settings[rule].map(\.days) ?? rule.defaultDays else { continue }
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                switch rule {
                case .accessLog:
                    report.accessLogEntries = try await PersonalDataReadRepository(db).purge(before: cutoff)
                case .evidenceNotRecognised, .evidenceRecognised:
                    let evaluations = try await Self.closedEvaluations(rule, before: cutoff, db: db)
                    let removed = try await ErasureRepository(db).deleteEvidence(of: evaluations)
                    report.evaluations += evaluations.count
                    report.evidenceRecords += removed.records
                    files += removed.orphanedFiles
                }
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: actor.map(AuditActor.init) ?? .commandLine, action: "retention.apply", entityType: "retention", entityID: "*", area: .nation,
                summary: "Áp dụng thời hạn lưu giữ: xóa \(report.accessLogEntries) lượt xem hồ sơ, \(report.evidenceRecords) minh chứng của "
                    + "\(report.evaluations) phiếu"), at: now)
            return (report, files)
        }
        var done = report
        done.files = try await RegistryService(environment).removeFiles(files)
        return done
    }

    /// How many access-log entries, or evaluations with evidence, the period has run out for.
    static func due(_ rule: RetentionRule, days: Int?, now: Date, db: any SQLDatabase) async throws -> Int {
        guard let days else { return 0 }
        let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
        if rule == .accessLog { return try await PersonalDataReadRepository(db).count(before: cutoff) }
        return try await ErasureRepository(db).countClosedEvaluationsWithEvidence(recognised: rule == .evidenceRecognised, changedBefore: cutoff)
    }

    /// The closed evaluations with evidence an evidence rule covers, last changed before `cutoff`.
    static func closedEvaluations(_ rule: RetentionRule, before cutoff: Date, db: any SQLDatabase) async throws -> [Int64] {
        try await ErasureRepository(db).closedEvaluationsWithEvidence(recognised: rule == .evidenceRecognised, changedBefore: cutoff)
    }

    public static func describe(_ days: Int?) -> String {
        days.map { "\(VietnameseFormat.integer($0)) ngày" } ?? "giữ lâu dài"
    }
}
