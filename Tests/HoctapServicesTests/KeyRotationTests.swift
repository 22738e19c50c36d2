import Crypto
import Foundation
import HoctapDomain
@testable import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

/// Issue 18: seals bound to their record, and the key rotated in one transaction.
@Suite("Personal-data key: binding and rotation")
struct KeyRotationTests {
    static func protector(_ byte: UInt8) -> PersonalDataProtector {
        PersonalDataProtector(masterKey: SymmetricKey(data: Data(repeating: byte, count: 32)))
    }

    @Test("a seal opens only in its own record; seals from before binding still open")
    func binding() throws {
        let key = Self.protector(7)
        let first = try #require(PersonalID(parsing: "001 203 004 005")), second = try #require(PersonalID(parsing: "079 300 123 456"))
        let sealed = try key.seal(first)
        #expect(sealed.hasPrefix(PersonalDataProtector.boundPrefix))
        #expect(try key.open(sealed, hash: key.lookupHash(first)) == first)
        #expect(throws: (any Error).self, "copied into another person's row, it does not open") {
            try key.open(sealed, hash: key.lookupHash(second))
        }
        let secret: [UInt8] = Array(0..<20)
        let sealedSecret = try key.sealSecret(secret, account: 5)
        #expect(try key.openSecret(sealedSecret, account: 5) == secret)
        #expect(throws: (any Error).self, "another account's secret") { try key.openSecret(sealedSecret, account: 6) }
        // A seal written before binding (no prefix, no context) is still read.
        let raw = SymmetricKey(size: .bits256)
        let legacy = try AES.GCM.seal(Data("001203004005".utf8), using: raw).combined!.base64EncodedString()
        #expect(String(decoding: try PersonalDataProtector.open(legacy, key: raw, context: nil), as: UTF8.self) == "001203004005")
    }

    @Test("rotation re-seals every ID number and two-factor secret in one transaction; a bad seal leaves everything as it was",
          arguments: TestDatabases.engines)
    func rotation(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let old = Self.protector(7), new = Self.protector(9)
            let ids = try [PersonalID(parsing: "001203004005"), PersonalID(parsing: "079300123456")].map { try #require($0) }
            let people = try await environment.database.read {
                try await $0.raw("SELECT id FROM persons ORDER BY id LIMIT 3").all().map { try $0.decode(column: "id", as: Int64.self) }
            }
            try #require(people.count == 3)
            let admin = try await actor("admin", environment)
            try await environment.database.transaction { db in
                for (person, id) in zip(people, ids) {
                    try await db.raw("DELETE FROM personal_ids WHERE person_id = \(bind: person)").run()
                    // One written before binding, one after: both are rotated.
                    let sealed = person == people[0] ? try old.seal(id) : try Self.legacySeal(id)
                    try await db.raw("INSERT INTO personal_ids (id_hash, person_id, sealed) VALUES (\(bind: old.lookupHash(id)), \(bind: person), \(bind: sealed))").run()
                }
                try await TwoFactorRepository(db).enable(try old.sealSecret(Array(1...20), account: admin.accountID), step: 1, account: admin.accountID)
            }

            // A seal nobody can open stops the rotation before anything changes.
            try await environment.database.transaction { db in
                try await db.raw("DELETE FROM personal_ids WHERE person_id = \(bind: people[2])").run()
                try await db.raw("INSERT INTO personal_ids (id_hash, person_id, sealed) VALUES ('zz-broken', \(bind: people[2]), '2.AAAA')").run()
            }
            await #expect(throws: (any Error).self) { try await KeyRotation(database: environment.database, old: old, new: new).run(at: Date()) }
            let unchanged = try await environment.database.read {
                try await $0.raw("SELECT COUNT(*) AS n FROM personal_ids WHERE id_hash = \(bind: old.lookupHash(ids[0]))").first(decodingColumn: "n", as: Int.self)
            }
            #expect(unchanged == 1, "rolled back: the old hash still keys its row")
            try await environment.database.transaction { try await $0.raw("DELETE FROM personal_ids WHERE person_id = \(bind: people[2])").run() }

            let report = try await KeyRotation(database: environment.database, old: old, new: new).run(at: Date())
            #expect(report.personalIDs >= 2 && report.secrets >= 1)
            for (person, id) in zip(people, ids) {
                let row = try #require(try await environment.database.read {
                    try await $0.raw("SELECT id_hash, sealed FROM personal_ids WHERE person_id = \(bind: person)").first()
                })
                let hash = try row.decode(column: "id_hash", as: String.self), sealed = try row.decode(column: "sealed", as: String.self)
                #expect(hash == new.lookupHash(id), "the lookup hash follows the new key")
                #expect(try new.open(sealed, hash: hash) == id)
                #expect(throws: (any Error).self, "the old key opens nothing any more") { try old.open(sealed, hash: hash) }
            }
            let secret = try #require(try await environment.database.read {
                try await $0.raw("SELECT totp_secret FROM accounts WHERE id = \(bind: admin.accountID)").first(decodingColumn: "totp_secret", as: String.self)
            })
            #expect(try new.openSecret(secret, account: admin.accountID) == Array(1...20))
            let audited = try await environment.database.read {
                try await $0.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action = 'keys.rotate'").first(decodingColumn: "n", as: Int.self)
            }
            #expect(audited == 1)
        }
    }

    /// A seal as hoctap wrote it before binding: the same derived key, no context, no prefix.
    static func legacySeal(_ id: PersonalID) throws -> String {
        let master = SymmetricKey(data: Data(repeating: 7, count: 32))
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("hoctap personal id seal v1".utf8), outputByteCount: 32)
        return try AES.GCM.seal(Data(id.digits.utf8), using: key).combined!.base64EncodedString()
    }
}
