import SQLKit

/// The condition that finds rows of a table indexed by `FullTextIndex` containing a word that
/// starts with every term. Terms come from `SearchText.terms` (folded letters and digits only),
/// and are bound, never spliced: query syntax of either engine stays plain words.
enum FullTextQuery {
    /// `alias.id` is among the matches of `index` (SQLite FTS5), or `alias.search_vector`
    /// matches (PostgreSQL).
    static func filter(_ terms: [String], index: String, alias: String, on db: any SQLDatabase) -> SQLQueryString {
        if db.dialect.name == "postgresql" {
            return "\(ident: alias).search_vector @@ to_tsquery('simple', \(bind: terms.map { "\($0):*" }.joined(separator: " & ")))"
        }
        return "\(ident: alias).id IN (SELECT rowid FROM \(ident: index) WHERE \(ident: index) MATCH \(bind: terms.map { "\"\($0)\"*" }.joined(separator: " AND ")))"
    }
}
