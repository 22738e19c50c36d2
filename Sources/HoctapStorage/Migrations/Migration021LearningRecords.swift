/// Learning citizens' digital skills per year (what QĐ 677/QĐ-TTg counts) and the entries of
/// a person's lifelong-learning record kept by officers.
enum Migration021LearningRecords {
    static let migration = Migration(version: 21, name: "digital skills and learning records") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE digital_skills (
                person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
                year INTEGER NOT NULL,
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                level TEXT NOT NULL CHECK (level IN ('chua-dat', 'co-ban', 'thanh-thao')),
                note TEXT NOT NULL DEFAULT '',
                recorded_by_label TEXT NOT NULL,
                recorded_at BIGINT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (person_id, year)
            )
            """,
            "CREATE INDEX digital_skills_commune ON digital_skills (commune_id, year)",
            """
            CREATE TABLE learning_entries (
                id \(key),
                person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                title TEXT NOT NULL,
                provider TEXT NOT NULL DEFAULT '',
                starts_on TEXT NOT NULL,
                ends_on TEXT,
                hours DOUBLE PRECISION,
                certificate TEXT NOT NULL DEFAULT '',
                recorded_by_label TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX learning_entries_person ON learning_entries (person_id, starts_on)",
        ]
    }
}
