/// The audit trail becomes tamper-evident: each entry carries its place in one sequence and a
/// SHA-256 hash over its content and the previous entry's hash; the head of the chain is one row
/// that every append locks, so the sequence has no gaps and no forks.
enum Migration012AuditChain {
    static let migration = Migration(version: 12, name: "audit hash chain") { _ in
        [
            "ALTER TABLE audit_events ADD COLUMN seq BIGINT",
            "ALTER TABLE audit_events ADD COLUMN prev_hash TEXT",
            "ALTER TABLE audit_events ADD COLUMN hash TEXT",
            "CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq)",
            """
            CREATE TABLE audit_chain (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_seq BIGINT NOT NULL,
                last_hash TEXT NOT NULL
            )
            """,
            "INSERT INTO audit_chain (id, last_seq, last_hash) VALUES (1, 0, '\(AuditChain.genesis)')",
        ]
    }
}
