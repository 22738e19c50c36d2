/// The audit trail: who changed what, where and when, with the values before and after.
enum Migration003Audit {
    static let migration = Migration(version: 3, name: "audit events") { engine in
        [
            """
            CREATE TABLE audit_events (
                id \(SQLTypes.primaryKey(engine)),
                occurred_at BIGINT NOT NULL,
                actor_account_id BIGINT REFERENCES accounts (id),
                -- who acted, readable even for command-line actions without an account
                actor_label TEXT NOT NULL,
                action TEXT NOT NULL,
                entity_type TEXT NOT NULL,
                entity_id TEXT,
                -- where it happened, so officials see the trail of their own subtree only
                area_id BIGINT REFERENCES areas (id),
                province_id BIGINT,
                commune_id BIGINT,
                summary TEXT NOT NULL,
                before_json TEXT,
                after_json TEXT
            )
            """,
            "CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id)",
            "CREATE INDEX audit_events_province ON audit_events (province_id, occurred_at)",
            "CREATE INDEX audit_events_commune ON audit_events (commune_id, occurred_at)",
        ]
    }
}
