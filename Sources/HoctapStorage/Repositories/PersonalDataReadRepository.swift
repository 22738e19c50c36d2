import Foundation
import HoctapDomain
import SQLKit

/// The personal-data access log: appended on every opening of a household's or a person's
/// record, read back for the officials who manage it and for the person's own export, purged
/// after the retention period.
public struct PersonalDataReadRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    public func append(_ subject: PersonalDataSubject, purpose: PersonalDataPurpose, place: AreaPosition,
                       accountID: Int64?, actorLabel: String, at moment: Date) async throws {
        try await db.raw("""
            INSERT INTO personal_data_reads (occurred_at, account_id, actor_label, subject_kind, subject_id, province_id, commune_id, purpose)
            VALUES (\(bind: moment.epochSeconds), \(bind: accountID), \(bind: actorLabel), \(bind: subject.kind), \(bind: subject.id),
                    \(bind: place.provinceID ?? 0), \(bind: place.communeID ?? 0), \(bind: purpose.rawValue))
            """).run()
    }

    /// The latest reads of any of `subjects` (a person and their household), newest first.
    public func recent(_ subjects: [PersonalDataSubject], limit: Int) async throws -> [PersonalDataRead] {
        guard !subjects.isEmpty else { return [] }
        let matches = SQLQueryString(subjects.map { "(subject_kind = '\($0.kind)' AND subject_id = \($0.id))" }.joined(separator: " OR "))
        return try await db.raw("""
            SELECT occurred_at, actor_label, purpose FROM personal_data_reads
            WHERE \(matches) ORDER BY occurred_at DESC, id DESC LIMIT \(bind: limit)
            """).all().map { row in
            PersonalDataRead(at: Date(epochSeconds: try row.decode(column: "occurred_at", as: Int64.self)),
                             by: try row.decode(column: "actor_label", as: String.self),
                             purpose: try row.enumValue("purpose", as: PersonalDataPurpose.self))
        }
    }

    /// Entries older than `cutoff`: how many, and removing them.
    public func count(before cutoff: Date) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM personal_data_reads WHERE occurred_at < \(bind: cutoff.epochSeconds)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    @discardableResult
    public func purge(before cutoff: Date) async throws -> Int {
        let removed = try await count(before: cutoff)
        try await db.raw("DELETE FROM personal_data_reads WHERE occurred_at < \(bind: cutoff.epochSeconds)").run()
        return removed
    }
}
