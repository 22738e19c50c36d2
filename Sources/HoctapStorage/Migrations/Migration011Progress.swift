/// What the progress percentages divide by and aim at: denominators per area, year and kind
/// (with their source), programme plans with their targets, and the classes of areas that some
/// targets single out.
enum Migration011Progress {
    static let migration = Migration(version: 11, name: "denominators and targets") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE denominators (
                -- the area, or 0 for the whole country
                area_id BIGINT NOT NULL,
                year INTEGER NOT NULL,
                kind TEXT NOT NULL,
                value BIGINT NOT NULL CHECK (value >= 0),
                source TEXT NOT NULL,
                entered_by_label TEXT NOT NULL,
                entered_at BIGINT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                PRIMARY KEY (area_id, year, kind)
            )
            """,
            "CREATE INDEX denominators_year_kind ON denominators (year, kind, area_id)",
            """
            CREATE TABLE plans (
                id \(key),
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                document_number TEXT NOT NULL,
                document_date TEXT,
                issuer TEXT NOT NULL,
                -- the province a province plan binds, or 0 for a national plan
                scope_area_id BIGINT NOT NULL,
                from_year INTEGER NOT NULL,
                to_year INTEGER NOT NULL CHECK (from_year <= to_year),
                provenance TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                updated_by_label TEXT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE plan_targets (
                plan_id BIGINT NOT NULL REFERENCES plans (id),
                indicator TEXT NOT NULL,
                year INTEGER NOT NULL,
                -- '' for every area, or a class such as 'xa-kho-khan'
                area_class TEXT NOT NULL,
                -- the target in percent; NULL while the figure is not known
                percent DOUBLE PRECISION CHECK (percent IS NULL OR (percent >= 0 AND percent <= 100)),
                status TEXT NOT NULL,
                note TEXT,
                PRIMARY KEY (plan_id, indicator, year, area_class)
            )
            """,
            """
            CREATE TABLE area_classes (
                area_id BIGINT NOT NULL REFERENCES areas (id),
                class TEXT NOT NULL,
                PRIMARY KEY (area_id, class)
            )
            """,
        ]
    }
}
