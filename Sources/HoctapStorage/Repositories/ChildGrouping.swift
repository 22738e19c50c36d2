import HoctapDomain
import SQLKit

/// Counts per child of an area, for the movement figures: grouped by `province_id` under the
/// nation and by `commune_id` under a province (or a commune, which is its own only child), on any
/// table carrying the registry's scope columns.
struct ChildGrouping {
    let parent: AreaPosition
    /// The column that names the child a row belongs to.
    let column: String

    /// `nil` below the commune, where there is nothing to group.
    init?(_ parent: AreaPosition) {
        switch parent.level {
        case .nation: column = "province_id"
        case .province, .commune: column = "commune_id"
        case .district, .village: return nil
        }
        self.parent = parent
    }

    /// `alias.<column>`, for SELECT and GROUP BY.
    func child(_ alias: String) -> SQLQueryString { "\(ident: alias).\(ident: column)" }

    /// Rows of `alias` inside the parent.
    func inside(_ alias: String) -> SQLQueryString { ScopeFilter.subjects(parent, alias: alias) }

    /// Runs `sql` (which names the child `area_id`) and folds each row into the child's entry.
    func collect<Counts>(_ sql: SQLQueryString, on db: any SQLDatabase, into counts: inout [Area.ID: Counts], empty: @autoclosure () -> Counts,
                         _ apply: (inout Counts, any SQLRow) throws -> Void) async throws {
        for row in try await db.raw(sql).all() {
            let id = try row.decode(column: "area_id", as: Int64.self)
            var entry = counts[id] ?? empty()
            try apply(&entry, row)
            counts[id] = entry
        }
    }
}
