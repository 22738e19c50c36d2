/// Libraries' OAI-PMH endpoints and the Dublin Core records harvested from them, with a
/// full-text index over each record's folded words (`SearchText.indexed`): SQLite FTS5 as an
/// external-content table kept by triggers, PostgreSQL a generated `tsvector` ('simple'
/// configuration, so no stemming: both engines see the same plain words) with a GIN index.
enum Migration016Library {
    static let migration = Migration(version: 16, name: "library harvesting") { engine in
        let key = SQLTypes.primaryKey(engine)
        var statements = [
            """
            CREATE TABLE library_sources (
                id \(key),
                name TEXT NOT NULL,
                base_url TEXT NOT NULL UNIQUE,
                -- harvest one set only, when given
                set_spec TEXT,
                -- the province whose readers the library serves; NULL for a national one
                province_id BIGINT REFERENCES areas (id),
                repository_name TEXT NOT NULL DEFAULT '',
                granularity TEXT NOT NULL DEFAULT '',
                -- the library's sets as JSON [[spec, name], …]
                sets TEXT NOT NULL DEFAULT '[]',
                -- the `from` of the next incremental harvest: the responseDate of the last complete one
                harvested_until TEXT,
                last_run_at BIGINT,
                last_success_at BIGINT,
                -- new, ok or failed, with what happened in words
                last_status TEXT NOT NULL DEFAULT 'new',
                last_message TEXT NOT NULL DEFAULT '',
                record_count INTEGER NOT NULL DEFAULT 0,
                version INTEGER NOT NULL DEFAULT 1,
                created_by_label TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE library_records (
                id \(key),
                source_id BIGINT NOT NULL REFERENCES library_sources (id) ON DELETE CASCADE,
                identifier TEXT NOT NULL,
                datestamp TEXT NOT NULL,
                title TEXT NOT NULL,
                creators TEXT NOT NULL,
                subjects TEXT NOT NULL,
                description TEXT NOT NULL,
                issued TEXT NOT NULL,
                kind TEXT NOT NULL,
                link TEXT,
                -- the whole Dublin Core record as JSON
                metadata TEXT NOT NULL,
                search_text TEXT NOT NULL,
                harvested_at BIGINT NOT NULL,
                UNIQUE (source_id, identifier)
            )
            """,
        ]
        statements += FullTextIndex.statements(table: "library_records", index: "library_search", engine: engine)
        return statements
    }
}
