import Foundation
import HoctapDomain
import SQLKit

public struct EvidenceRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var evaluationID: EvaluationRecord.ID
    public var code: String
    public var fileSHA256: String?
    public var mediaType: EvidenceMediaType?
    public var size: Int64?
    public var originalName: String?
    public var note: String
    public var link: String?
    public var capturedAt: Date
    public var addedBy: String
    public var itemIDs: [String]
}

public struct NewEvidence: Sendable {
    public var evaluationID: EvaluationRecord.ID
    public var cycleID: CycleRecord.ID
    public var code: String
    public var file: (sha256: String, mediaType: EvidenceMediaType, size: Int)?
    public var originalName: String?
    public var note: String
    public var link: String?
    public var capturedAt: Date
    public var itemIDs: [String]

    public init(evaluationID: EvaluationRecord.ID, cycleID: CycleRecord.ID, code: String, file: (sha256: String, mediaType: EvidenceMediaType, size: Int)?,
                originalName: String?, note: String, link: String?, capturedAt: Date, itemIDs: [String]) {
        self.evaluationID = evaluationID
        self.cycleID = cycleID
        self.code = code
        self.file = file
        self.originalName = originalName
        self.note = note
        self.link = link
        self.capturedAt = capturedAt
        self.itemIDs = itemIDs
    }
}

public struct EvidenceRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    /// The next sequence number for evidence of `itemID` in the cycle.
    public func nextSequence(cycleID: CycleRecord.ID, itemID: String) async throws -> Int {
        (try await db.raw("SELECT COUNT(*) AS n FROM evidence_items WHERE cycle_id = \(bind: cycleID) AND item_id = \(bind: itemID)")
            .first(decodingColumn: "n", as: Int.self) ?? 0) + 1
    }

    public func insert(_ new: NewEvidence, by label: String, at moment: Date) async throws -> EvidenceRecord.ID {
        if let file = new.file {
            let known = try await db.raw("SELECT 1 AS x FROM evidence_files WHERE sha256 = \(bind: file.sha256)").first()
            if known == nil {
                try await db.raw("""
                    INSERT INTO evidence_files (sha256, media_type, size, stored_at)
                    VALUES (\(bind: file.sha256), \(bind: file.mediaType.rawValue), \(bind: Int64(file.size)), \(bind: moment.epochSeconds))
                    """).run()
            }
        }
        let id = try await db.raw("""
            INSERT INTO evidence (evaluation_id, code, file_sha256, original_name, note, link, captured_at, added_by_label, created_at)
            VALUES (\(bind: new.evaluationID), \(bind: new.code), \(bind: new.file?.sha256), \(bind: new.originalName), \(bind: new.note),
                    \(bind: new.link), \(bind: new.capturedAt.epochSeconds), \(bind: label), \(bind: moment.epochSeconds))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã minh chứng mới.") }
        for item in new.itemIDs {
            try await db.raw("INSERT INTO evidence_items (evidence_id, cycle_id, item_id) VALUES (\(bind: id), \(bind: new.cycleID), \(bind: item))").run()
        }
        return id
    }

    static let columns: SQLQueryString = """
        v.id, v.evaluation_id, v.code, v.file_sha256, f.media_type, f.size, v.original_name, v.note, v.link, v.captured_at, v.added_by_label
        """

    func record(_ row: any SQLRow) async throws -> EvidenceRecord {
        let id = try row.decode(column: "id", as: Int64.self)
        let items = try await db.raw("SELECT item_id FROM evidence_items WHERE evidence_id = \(bind: id) ORDER BY item_id")
            .all().map { try $0.decode(column: "item_id", as: String.self) }
        return EvidenceRecord(
            id: id, evaluationID: try row.decode(column: "evaluation_id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
            fileSHA256: try row.decode(column: "file_sha256", as: String?.self),
            mediaType: try row.decode(column: "media_type", as: String?.self).flatMap(EvidenceMediaType.init(rawValue:)),
            size: try row.decode(column: "size", as: Int64?.self), originalName: try row.decode(column: "original_name", as: String?.self),
            note: try row.decode(column: "note", as: String.self), link: try row.decode(column: "link", as: String?.self),
            capturedAt: Date(epochSeconds: try row.decode(column: "captured_at", as: Int64.self)),
            addedBy: try row.decode(column: "added_by_label", as: String.self), itemIDs: items)
    }

    public func evidence(of evaluationID: EvaluationRecord.ID) async throws -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        for row in try await db.raw("""
            SELECT \(Self.columns) FROM evidence v LEFT JOIN evidence_files f ON f.sha256 = v.file_sha256
            WHERE v.evaluation_id = \(bind: evaluationID) ORDER BY v.id
            """).all() {
            records.append(try await record(row))
        }
        return records
    }

    public func evidence(_ id: EvidenceRecord.ID) async throws -> EvidenceRecord? {
        guard let row = try await db.raw("""
            SELECT \(Self.columns) FROM evidence v LEFT JOIN evidence_files f ON f.sha256 = v.file_sha256 WHERE v.id = \(bind: id)
            """).first() else { return nil }
        return try await record(row)
    }
}
