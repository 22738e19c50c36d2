/// Community learning centres (TTHTCĐ): one per commune, its management board (and whether the
/// association's chair or vice-chair sits on it), its classes and activities, and which people
/// of the register attended each (the evidence households' and citizens' assessments suggest).
enum Migration020LearningCentres {
    static let migration = Migration(version: 20, name: "community learning centres") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE learning_centres (
                id \(key),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL UNIQUE REFERENCES areas (id),
                name TEXT NOT NULL,
                established_year INTEGER,
                address TEXT NOT NULL DEFAULT '',
                resources TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX learning_centres_province ON learning_centres (province_id)",
            """
            CREATE TABLE centre_managers (
                id \(key),
                centre_id BIGINT NOT NULL REFERENCES learning_centres (id) ON DELETE CASCADE,
                full_name TEXT NOT NULL,
                position TEXT NOT NULL,
                -- '' or the association office held: 'chair', 'vice-chair' (the QĐ 387 target counts these)
                office TEXT NOT NULL DEFAULT '' CHECK (office IN ('', 'chair', 'vice-chair')),
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX centre_managers_centre ON centre_managers (centre_id, id)",
            """
            CREATE TABLE centre_activities (
                id \(key),
                centre_id BIGINT NOT NULL REFERENCES learning_centres (id),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                year INTEGER NOT NULL,
                kind TEXT NOT NULL,
                topic TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                hours DOUBLE PRECISION NOT NULL CHECK (hours > 0),
                participants INTEGER NOT NULL CHECK (participants > 0),
                created_by_label TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1
            )
            """,
            "CREATE INDEX centre_activities_commune ON centre_activities (commune_id, year, id)",
            "CREATE INDEX centre_activities_province ON centre_activities (province_id, year)",
            """
            CREATE TABLE centre_attendance (
                activity_id BIGINT NOT NULL REFERENCES centre_activities (id) ON DELETE CASCADE,
                person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
                PRIMARY KEY (activity_id, person_id)
            )
            """,
            "CREATE INDEX centre_attendance_person ON centre_attendance (person_id, activity_id)",
        ]
    }
}
