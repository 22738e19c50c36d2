import Foundation
import HoctapDomain
import SQLKit

/// A published version of a criteria set, as stored.
public struct CriteriaVersionRecord: Sendable, Hashable {
    public var setID: String
    public var version: Int
    public var model: LearningModel
    public var name: String
    public var status: CriteriaSetStatus
    public var targetGroup: String?
    public var provinceID: Area.ID?
    public var parentSetID: String?
    public var parentVersion: Int?
    public var effectiveFrom: Day?
    public var effectiveTo: Day?
    public var yaml: String
    public var contentHash: String
    public var publishedAt: Date
    public var publishedBy: String
}

/// The editable draft of a set.
public struct CriteriaDraftRecord: Sendable, Hashable {
    public var setID: String
    public var provinceID: Area.ID?
    public var yaml: String
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String
}

/// What a new published version records besides its YAML.
public struct NewCriteriaVersion: Sendable {
    public var set: CriteriaSet
    public var yaml: String
    public var contentHash: String
    public var provinceID: Area.ID?
    public var publishedBy: AuditActor

    public init(set: CriteriaSet, yaml: String, contentHash: String, provinceID: Area.ID?, publishedBy: AuditActor) {
        self.set = set
        self.yaml = yaml
        self.contentHash = contentHash
        self.provinceID = provinceID
        self.publishedBy = publishedBy
    }
}

public struct CriteriaRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let versionColumns: SQLQueryString = """
        set_id, version, model, name, status, target_group, province_id, parent_set_id, parent_version,
        effective_from, effective_to, yaml, content_hash, published_at, published_by_label
        """

    static func decodeVersion(_ row: any SQLRow) throws -> CriteriaVersionRecord {
        CriteriaVersionRecord(
            setID: try row.decode(column: "set_id", as: String.self),
            version: try row.decode(column: "version", as: Int.self),
            model: try row.enumValue("model", as: LearningModel.self),
            name: try row.decode(column: "name", as: String.self),
            status: try row.enumValue("status", as: CriteriaSetStatus.self),
            targetGroup: try row.decode(column: "target_group", as: String?.self),
            provinceID: try row.decode(column: "province_id", as: Int64?.self),
            parentSetID: try row.decode(column: "parent_set_id", as: String?.self),
            parentVersion: try row.decode(column: "parent_version", as: Int?.self),
            effectiveFrom: try row.day("effective_from"),
            effectiveTo: try row.day("effective_to"),
            yaml: try row.decode(column: "yaml", as: String.self),
            contentHash: try row.decode(column: "content_hash", as: String.self),
            publishedAt: Date(epochSeconds: try row.decode(column: "published_at", as: Int64.self)),
            publishedBy: try row.decode(column: "published_by_label", as: String.self))
    }

    /// The newest version of every set.
    public func latestVersions() async throws -> [CriteriaVersionRecord] {
        try await db.raw("""
            SELECT \(Self.versionColumns) FROM criteria_set_versions v
            WHERE version = (SELECT MAX(version) FROM criteria_set_versions w WHERE w.set_id = v.set_id)
            ORDER BY model, set_id
            """).all().map(Self.decodeVersion)
    }

    /// Every version of one set, newest first.
    public func versions(of setID: String) async throws -> [CriteriaVersionRecord] {
        try await db.raw("SELECT \(Self.versionColumns) FROM criteria_set_versions WHERE set_id = \(bind: setID) ORDER BY version DESC")
            .all().map(Self.decodeVersion)
    }

    /// One version, or the newest when `version` is nil.
    public func version(of setID: String, _ version: Int? = nil) async throws -> CriteriaVersionRecord? {
        if let version {
            return try await db.raw("""
                SELECT \(Self.versionColumns) FROM criteria_set_versions WHERE set_id = \(bind: setID) AND version = \(bind: version)
                """).first().map(Self.decodeVersion)
        }
        return try await versions(of: setID).first
    }

    /// Published versions of `model` for the nation or `provinceID`, candidates for "in force".
    public func candidates(model: LearningModel, provinceID: Area.ID?) async throws -> [CriteriaVersionRecord] {
        try await db.raw("""
            SELECT \(Self.versionColumns) FROM criteria_set_versions
            WHERE model = \(bind: model.rawValue) AND (province_id IS NULL OR province_id = \(bind: provinceID ?? -1))
            ORDER BY set_id, version DESC
            """).all().map(Self.decodeVersion)
    }

    /// Stores a new version numbered one above the newest, and returns its number.
    public func publish(_ new: NewCriteriaVersion, at moment: Date) async throws -> Int {
        let next = (try await db.raw("SELECT MAX(version) AS v FROM criteria_set_versions WHERE set_id = \(bind: new.set.id)")
            .first(decodingColumn: "v", as: Int?.self) ?? nil).map { $0 + 1 } ?? 1
        try await db.raw("""
            INSERT INTO criteria_set_versions (set_id, version, model, name, status, target_group, province_id, parent_set_id,
                parent_version, effective_from, effective_to, yaml, content_hash, published_at, published_by, published_by_label)
            VALUES (\(bind: new.set.id), \(bind: next), \(bind: new.set.model.rawValue), \(bind: new.set.name),
                    \(bind: new.set.status.rawValue), \(bind: new.set.targetGroup), \(bind: new.provinceID),
                    \(bind: new.set.variant?.setID), \(bind: new.set.variant?.version), \(bind: new.set.effective.from?.iso),
                    \(bind: new.set.effective.to?.iso), \(bind: new.yaml), \(bind: new.contentHash),
                    \(bind: moment.epochSeconds), \(bind: new.publishedBy.accountID), \(bind: new.publishedBy.label))
            """).run()
        return next
    }

    // MARK: Drafts

    static func decodeDraft(_ row: any SQLRow) throws -> CriteriaDraftRecord {
        CriteriaDraftRecord(
            setID: try row.decode(column: "set_id", as: String.self),
            provinceID: try row.decode(column: "province_id", as: Int64?.self),
            yaml: try row.decode(column: "yaml", as: String.self),
            version: try row.decode(column: "version", as: Int.self),
            updatedAt: Date(epochSeconds: try row.decode(column: "updated_at", as: Int64.self)),
            updatedBy: try row.decode(column: "updated_by_label", as: String.self))
    }

    public func draft(of setID: String) async throws -> CriteriaDraftRecord? {
        try await db.raw("""
            SELECT set_id, province_id, yaml, version, updated_at, updated_by_label FROM criteria_set_drafts WHERE set_id = \(bind: setID)
            """).first().map(Self.decodeDraft)
    }

    public func drafts() async throws -> [CriteriaDraftRecord] {
        try await db.raw("SELECT set_id, province_id, yaml, version, updated_at, updated_by_label FROM criteria_set_drafts ORDER BY set_id")
            .all().map(Self.decodeDraft)
    }

    /// Creates the draft, or replaces it if `expectedVersion` is still current (nil: must not exist).
    public func saveDraft(setID: String, provinceID: Area.ID?, yaml: String, expectedVersion: Int?, by label: String, at moment: Date) async throws -> Int {
        let now = moment.epochSeconds
        guard let expectedVersion else {
            try await db.raw("""
                INSERT INTO criteria_set_drafts (set_id, province_id, yaml, version, created_at, updated_at, updated_by_label)
                VALUES (\(bind: setID), \(bind: provinceID), \(bind: yaml), 1, \(bind: now), \(bind: now), \(bind: label))
                """).run()
            return 1
        }
        let updated = try await db.raw("""
            UPDATE criteria_set_drafts SET yaml = \(bind: yaml), province_id = \(bind: provinceID), version = version + 1,
                updated_at = \(bind: now), updated_by_label = \(bind: label)
            WHERE set_id = \(bind: setID) AND version = \(bind: expectedVersion)
            RETURNING version
            """).first(decodingColumn: "version", as: Int.self)
        guard let updated else { throw VersionConflict(entity: "Bản nháp \(setID)") }
        return updated
    }

    public func deleteDraft(setID: String) async throws {
        try await db.raw("DELETE FROM criteria_set_drafts WHERE set_id = \(bind: setID)").run()
    }
}
