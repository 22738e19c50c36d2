/// The yearly cycle: a commune opens a cycle per model with the criteria set version in force;
/// each registered subject gets one evaluation whose every state change is an event.
enum Migration006Evaluations {
    static let migration = Migration(version: 6, name: "evaluation cycles") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE evaluation_cycles (
                id \(key),
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                year INTEGER NOT NULL,
                model TEXT NOT NULL,
                -- the criteria set version every evaluation of the cycle is scored with
                set_id TEXT NOT NULL,
                set_version INTEGER NOT NULL,
                opened_at BIGINT NOT NULL,
                opened_by_label TEXT NOT NULL,
                UNIQUE (commune_id, year, set_id),
                FOREIGN KEY (set_id, set_version) REFERENCES criteria_set_versions (set_id, version)
            )
            """,
            """
            CREATE TABLE evaluations (
                id \(key),
                cycle_id BIGINT NOT NULL REFERENCES evaluation_cycles (id),
                -- household, clan, village, commune, unit or person
                subject_kind TEXT NOT NULL,
                subject_id BIGINT NOT NULL,
                subject_name TEXT NOT NULL,
                province_id BIGINT NOT NULL REFERENCES areas (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                village_id BIGINT REFERENCES areas (id),
                state TEXT NOT NULL,
                -- the answers as JSON (ScoringInput), and the verdict they give
                answers TEXT NOT NULL,
                verdict_code TEXT,
                verdict_label TEXT,
                verdict_rank INTEGER,
                total DOUBLE PRECISION,
                -- the answers the council approved, to show what changed if they are edited afterwards
                approved_answers TEXT,
                -- a random key for the subject's own read-only view of its result (a link handed to the household)
                share_token TEXT NOT NULL UNIQUE,
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (cycle_id, subject_kind, subject_id)
            )
            """,
            "CREATE INDEX evaluations_cycle_state ON evaluations (cycle_id, state)",
            "CREATE INDEX evaluations_village ON evaluations (village_id, cycle_id)",
            """
            CREATE TABLE evaluation_events (
                id \(key),
                evaluation_id BIGINT NOT NULL REFERENCES evaluations (id),
                action TEXT NOT NULL,
                from_state TEXT NOT NULL,
                to_state TEXT NOT NULL,
                reason TEXT,
                actor_id BIGINT REFERENCES accounts (id),
                actor_label TEXT NOT NULL,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX evaluation_events_evaluation ON evaluation_events (evaluation_id, id)",
        ]
    }
}
