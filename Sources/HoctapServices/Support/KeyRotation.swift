import Crypto
import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What one rotation rewrote.
public struct KeyRotationReport: Sendable, Equatable {
    public var personalIDs: Int
    public var secrets: Int
}

/// Re-seals every citizen ID number and every two-factor secret under a new master key, in one
/// transaction (issue 18): a key that may have leaked is retired without a window in which
/// some records answer to the old key and some to the new. The lookup hashes change with the
/// key, so they are recomputed from the digits; every new seal is bound to its record.
///
/// Servers hold the key in memory: stop them, rotate, start them with the new key.
public struct KeyRotation: Sendable {
    let database: any Database
    let old: PersonalDataProtector
    let new: PersonalDataProtector
    /// Rows re-sealed per statement batch; the transaction still covers them all.
    let batch = 2_000

    public init(database: any Database, old: PersonalDataProtector, new: PersonalDataProtector) {
        self.database = database
        self.old = old
        self.new = new
    }

    public func run(at moment: Date) async throws -> KeyRotationReport {
        try await database.transaction { db in
            var report = KeyRotationReport(personalIDs: 0, secrets: 0)
            // By person id, which does not change: the lookup hash, the row's key, does.
            var after: Int64 = 0
            while true {
                let rows = try await db.raw("""
                    SELECT person_id, id_hash, sealed FROM personal_ids WHERE person_id > \(bind: after) ORDER BY person_id LIMIT \(literal: batch)
                    """).all()
                guard let last = rows.last else { break }
                for row in rows {
                    let hash = try row.decode(column: "id_hash", as: String.self)
                    let id = try old.open(try row.decode(column: "sealed", as: String.self), hash: hash)
                    try await db.raw("""
                        UPDATE personal_ids SET id_hash = \(bind: new.lookupHash(id)), sealed = \(bind: try new.seal(id)) WHERE id_hash = \(bind: hash)
                        """).run()
                }
                report.personalIDs += rows.count
                after = try last.decode(column: "person_id", as: Int64.self)
            }
            let accounts = try await db.raw("""
                SELECT id, totp_secret, totp_pending FROM accounts WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL
                """).all()
            for row in accounts {
                let account = try row.decode(column: "id", as: Int64.self)
                func reseal(_ column: String) throws -> String? {
                    try row.decode(column: column, as: String?.self).map { try new.sealSecret(try old.openSecret($0, account: account), account: account) }
                }
                try await db.raw("""
                    UPDATE accounts SET totp_secret = \(bind: try reseal("totp_secret")), totp_pending = \(bind: try reseal("totp_pending"))
                    WHERE id = \(bind: account)
                    """).run()
                report.secrets += 1
            }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(accountID: nil, label: "hoctap keys rotate"), action: "keys.rotate", entityType: "personal_data_key",
                entityID: nil, area: nil,
                summary: "Đổi khóa dữ liệu cá nhân: niêm phong lại \(report.personalIDs) số định danh và \(report.secrets) khóa xác thực hai bước"),
                at: moment)
            return report
        }
    }
}
