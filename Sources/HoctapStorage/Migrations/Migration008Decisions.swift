/// The council's meetings with what each approved or rejected, and the commune's numbered
/// recognition decisions with their lists. Decisions are never edited: a correction is a new
/// decision that names the one it amends.
enum Migration008Decisions {
    static let migration = Migration(version: 8, name: "council and decisions") { engine in
        let key = SQLTypes.primaryKey(engine)
        return [
            """
            CREATE TABLE council_meetings (
                id \(key),
                cycle_id BIGINT NOT NULL REFERENCES evaluation_cycles (id),
                held_on TEXT NOT NULL,
                members TEXT NOT NULL,
                minutes TEXT NOT NULL,
                recorded_by_label TEXT NOT NULL,
                recorded_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE council_outcomes (
                meeting_id BIGINT NOT NULL REFERENCES council_meetings (id),
                evaluation_id BIGINT NOT NULL REFERENCES evaluations (id),
                approved SMALLINT NOT NULL,
                reason TEXT,
                PRIMARY KEY (meeting_id, evaluation_id)
            )
            """,
            """
            CREATE TABLE decisions (
                id \(key),
                cycle_id BIGINT NOT NULL REFERENCES evaluation_cycles (id),
                commune_id BIGINT NOT NULL REFERENCES areas (id),
                number TEXT NOT NULL,
                -- the number folded (case, diacritics, đ): "125/QĐ-UBND" and "125/qđ-ubnd" are the same decision number
                number_key TEXT NOT NULL,
                signed_on TEXT NOT NULL,
                signer_name TEXT NOT NULL,
                signer_title TEXT NOT NULL,
                legal_basis TEXT NOT NULL,
                valid_until TEXT,
                amends_id BIGINT REFERENCES decisions (id),
                issued_by_label TEXT NOT NULL,
                issued_at BIGINT NOT NULL,
                UNIQUE (commune_id, number_key)
            )
            """,
            """
            CREATE TABLE decision_subjects (
                decision_id BIGINT NOT NULL REFERENCES decisions (id),
                evaluation_id BIGINT NOT NULL REFERENCES evaluations (id),
                subject_name TEXT NOT NULL,
                verdict_label TEXT NOT NULL,
                PRIMARY KEY (decision_id, evaluation_id)
            )
            """,
            "CREATE INDEX decision_subjects_evaluation ON decision_subjects (evaluation_id)",
        ]
    }
}
