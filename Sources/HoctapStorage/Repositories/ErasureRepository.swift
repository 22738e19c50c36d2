import Foundation
import HoctapDomain
import SQLKit

/// An evaluation of a subject, as erasure and retention see it.
public struct ErasableEvaluation: Sendable {
    public var id: Int64
    public var year: Int
    public var state: EvaluationState
    public var subjectName: String
    /// Named in a recognition decision (made in hoctap or recorded from paper): the minimal record keeps the name.
    public var decided: Bool
}

/// The storage side of erasing personal data (one person's, on request) and of the retention
/// periods: evidence removed with the file rows nothing else uses, names replaced where no
/// decision keeps them, and the shared result links renewed so an old link stops working.
public struct ErasureRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// The evaluations of one subject.
    public func evaluations(of kind: SubjectKind, id: Int64) async throws -> [ErasableEvaluation] {
        try await db.raw("""
            SELECT e.id, c.year, e.state, e.subject_name,
                   CASE WHEN e.state = 'recognised' OR e.paper_decision_number IS NOT NULL
                             OR EXISTS (SELECT 1 FROM decision_subjects d WHERE d.evaluation_id = e.id) THEN 1 ELSE 0 END AS decided
            FROM evaluations e JOIN evaluation_cycles c ON c.id = e.cycle_id
            WHERE e.subject_kind = \(bind: kind.rawValue) AND e.subject_id = \(bind: id)
            ORDER BY c.year, e.id
            """).all().map { row in
            ErasableEvaluation(id: try row.decode(column: "id", as: Int64.self), year: try row.decode(column: "year", as: Int.self),
                               state: try row.enumValue("state", as: EvaluationState.self),
                               subjectName: try row.decode(column: "subject_name", as: String.self),
                               decided: try row.decode(column: "decided", as: Int.self) == 1)
        }
    }

    /// Evaluations whose evidence a retention period has run out for: closed (recognised or
    /// not) and last changed before `cutoff`, with evidence still attached.
    public func closedEvaluationsWithEvidence(recognised: Bool, changedBefore cutoff: Date) async throws -> [Int64] {
        try await db.raw("SELECT e.id \(Self.closedWithEvidence(recognised: recognised, before: cutoff)) ORDER BY e.id")
            .all(decodingColumn: "id", as: Int64.self)
    }

    /// How many such evaluations there are, for the page that shows what is due (without loading them).
    public func countClosedEvaluationsWithEvidence(recognised: Bool, changedBefore cutoff: Date) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n \(Self.closedWithEvidence(recognised: recognised, before: cutoff))")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    static func closedWithEvidence(recognised: Bool, before cutoff: Date) -> SQLQueryString {
        """
        FROM evaluations e
        WHERE e.state = \(bind: recognised ? "recognised" : "not-recognised") AND e.updated_at < \(bind: cutoff.epochSeconds)
          AND EXISTS (SELECT 1 FROM evidence v WHERE v.evaluation_id = e.id)
        """
    }

    /// Removes the evidence of `evaluationIDs`; returns how many records went and the digests of
    /// the files no evidence uses any more (their rows are gone; the caller removes them from
    /// disk once the transaction has committed).
    public func deleteEvidence(of evaluationIDs: [Int64]) async throws -> (records: Int, orphanedFiles: [String]) {
        guard !evaluationIDs.isEmpty else { return (0, []) }
        var records = 0
        var files = Set<String>()
        for chunk in stride(from: 0, to: evaluationIDs.count, by: 500).map({ Array(evaluationIDs[$0..<min($0 + 500, evaluationIDs.count)]) }) {
            let list = SQLQueryString(chunk.map(String.init).joined(separator: ","))
            let rows = try await db.raw("SELECT id, file_sha256 FROM evidence WHERE evaluation_id IN (\(list))").all()
            records += rows.count
            for row in rows { if let sha = try row.decode(column: "file_sha256", as: String?.self) { files.insert(sha) } }
            try await db.raw("DELETE FROM evidence_items WHERE evidence_id IN (SELECT id FROM evidence WHERE evaluation_id IN (\(list)))").run()
            try await db.raw("DELETE FROM evidence WHERE evaluation_id IN (\(list))").run()
        }
        var orphaned: [String] = []
        for sha in files.sorted() {
            let used = try await db.raw("SELECT 1 AS used FROM evidence WHERE file_sha256 = \(bind: sha) LIMIT 1").first() != nil
            if !used {
                try await db.raw("DELETE FROM evidence_files WHERE sha256 = \(bind: sha)").run()
                orphaned.append(sha)
            }
        }
        return (records, orphaned)
    }

    /// Removes the exemplary-model nominations of `evaluationIDs` with their photos (a person who
    /// asks for erasure withdraws the consent to publish); returns how many models went and the
    /// photos' digests, for the caller to remove from disk once nothing uses them.
    public func deleteExemplary(of evaluationIDs: [Int64]) async throws -> (models: Int, files: [String]) {
        guard !evaluationIDs.isEmpty else { return (0, []) }
        let list = SQLQueryString(evaluationIDs.map(String.init).joined(separator: ","))
        let models = try await db.raw("SELECT id FROM exemplary_models WHERE evaluation_id IN (\(list))").all(decodingColumn: "id", as: Int64.self)
        guard !models.isEmpty else { return (0, []) }
        let ids = SQLQueryString(models.map(String.init).joined(separator: ","))
        let files = try await db.raw("SELECT DISTINCT sha256 FROM exemplary_photos WHERE model_id IN (\(ids))").all(decodingColumn: "sha256", as: String.self)
        try await db.raw("DELETE FROM exemplary_photos WHERE model_id IN (\(ids))").run()
        try await db.raw("DELETE FROM exemplary_models WHERE id IN (\(ids))").run()
        return (models.count, files)
    }

    /// Whether anything still uses the file, checked again before removing it from disk. The store
    /// is shared by content: the same bytes may be an evidence photo and a portal article's image,
    /// a published document or an exemplary model's photo, none of which an erasure may break.
    public func fileInUse(_ sha256: String) async throws -> Bool {
        try await db.raw("""
            SELECT 1 AS used WHERE EXISTS (SELECT 1 FROM evidence_files WHERE sha256 = \(bind: sha256))
                OR EXISTS (SELECT 1 FROM article_files WHERE sha256 = \(bind: sha256))
                OR EXISTS (SELECT 1 FROM documents WHERE file_sha256 = \(bind: sha256))
                OR EXISTS (SELECT 1 FROM exemplary_photos WHERE sha256 = \(bind: sha256))
            """).first() != nil
    }

    /// Replaces the name an evaluation carries (where no decision keeps it) and/or renews its shared link.
    public func anonymise(evaluation id: Int64, name: String?, shareToken: String?, at moment: Date) async throws {
        try await db.raw("""
            UPDATE evaluations SET subject_name = COALESCE(\(bind: name), subject_name), share_token = COALESCE(\(bind: shareToken), share_token),
                updated_at = \(bind: moment.epochSeconds), version = version + 1
            WHERE id = \(bind: id)
            """).run()
    }
}
