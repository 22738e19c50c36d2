/// Evidence: files stored once by their SHA-256 (content-addressed, under the data directory),
/// evidence records with their code, and the items each supports.
enum Migration007Evidence {
    static let migration = Migration(version: 7, name: "evidence") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE evidence_files (
                sha256 TEXT PRIMARY KEY,
                media_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                stored_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE evidence (
                id \(key),
                evaluation_id BIGINT NOT NULL REFERENCES evaluations (id),
                code TEXT NOT NULL UNIQUE,
                file_sha256 TEXT REFERENCES evidence_files (sha256),
                -- shown to people only; files are never stored under a client-supplied name
                original_name TEXT,
                note TEXT NOT NULL DEFAULT '',
                link TEXT,
                captured_at BIGINT NOT NULL,
                added_by_label TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX evidence_evaluation ON evidence (evaluation_id, id)",
            """
            CREATE TABLE evidence_items (
                evidence_id BIGINT NOT NULL REFERENCES evidence (id),
                cycle_id BIGINT NOT NULL REFERENCES evaluation_cycles (id),
                item_id TEXT NOT NULL,
                PRIMARY KEY (evidence_id, item_id)
            )
            """,
            "CREATE INDEX evidence_items_cycle_item ON evidence_items (cycle_id, item_id)",
        ]
    }
}
