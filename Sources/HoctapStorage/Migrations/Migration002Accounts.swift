/// Accounts bound to areas, server-side sessions, and login throttling.
enum Migration002Accounts {
    static let migration = Migration(version: 2, name: "accounts and sessions") { engine in
        [
            """
            CREATE TABLE accounts (
                id \(SQLTypes.primaryKey(engine)),
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('national_admin', 'province_officer', 'commune_officer',
                    'commune_authority', 'council_member', 'village_officer', 'viewer')),
                area_id BIGINT NOT NULL REFERENCES areas (id),
                disabled_at BIGINT,
                password_changed_at BIGINT NOT NULL,
                created_by BIGINT REFERENCES accounts (id),
                version INTEGER NOT NULL DEFAULT 1,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX accounts_area ON accounts (area_id)",
            // Only a SHA-256 of the session token is stored: a copy of the table opens no session.
            """
            CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
                kind TEXT NOT NULL CHECK (kind IN ('browser', 'api')),
                csrf_token TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                client_address TEXT,
                user_agent TEXT
            )
            """,
            "CREATE INDEX sessions_account ON sessions (account_id)",
            "CREATE INDEX sessions_expiry ON sessions (expires_at)",
            // Failed logins per key ("account:<name>", "address:<ip>"), shared by every app server.
            """
            CREATE TABLE login_throttles (
                throttle_key TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                window_started_at BIGINT NOT NULL,
                locked_until BIGINT
            )
            """,
        ]
    }
}
