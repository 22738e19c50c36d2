import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

@Suite("JSON API: registries")
struct APIRegistryTests {
    struct Paged<T: Decodable>: Decodable { var items: [T]; var total: Int; var after: Int64?; var before: Int64? }
    struct Household: Decodable { var id: Int64; var code: String; var version: Int; var members: [Person]? }
    struct Person: Decodable { var id: Int64; var fullName: String; var personalId: String?; var version: Int }
    struct Unit: Decodable { var id: Int64; var version: Int }
    struct Clan: Decodable { var id: Int64; var householdCount: Int }

    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    @Test("lists page by key over the API and in the browser: next and previous cursors, bad cursors refused, other provinces see nothing", arguments: TestDatabases.engines)
    func cursors(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.communeOfficer)
            let rows = (1...120).map { "P\($0),01,Người thứ \($0),chủ hộ" }.joined(separator: "\n")
            let imported = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/households/import?fileName=p.csv",
                                                     headers: [.contentType: "text/csv"], body: ByteBuffer(string: "household,village,full_name,relation\n\(rows)\n"))
            #expect(imported.status == .ok, "\(imported.body)")
            let base = "/api/v1/areas/\(fixture.socSon.id)/households"
            var page = try await browser.get(base).json(Paged<Household>.self)
            #expect(page.items.count == 50 && page.before == nil && page.after == page.items.last?.id)
            var seen = page.items.map(\.code), pages = [page]
            while let after = page.after {
                page = try await browser.get("\(base)?after=\(after)").json(Paged<Household>.self)
                #expect(page.before == page.items.first?.id)
                seen += page.items.map(\.code)
                pages.append(page)
            }
            #expect(seen.count == page.total && Set(seen).count == seen.count && page.total >= 120, "every household once")
            let back = try await browser.get("\(base)?before=\(try #require(page.before))").json(Paged<Household>.self)
            #expect(back.items.map(\.id) == pages[pages.count - 2].items.map(\.id))

            for bad in ["after=abc", "after=0", "before=-3", "after=1&before=2"] {
                let refused = try await browser.get("\(base)?\(bad)")
                #expect(refused.status == .badRequest && refused.errorCode != nil, "\(bad)")
            }

            try await browser.login(DemoUser.communeOfficer)
            let first = try await browser.get("/areas/\(fixture.socSon.id)/households")
            #expect(first.body.contains("Trang sau ›") && !first.body.contains("‹ Trang trước"))
            let nextLink = try #require(first.body.range(of: "after=").map { first.body[$0.upperBound...].prefix { $0.isNumber } })
            let second = try await browser.get("/areas/\(fixture.socSon.id)/households?after=\(nextLink)")
            #expect(second.status == .ok && second.body.contains("‹ Trang trước") && second.body.contains("« Trang đầu"))
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/households?after=x").status == .badRequest)

            let outsider = Browser(client: browser.client)
            try await outsider.apiLogin(DemoUser.otherProvinceCommune)
            #expect(try await outsider.get("\(base)?after=\(nextLink)").status == .notFound)
        }
    }

    @Test("households, members, citizens, units and clans over the API, with conflicts and bad values named", arguments: TestDatabases.engines)
    func registries(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            let json: HTTPFields = [.contentType: "application/json"]
            try await browser.apiLogin(DemoUser.village)
            let list = try await browser.get("/api/v1/areas/\(fixture.thonDong.id)/households?q=nguyen").json(Paged<Household>.self)
            #expect(list.total >= 1)
            let created = try await browser.request(.post, "/api/v1/areas/\(fixture.thonDong.id)/households", headers: json,
                                                    body: try Self.body(["headName": "Hồ Văn Mới", "address": "Xóm 3"]))
            #expect(created.status == .created)
            let household = try created.json(Household.self)
            #expect(household.code == "00376-01-0009")
            let member = try await browser.request(.post, "/api/v1/households/\(household.id)/members", headers: json,
                                                   body: try Self.body(["fullName": "Hồ Văn Mới", "relation": "head", "birthYear": 1980, "personalId": "001080555777"]))
            #expect(member.status == .created)
            let person = try member.json(Person.self)
            #expect(person.personalId == "001080555777")
            let badMember = try await browser.request(.post, "/api/v1/households/\(household.id)/members", headers: json,
                                                      body: try Self.body(["fullName": "X", "relation": "cousin", "personalId": "12"]))
            #expect(badMember.status == .unprocessableContent && badMember.body.contains("\"relation\"") && badMember.body.contains("\"personalId\""))
            let detail = try await browser.get("/api/v1/households/\(household.id)").json(Household.self)
            #expect(detail.members?.map(\.fullName) == ["Hồ Văn Mới"])
            #expect(try await browser.request(.patch, "/api/v1/households/\(household.id)", headers: json,
                                              body: try Self.body(["headName": "Hồ Văn Mới", "address": "Xóm 4", "version": 1])).status == .ok)
            #expect(try await browser.request(.patch, "/api/v1/households/\(household.id)", headers: json,
                                              body: try Self.body(["headName": "Ai", "version": 1])).status == .conflict)
            #expect(try await browser.request(.patch, "/api/v1/persons/\(person.id)", headers: json,
                                              body: try Self.body(["fullName": "Hồ Văn Mới", "relation": "head", "schooling": "university", "version": 1])).status == .ok)
            #expect(try await browser.request(.delete, "/api/v1/persons/\(person.id)").status == .unprocessableContent)
            #expect(try await browser.request(.delete, "/api/v1/persons/\(person.id)?version=2").status == .noContent)
            #expect(try await browser.get("/api/v1/persons/\(person.id)").status == .notFound)

            // The council reads (ID numbers masked) but does not register.
            try await browser.apiLogin(DemoUser.council)
            let masked = try await browser.get("/api/v1/areas/\(fixture.socSon.id)/citizens").json(Paged<Person>.self)
            #expect(masked.items.contains { $0.personalId?.hasPrefix("••••••••") == true })
            #expect(try await browser.request(.post, "/api/v1/areas/\(fixture.thonDong.id)/households", headers: json,
                                              body: try Self.body(["headName": "Lén"])).status == .forbidden)

            try await browser.apiLogin(DemoUser.communeOfficer)
            #expect(try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/citizens", headers: json,
                                              body: try Self.body(["fullName": "Đào Thị Học", "targetGroup": "worker"])).status == .created)
            let unit = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/units", headers: json,
                                                 body: try Self.body(["name": "Trạm Y tế", "kind": "don-vi-su-nghiep-cong-lap", "staffCount": 9]))
            #expect(unit.status == .created)
            #expect(try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/units", headers: json,
                                              body: try Self.body(["name": "X", "kind": "nha-may"])).status == .unprocessableContent)
            #expect(try await browser.request(.patch, "/api/v1/units/\(try unit.json(Unit.self).id)", headers: json,
                                              body: try Self.body(["name": "Trạm Y tế xã", "kind": "don-vi-su-nghiep-cong-lap", "version": 1])).status == .ok)
            #expect(try await browser.get("/api/v1/areas/\(fixture.socSon.id)/units?q=tram").json(Paged<Unit>.self).total == 1)
            let clan = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/clans", headers: json, body: try Self.body(["name": "Họ Hồ"]))
            let clanID = try clan.json(Clan.self).id
            #expect(try await browser.request(.post, "/api/v1/clans/\(clanID)/households", headers: json, body: try Self.body(["code": household.code])).status == .created)
            #expect(try await browser.get("/api/v1/clans/\(clanID)").json(Clan.self).householdCount == 1)
            #expect(try await browser.get("/api/v1/areas/\(fixture.socSon.id)/clans").json(Paged<Clan>.self).total == 2)

            let csv = "household,village,full_name,relation\nZ,02,Kha Văn Tây,chủ hộ\n"
            let imported = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/households/import?fileName=z.csv",
                                                     headers: [.contentType: "text/csv"], body: ByteBuffer(string: csv))
            #expect(imported.status == .ok && imported.body.contains("\"households\":1"))
            let broken = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/households/import",
                                                   headers: [.contentType: "text/csv"], body: ByteBuffer(string: "household,village\nA,01\n"))
            #expect(broken.status == .unprocessableContent && broken.body.contains("\"line\""))
            for (path, csv, report) in [("units", "name,kind\nNhà văn hóa,co-quan-nha-nuoc\n", "\"created\":1"),
                                        ("citizens", "full_name,target_group\nMai Văn Sáng,worker\n", "\"created\":1"),
                                        ("clans", "clan,household\nHọ Kha,\(household.code)\n", "\"households\":1")] {
                let done = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/\(path)/import", headers: [.contentType: "text/csv"],
                                                     body: ByteBuffer(string: csv))
                #expect(done.status == .ok && done.body.contains(report), "\(path): \(done.body)")
                let wrongType = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/\(path)/import", headers: json, body: ByteBuffer(string: "{}"))
                #expect(wrongType.status == .unsupportedMediaType)
                let bad = try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/\(path)/import", headers: [.contentType: "text/csv"],
                                                    body: ByteBuffer(string: "khong,co\n1,2\n"))
                #expect(bad.status == .unprocessableContent, "\(path)")
            }

            try await browser.apiLogin(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/api/v1/households/\(household.id)").status == .notFound)
            #expect(try await browser.get("/api/v1/clans/\(clanID)").status == .notFound)
            #expect(try await browser.request(.post, "/api/v1/areas/\(fixture.socSon.id)/clans/import", headers: [.contentType: "text/csv"],
                                              body: ByteBuffer(string: "clan\nHọ Ngoại\n")).status == .notFound)
            #expect(try await browser.request(.patch, "/api/v1/households/\(household.id)", headers: json, body: try Self.body(["headName": "x"])).status == .notFound)
        }
    }
}
