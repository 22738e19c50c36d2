import SQLKit

/// Where a page of a list starts. Lists page by key, never by `OFFSET`: the database seeks to
/// the row the cursor names and reads on from there, so the last page of a province costs what
/// the first one does, and rows added meanwhile neither repeat nor vanish between pages.
public enum PageStart: Sendable, Hashable {
    case first
    /// The page after the row with this id: a page's "next" link.
    case after(Int64)
    /// The page before the row with this id: a page's "previous" link.
    case before(Int64)
}

/// A page of rows, how many match in all, and whether there are rows on either side.
public struct PagedRows<Row: Sendable>: Sendable {
    /// Matches are counted up to this many: exact for a commune's lists, bounded for a province
    /// or the country, where counting millions of index entries on every page would cost more
    /// than the page itself.
    public static var countLimit: Int { 10_000 }

    public var rows: [Row]
    /// How many rows match, when `totalCapped` is false; otherwise more than `countLimit` do.
    public var total: Int
    public var totalCapped: Bool
    public var hasPrevious: Bool
    public var hasNext: Bool

    public init(rows: [Row], total: Int, totalCapped: Bool = false, hasPrevious: Bool = false, hasNext: Bool = false) {
        self.rows = rows
        self.total = total
        self.totalCapped = totalCapped
        self.hasPrevious = hasPrevious
        self.hasNext = hasNext
    }

    /// The same page with each row transformed.
    public func map<T: Sendable>(_ transform: (Row) throws -> T) rethrows -> PagedRows<T> {
        PagedRows<T>(rows: try rows.map(transform), total: total, totalCapped: totalCapped, hasPrevious: hasPrevious, hasNext: hasNext)
    }
}

/// A list ordered by columns of one table that are unique together (the last one is usually
/// `id`), read a page at a time from a cursor that is the id of a row of that table.
///
/// The cursor row's own key is looked up inside the query (`(k1, k2) > (SELECT k1, k2 …)`), so
/// cursors stay small opaque numbers and no key value travels through URLs. Both engines compare
/// row values and use an index whose leading columns are the filter's equality and the keys.
struct KeysetList {
    /// `SELECT … FROM <table> <alias> [JOIN …]`, without WHERE.
    var select: SQLQueryString
    /// `<table> <alias>` with what `filter` needs, for counting.
    var countFrom: SQLQueryString
    /// The table the cursor's id belongs to and its alias in `select`.
    var table: String
    var alias: String
    /// The scope and search conditions.
    var filter: SQLQueryString
    /// Columns of `table`, unique together, in the list's order.
    var keys: [String]
    /// Newest first (every key descending), for the portal's lists of what was published.
    var descending = false

    func page<Row: Sendable>(_ start: PageStart, limit: Int, on db: any SQLDatabase,
                             _ decode: (any SQLRow) throws -> Row) async throws -> PagedRows<Row> {
        let limit = max(1, limit)
        let qualified = keys.map { "\(alias).\($0)" }.joined(separator: ", ")
        let lookup = "SELECT \(keys.joined(separator: ", ")) FROM \(table) WHERE id = "
        // Reading forward follows the list's order; reading back runs against it.
        let forward = keys.map { "\(alias).\($0)\(descending ? " DESC" : "")" }.joined(separator: ", ")
        let backward = keys.map { "\(alias).\($0)\(descending ? "" : " DESC")" }.joined(separator: ", ")
        let later = descending ? "<" : ">", earlier = descending ? ">" : "<"
        var rows: [Row]
        var page = PagedRows<Row>(rows: [], total: 0)
        switch start {
        case .first:
            rows = try await db.raw("\(select) WHERE \(filter) ORDER BY \(unsafeRaw: forward) LIMIT \(literal: limit + 1)").all().map(decode)
            page.hasNext = rows.count > limit
            rows = Array(rows.prefix(limit))
        case .after(let id):
            rows = try await db.raw("""
                \(select) WHERE \(filter) AND (\(unsafeRaw: qualified)) \(unsafeRaw: later) (\(unsafeRaw: lookup)\(bind: id))
                ORDER BY \(unsafeRaw: forward) LIMIT \(literal: limit + 1)
                """).all().map(decode)
            page.hasPrevious = true
            page.hasNext = rows.count > limit
            rows = Array(rows.prefix(limit))
        case .before(let id):
            rows = try await db.raw("""
                \(select) WHERE \(filter) AND (\(unsafeRaw: qualified)) \(unsafeRaw: earlier) (\(unsafeRaw: lookup)\(bind: id))
                ORDER BY \(unsafeRaw: backward) LIMIT \(literal: limit + 1)
                """).all().map(decode)
            page.hasNext = true
            page.hasPrevious = rows.count > limit
            rows = Array(rows.prefix(limit).reversed())
        }
        page.rows = rows
        let cap = PagedRows<Row>.countLimit
        let counted = try await db.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(countFrom) WHERE \(filter) LIMIT \(literal: cap + 1)) matching
            """).first(decodingColumn: "n", as: Int.self) ?? 0
        page.total = min(counted, cap)
        page.totalCapped = counted > cap
        return page
    }
}
