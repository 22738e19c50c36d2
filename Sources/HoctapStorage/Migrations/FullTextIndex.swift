/// The full-text index recipe every searchable table shares (library records, articles,
/// documents): the table holds `search_text`, its words already folded by `SearchText`; SQLite
/// keeps an FTS5 external-content table in step by triggers, PostgreSQL a generated
/// `tsvector` in the 'simple' configuration (no stemming) with a GIN index. Both engines then
/// see the same plain words, so both answer the same set.
enum FullTextIndex {
    /// The statements that index `table`'s `search_text` under the name `index`.
    static func statements(table: String, index: String, engine: DatabaseEngine) -> [String] {
        switch engine {
        case .sqlite:
            [
                "CREATE VIRTUAL TABLE \(index) USING fts5(search_text, content='\(table)', content_rowid='id', tokenize='unicode61')",
                """
                CREATE TRIGGER \(index)_insert AFTER INSERT ON \(table)
                BEGIN INSERT INTO \(index) (rowid, search_text) VALUES (NEW.id, NEW.search_text); END
                """,
                """
                CREATE TRIGGER \(index)_delete AFTER DELETE ON \(table)
                BEGIN INSERT INTO \(index) (\(index), rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text); END
                """,
                """
                CREATE TRIGGER \(index)_update AFTER UPDATE OF search_text ON \(table)
                BEGIN
                    INSERT INTO \(index) (\(index), rowid, search_text) VALUES ('delete', OLD.id, OLD.search_text);
                    INSERT INTO \(index) (rowid, search_text) VALUES (NEW.id, NEW.search_text);
                END
                """,
            ]
        case .postgres:
            [
                "ALTER TABLE \(table) ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
                "CREATE INDEX \(table)_search ON \(table) USING GIN (search_vector)",
            ]
        }
    }
}
