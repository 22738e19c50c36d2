import Foundation
import HoctapDomain
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

@Suite("Progress over the API")
struct APIProgressTests {
    struct Progress: Decodable { var year: Int; var figures: [Figure]; var children: [Child]; var trends: [Trend] }
    struct Figure: Decodable { var indicator: String; var recognised: Int; var denominator: Int64?; var percent: Double?; var target: Double?; var gap: Double? }
    struct Child: Decodable { var figures: [Figure] }
    struct Trend: Decodable { var indicator: String }
    struct Denominators: Decodable { var year: Int; var items: [Item] }
    struct Item: Decodable { var kind: String; var value: Int64?; var version: Int? }
    struct Plan: Decodable { var id: Int64; var code: String; var version: Int; var targets: [Target] }
    struct Target: Decodable { var indicator: String; var year: Int; var percent: Double? }

    @Test("dashboard and denominators: figures after a recognition, totals with sources, checked and scoped", arguments: TestDatabases.engines)
    func dashboardAndDenominators(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await ProgressPageTests.recogniseHousehold(browser, fixture)
            let json: HTTPFields = [.contentType: "application/json"]
            let url = "/api/v1/areas/\(fixture.socSon.id)/denominators"
            let saved = try await browser.request(.put, url, headers: json, body: try WholeCycleTests.body(
                ["year": 2026, "items": [["kind": "households", "value": 40, "source": "Công an xã"]]]))
            #expect(saved.status == .ok, "\(saved.body)")
            let households = try #require(try saved.json(Denominators.self).items.first { $0.kind == "households" })
            #expect(households.value == 40 && households.version == 1)
            #expect(try await browser.request(.put, url, headers: json, body: try WholeCycleTests.body(
                ["year": 2026, "items": [["kind": "households", "value": 41, "source": "x"]]])).status == .conflict)
            let badKind = try await browser.request(.put, url, headers: json, body: try WholeCycleTests.body(
                ["year": 2026, "items": [["kind": "nha", "value": 4, "source": "x"]]]))
            #expect(badKind.status == .unprocessableContent && badKind.body.contains("items[0].kind"))
            #expect(try await browser.request(.put, url, headers: json, body: try WholeCycleTests.body(
                ["year": 2026, "items": [["kind": "households", "value": 0, "source": "x", "version": 1]]])).status == .unprocessableContent)

            let progress = try await browser.get("/api/v1/areas/\(fixture.socSon.id)/progress?year=2026").json(Progress.self)
            let family = try #require(progress.figures.first { $0.indicator == "family" })
            #expect(family.recognised == 1 && family.denominator == 40 && family.percent == 2.5 && family.target == 80 && family.gap == 77.5)
            #expect(progress.children.count == 5 && progress.trends.contains { $0.indicator == "family" })
            #expect(try await browser.get("/api/v1/areas/\(fixture.socSon.id)/progress?year=abc").status == .unprocessableContent)
            #expect(try await browser.get(url + "?year=2026").json(Denominators.self).items.count == DenominatorKind.allCases.count)

            try await browser.apiLogin(DemoUser.council)
            #expect(try await browser.request(.put, url, headers: json, body: try WholeCycleTests.body(
                ["year": 2026, "items": [["kind": "clans", "value": 4, "source": "x"]]])).status == .forbidden)
            try await browser.apiLogin(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/api/v1/areas/\(fixture.socSon.id)/progress").status == .notFound)
            #expect(try await browser.get(url).status == .notFound)
        }
    }

    @Test("plans: read, targets replaced with version checks; bad figures, unknown classes and other provinces refused", arguments: TestDatabases.engines)
    func plans(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, _ in
            let json: HTTPFields = [.contentType: "application/json"]
            try await browser.apiLogin(DemoUser.admin)
            let plans = try await browser.get("/api/v1/plans").json([Plan].self)
            let qd387 = try #require(plans.first { $0.code == "qd387-2022" })
            let hanoi = try #require(plans.first { $0.code == "hanoi-kh291" })
            #expect(try await browser.get("/api/v1/plans/\(qd387.id)").json(Plan.self).targets.count == qd387.targets.count)
            let url = "/api/v1/plans/\(qd387.id)/targets"
            func body(_ targets: [[String: Any]], version: Int) throws -> ByteBuffer { try WholeCycleTests.body(["version": version, "targets": targets]) }
            let completed = try await browser.request(.put, url, headers: json, body: try body([
                ["indicator": "family", "year": 2025, "percent": 70, "status": "verified"],
                ["indicator": "family", "year": 2030, "percent": 80, "status": "verified", "note": "Đối chiếu bản gốc"],
            ], version: qd387.version))
            #expect(completed.status == .ok, "\(completed.body)")
            #expect(try completed.json(Plan.self).targets.contains { $0.indicator == "family" && $0.year == 2030 && $0.percent == 80 })
            #expect(try await browser.request(.put, url, headers: json, body: try body([], version: qd387.version)).status == .conflict)
            let bad = try await browser.request(.put, url, headers: json, body: try body([
                ["indicator": "family", "year": 2025, "percent": 170, "status": "verified"],
                ["indicator": "family", "year": 2025, "areaClass": "vung-bien", "percent": 60, "status": "verified"],
            ], version: qd387.version + 1))
            #expect(bad.status == .unprocessableContent && bad.body.contains("targets[1].areaClass"))
            let range = try await browser.request(.put, url, headers: json, body: try body([["indicator": "family", "year": 2025, "percent": 170, "status": "verified"]],
                                                                                          version: qd387.version + 1))
            #expect(range.status == .unprocessableContent && range.body.contains("từ 0 đến 100"))

            try await browser.apiLogin(DemoUser.province)
            #expect(try await browser.request(.put, url, headers: json, body: try body([], version: qd387.version + 1)).status == .forbidden)
            try await browser.apiLogin(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/api/v1/plans/\(hanoi.id)").status == .notFound)
            #expect(try await browser.get("/api/v1/plans").json([Plan].self).allSatisfy { $0.code != "hanoi-kh291" })
        }
    }
}
