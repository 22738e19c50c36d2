import Foundation
import HoctapDomain
import SQLKit

/// A denominator as entered: the total of one kind in one area and year, with its source.
public struct DenominatorRecord: Hashable, Sendable {
    /// The area, or 0 for the whole country.
    public var areaID: Int64
    public var year: Int
    public var kind: DenominatorKind
    public var value: Int64
    public var source: String
    public var enteredBy: String
    public var enteredAt: Date
    public var version: Int

    public init(areaID: Int64, year: Int, kind: DenominatorKind, value: Int64, source: String, enteredBy: String, enteredAt: Date, version: Int) {
        self.areaID = areaID
        self.year = year
        self.kind = kind
        self.value = value
        self.source = source
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
        self.version = version
    }
}

/// What the children of an area report for one kind: the sum and number of their entries, and how many children there are.
public struct ChildDenominators: Hashable, Sendable {
    public var sum: Int64
    public var reported: Int
    public var count: Int
}

/// SQL for denominators, and for the area counts that tell whether children's figures are complete.
public struct DenominatorRepository: Sendable {
    let db: any SQLDatabase

    public init(_ db: any SQLDatabase) { self.db = db }

    static let columns: SQLQueryString = "d.area_id, d.year, d.kind, d.value, d.source, d.entered_by_label, d.entered_at, d.version"

    static func record(_ row: any SQLRow) throws -> DenominatorRecord {
        DenominatorRecord(areaID: try row.decode(column: "area_id", as: Int64.self), year: try row.decode(column: "year", as: Int.self),
                          kind: try row.enumValue("kind", as: DenominatorKind.self), value: try row.decode(column: "value", as: Int64.self),
                          source: try row.decode(column: "source", as: String.self), enteredBy: try row.decode(column: "entered_by_label", as: String.self),
                          enteredAt: Date(epochSeconds: try row.decode(column: "entered_at", as: Int64.self)),
                          version: try row.decode(column: "version", as: Int.self))
    }

    /// The current areas directly below `parent` (provinces of the nation, communes of a province, villages of a commune).
    static func childFilter(_ parent: AreaPosition, alias: String = "a") -> SQLQueryString? {
        let a = SQLQueryString(alias)
        switch parent.level {
        case .nation: return "\(a).level = 'province' AND \(a).valid_to IS NULL"
        case .province: return "\(a).level = 'commune' AND \(a).valid_to IS NULL AND \(a).province_id = \(bind: parent.provinceID)"
        case .commune: return "\(a).level = 'village' AND \(a).valid_to IS NULL AND \(a).commune_id = \(bind: parent.communeID)"
        case .district, .village: return nil
        }
    }

    /// The areas two levels below `parent`, and the column naming their child of `parent`.
    static func grandchildFilter(_ parent: AreaPosition) -> (filter: SQLQueryString, group: SQLQueryString)? {
        switch parent.level {
        case .nation: return ("a.level = 'commune' AND a.valid_to IS NULL", "a.province_id")
        case .province: return ("a.level = 'village' AND a.valid_to IS NULL AND a.province_id = \(bind: parent.provinceID)", "a.commune_id")
        case .commune, .district, .village: return nil
        }
    }

    /// Entries of an area for several years at once (a dashboard's trend).
    public func entries(of areaID: Int64, years: [Int]) async throws -> [DenominatorRecord] {
        guard !years.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(Self.columns) FROM denominators d WHERE d.area_id = \(bind: areaID) AND d.year IN (\(Self.list(years)))
            """).all().map(Self.record)
    }

    /// Entries of the children of `parent` for several years.
    public func childEntries(of parent: AreaPosition, years: [Int]) async throws -> [DenominatorRecord] {
        guard let filter = Self.childFilter(parent), !years.isEmpty else { return [] }
        return try await db.raw("SELECT \(Self.columns) FROM denominators d JOIN areas a ON a.id = d.area_id WHERE d.year IN (\(Self.list(years))) AND \(filter)")
            .all().map(Self.record)
    }

    /// Per year, child of `parent` and kind: the sum and number of the grandchildren's entries.
    public func grandchildSums(of parent: AreaPosition, years: [Int]) async throws -> [Int: [Int64: [DenominatorKind: (sum: Int64, reported: Int)]]] {
        guard let (filter, group) = Self.grandchildFilter(parent), !years.isEmpty else { return [:] }
        var sums: [Int: [Int64: [DenominatorKind: (Int64, Int)]]] = [:]
        for row in try await db.raw("""
            SELECT d.year, \(group) AS child, d.kind, CAST(SUM(d.value) AS BIGINT) AS total, COUNT(*) AS n FROM denominators d JOIN areas a ON a.id = d.area_id
            WHERE d.year IN (\(Self.list(years))) AND \(filter) GROUP BY d.year, \(group), d.kind
            """).all() {
            sums[try row.decode(column: "year", as: Int.self), default: [:]][try row.decode(column: "child", as: Int64.self), default: [:]][
                try row.enumValue("kind", as: DenominatorKind.self)] = (try row.decode(column: "total", as: Int64.self), try row.decode(column: "n", as: Int.self))
        }
        return sums
    }

    /// Per child of `parent`: how many grandchildren it has (the count a complete sum needs).
    public func grandchildCounts(of parent: AreaPosition) async throws -> [Int64: Int] {
        guard let (filter, group) = Self.grandchildFilter(parent) else { return [:] }
        var counts: [Int64: Int] = [:]
        for row in try await db.raw("SELECT \(group) AS child, COUNT(*) AS n FROM areas a WHERE \(filter) GROUP BY \(group)").all() {
            counts[try row.decode(column: "child", as: Int64.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// Validated integers as an SQL list (years come from the code, never from a client as text).
    static func list(_ values: [Int]) -> SQLQueryString { SQLQueryString(values.map(String.init).joined(separator: ", ")) }

    public func entries(of areaID: Int64, year: Int) async throws -> [DenominatorRecord] {
        try await db.raw("SELECT \(Self.columns) FROM denominators d WHERE d.area_id = \(bind: areaID) AND d.year = \(bind: year) ORDER BY d.kind")
            .all().map(Self.record)
    }

    public func entry(of areaID: Int64, year: Int, kind: DenominatorKind) async throws -> DenominatorRecord? {
        try await db.raw("""
            SELECT \(Self.columns) FROM denominators d WHERE d.area_id = \(bind: areaID) AND d.year = \(bind: year) AND d.kind = \(bind: kind.rawValue)
            """).first().map(Self.record)
    }

    /// Entries of the children of `parent` for one year.
    public func childEntries(of parent: AreaPosition, year: Int) async throws -> [DenominatorRecord] {
        guard let filter = Self.childFilter(parent) else { return [] }
        return try await db.raw("SELECT \(Self.columns) FROM denominators d JOIN areas a ON a.id = d.area_id WHERE d.year = \(bind: year) AND \(filter)")
            .all().map(Self.record)
    }

    /// Per child of `parent` and kind: what the child's own children entered, and how many they
    /// are (every child and kind is present, with zero reported where nothing was entered).
    public func grandchildTotals(of parent: AreaPosition, year: Int) async throws -> [Int64: [DenominatorKind: ChildDenominators]] {
        guard let (filter, group) = Self.grandchildFilter(parent) else { return [:] }
        var totals: [Int64: [DenominatorKind: ChildDenominators]] = [:]
        for row in try await db.raw("SELECT \(group) AS child, COUNT(*) AS n FROM areas a WHERE \(filter) GROUP BY \(group)").all() {
            let count = try row.decode(column: "n", as: Int.self)
            totals[try row.decode(column: "child", as: Int64.self)] = Dictionary(
                uniqueKeysWithValues: DenominatorKind.allCases.map { ($0, ChildDenominators(sum: 0, reported: 0, count: count)) })
        }
        for row in try await db.raw("""
            SELECT \(group) AS child, d.kind, CAST(SUM(d.value) AS BIGINT) AS total, COUNT(*) AS n FROM denominators d JOIN areas a ON a.id = d.area_id
            WHERE d.year = \(bind: year) AND \(filter) GROUP BY \(group), d.kind
            """).all() {
            let child = try row.decode(column: "child", as: Int64.self)
            let kind = try row.enumValue("kind", as: DenominatorKind.self)
            totals[child]?[kind]?.sum = try row.decode(column: "total", as: Int64.self)
            totals[child]?[kind]?.reported = try row.decode(column: "n", as: Int.self)
        }
        return totals
    }

    /// How many current areas lie directly below `parent`.
    public func childCount(of parent: AreaPosition) async throws -> Int {
        guard let filter = Self.childFilter(parent) else { return 0 }
        return try await db.raw("SELECT COUNT(*) AS n FROM areas a WHERE \(filter)").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Villages per child of `parent` (communes of a province, provinces of the nation), with how
    /// many of the child's communes have any village at all: from `commune_villages`, one row
    /// per commune kept by triggers, so the national figure reads 3,321 rows at any size.
    public func villageCounts(of parent: AreaPosition) async throws -> [Int64: (villages: Int, communesWithVillages: Int)] {
        let filter: SQLQueryString, group: SQLQueryString
        switch parent.level {
        case .nation: (filter, group) = ("1 = 1", "c.province_id")
        case .province: (filter, group) = ("c.province_id = \(bind: parent.provinceID)", "c.id")
        case .commune, .district, .village: return [:]
        }
        var counts: [Int64: (Int, Int)] = [:]
        for row in try await db.raw("""
            SELECT \(group) AS child, CAST(SUM(cv.villages) AS BIGINT) AS n, COUNT(*) AS communes
            FROM commune_villages cv JOIN areas c ON c.id = cv.commune_id
            WHERE cv.villages > 0 AND \(filter) GROUP BY \(group)
            """).all() {
            counts[try row.decode(column: "child", as: Int64.self)] = (try row.decode(column: "n", as: Int.self), try row.decode(column: "communes", as: Int.self))
        }
        return counts
    }

    /// Commune village counts that differ from a recount of `areas` (empty when exact), for `rollups verify`.
    public func villageCountDrift() async throws -> [(communeID: Int64, stored: Int, counted: Int)] {
        try await db.raw("""
            SELECT c.id AS commune_id, COALESCE(cv.villages, -1) AS stored,
                   (SELECT COUNT(*) FROM areas v WHERE v.level = 'village' AND v.valid_to IS NULL AND v.commune_id = c.id) AS counted
            FROM areas c LEFT JOIN commune_villages cv ON cv.commune_id = c.id WHERE c.level = 'commune'
            """).all().compactMap { row in
            let stored = try row.decode(column: "stored", as: Int.self), counted = try row.decode(column: "counted", as: Int.self)
            return stored == counted ? nil : (try row.decode(column: "commune_id", as: Int64.self), stored, counted)
        }
    }

    /// Recounts `commune_villages` from `areas` (with `hoctap rollups rebuild`); returns the rows.
    @discardableResult
    public func rebuildVillageCounts() async throws -> Int {
        try await db.raw("DELETE FROM commune_villages").run()
        try await db.raw("""
            INSERT INTO commune_villages (commune_id, villages)
            SELECT c.id, (SELECT COUNT(*) FROM areas v WHERE v.level = 'village' AND v.valid_to IS NULL AND v.commune_id = c.id)
            FROM areas c WHERE c.level = 'commune'
            """).run()
        return try await db.raw("SELECT COUNT(*) AS n FROM commune_villages").first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The current communes in the subtree of `area` (the denominator of the commune-level community).
    public func communeCount(within area: AreaPosition) async throws -> Int {
        let filter: SQLQueryString
        switch area.level {
        case .nation: filter = "1 = 1"
        case .province: filter = "a.province_id = \(bind: area.provinceID)"
        case .commune: filter = "a.id = \(bind: area.communeID)"
        case .district, .village: return 0
        }
        return try await db.raw("SELECT COUNT(*) AS n FROM areas a WHERE a.level = 'commune' AND a.valid_to IS NULL AND \(filter)")
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// Creates or replaces an entry. A replacement names the version it replaces; a stale one is a conflict.
    public func save(_ record: DenominatorRecord, expectedVersion: Int?) async throws {
        if let expectedVersion {
            let updated = try await db.raw("""
                UPDATE denominators SET value = \(bind: record.value), source = \(bind: record.source), entered_by_label = \(bind: record.enteredBy),
                    entered_at = \(bind: record.enteredAt.epochSeconds), version = version + 1
                WHERE area_id = \(bind: record.areaID) AND year = \(bind: record.year) AND kind = \(bind: record.kind.rawValue)
                    AND version = \(bind: expectedVersion) RETURNING version
                """).all()
            if updated.isEmpty { throw VersionConflict(entity: "Số liệu \(record.kind.label) năm \(record.year)") }
        } else {
            let inserted = try await db.raw("""
                INSERT INTO denominators (area_id, year, kind, value, source, entered_by_label, entered_at, version)
                VALUES (\(bind: record.areaID), \(bind: record.year), \(bind: record.kind.rawValue), \(bind: record.value), \(bind: record.source),
                        \(bind: record.enteredBy), \(bind: record.enteredAt.epochSeconds), 1)
                ON CONFLICT (area_id, year, kind) DO NOTHING RETURNING version
                """).all()
            if inserted.isEmpty { throw VersionConflict(entity: "Số liệu \(record.kind.label) năm \(record.year)") }
        }
    }
}
