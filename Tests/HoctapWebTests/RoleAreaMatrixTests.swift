import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

/// Every route addressed by an area, for every demo account (one per role, and two roles twice
/// at other places), against the account's own area, a child, a sibling, the parent and an area
/// of another province, over real HTTP. Generated from the router, so a new area route is in the
/// matrix the day it is added.
///
/// The expected outcome is derived, not listed: outside the account's subtree (sibling, parent,
/// another province) every route answers 404, exactly as for an area that does not exist; inside
/// it (own, child) the route answers what it answers the national administrator, who sees
/// everything, except that a role may be refused (403): never "not found" where the
/// administrator finds the area, never a server error.
@Suite("Every area route × every role × every relative area")
struct RoleAreaMatrixTests {
    enum Relation: String, CaseIterable, Sendable {
        case own, child, sibling, parent, otherProvince

        var isInside: Bool { self == .own || self == .child }
    }

    struct Probe: Sendable {
        var username: String
        var role: Role
        var areas: [Relation: @Sendable (Fixture) -> Area]
    }

    static let probes: [Probe] = [
        Probe(username: DemoUser.admin, role: .nationalAdmin, areas: [.own: { $0.nation }, .child: { $0.hanoi }]),
        Probe(username: DemoUser.province, role: .provinceOfficer,
              areas: [.own: { $0.hanoi }, .child: { $0.socSon }, .sibling: { $0.nghean }, .parent: { $0.nation }, .otherProvince: { $0.quePhong }]),
        Probe(username: DemoUser.communeOfficer, role: .communeOfficer,
              areas: [.own: { $0.socSon }, .child: { $0.thonDong }, .sibling: { $0.kimAnh }, .parent: { $0.hanoi }, .otherProvince: { $0.quePhong }]),
        Probe(username: DemoUser.communeAuthority, role: .communeAuthority,
              areas: [.own: { $0.socSon }, .child: { $0.thonDong }, .sibling: { $0.kimAnh }, .parent: { $0.hanoi }, .otherProvince: { $0.quePhong }]),
        Probe(username: DemoUser.council, role: .councilMember,
              areas: [.own: { $0.socSon }, .child: { $0.thonTay }, .sibling: { $0.kimAnh }, .parent: { $0.hanoi }, .otherProvince: { $0.quePhong }]),
        Probe(username: DemoUser.village, role: .villageOfficer,
              areas: [.own: { $0.thonDong }, .sibling: { $0.thonTay }, .parent: { $0.socSon }, .otherProvince: { $0.quePhongVillage }]),
        Probe(username: DemoUser.viewer, role: .viewer,
              areas: [.own: { $0.nghean }, .child: { $0.quePhong }, .sibling: { $0.hanoi }, .parent: { $0.nation }, .otherProvince: { $0.socSon }]),
        Probe(username: DemoUser.otherProvinceCommune, role: .communeOfficer,
              areas: [.own: { $0.quePhong }, .child: { $0.quePhongVillage }, .parent: { $0.nghean }, .otherProvince: { $0.kimAnh }]),
    ]

    /// Routes whose first identifier is an area (`/areas/{id}…`, `/api/v1/areas/{id}…`); public ones aside.
    static func areaRoutes() async throws -> [(method: String, path: String)] {
        try await RouteMatrixTests.routes().filter { route in
            (route.path.hasPrefix("/areas/{id}") || route.path.hasPrefix("/api/v1/areas/{id}"))
                && !RouteMatrixTests.publicRoutes.contains("\(route.method) \(route.path)")
        }
    }

    /// A harmless body for writes: nothing that any form accepts as complete.
    static func request(_ browser: Browser, _ method: String, _ path: String, csrf: String) async throws -> Browser.Page {
        var headers: HTTPFields = [.init("X-CSRF-Token")!: csrf]
        var body: ByteBuffer?
        if method != "GET" {
            if path.hasPrefix("/api/") {
                headers[.contentType] = "application/json"
                body = ByteBuffer(string: "{}")
            } else {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = ByteBuffer(string: "probe=1")
            }
        }
        return try await browser.request(.init(method)!, path, headers: headers, body: body)
    }

    @Test("outside the subtree: not found; inside: what the administrator gets, or forbidden; never a server error",
          arguments: TestDatabases.engines)
    func matrix(engine: DatabaseEngine) async throws {
        let routes = try await Self.areaRoutes()
        #expect(routes.count > 60, "the router's area routes are found (\(routes.count))")
        try await TestApp.run(engine) { browser, fixture in
            // The administrator's answer for every GET of every area any probe uses: the reference for "inside".
            try await browser.login(DemoUser.admin)
            let adminCSRF = try #require(try await browser.get("/").csrfToken)
            var reference: [String: HTTPResponse.Status] = [:]
            let allAreas = Set(Self.probes.flatMap { $0.areas.values.map { $0(fixture).id } })
            for route in routes where route.method == "GET" {
                for area in allAreas.sorted() {
                    let path = route.path.replacingOccurrences(of: "{id}", with: String(area))
                    reference[path] = try await Self.request(browser, "GET", path, csrf: adminCSRF).status
                }
            }
            var checked = 0
            for probe in Self.probes {
                try await browser.login(probe.username)
                let csrf = try #require(try await browser.get("/").csrfToken)
                for (relation, place) in probe.areas.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    let area = place(fixture)
                    // Writes only outside: inside they would change the demo the next probes read.
                    for route in routes where route.method == "GET" || !relation.isInside {
                        let path = route.path.replacingOccurrences(of: "{id}", with: String(area.id))
                        let status = try await Self.request(browser, route.method, path, csrf: csrf).status
                        checked += 1
                        let label = "\(probe.username) (\(probe.role.rawValue)) \(relation.rawValue) \(route.method) \(path)"
                        #expect(status.code < 500, "\(label) → \(status)")
                        if !relation.isInside {
                            #expect(status == .notFound, "\(label) → \(status), outside the subtree")
                        } else if let expected = reference[path] {
                            #expect(status == expected || status == .forbidden, "\(label) → \(status), the administrator gets \(expected)")
                        }
                    }
                }
            }
            print("RoleAreaMatrixTests \(engine): \(checked) requests, \(routes.count) area routes × \(Self.probes.count) accounts × their relative areas")
        }
    }

    /// The area each kind of record of `RouteMatrixTests.foreignRecords(commune: Kim Anh, …)` lies in.
    /// (A province's plans and portal content are managed at the province: the areas below it
    /// read their targets on the dashboards and the published content on the public pages.)
    static func place(of kind: String, _ fixture: Fixture) -> Area {
        switch kind {
        case "evidence", "decisions", "accounts": fixture.quePhong
        case "plans", "bai-viet", "van-ban": fixture.nghean
        default: fixture.kimAnh
        }
    }

    /// Routes with no record of their kind in `foreignRecords`, and where their refusals are tested.
    static let testedElsewhere = [
        "POST /mo-hinh/{id}/duyet": "ExemplaryPageTests (a nomination needs a recognised evaluation)",
        "POST /thu-vien/nguon/{id}/xoa": "LibraryAdminPageTests.removeAndForbidden",
    ]

    /// The record a route addresses (by its first segment, as `RouteMatrixTests.outsideSubtree` does) and the concrete path.
    static func target(_ route: (method: String, path: String), records: [String: Int64]) -> (kind: String, path: String)? {
        let segments = route.path.split(separator: "/").map(String.init)
        let kind = (segments.first == "api" ? segments.dropFirst(2).first
            : ["noi-dung", "tthtcd"].contains(segments.first) ? segments.dropFirst().first : segments.first) ?? ""
        guard let id = records[kind] else { return nil }
        return (kind, route.path.replacingOccurrences(of: "{id}", with: String(id)))
    }

    @Test("records of every kind × every account: outside the subtree not found, inside the administrator's answer or forbidden",
          arguments: TestDatabases.engines)
    func records(engine: DatabaseEngine) async throws {
        // Criteria sets are national or province-wide documents every account reads (CriteriaPageTests).
        let routes = try await RouteMatrixTests.routes().filter {
            $0.path.contains("{id}") && !$0.path.contains("/areas/{id}") && !$0.path.contains("criteria")
                && !RouteMatrixTests.publicRoutes.contains("\($0.method) \($0.path)") && Self.testedElsewhere["\($0.method) \($0.path)"] == nil
        }
        try await TestApp.run(engine) { browser, fixture in
            try await browser.apiLogin(DemoUser.admin)
            struct Accounts: Decodable { var items: [Account] }
            struct Account: Decodable { var id: Int64; var username: String }
            let account = try #require(try await browser.get("/api/v1/accounts").json(Accounts.self).items.first { $0.username == DemoUser.otherProvinceCommune }).id
            browser.clearBearer()
            var created = try await RouteMatrixTests.foreignRecords(browser, commune: fixture.kimAnh.id, village: fixture.kimAnhVillage.id, nghean: fixture.nghean.id)
            created["accounts"] = account
            let records = created
            func target(_ route: (method: String, path: String)) -> (kind: String, path: String)? { Self.target(route, records: records) }
            try await browser.login(DemoUser.admin)
            let adminCSRF = try #require(try await browser.get("/").csrfToken)
            var reference: [String: HTTPResponse.Status] = [:]
            for route in routes where route.method == "GET" {
                if let found = target(route) { reference[found.path] = try await Self.request(browser, "GET", found.path, csrf: adminCSRF).status }
            }
            var checked = 0, inside = 0
            for probe in Self.probes where probe.role != .nationalAdmin {
                try await browser.login(probe.username)
                let csrf = try #require(try await browser.get("/").csrfToken)
                let own = try #require(probe.areas[.own])
                let scope = own(fixture).position
                for route in routes {
                    guard let found = target(route) else {
                        Issue.record("\(route.method) \(route.path): no record of its kind to probe with")
                        continue
                    }
                    let (kind, path) = (found.kind, found.path)
                    let visible = scope.contains(Self.place(of: kind, fixture).position)
                    if visible && route.method != "GET" { continue }  // writes inside would change what the next probes read
                    let status = try await Self.request(browser, route.method, path, csrf: csrf).status
                    checked += 1
                    let label = "\(probe.username) (\(probe.role.rawValue)) \(route.method) \(path)"
                    #expect(status.code < 500, "\(label) → \(status)")
                    if !visible {
                        // The same answer as for a record that does not exist: not found, or a refusal of the role before any lookup.
                        let missing = try await Self.request(browser, route.method, route.path.replacingOccurrences(of: "{id}", with: "999999999"), csrf: csrf).status
                        #expect(status == missing && (status == .notFound || status == .forbidden), "\(label) → \(status), a missing record → \(missing)")
                    } else if let expected = reference[path] {
                        inside += 1
                        #expect(status == expected || status == .forbidden, "\(label) → \(status), the administrator gets \(expected)")
                    }
                }
            }
            print("RoleAreaMatrixTests.records \(engine): \(checked) requests (\(inside) inside the subtree), \(routes.count) record routes × \(Self.probes.count - 1) accounts")
        }
    }
}
