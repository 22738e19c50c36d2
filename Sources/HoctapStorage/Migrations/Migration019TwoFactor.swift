/// The optional second factor of an account: a TOTP secret (sealed with a key from outside the
/// database), one being set up until its first code is confirmed, and the last step used, so
/// that a code works once.
enum Migration019TwoFactor {
    static let migration = Migration(version: 19, name: "two-factor sign-in") { _ in
        [
            "ALTER TABLE accounts ADD COLUMN totp_secret TEXT",
            "ALTER TABLE accounts ADD COLUMN totp_pending TEXT",
            "ALTER TABLE accounts ADD COLUMN totp_last_step BIGINT",
        ]
    }
}
