import Foundation
import HoctapDomain
import SQLKit

/// A nomination for the honour board, with where its subject lives.
public struct ExemplaryRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var evaluationID: Int64
    public var provinceID: Area.ID
    public var provinceName: String
    public var communeID: Area.ID
    public var communeName: String
    public var villageID: Area.ID?
    public var year: Int
    public var model: LearningModel
    public var subjectName: String
    public var story: String
    public var consent: Bool
    public var consentNote: String
    public var state: NominationState
    public var nominatedBy: String
    public var nominatedAt: Date
    public var decidedBy: String?
    public var decisionNote: String
    public var version: Int

    /// The position access rules compare with an actor's scope: where the subject lives.
    public var subjectPosition: AreaPosition {
        SubjectPlace(provinceID: provinceID, communeID: communeID, villageID: villageID).position
    }

    /// What the public sees as the subject's name: the name only with consent, and never a
    /// household's register code.
    public var publicName: String {
        consent ? Self.displayName(subjectName, model: model) : "\(model.label) ở \(communeName)"
    }

    /// "00376-01-0001 – Nguyễn Văn An" (a household as the register names it) → "Gia đình Nguyễn Văn An".
    public static func displayName(_ subjectName: String, model: LearningModel) -> String {
        guard model == .family else { return subjectName }
        return "Gia đình " + (subjectName.components(separatedBy: " – ").last ?? subjectName)
    }
}

public struct ExemplaryPhotoRecord: Hashable, Sendable {
    public var id: Int64
    public var modelID: ExemplaryRecord.ID
    public var name: String
    public var mediaType: PortalMediaType
    public var size: Int
    public var sha256: String
}

public struct ExemplaryRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let columns: SQLQueryString = """
        m.id, m.evaluation_id, m.province_id, p.full_name AS province_name, m.commune_id, c.full_name AS commune_name, m.village_id, m.year, m.model,
        m.subject_name, m.story, m.consent, m.consent_note, m.state, m.nominated_by_label, m.nominated_at, m.decided_by_label, m.decision_note, m.version
        """
    static let from: SQLQueryString = "exemplary_models m JOIN areas p ON p.id = m.province_id JOIN areas c ON c.id = m.commune_id"

    static func record(_ row: any SQLRow) throws -> ExemplaryRecord {
        ExemplaryRecord(
            id: try row.decode(column: "id", as: Int64.self), evaluationID: try row.decode(column: "evaluation_id", as: Int64.self),
            provinceID: try row.decode(column: "province_id", as: Int64.self), provinceName: try row.decode(column: "province_name", as: String.self),
            communeID: try row.decode(column: "commune_id", as: Int64.self), communeName: try row.decode(column: "commune_name", as: String.self),
            villageID: try row.decode(column: "village_id", as: Int64?.self),
            year: try row.decode(column: "year", as: Int.self), model: try row.enumValue("model", as: LearningModel.self),
            subjectName: try row.decode(column: "subject_name", as: String.self), story: try row.decode(column: "story", as: String.self),
            consent: try row.decode(column: "consent", as: Int.self) == 1, consentNote: try row.decode(column: "consent_note", as: String.self),
            state: try row.enumValue("state", as: NominationState.self), nominatedBy: try row.decode(column: "nominated_by_label", as: String.self),
            nominatedAt: Date(epochSeconds: try row.decode(column: "nominated_at", as: Int64.self)),
            decidedBy: try row.decode(column: "decided_by_label", as: String?.self), decisionNote: try row.decode(column: "decision_note", as: String.self),
            version: try row.decode(column: "version", as: Int.self))
    }

    /// The subject as the nomination stores it.
    public struct Subject: Sendable {
        public var evaluationID: Int64
        public var place: SubjectPlace
        public var year: Int
        public var model: LearningModel
        public var name: String

        public init(evaluationID: Int64, place: SubjectPlace, year: Int, model: LearningModel, name: String) {
            self.evaluationID = evaluationID
            self.place = place
            self.year = year
            self.model = model
            self.name = name
        }
    }

    public func insert(_ subject: Subject, _ draft: NominationDraft, searchText: String, by label: String, at moment: Date) async throws -> ExemplaryRecord.ID {
        let id = try await db.raw("""
            INSERT INTO exemplary_models (evaluation_id, province_id, commune_id, village_id, year, model, subject_name, story, consent, consent_note,
                                          state, nominated_by_label, nominated_at, search_text)
            VALUES (\(bind: subject.evaluationID), \(bind: subject.place.provinceID), \(bind: subject.place.communeID), \(bind: subject.place.villageID),
                    \(bind: subject.year), \(bind: subject.model.rawValue), \(bind: subject.name), \(bind: draft.story), \(bind: draft.consent ? 1 : 0),
                    \(bind: draft.consentNote), \(bind: NominationState.nominated.rawValue), \(bind: label), \(bind: moment.epochSeconds), \(bind: searchText))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã đề cử mới.") }
        return id
    }

    public func decide(_ id: ExemplaryRecord.ID, _ state: NominationState, note: String, expecting version: Int, by label: String, at moment: Date) async throws -> Bool {
        !(try await db.raw("""
            UPDATE exemplary_models SET state = \(bind: state.rawValue), decision_note = \(bind: note), decided_by_label = \(bind: label),
                decided_at = \(bind: moment.epochSeconds), version = version + 1
            WHERE id = \(bind: id) AND version = \(bind: version)
            RETURNING id
            """).all()).isEmpty
    }

    public func model(_ id: ExemplaryRecord.ID) async throws -> ExemplaryRecord? {
        try await db.raw("SELECT \(Self.columns) FROM \(Self.from) WHERE m.id = \(bind: id)").first().map(Self.record)
    }

    public func model(evaluation: Int64) async throws -> ExemplaryRecord? {
        try await db.raw("SELECT \(Self.columns) FROM \(Self.from) WHERE m.evaluation_id = \(bind: evaluation)").first().map(Self.record)
    }

    /// Nominations inside `scope`, newest first.
    public func nominations(within scope: AreaPosition, start: PageStart, limit: Int) async throws -> PagedRows<ExemplaryRecord> {
        let list = KeysetList(select: "SELECT \(Self.columns) FROM \(Self.from)", countFrom: "exemplary_models m", table: "exemplary_models", alias: "m",
                              filter: ScopeFilter.subjects(scope, alias: "m"), keys: ["id"], descending: true)
        return try await list.page(start, limit: limit, on: db, Self.record)
    }

    /// The honour board: approved models of a province (or all) and a year (or all), newest first.
    public func board(province: Area.ID?, year: Int?, start: PageStart, limit: Int) async throws -> PagedRows<ExemplaryRecord> {
        var filter: SQLQueryString = "m.state = 'approved'"
        if let province { filter = "\(filter) AND m.province_id = \(bind: province)" }
        if let year { filter = "\(filter) AND m.year = \(bind: year)" }
        let list = KeysetList(select: "SELECT \(Self.columns) FROM \(Self.from)", countFrom: "exemplary_models m", table: "exemplary_models", alias: "m",
                              filter: filter, keys: ["id"], descending: true)
        return try await list.page(start, limit: limit, on: db, Self.record)
    }

    /// Years with approved models, newest first.
    public func boardYears() async throws -> [Int] {
        try await db.raw("SELECT DISTINCT year FROM exemplary_models WHERE state = 'approved' ORDER BY year DESC").all()
            .map { try $0.decode(column: "year", as: Int.self) }
    }

    public func matching(_ terms: [String], limit: Int) async throws -> [ExemplaryRecord] {
        guard !terms.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(Self.columns) FROM \(Self.from)
            WHERE m.state = 'approved' AND \(FullTextQuery.filter(terms, index: "exemplary_search", alias: "m", on: db))
            ORDER BY m.id LIMIT \(bind: limit)
            """).all().map(Self.record)
    }

    // MARK: Photos

    public func insertPhoto(model: ExemplaryRecord.ID, name: String, mediaType: PortalMediaType, size: Int, sha256: String, at moment: Date) async throws {
        try await db.raw("""
            INSERT INTO exemplary_photos (model_id, name, media_type, size, sha256, created_at)
            VALUES (\(bind: model), \(bind: name), \(bind: mediaType.rawValue), \(bind: size), \(bind: sha256), \(bind: moment.epochSeconds))
            """).run()
    }

    static func photo(_ row: any SQLRow) throws -> ExemplaryPhotoRecord {
        ExemplaryPhotoRecord(
            id: try row.decode(column: "id", as: Int64.self), modelID: try row.decode(column: "model_id", as: Int64.self),
            name: try row.decode(column: "name", as: String.self), mediaType: try row.enumValue("media_type", as: PortalMediaType.self),
            size: try row.decode(column: "size", as: Int.self), sha256: try row.decode(column: "sha256", as: String.self))
    }

    public func photos(of model: ExemplaryRecord.ID) async throws -> [ExemplaryPhotoRecord] {
        try await db.raw("SELECT id, model_id, name, media_type, size, sha256 FROM exemplary_photos WHERE model_id = \(bind: model) ORDER BY id")
            .all().map(Self.photo)
    }

    public func photo(_ id: Int64) async throws -> ExemplaryPhotoRecord? {
        try await db.raw("SELECT id, model_id, name, media_type, size, sha256 FROM exemplary_photos WHERE id = \(bind: id)").first().map(Self.photo)
    }
}
