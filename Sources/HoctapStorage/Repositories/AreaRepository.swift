import Foundation
import HoctapDomain
import SQLKit

/// An area with the number of its current children, for browsing.
public struct AreaSummary: Sendable, Hashable {
    public var area: Area
    public var childCount: Int
}

/// Reads and writes areas. Works on a connection or inside a transaction, whichever it is given.
public struct AreaRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let columns: SQLQueryString = """
        a.id, a.code, a.level, a.kind, a.name, a.full_name, a.parent_id, a.province_id, a.commune_id,
        a.valid_from, a.valid_to, a.version
        """

    static func decode(_ row: any SQLRow) throws -> Area {
        Area(
            id: try row.decode(column: "id", as: Int64.self),
            code: try row.decode(column: "code", as: String.self),
            level: try row.enumValue("level", as: AreaLevel.self),
            kind: try row.enumValue("kind", as: AreaKind.self),
            name: try row.decode(column: "name", as: String.self),
            fullName: try row.decode(column: "full_name", as: String.self),
            parentID: try row.decode(column: "parent_id", as: Int64?.self),
            provinceID: try row.decode(column: "province_id", as: Int64?.self),
            communeID: try row.decode(column: "commune_id", as: Int64?.self),
            validFrom: try row.day("valid_from"),
            validTo: try row.day("valid_to"),
            version: try row.decode(column: "version", as: Int.self)
        )
    }

    public func find(id: Area.ID) async throws -> Area? {
        try await db.raw("SELECT \(Self.columns) FROM areas a WHERE a.id = \(bind: id)")
            .first().map(Self.decode)
    }

    /// The area if it lies inside `scope`; `nil` both when it does not exist and when it is
    /// elsewhere, so callers cannot tell the two apart.
    public func find(id: Area.ID, within scope: AreaPosition) async throws -> Area? {
        try await db.raw("""
            SELECT \(Self.columns) FROM areas a WHERE a.id = \(bind: id) AND \(ScopeFilter.areas(scope))
            """).first().map(Self.decode)
    }

    /// The single nation row every tree hangs from.
    public func nation() async throws -> Area {
        guard let nation = try await db.raw("SELECT \(Self.columns) FROM areas a WHERE a.level = 'nation'")
            .first().map(Self.decode) else {
            throw StoredValueError(description: "Thiếu bản ghi Toàn quốc; hãy chạy `hoctap migrate`.")
        }
        return nation
    }

    /// The current (not ended) unit of `level` with `code`.
    public func current(level: AreaLevel, code: String) async throws -> Area? {
        try await db.raw("""
            SELECT \(Self.columns) FROM areas a
            WHERE a.level = \(bind: level.rawValue) AND a.code = \(bind: code) AND a.valid_to IS NULL
            """).first().map(Self.decode)
    }

    /// The most recently ended unit of `level` with `code` (a pre-2025 commune or province).
    public func ended(level: AreaLevel, code: String) async throws -> Area? {
        try await db.raw("""
            SELECT \(Self.columns) FROM areas a
            WHERE a.level = \(bind: level.rawValue) AND a.code = \(bind: code) AND a.valid_to IS NOT NULL ORDER BY a.valid_to DESC LIMIT 1
            """).first().map(Self.decode)
    }

    /// Every current unit of `level`, by code; used by importers to match rows in one query.
    public func currentByCode(level: AreaLevel) async throws -> [String: Area] {
        let rows = try await db.raw("""
            SELECT \(Self.columns) FROM areas a WHERE a.level = \(bind: level.rawValue) AND a.valid_to IS NULL
            """).all()
        return Dictionary(try rows.map(Self.decode).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Every unit of `level` that ended on `validTo`, by code.
    public func endedByCode(level: AreaLevel, validTo: Day) async throws -> [String: Area] {
        let rows = try await db.raw("""
            SELECT \(Self.columns) FROM areas a WHERE a.level = \(bind: level.rawValue) AND a.valid_to = \(bind: validTo.iso)
            """).all()
        return Dictionary(try rows.map(Self.decode).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Current children of `parentID` with the number of their own current children.
    public func children(of parentID: Area.ID) async throws -> [AreaSummary] {
        let rows = try await db.raw("""
            SELECT \(Self.columns),
                (SELECT COUNT(*) FROM areas c WHERE c.parent_id = a.id AND c.valid_to IS NULL) AS child_count
            FROM areas a
            WHERE a.parent_id = \(bind: parentID) AND a.valid_to IS NULL
            ORDER BY a.code
            """).all()
        return try rows.map { AreaSummary(area: try Self.decode($0), childCount: try $0.decode(column: "child_count", as: Int.self)) }
    }

    /// Number of current children of `id`.
    public func childCount(of id: Area.ID) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM areas WHERE parent_id = \(bind: id) AND valid_to IS NULL")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The chain from the nation down to `area`'s parent, for breadcrumbs.
    public func ancestors(of area: Area) async throws -> [Area] {
        var chain: [Area] = []
        var next = area.parentID
        while let id = next, chain.count < AreaLevel.allCases.count {
            guard let parent = try await find(id: id) else { break }
            chain.insert(parent, at: 0)
            next = parent.parentID
        }
        return chain
    }

    /// Current areas inside `scope` whose name contains `text`, ignoring case and diacritics.
    public func search(_ text: String, within scope: AreaPosition, levels: [AreaLevel]? = nil, limit: Int = 50) async throws -> [Area] {
        let folded = VietnameseText.fold(text)
        guard !folded.isEmpty else { return [] }
        var query: SQLQueryString = """
            SELECT \(Self.columns) FROM areas a
            WHERE a.valid_to IS NULL AND a.level <> 'nation' AND \(ScopeFilter.areas(scope))
              AND (a.search_name LIKE \(bind: "%" + likeEscaped(folded) + "%") ESCAPE '\\' OR a.code = \(bind: VietnameseText.normalized(text)))
            """
        if let levels, !levels.isEmpty {
            query += " AND a.level IN (\(binds: levels.map(\.rawValue)))"
        }
        // Names that start with the text first, then shorter names, then alphabetical.
        query += """
             ORDER BY CASE WHEN a.search_name LIKE \(bind: likeEscaped(folded) + "%") ESCAPE '\\' THEN 0 ELSE 1 END,
             length(a.search_name), a.search_name, a.id LIMIT \(literal: max(1, min(limit, 500)))
            """
        return try await db.raw(query).all().map(Self.decode)
    }

    /// Number of current areas of each level inside `scope` (the scope's own area included).
    public func countsByLevel(within scope: AreaPosition) async throws -> [AreaLevel: Int] {
        let rows = try await db.raw("""
            SELECT a.level, COUNT(*) AS n FROM areas a
            WHERE a.valid_to IS NULL AND \(ScopeFilter.areas(scope)) GROUP BY a.level
            """).all()
        var counts: [AreaLevel: Int] = [:]
        for row in rows {
            counts[try row.enumValue("level", as: AreaLevel.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Units that `oldID` went into at the July 2025 reform.
    public func successors(of oldID: Area.ID) async throws -> [(area: Area, part: SuccessionLink.Part)] {
        let rows = try await db.raw("""
            SELECT \(Self.columns), s.part FROM area_successions s JOIN areas a ON a.id = s.new_area_id
            WHERE s.old_area_id = \(bind: oldID) ORDER BY a.code
            """).all()
        return try rows.map { (try Self.decode($0), try $0.enumValue("part", as: SuccessionLink.Part.self)) }
    }

    /// Units that went into `newID` at the July 2025 reform.
    public func predecessors(of newID: Area.ID) async throws -> [(area: Area, part: SuccessionLink.Part)] {
        let rows = try await db.raw("""
            SELECT \(Self.columns), s.part FROM area_successions s JOIN areas a ON a.id = s.old_area_id
            WHERE s.new_area_id = \(bind: newID) ORDER BY a.code
            """).all()
        return try rows.map { (try Self.decode($0), try $0.enumValue("part", as: SuccessionLink.Part.self)) }
    }
}
