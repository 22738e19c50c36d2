import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

/// A person's own data on request: one JSON document, for the officials who manage the record,
/// in the audit trail.
@Suite("Personal data on request")
struct PersonDataTests {
    struct Export: Decodable {
        struct Person: Decodable { var id: Int64; var fullName: String; var commune: String; var household: String? }
        struct Change: Decodable { var action: String }
        var exportedBy: String
        var person: Person
        var history: [Change]
    }

    @Test("the commune officer downloads everything about a member; other roles and provinces are refused", arguments: TestDatabases.engines)
    func export(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let households = try await browser.get("/areas/\(fixture.thonDong.id)/households")
            let household = try #require(households.body.firstMatch(of: /\/households\/(\d+)/).map { String($0.1) })
            let members = try await browser.get("/households/\(household)")
            let person = try #require(members.body.firstMatch(of: /\/persons\/(\d+)\/edit/).map { String($0.1) })
            let form = try await browser.get("/persons/\(person)/edit")
            #expect(form.body.contains("/persons/\(person)/export.json"), "the form offers the download")
            let download = try await browser.get("/persons/\(person)/export.json")
            #expect(download.status == .ok && download.headers[.contentType]?.hasPrefix("application/json") == true
                    && download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let export = try decoder.decode(Export.self, from: Data(download.body.utf8))
            #expect(String(export.person.id) == person && export.person.commune == "Xã Sóc Sơn" && export.exportedBy == DemoUser.communeOfficer)
            #expect(export.person.household?.hasPrefix("00376-01-") == true)
            let again = try decoder.decode(Export.self, from: Data(try await browser.get("/persons/\(person)/export.json").body.utf8))
            #expect(again.history.contains { $0.action == "person.export" }, "the first export is in the second one's history")
            #expect(try await browser.get("/persons/abc/export.json").status == .notFound)

            try await browser.login(DemoUser.council)
            #expect(try await browser.get("/persons/\(person)/export.json").status == .forbidden, "sees the record, does not manage it")
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/persons/\(person)/export.json").status == .notFound)
        }
    }
}
