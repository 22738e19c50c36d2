/// Exemplary learning models (mô hình tiêu biểu): a recognised evaluation nominated with a
/// story, the consent that decides whether names and photos are public, and the province's
/// decision; approved ones are searchable through the shared full-text recipe.
enum Migration018Exemplary {
    static let migration = Migration(version: 18, name: "exemplary models") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE exemplary_models (
                id \(key),
                evaluation_id BIGINT NOT NULL UNIQUE REFERENCES evaluations (id),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT REFERENCES areas (id),
                year INTEGER NOT NULL,
                model TEXT NOT NULL,
                subject_name TEXT NOT NULL,
                story TEXT NOT NULL,
                -- 1 when the people concerned agreed to their name and photos being published
                consent INTEGER NOT NULL,
                consent_note TEXT NOT NULL,
                state TEXT NOT NULL,
                nominated_by_label TEXT NOT NULL,
                nominated_at BIGINT NOT NULL,
                decided_by_label TEXT,
                decided_at BIGINT,
                decision_note TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                search_text TEXT NOT NULL
            )
            """,
            "CREATE INDEX exemplary_board ON exemplary_models (state, province_id, year, id)",
            "CREATE INDEX exemplary_commune ON exemplary_models (commune_id, id)",
            """
            CREATE TABLE exemplary_photos (
                id \(key),
                model_id BIGINT NOT NULL REFERENCES exemplary_models (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX exemplary_photos_model ON exemplary_photos (model_id, id)",
        ] + FullTextIndex.statements(table: "exemplary_models", index: "exemplary_search", engine: engine)
    }
}
