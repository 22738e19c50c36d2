/// The administrative hierarchy: effective-dated areas and the old → new succession links.
enum Migration001Areas {
    static let migration = Migration(version: 1, name: "areas") { engine in
        [
            """
            CREATE TABLE areas (
                id \(SQLTypes.primaryKey(engine)),
                code TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('nation', 'province', 'district', 'commune', 'village')),
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                full_name TEXT NOT NULL,
                -- name folded for search: no diacritics, lower case, đ → d
                search_name TEXT NOT NULL,
                parent_id BIGINT REFERENCES areas (id),
                -- the current province / commune whose subtree holds this area (itself for a
                -- province / commune); scope checks compare these instead of walking the tree
                province_id BIGINT REFERENCES areas (id),
                commune_id BIGINT REFERENCES areas (id),
                valid_from TEXT,
                valid_to TEXT,
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
            )
            """,
            // A code names one current unit per level; ended units are told apart by their end date.
            "CREATE UNIQUE INDEX areas_current_code ON areas (level, code) WHERE valid_to IS NULL",
            "CREATE UNIQUE INDEX areas_ended_code ON areas (level, code, valid_to) WHERE valid_to IS NOT NULL",
            "CREATE INDEX areas_parent ON areas (parent_id, level)",
            "CREATE INDEX areas_province ON areas (province_id, level)",
            "CREATE INDEX areas_commune ON areas (commune_id, level)",
            "CREATE INDEX areas_search ON areas (search_name)",
            """
            INSERT INTO areas (code, level, kind, name, full_name, search_name, created_at, updated_at)
            VALUES ('VN', 'nation', 'nation', 'Việt Nam', 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam', 'viet nam | nuoc cong hoa xa hoi chu nghia viet nam', 0, 0)
            """,
            """
            CREATE TABLE area_successions (
                old_area_id BIGINT NOT NULL REFERENCES areas (id),
                new_area_id BIGINT NOT NULL REFERENCES areas (id),
                part TEXT NOT NULL CHECK (part IN ('full', 'partial')),
                PRIMARY KEY (old_area_id, new_area_id)
            )
            """,
            "CREATE INDEX area_successions_new ON area_successions (new_area_id)",
        ]
    }
}
