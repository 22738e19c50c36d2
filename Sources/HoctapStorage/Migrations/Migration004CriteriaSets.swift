/// Criteria sets: immutable published versions, and one editable draft per set.
enum Migration004CriteriaSets {
    static let migration = Migration(version: 4, name: "criteria sets") { engine in
        var statements = [
            """
            CREATE TABLE criteria_set_versions (
                id \(SQLTypes.primaryKey(engine)),
                set_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                model TEXT NOT NULL,
                name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('official', 'draft', 'incomplete')),
                target_group TEXT,
                -- a province variant's province; NULL for national sets
                province_id BIGINT REFERENCES areas (id),
                parent_set_id TEXT,
                parent_version INTEGER,
                effective_from TEXT,
                effective_to TEXT,
                -- the canonical YAML of the set: what evaluations pinned to this version were scored with
                yaml TEXT NOT NULL,
                content_hash TEXT NOT NULL,
                published_at BIGINT NOT NULL,
                published_by BIGINT REFERENCES accounts (id),
                published_by_label TEXT NOT NULL,
                UNIQUE (set_id, version)
            )
            """,
            "CREATE INDEX criteria_set_versions_model ON criteria_set_versions (model, province_id)",
            """
            CREATE TABLE criteria_set_drafts (
                set_id TEXT PRIMARY KEY,
                province_id BIGINT REFERENCES areas (id),
                -- kept as typed, valid or not, so that nothing an editor wrote is lost
                yaml TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by_label TEXT NOT NULL
            )
            """,
        ]
        // Published versions never change: the database itself refuses updates and deletes.
        switch engine {
        case .sqlite:
            statements += [
                """
                CREATE TRIGGER criteria_set_versions_no_update BEFORE UPDATE ON criteria_set_versions
                BEGIN SELECT RAISE(ABORT, 'published criteria set versions are immutable'); END
                """,
                """
                CREATE TRIGGER criteria_set_versions_no_delete BEFORE DELETE ON criteria_set_versions
                BEGIN SELECT RAISE(ABORT, 'published criteria set versions are immutable'); END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE FUNCTION criteria_set_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'published criteria set versions are immutable'; END $$
                """,
                """
                CREATE TRIGGER criteria_set_versions_immutable BEFORE UPDATE OR DELETE ON criteria_set_versions
                FOR EACH ROW EXECUTE FUNCTION criteria_set_versions_immutable()
                """,
            ]
        }
        return statements
    }
}
