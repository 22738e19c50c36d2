/// The association's network: the commune association, village branches and boards of units,
/// clans and religious establishments, their figures per year and their officers; and the
/// training courses officers attend.
enum Migration022AssociationNetwork {
    static let migration = Migration(version: 22, name: "association network and training") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE association_bodies (
                id \(key),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT REFERENCES areas (id),
                kind TEXT NOT NULL CHECK (kind IN ('hoi-xa', 'chi-hoi-thon', 'ban-don-vi', 'ban-dong-ho', 'ban-co-so-ton-giao')),
                -- the unit or clan a board belongs to
                unit_id BIGINT REFERENCES units (id) ON DELETE CASCADE,
                clan_id BIGINT REFERENCES clans (id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                founded_year INTEGER,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX association_bodies_commune ON association_bodies (commune_id, kind, id)",
            "CREATE INDEX association_bodies_province ON association_bodies (province_id, kind)",
            // One commune association per commune, one branch per village, one board per unit or clan.
            "CREATE UNIQUE INDEX association_one_commune ON association_bodies (commune_id) WHERE kind = 'hoi-xa'",
            "CREATE UNIQUE INDEX association_one_branch ON association_bodies (village_id) WHERE kind = 'chi-hoi-thon'",
            "CREATE UNIQUE INDEX association_one_unit_board ON association_bodies (unit_id) WHERE unit_id IS NOT NULL",
            "CREATE UNIQUE INDEX association_one_clan_board ON association_bodies (clan_id) WHERE clan_id IS NOT NULL",
            """
            CREATE TABLE association_years (
                body_id BIGINT NOT NULL REFERENCES association_bodies (id) ON DELETE CASCADE,
                year INTEGER NOT NULL,
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                members INTEGER NOT NULL CHECK (members >= 0),
                studied INTEGER NOT NULL CHECK (studied >= 0 AND studied <= members),
                active SMALLINT NOT NULL CHECK (active IN (0, 1)),
                version INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (body_id, year)
            )
            """,
            "CREATE INDEX association_years_commune ON association_years (commune_id, year)",
            """
            CREATE TABLE association_officers (
                id \(key),
                body_id BIGINT NOT NULL REFERENCES association_bodies (id) ON DELETE CASCADE,
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                full_name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                position TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX association_officers_body ON association_officers (body_id, id)",
            "CREATE INDEX association_officers_commune ON association_officers (commune_id, id)",
            """
            CREATE TABLE training_courses (
                id \(key),
                -- the organising area (the nation, a province or a commune): who may see and record it
                area_id BIGINT NOT NULL REFERENCES areas (id),
                province_id BIGINT REFERENCES areas (id),
                commune_id BIGINT REFERENCES areas (id),
                year INTEGER NOT NULL,
                topic TEXT NOT NULL CHECK (topic IN ('cntt', 'tieu-chi', 'nghiep-vu')),
                title TEXT NOT NULL,
                organiser TEXT NOT NULL,
                starts_on TEXT NOT NULL,
                ends_on TEXT NOT NULL,
                hours DOUBLE PRECISION NOT NULL CHECK (hours > 0),
                created_by_label TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX training_courses_area ON training_courses (area_id, year, id)",
            """
            CREATE TABLE training_attendance (
                course_id BIGINT NOT NULL REFERENCES training_courses (id) ON DELETE CASCADE,
                officer_id BIGINT NOT NULL REFERENCES association_officers (id) ON DELETE CASCADE,
                PRIMARY KEY (course_id, officer_id)
            )
            """,
            "CREATE INDEX training_attendance_officer ON training_attendance (officer_id, course_id)",
        ]
    }
}
