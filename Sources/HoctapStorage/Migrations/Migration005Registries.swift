/// Registries of the subjects evaluated: households and their members, learning citizens,
/// units and clans. Every row carries the province, commune (and village) it belongs to, the
/// same denormalised scope columns as `areas`, so "inside this subtree" stays an equality.
enum Migration005Registries {
    static let migration = Migration(version: 5, name: "registries") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE households (
                id \(key),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT NOT NULL REFERENCES areas (id),
                -- numbered per village; the code "<village code>-<sequence>" is printed on forms
                sequence INTEGER NOT NULL,
                code TEXT NOT NULL,
                head_name TEXT NOT NULL,
                address TEXT NOT NULL DEFAULT '',
                search_text TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (commune_id, code),
                UNIQUE (village_id, sequence)
            )
            """,
            "CREATE INDEX households_village ON households (village_id, id)",
            "CREATE INDEX households_province ON households (province_id)",
            """
            CREATE TABLE persons (
                id \(key),
                household_id BIGINT REFERENCES households (id) ON DELETE CASCADE,
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT REFERENCES areas (id),
                full_name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                birth_year INTEGER,
                sex TEXT CHECK (sex IN ('male', 'female')),
                relation TEXT,
                schooling TEXT,
                literate SMALLINT,
                studying SMALLINT,
                -- set for learning citizens (QĐ 324/QĐ-KHVN)
                target_group TEXT CHECK (target_group IN ('resident', 'worker', 'staff', 'student')),
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX persons_household ON persons (household_id)",
            "CREATE INDEX persons_commune_group ON persons (commune_id, target_group)",
            """
            CREATE TABLE personal_ids (
                -- keyed hash (HMAC-SHA256) of the 12 digits: unique in the country, useless without the key
                id_hash TEXT PRIMARY KEY,
                person_id BIGINT NOT NULL UNIQUE REFERENCES persons (id) ON DELETE CASCADE,
                -- AES-GCM sealed digits, for the few who may read them
                sealed TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE units (
                id \(key),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT REFERENCES areas (id),
                name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                kind TEXT NOT NULL,
                staff_count INTEGER,
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX units_commune ON units (commune_id, id)",
            """
            CREATE TABLE clans (
                id \(key),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT REFERENCES areas (id),
                name TEXT NOT NULL,
                search_name TEXT NOT NULL,
                head_name TEXT NOT NULL DEFAULT '',
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX clans_commune ON clans (commune_id, id)",
            """
            CREATE TABLE clan_households (
                clan_id BIGINT NOT NULL REFERENCES clans (id) ON DELETE CASCADE,
                household_id BIGINT NOT NULL REFERENCES households (id) ON DELETE CASCADE,
                PRIMARY KEY (clan_id, household_id)
            )
            """,
            "CREATE INDEX clan_households_household ON clan_households (household_id)",
        ]
    }
}
