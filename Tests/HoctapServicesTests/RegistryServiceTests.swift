import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import SQLKit
import Testing

@Suite("Registry service")
struct RegistryServiceTests {
    static let key = try! PersonalDataProtector.load(base64Key: Data(repeating: 9, count: 32).base64EncodedString(), dataDirectory: "")

    @Test("ID numbers are stored sealed and hashed, never in clear, and are unique across communes", arguments: TestDatabases.engines)
    func sealed(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { plain in
            var environment = plain
            environment.personalData = Self.key
            let registry = RegistryService(environment)
            let officer = try await actor("socson.hoi", environment)
            let household = try await registry.createHousehold(HouseholdDraft(headName: "Lương Văn Can", address: ""),
                                                               inVillage: try await area(.village, "00376-01", environment).id, by: officer)
            let id = try #require(PersonalID(parsing: "001075123456"))
            let member = try await registry.addMember(PersonDraft(fullName: "Lương Văn Can", relation: .head, personalID: id), to: household.id, by: officer)
            #expect(member.personalID == "001075123456")
            let stored = try await environment.database.read { db in
                try await db.raw("SELECT id_hash, sealed FROM personal_ids").all().map {
                    (try $0.decode(column: "id_hash", as: String.self), try $0.decode(column: "sealed", as: String.self))
                }
            }
            #expect(stored.count == 1)
            #expect(!stored[0].0.contains("123456") && !stored[0].1.contains("123456"))
            #expect(!(Data(base64Encoded: stored[0].1).map { String(decoding: $0, as: UTF8.self) } ?? "").contains("001075123456"))

            // A different key cannot read it, and does not match it.
            var other = environment
            other.personalData = try PersonalDataProtector.load(base64Key: Data(repeating: 1, count: 32).base64EncodedString(), dataDirectory: "")
            #expect(try await RegistryService(other).person(member.record.id, by: officer).personalID?.contains("sai khóa") == true)
            #expect(Self.key.lookupHash(id) != other.personalData!.lookupHash(id))

            // Another province's commune is refused without learning where.
            let elsewhere = try await actor("quephong.hoi", environment)
            await #expect(throws: ServiceError.self) {
                _ = try await registry.createCitizen(PersonDraft(fullName: "Lò Văn Can", targetGroup: .resident, personalID: id),
                                                     in: try await area(.commune, "16738", environment).id, by: elsewhere)
            }
            let audit = try await environment.database.read { db in
                try await db.raw("SELECT summary FROM audit_events WHERE action = 'person.create'").all().map { try $0.decode(column: "summary", as: String.self) }
            }
            #expect(audit.count == 1 && audit[0].contains("••••••••3456") && !audit[0].contains("001075123456"), "the trail keeps only the last digits")
        }
    }

    @Test("without a configured key, ID numbers are refused rather than stored in clear", arguments: [DatabaseEngine.sqlite])
    func noKey(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let registry = RegistryService(environment)
            let officer = try await actor("socson.hoi", environment)
            let household = try await registry.createHousehold(HouseholdDraft(headName: "Hộ thử", address: ""),
                                                               inVillage: try await area(.village, "00376-01", environment).id, by: officer)
            do {
                _ = try await registry.addMember(PersonDraft(fullName: "A", relation: .head, personalID: PersonalID(parsing: "001075123456")), to: household.id, by: officer)
                Issue.record("accepted an ID number without a key")
            } catch ServiceError.invalid(let issues) {
                #expect(issues.first?.field == "personalID")
            }
        }
    }

    @Test("the key file is created once with owner-only permissions and read back the same")
    func keyFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hoctap-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try PersonalDataProtector.load(base64Key: nil, dataDirectory: directory)
        let second = try PersonalDataProtector.load(base64Key: nil, dataDirectory: directory)
        let id = try #require(PersonalID(parsing: "001075123456"))
        #expect(first.lookupHash(id) == second.lookupHash(id))
        let permissions = try FileManager.default.attributesOfItem(atPath: directory + "/personal-data.key")[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        #expect(throws: (any Error).self) { try PersonalDataProtector.load(base64Key: "ngắn", dataDirectory: directory) }
    }
}
