/// Who opened which household's or person's record, when and how: the access log the
/// personal-data rules ask for. Kept apart from the audit chain on purpose (reads are many,
/// are not changes, and are purged after the retention period the administrator sets), and
/// with the areas copied in so an official's view and the purge never join the registries.
/// Retention settings live beside it: one row per setting, `NULL` days meaning "keep".
enum Migration023PersonalDataReads {
    static let migration = Migration(version: 23, name: "personal-data access log and retention") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE personal_data_reads (
                id \(key),
                occurred_at BIGINT NOT NULL,
                account_id BIGINT,
                actor_label TEXT NOT NULL,
                subject_kind TEXT NOT NULL CHECK (subject_kind IN ('household', 'person')),
                subject_id BIGINT NOT NULL,
                province_id BIGINT NOT NULL,
                commune_id BIGINT NOT NULL,
                purpose TEXT NOT NULL
            )
            """,
            "CREATE INDEX personal_data_reads_subject ON personal_data_reads (subject_kind, subject_id, occurred_at)",
            "CREATE INDEX personal_data_reads_time ON personal_data_reads (occurred_at)",
            """
            CREATE TABLE retention_settings (
                name TEXT PRIMARY KEY,
                days INTEGER CHECK (days IS NULL OR days > 0),
                updated_by_label TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
        ]
    }
}
