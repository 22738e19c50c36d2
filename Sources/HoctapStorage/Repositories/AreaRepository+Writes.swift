import Foundation
import HoctapDomain
import SQLKit

/// The fields of an area before it has an identifier.
public struct NewArea: Sendable {
    public var code: String
    public var kind: AreaKind
    public var name: String
    public var fullName: String
    public var parentID: Area.ID?
    public var provinceID: Area.ID?
    public var communeID: Area.ID?
    public var validFrom: Day?
    public var validTo: Day?

    public init(code: String, kind: AreaKind, name: String, fullName: String, parentID: Area.ID?,
                provinceID: Area.ID?, communeID: Area.ID?, validFrom: Day?, validTo: Day? = nil) {
        self.code = code
        self.kind = kind
        self.name = name
        self.fullName = fullName
        self.parentID = parentID
        self.provinceID = provinceID
        self.communeID = communeID
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

/// Another session changed the record since it was read; nothing was written.
public struct VersionConflict: Error, Sendable, CustomStringConvertible {
    public var entity: String
    public var description: String {
        "\(entity) đã được người khác sửa sau khi bạn mở. Hãy tải lại để xem bản mới rồi sửa lại."
    }
}

extension AreaRepository {
    /// The folded text searches match against: short name first (so "ba dinh" ranks
    /// "Ba Đình" as a prefix match), then the full name ("phuong ba dinh").
    static func searchKey(name: String, fullName: String) -> String {
        VietnameseText.fold(name) + " | " + VietnameseText.fold(fullName)
    }

    /// Inserts an area; a province or commune records itself as its own province / commune.
    @discardableResult
    public func insert(_ new: NewArea, at moment: Date) async throws -> Area.ID {
        let now = moment.epochSeconds
        let id = try await db.raw("""
            INSERT INTO areas (code, level, kind, name, full_name, search_name, parent_id, province_id, commune_id,
                               valid_from, valid_to, version, created_at, updated_at)
            VALUES (\(bind: new.code), \(bind: new.kind.level.rawValue), \(bind: new.kind.rawValue), \(bind: new.name),
                    \(bind: new.fullName), \(bind: AreaRepository.searchKey(name: new.name, fullName: new.fullName)), \(bind: new.parentID),
                    \(bind: new.provinceID), \(bind: new.communeID), \(bind: new.validFrom?.iso), \(bind: new.validTo?.iso),
                    1, \(bind: now), \(bind: now))
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw StoredValueError(description: "Không nhận được mã bản ghi mới.") }
        let isCurrentUnit = new.validTo == nil
        if isCurrentUnit && new.kind.level == .province {
            try await db.raw("UPDATE areas SET province_id = id WHERE id = \(bind: id)").run()
        } else if isCurrentUnit && new.kind.level == .commune {
            try await db.raw("UPDATE areas SET commune_id = id WHERE id = \(bind: id)").run()
        }
        return id
    }

    /// Changes the descriptive fields of an area if `expectedVersion` is still current.
    public func updateNames(
        id: Area.ID, expectedVersion: Int, kind: AreaKind, name: String, fullName: String, at moment: Date
    ) async throws {
        let updated = try await db.raw("""
            UPDATE areas SET kind = \(bind: kind.rawValue), name = \(bind: name), full_name = \(bind: fullName),
                search_name = \(bind: AreaRepository.searchKey(name: name, fullName: fullName)), version = version + 1,
                updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion)
            RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Đơn vị \(fullName)") }
    }

    /// Moves a current commune to another province, carrying its villages along.
    public func moveCommune(id: Area.ID, toProvince provinceID: Area.ID, at moment: Date) async throws {
        try await db.raw("""
            UPDATE areas SET parent_id = \(bind: provinceID), province_id = \(bind: provinceID),
                version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id)
            """).run()
        try await db.raw("""
            UPDATE areas SET province_id = \(bind: provinceID), updated_at = \(bind: moment.epochSeconds)
            WHERE commune_id = \(bind: id) AND id <> \(bind: id)
            """).run()
    }

    /// Ends a village on `day` (it stays in history and keeps its records).
    public func end(id: Area.ID, expectedVersion: Int, on day: Day, at moment: Date) async throws {
        let updated = try await db.raw("""
            UPDATE areas SET valid_to = \(bind: day.iso), version = version + 1, updated_at = \(bind: moment.epochSeconds)
            WHERE id = \(bind: id) AND version = \(bind: expectedVersion) AND valid_to IS NULL
            RETURNING id
            """).all()
        if updated.isEmpty { throw VersionConflict(entity: "Đơn vị") }
    }

    /// Identifies one old → new link.
    public struct LinkKey: Hashable, Sendable {
        public var old: Area.ID
        public var new: Area.ID
    }

    /// Every stored old → new link with its part.
    public func successionLinks() async throws -> [LinkKey: SuccessionLink.Part] {
        let rows = try await db.raw("SELECT old_area_id, new_area_id, part FROM area_successions").all()
        var links: [LinkKey: SuccessionLink.Part] = [:]
        for row in rows {
            links[LinkKey(old: try row.decode(column: "old_area_id", as: Int64.self),
                          new: try row.decode(column: "new_area_id", as: Int64.self))] = try row.enumValue("part", as: SuccessionLink.Part.self)
        }
        return links
    }

    /// Inserts or updates links in multi-row statements; re-writing an existing link is harmless.
    public func writeLinks(_ links: [LinkKey: SuccessionLink.Part]) async throws {
        let all = Array(links)
        for start in stride(from: 0, to: all.count, by: 1_000) {
            var query: SQLQueryString = "INSERT INTO area_successions (old_area_id, new_area_id, part) VALUES"
            for (index, (key, part)) in all[start..<min(start + 1_000, all.count)].enumerated() {
                query += index == 0 ? " " : ", "
                query += "(\(bind: key.old), \(bind: key.new), \(bind: part.rawValue))"
            }
            query += " ON CONFLICT (old_area_id, new_area_id) DO UPDATE SET part = excluded.part"
            try await db.raw(query).run()
        }

    }
}

extension AreaRepository {
    /// Inserts many areas with multi-row statements, then lets each new current province and
    /// commune name itself as its own scope in one pass.
    public func insertMany(_ areas: [NewArea], at moment: Date) async throws {
        guard !areas.isEmpty else { return }
        let now = moment.epochSeconds
        // 14 binds a row; 400 rows stay far below both engines' bind limits.
        for chunk in stride(from: 0, to: areas.count, by: 400).map({ areas[$0..<min($0 + 400, areas.count)] }) {
            var query: SQLQueryString = """
                INSERT INTO areas (code, level, kind, name, full_name, search_name, parent_id, province_id, commune_id,
                                   valid_from, valid_to, version, created_at, updated_at) VALUES
                """
            for (index, new) in chunk.enumerated() {
                query += index == 0 ? " " : ", "
                query += """
                    (\(bind: new.code), \(bind: new.kind.level.rawValue), \(bind: new.kind.rawValue), \(bind: new.name),
                     \(bind: new.fullName), \(bind: Self.searchKey(name: new.name, fullName: new.fullName)),
                     \(bind: new.parentID), \(bind: new.provinceID), \(bind: new.communeID), \(bind: new.validFrom?.iso),
                     \(bind: new.validTo?.iso), 1, \(bind: now), \(bind: now))
                    """
            }
            try await db.raw(query).run()
        }
        try await db.raw("""
            UPDATE areas SET province_id = id WHERE level = 'province' AND valid_to IS NULL AND province_id IS NULL
            """).run()
        try await db.raw("""
            UPDATE areas SET commune_id = id WHERE level = 'commune' AND valid_to IS NULL AND commune_id IS NULL
            """).run()
    }
}

extension AreaRepository {
    /// Brings an area's names and kind in line with an official list row; reports what happened.
    func updateIfChanged(_ area: Area, to unit: OfficialUnit, at moment: Date) async throws -> AreaImportReport.Outcome {
        if area.kind == unit.kind && area.name == unit.name && area.fullName == unit.fullName { return .unchanged }
        try await updateNames(id: area.id, expectedVersion: area.version, kind: unit.kind, name: unit.name,
                              fullName: unit.fullName, at: moment)
        return .updated
    }
}

extension AreaRepository {
    /// An ended commune that went wholly into one current commune belongs to that commune's
    /// subtree, so the commune's own officers see the units it was formed from. Communes split
    /// between several successors stay visible from their province only.
    func placeEndedCommunesUnderSoleSuccessor(at moment: Date) async throws {
        try await db.raw("""
            UPDATE areas SET commune_id = (
                    SELECT MIN(s.new_area_id) FROM area_successions s WHERE s.old_area_id = areas.id)
            WHERE level = 'commune' AND valid_to IS NOT NULL AND commune_id IS NULL
              AND (SELECT COUNT(*) FROM area_successions s WHERE s.old_area_id = areas.id) = 1
            """).run()
    }
}
