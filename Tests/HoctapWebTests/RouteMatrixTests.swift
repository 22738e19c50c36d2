import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HoctapWeb
import HTTPTypes
import NIOCore
import Testing

/// Checks that run over every route the router has, so a new route cannot skip them.
@Suite("Every route")
struct RouteMatrixTests {
    /// Routes anyone may call.
    static let publicRoutes: Set<String> = [
        "GET /healthz", "GET /readyz", "GET /metrics", "GET /assets/hoctap-\(stylesheetVersion).css",
        "GET /login", "POST /login", "POST /logout", "GET /api/v1/openapi.json", "POST /api/v1/session", "GET \(SiteURL.script.path)",
        "GET /ket-qua/{token}",
        // Public statistics: aggregates of provinces and communes, for everyone (villages are refused).
        "GET /thong-ke", "GET /thong-ke/{id}", "GET /thong-ke/du-lieu.csv", "GET /thong-ke/du-lieu.json",
        // Library records harvested from public catalogues.
        "GET /thu-vien",
        // The portal: published articles and documents, their files, search, feeds, sitemap.
        "GET /tin-tuc", "GET /bai-viet/{slug}", "GET /tep/{id}", "GET /van-ban", "GET /van-ban/{slug}", "GET /van-ban/{slug}/tep",
        "GET /tim-kiem", "GET /tin-tuc/atom.xml", "GET /tin-tuc/rss.xml", "GET /sitemap.xml", "GET /robots.txt",
        // The OAI-PMH provider of published articles and documents.
        "GET /oai",
        // The honour board of approved exemplary models.
        "GET /mo-hinh-tieu-bieu", "GET /mo-hinh-tieu-bieu/{id}", "GET /mo-hinh-tieu-bieu/anh/{id}",
    ]

    /// Where each route's success, bad-input and forbidden cases are tested. A route missing
    /// here fails `inventory`: add its tests, then its entry.
    static let coverage: [String: String] = [
        "GET /healthz": "OperationsTests.probes", "GET /readyz": "OperationsTests.probes, notReady",
        "GET /metrics": "OperationsTests.probes", "GET /assets/hoctap-\(stylesheetVersion).css": "OperationsTests.stylesheet",
        "GET \(SiteURL.script.path)": "EvaluationPageTests.autosave", "GET /ket-qua/{token}": "EvaluationPageTests.sharedResult",
        "GET /thu-vien": "LibraryPageTests.search",
        "GET /tin-tuc": "PortalPageTests.articleFlow, badInput", "GET /bai-viet/{slug}": "PortalPageTests.articleFlow, forbidden",
        "GET /tep/{id}": "PortalPageTests.files", "GET /van-ban": "PortalPageTests.documents, badInput",
        "GET /van-ban/{slug}": "PortalPageTests.documents", "GET /van-ban/{slug}/tep": "PortalPageTests.documents",
        "GET /tim-kiem": "PortalPageTests.articleFlow, badInput, documents", "GET /tin-tuc/atom.xml": "PortalPageTests.feeds",
        "GET /tin-tuc/rss.xml": "PortalPageTests.feeds", "GET /sitemap.xml": "PortalPageTests.feeds", "GET /robots.txt": "PortalPageTests.feeds",
        "GET /oai": "OAIProviderTests.harvestedBySickle, protocolRules",
        "GET /mo-hinh-tieu-bieu": "ExemplaryPageTests.nominateAndApprove, withoutConsent",
        "GET /mo-hinh-tieu-bieu/{id}": "ExemplaryPageTests.nominateAndApprove, withoutConsent",
        "GET /mo-hinh-tieu-bieu/anh/{id}": "ExemplaryPageTests.nominateAndApprove",
        "GET /evaluations/{id}/de-cu": "ExemplaryPageTests.nominateAndApprove, forbidden",
        "POST /evaluations/{id}/de-cu": "ExemplaryPageTests.nominateAndApprove, withoutConsent, forbidden",
        "GET /mo-hinh": "ExemplaryPageTests.nominateAndApprove, forbidden",
        "POST /mo-hinh/{id}/duyet": "ExemplaryPageTests.nominateAndApprove, withoutConsent",
        "GET /noi-dung": "PortalPageTests.forbidden", "GET /noi-dung/bai-viet/moi": "PortalPageTests.articleFlow, forbidden",
        "POST /noi-dung/bai-viet/moi": "PortalPageTests.articleFlow, badInput, forbidden",
        "GET /noi-dung/bai-viet/{id}": "PortalPageTests.articleFlow, forbidden", "POST /noi-dung/bai-viet/{id}": "PortalPageTests.articleFlow",
        "POST /noi-dung/bai-viet/{id}/trang-thai": "PortalPageTests.articleFlow, forbidden",
        "POST /noi-dung/bai-viet/{id}/tep": "PortalPageTests.files", "POST /noi-dung/bai-viet/{id}/xoa": "PortalPageTests.articleFlow, deleteDraft",
        "GET /noi-dung/van-ban/moi": "PortalPageTests.documents, forbidden", "POST /noi-dung/van-ban/moi": "PortalPageTests.documents",
        "GET /noi-dung/van-ban/{id}": "PortalPageTests.documents", "POST /noi-dung/van-ban/{id}": "PortalPageTests.documents",
        "POST /noi-dung/van-ban/{id}/trang-thai": "PortalPageTests.documents", "GET /thu-vien/nguon": "LibraryAdminPageTests.addAndList, removeAndForbidden",
        "POST /thu-vien/nguon": "LibraryAdminPageTests.addAndList, removeAndForbidden", "POST /thu-vien/nguon/{id}/xoa": "LibraryAdminPageTests.removeAndForbidden",
        "GET /login": "AuthPageTests", "POST /login": "AuthPageTests.wrongPassword, loginNeedsCSRF, throttling",
        "POST /logout": "AuthPageTests.signInAndOut",
        "GET /": "AuthPageTests.signInAndOut, anonymous",
        "GET /areas": "AreaPageTests.communeScope", "GET /areas/search": "AreaPageTests.search",
        "GET /areas/{id}": "AreaPageTests.communeScope, provinceScope, nation",
        "GET /areas/{id}/villages/new": "VillagePageTests.create, forbidden",
        "POST /areas/{id}/villages/new": "VillagePageTests.create, invalid, forbidden",
        "GET /areas/{id}/edit": "VillagePageTests.edit", "POST /areas/{id}/edit": "VillagePageTests.edit",
        "GET /areas/{id}/villages/import": "VillagePageTests.importCSV",
        "POST /areas/{id}/villages/import": "VillagePageTests.importCSV, oversized",
        "GET /accounts": "AccountPageTests.createVillageOfficer, forbidden", "GET /accounts/new": "AccountPageTests.forbidden",
        "POST /accounts/new": "AccountPageTests.createVillageOfficer, invalid, forbidden",
        "POST /accounts/{id}/disable": "AccountPageTests.disable", "POST /accounts/{id}/enable": "AccountPageTests.disable",
        "GET /accounts/{id}/role": "AccountPageTests.changeRole", "POST /accounts/{id}/role": "AccountPageTests.changeRole",
        "GET /account/password": "AccountPageTests.password", "POST /account/password": "AccountPageTests.password",
        "GET /account/two-factor": "TwoFactorPageTests.lifecycle", "POST /account/two-factor": "TwoFactorPageTests.lifecycle",
        "GET /api/v1/openapi.json": "OpenAPITests", "POST /api/v1/session": "APISessionTests.login",
        "DELETE /api/v1/session": "APISessionTests.login", "GET /api/v1/me": "APISessionTests.login",
        "POST /api/v1/me/password": "APISessionTests.password",
        "POST /account/sessions/end-others": "LogoutEverywhereTests.endOthers", "DELETE /api/v1/me/sessions": "LogoutEverywhereTests.endOthers",
        "GET /api/v1/areas": "APIAreaTests.browse", "GET /api/v1/areas/{id}": "APIAreaTests.browse",
        "PATCH /api/v1/areas/{id}": "APIAreaTests.villages", "GET /api/v1/areas/{id}/children": "APIAreaTests.browse",
        "POST /api/v1/areas/{id}/villages": "APIAreaTests.villages, APISessionTests.cookieCSRF",
        "POST /api/v1/areas/{id}/villages/import": "APIAreaTests.importCSV",
        "GET /api/v1/accounts": "APIAccountTests", "POST /api/v1/accounts": "APIAccountTests",
        "GET /api/v1/accounts/{id}": "APIAccountTests.scope", "POST /api/v1/accounts/{id}/disable": "APIAccountTests",
        "POST /api/v1/accounts/{id}/enable": "APIAccountTests.lifecycle", "POST /api/v1/accounts/{id}/role": "APIAccountTests.changeRole",
        "GET /areas/{id}/households": "RegistryPageTests.households, scope", "GET /areas/{id}/households/new": "RegistryPageTests.households, scope",
        "POST /areas/{id}/households/new": "RegistryPageTests.households, scope",
        "GET /areas/{id}/households/import": "RegistryPageTests.importHouseholds",
        "GET /areas/{id}/households/export.csv": "RegistryPageTests.export", "GET /areas/{id}/households/export.xlsx": "RegistryPageTests.export",
        "GET /areas/{id}/units/export.csv": "ExportPageTests.registries, forbidden", "GET /areas/{id}/units/export.xlsx": "ExportPageTests.registries, forbidden",
        "GET /areas/{id}/citizens/export.csv": "ExportPageTests.registries, forbidden", "GET /areas/{id}/citizens/export.xlsx": "ExportPageTests.forbidden",
        "GET /areas/{id}/clans/export.csv": "ExportPageTests.registries, forbidden", "GET /areas/{id}/clans/export.xlsx": "ExportPageTests.forbidden",
        "GET /areas/{id}/results/export.csv": "ExportPageTests.results, forbidden", "GET /areas/{id}/results/export.xlsx": "ExportPageTests.forbidden",
        "POST /areas/{id}/households/import": "RegistryPageTests.importHouseholds",
        "GET /households/{id}": "RegistryPageTests.households, members", "GET /households/{id}/edit": "RegistryPageTests.households",
        "POST /households/{id}/edit": "RegistryPageTests.households",
        "GET /households/{id}/members/new": "RegistryPageTests.members", "POST /households/{id}/members/new": "RegistryPageTests.members, scope",
        "GET /persons/{id}/edit": "RegistryPageTests.members", "POST /persons/{id}/edit": "RegistryPageTests.members",
        "POST /persons/{id}/delete": "RegistryPageTests.members", "GET /persons/{id}/export.json": "PersonDataTests.export",
        "GET /persons/{id}/xoa-du-lieu": "PersonDataTests.erasure",
        "GET /quan-tri/luu-giu": "RetentionPageTests", "POST /quan-tri/luu-giu": "RetentionPageTests", "POST /quan-tri/luu-giu/ap-dung": "RetentionPageTests", "POST /persons/{id}/xoa-du-lieu": "PersonDataTests.erasure",
        "GET /areas/{id}/citizens": "RegistryPageTests.citizensUnitsClans", "GET /areas/{id}/citizens/new": "RegistryPageTests.citizensUnitsClans",
        "POST /areas/{id}/citizens/new": "RegistryPageTests.citizensUnitsClans",
        "GET /areas/{id}/units": "RegistryPageTests.citizensUnitsClans", "GET /areas/{id}/units/new": "RegistryPageTests.citizensUnitsClans",
        "POST /areas/{id}/units/new": "RegistryPageTests.citizensUnitsClans", "GET /units/{id}/edit": "RegistryPageTests.citizensUnitsClans",
        "POST /units/{id}/edit": "RegistryPageTests.citizensUnitsClans",
        "GET /areas/{id}/clans": "RegistryPageTests.citizensUnitsClans", "GET /areas/{id}/clans/new": "RegistryPageTests.citizensUnitsClans",
        "POST /areas/{id}/clans/new": "RegistryPageTests.citizensUnitsClans", "GET /clans/{id}": "RegistryPageTests.citizensUnitsClans",
        "POST /clans/{id}/households": "RegistryPageTests.citizensUnitsClans, scope",
        "GET /areas/{id}/units/import": "RegistryPageTests.importUnitsAndCitizens", "POST /areas/{id}/units/import": "RegistryPageTests.importUnitsAndCitizens",
        "GET /areas/{id}/citizens/import": "RegistryPageTests.importUnitsAndCitizens", "POST /areas/{id}/citizens/import": "RegistryPageTests.importUnitsAndCitizens",
        "GET /areas/{id}/clans/import": "RegistryPageTests.importUnitsAndCitizens", "POST /areas/{id}/clans/import": "RegistryPageTests.importUnitsAndCitizens",
        "GET /areas/{id}/cycles": "EvaluationPageTests.forbidden", "POST /areas/{id}/cycles": "EvaluationPageTests.household, forbidden",
        "GET /cycles/{id}": "EvaluationPageTests.household, forbidden", "POST /cycles/{id}/register": "EvaluationPageTests.household, forbidden, registerByCode",
        "GET /evaluations/{id}": "EvaluationPageTests.household, forbidden", "POST /evaluations/{id}": "EvaluationPageTests.household, forbidden",
        "POST /evaluations/{id}/transition": "EvaluationPageTests.household, forbidden",
        "POST /evaluations/{id}/evidence": "EvidenceTests.upload", "GET /evidence/{id}/file": "EvidenceTests.upload",
        "POST /cycles/{id}/council": "DecisionPageTests.commune, refusals", "POST /cycles/{id}/decisions": "DecisionPageTests.commune, refusals",
        "GET /decisions/{id}": "DecisionPageTests.commune", "GET /decisions/{id}/certificates": "DecisionPageTests.commune",
        "GET /api/v1/areas/{id}/cycles": "APIEvaluationTests.wholeCycle", "POST /api/v1/areas/{id}/cycles": "APIEvaluationTests.wholeCycle, evidenceAndAccess",
        "GET /api/v1/cycles/{id}": "APIEvaluationTests.wholeCycle", "POST /api/v1/cycles/{id}/registrations": "APIEvaluationTests.wholeCycle",
        "GET /api/v1/cycles/{id}/evaluations": "APIEvaluationTests.wholeCycle",
        "POST /api/v1/cycles/{id}/council": "APIEvaluationTests.wholeCycle, evidenceAndAccess", "POST /api/v1/cycles/{id}/decisions": "APIEvaluationTests.wholeCycle",
        "GET /api/v1/evaluations/{id}": "APIEvaluationTests.wholeCycle, evidenceAndAccess",
        "PUT /api/v1/evaluations/{id}/answers": "APIEvaluationTests.wholeCycle, evidenceAndAccess",
        "POST /api/v1/evaluations/{id}/transitions": "APIEvaluationTests.wholeCycle, evidenceAndAccess",
        "GET /api/v1/evaluations/{id}/evidence": "APIEvaluationTests.evidenceAndAccess", "POST /api/v1/evaluations/{id}/evidence": "APIEvaluationTests.evidenceAndAccess",
        "GET /api/v1/decisions/{id}": "APIEvaluationTests.wholeCycle",
        "GET /progress": "ProgressPageTests.dashboards", "GET /areas/{id}/progress": "ProgressPageTests.dashboards, map",
        "GET /areas/{id}/progress.csv": "ProgressPageTests.exports, dashboards", "GET /areas/{id}/progress/report": "ProgressPageTests.reports", "GET /areas/{id}/progress.xlsx": "ProgressPageTests.exports",
        "GET /areas/{id}/denominators": "ProgressPageTests.denominators", "POST /areas/{id}/denominators": "ProgressPageTests.denominators",
        "POST /denominators/import": "ProgressPageTests.denominators",
        "GET /plans": "ProgressPageTests.plans", "GET /plans/new": "ProgressPageTests.plans", "POST /plans/new": "ProgressPageTests.plans",
        "GET /plans/{id}": "ProgressPageTests.plans", "POST /plans/{id}": "ProgressPageTests.plans",
        "GET /areas/{id}/classes": "ProgressPageTests.areaClasses", "POST /areas/{id}/classes": "ProgressPageTests.areaClasses",
        "GET /api/v1/areas/{id}/progress": "APIProgressTests.dashboardAndDenominators",
        "GET /api/v1/areas/{id}/denominators": "APIProgressTests.dashboardAndDenominators", "PUT /api/v1/areas/{id}/denominators": "APIProgressTests.dashboardAndDenominators",
        "GET /api/v1/plans": "APIProgressTests.plans", "GET /api/v1/plans/{id}": "APIProgressTests.plans", "PUT /api/v1/plans/{id}/targets": "APIProgressTests.plans",
        "GET /audit": "AuditTrailTests.page",
        "GET /areas/{id}/tthtcd": "LearningCentrePageTests.centreFlow, figuresAndAccess",
        "POST /areas/{id}/tthtcd": "LearningCentrePageTests.centreFlow, figuresAndAccess",
        "POST /areas/{id}/tthtcd/can-bo": "LearningCentrePageTests.centreFlow, figuresAndAccess",
        "POST /tthtcd/can-bo/{id}/xoa": "LearningCentrePageTests.centreFlow",
        "POST /areas/{id}/tthtcd/hoat-dong": "LearningCentrePageTests.centreFlow, figuresAndAccess",
        "GET /tthtcd/hoat-dong/{id}": "LearningCentrePageTests.centreFlow, figuresAndAccess",
        "POST /tthtcd/hoat-dong/{id}/diem-danh": "LearningCentrePageTests.centreFlow, figuresAndAccess",
        "GET /persons/{id}/hoc-tap": "LearningRecordPageTests.record", "POST /persons/{id}/hoc-tap": "LearningRecordPageTests.record",
        "POST /persons/{id}/ky-nang-so": "LearningRecordPageTests.record", "POST /hoc-tap/{id}/xoa": "LearningRecordPageTests.record",
        "GET /persons/{id}/hoc-tap.json": "LearningRecordPageTests.record",
        "GET /areas/{id}/phong-trao": "MovementPageTests.dashboard", "GET /areas/{id}/phong-trao.csv": "MovementPageTests.dashboard",
        "GET /areas/{id}/phong-trao.xlsx": "MovementPageTests.dashboard",
        "GET /areas/{id}/hoi": "NetworkPageTests.network", "POST /areas/{id}/hoi": "NetworkPageTests.network",
        "POST /areas/{id}/hoi/so-lieu": "NetworkPageTests.network", "POST /areas/{id}/hoi/can-bo": "NetworkPageTests.network, training",
        "POST /hoi/can-bo/{id}/xoa": "NetworkPageTests.network",
        "GET /areas/{id}/tap-huan": "NetworkPageTests.training", "POST /areas/{id}/tap-huan": "NetworkPageTests.training",
        "GET /tap-huan/{id}": "NetworkPageTests.training", "POST /tap-huan/{id}/diem-danh": "NetworkPageTests.training",
        "GET /thong-ke": "PublicStatsTests.pages", "GET /thong-ke/{id}": "PublicStatsTests.pages",
        "GET /thong-ke/du-lieu.csv": "PublicStatsTests.openData", "GET /thong-ke/du-lieu.json": "PublicStatsTests.openData",
        "GET /api/v1/areas/{id}/households": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/households": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/households/import": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/units/import": "APIRegistryTests.registries", "POST /api/v1/areas/{id}/citizens/import": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/clans/import": "APIRegistryTests.registries",
        "GET /api/v1/households/{id}": "APIRegistryTests.registries",
        "PATCH /api/v1/households/{id}": "APIRegistryTests.registries",
        "POST /api/v1/households/{id}/members": "APIRegistryTests.registries",
        "GET /api/v1/persons/{id}": "APIRegistryTests.registries",
        "PATCH /api/v1/persons/{id}": "APIRegistryTests.registries",
        "DELETE /api/v1/persons/{id}": "APIRegistryTests.registries",
        "GET /api/v1/areas/{id}/citizens": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/citizens": "APIRegistryTests.registries",
        "GET /api/v1/areas/{id}/units": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/units": "APIRegistryTests.registries",
        "PATCH /api/v1/units/{id}": "APIRegistryTests.registries",
        "GET /api/v1/areas/{id}/clans": "APIRegistryTests.registries",
        "POST /api/v1/areas/{id}/clans": "APIRegistryTests.registries",
        "GET /api/v1/clans/{id}": "APIRegistryTests.registries",
        "POST /api/v1/clans/{id}/households": "APIRegistryTests.registries",
        "GET /criteria": "CriteriaPageTests.browse", "GET /criteria/import": "CriteriaPageTests.importFile, forbidden",
        "POST /criteria/import": "CriteriaPageTests.importFile",
        "GET /criteria/{id}": "CriteriaPageTests.browse, provinceVariant",
        "GET /criteria/{id}/rubric": "CriteriaPageTests.rubrics, browse", "GET /criteria/{id}/yaml": "CriteriaPageTests.browse, editAndPublish",
        "GET /criteria/{id}/draft": "CriteriaPageTests.editAndPublish, provinceVariant",
        "POST /criteria/{id}/draft": "CriteriaPageTests.editAndPublish, forbidden",
        "POST /criteria/{id}/draft/open": "CriteriaPageTests.editAndPublish, forbidden, provinceVariant",
        "POST /criteria/{id}/draft/discard": "CriteriaPageTests.discard, forbidden",
        "POST /criteria/{id}/publish": "CriteriaPageTests.editAndPublish, provinceVariant, forbidden",
        "GET /criteria/{id}/derive": "CriteriaPageTests.provinceVariant, forbidden",
        "POST /criteria/{id}/derive": "CriteriaPageTests.provinceVariant, forbidden",
        "GET /criteria/{id}/score": "CriteriaPageTests.trialScoring",
        "GET /api/v1/criteria-sets": "APICriteriaTests.read", "POST /api/v1/criteria-sets": "APICriteriaTests.drafts, forbidden",
        "POST /api/v1/criteria-sets/validate": "APICriteriaTests.drafts",
        "GET /api/v1/criteria-sets/in-force": "APICriteriaTests.read",
        "GET /api/v1/criteria-sets/{id}": "APICriteriaTests.read", "GET /api/v1/criteria-sets/{id}/yaml": "APICriteriaTests.read",
        "GET /api/v1/criteria-sets/{id}/draft": "APICriteriaTests.drafts, forbidden",
        "PUT /api/v1/criteria-sets/{id}/draft": "APICriteriaTests.drafts, forbidden",
        "DELETE /api/v1/criteria-sets/{id}/draft": "APICriteriaTests.drafts, forbidden",
        "POST /api/v1/criteria-sets/{id}/draft/open": "APICriteriaTests.drafts, forbidden",
        "POST /api/v1/criteria-sets/{id}/publish": "APICriteriaTests.drafts, forbidden",
        "POST /api/v1/criteria-sets/{id}/derive": "APICriteriaTests.drafts, forbidden",
        "POST /api/v1/criteria-sets/{id}/score": "APICriteriaTests.score, commandMatchesEndpoint",
    ]

    static var stylesheetVersion: String {
        String(SiteURL.stylesheet.path.dropFirst("/assets/hoctap-".count).dropLast(".css".count))
    }

    static func routes() async throws -> [(method: String, path: String)] {
        try await TestDatabases.with(.sqlite) { database, url in
            let environment = ServiceEnvironment(database: database, passwordHasher: TestApp.hasher, logger: TestDatabases.logger)
            let router = buildRouter(services: AppServices(environment: environment),
                                     config: AppConfig(databaseURL: url, port: 0), metrics: MetricsRegistry.shared)
            return router.routes.filter { $0.method != .head }.map { ($0.method.rawValue, $0.path.description) }
        }
    }

    @Test("every route is listed with the tests that cover it")
    func inventory() async throws {
        let routes = try await Self.routes().map { "\($0.method) \($0.path)" }
        let missing = Set(routes).subtracting(Self.coverage.keys)
        #expect(missing.isEmpty, "routes without tests listed: \(missing.sorted())")
        let stale = Set(Self.coverage.keys).subtracting(routes)
        #expect(stale.isEmpty, "listed routes that no longer exist: \(stale.sorted())")
    }

    @Test("without a session, every non-public route refuses: pages redirect to login, the API answers 401")
    func anonymous() async throws {
        let routes = try await Self.routes()
        try await TestApp.run(.sqlite) { browser, fixture in
            for route in routes where !Self.publicRoutes.contains("\(route.method) \(route.path)") {
                let path = route.path.replacingOccurrences(of: "{id}", with: String(fixture.socSon.id))
                let page = try await browser.request(.init(route.method)!, path)
                if path.hasPrefix("/api/") {
                    #expect(page.status == .unauthorized, "\(route.method) \(path) → \(page.status)")
                } else if route.method == "GET" {
                    #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true, "\(route.method) \(path)")
                } else {
                    // A form post without a session has no CSRF token to show either.
                    #expect([.forbidden, .seeOther].contains(page.status), "\(route.method) \(path) → \(page.status)")
                }
            }
        }
    }

    /// Registry records an administrator creates in another area, by the first segment of their routes.
    static func foreignRecords(_ browser: Browser, commune: Int64, village: Int64, nghean: Int64) async throws -> [String: Int64] {
        try await browser.login(DemoUser.admin)
        func created(_ page: Browser.Page, _ pattern: String) throws -> Int64 {
            let text = (page.location ?? "") + " " + page.body
            let match = try #require(text.firstMatch(of: try Regex(pattern)), "\(pattern) in \(page.status)")
            return try #require(Int64(String(match.output[1].substring ?? "")))
        }
        let household = try created(try await browser.submit("/areas/\(village)/households/new", ["headName": "Hộ ngoài", "address": ""]), #"/households/(\d+)"#)
        _ = try await browser.submit("/households/\(household)/members/new", ["fullName": "Người ngoài", "relation": "head"])
        let person = try created(try await browser.get("/households/\(household)"), #"/persons/(\d+)/edit"#)
        _ = try await browser.submit("/areas/\(commune)/units/new", ["name": "Đơn vị ngoài", "kind": "co-quan-nha-nuoc", "staffCount": "3"])
        let unit = try created(try await browser.get("/areas/\(commune)/units"), #"/units/(\d+)/edit"#)
        let clan = try created(try await browser.submit("/areas/\(commune)/clans/new", ["name": "Họ ngoài", "headName": ""]), #"/clans/(\d+)"#)
        let cycle = try created(try await browser.submit("/areas/\(commune)/cycles", ["year": "2026", "model": "family"]), #"/cycles/(\d+)"#)
        _ = try await browser.submit("/cycles/\(cycle)", to: "/cycles/\(cycle)/register", ["areaID": String(village)])
        let evaluation = try created(try await browser.get("/cycles/\(cycle)"), #"/evaluations/(\d+)"#)
        // Evidence is attached by assessors: Quế Phong's officer, in a unit cycle of their commune.
        try await browser.login(DemoUser.otherProvinceCommune)
        let quePhong = try created(try await browser.get("/areas"), #"/areas/(\d+)"#)
        _ = try await browser.submit("/areas/\(quePhong)/units/new", ["name": "Trường Tiểu học Quế Phong", "kind": "truong-pho-thong", "staffCount": "20"])
        let unitCycle = try created(try await browser.submit("/areas/\(quePhong)/cycles", ["year": "2026", "model": "unit", "setID": "tt24-2023-dvht-huyen"]),
                                    #"/cycles/(\d+)"#)
        _ = try await browser.submit("/cycles/\(unitCycle)", to: "/cycles/\(unitCycle)/register", ["areaID": String(quePhong)])
        let unitEvaluation = try created(try await browser.get("/cycles/\(unitCycle)"), #"/evaluations/(\d+)"#)
        let page = try await browser.get("/evaluations/\(unitEvaluation)")
        let item = try #require(page.body.firstMatch(of: #/name="items" value="([^"]+)"/#)).output.1
        _ = try await EvidenceTests.attach(browser, "/evaluations/\(unitEvaluation)", csrf: try #require(page.csrfToken),
                                           file: ("a.jpg", try EvidenceTests.fixture("hoc-ba.jpg")), fields: [("items", String(item))])
        let evidence = try created(try await browser.get("/evaluations/\(unitEvaluation)"), #"/evidence/(\d+)/file"#)
        let decision = try await foreignDecision(browser, quePhong: quePhong)
        // A plan of Nghệ An, which neither prober's province is.
        try await browser.login(DemoUser.admin)
        let planForm = try await browser.get("/plans/new")
        let plan = try created(try await browser.post("/plans/new", form: [
            "scope": String(nghean), "code": "nghe-an-kh", "documentNumber": "1/KH-UBND", "name": "Kế hoạch của Nghệ An", "issuer": "UBND tỉnh",
            "fromYear": "2021", "toYear": "2030", "provenance": "Kiểm thử"], csrf: planForm.csrfToken), #"/plans/(\d+)"#)
        // An article and a document of Nghệ An's portal.
        let articleForm = try await browser.get("/noi-dung/bai-viet/moi")
        let article = try created(try await browser.post("/noi-dung/bai-viet/moi", form: [
            "area": String(nghean), "kind": "tin-tuc", "title": "Tin Nghệ An", "body": "Nội dung"], csrf: articleForm.csrfToken), #"/noi-dung/bai-viet/(\d+)"#)
        let document = try created(try await browser.multipart("/noi-dung/van-ban/moi?_csrf=\(try #require(articleForm.csrfToken))", fields: [
            "area": String(nghean), "kind": "ke-hoach", "number": "1/KH-UBND", "issuedOn": "01/02/2026", "issuer": "UBND tỉnh Nghệ An",
            "title": "Kế hoạch khuyến học"], files: [("file", "kh.pdf", try EvidenceTests.fixture("bien-ban.pdf"))]), #"/noi-dung/van-ban/(\d+)"#)
        // The commune's learning centre, a member of its board and a class.
        _ = try await browser.submit("/areas/\(commune)/tthtcd", ["name": "Trung tâm ngoài", "version": ""])
        _ = try await browser.submit("/areas/\(commune)/tthtcd", to: "/areas/\(commune)/tthtcd/can-bo", ["fullName": "Người ngoài", "position": "Giám đốc", "office": ""])
        let manager = try created(try await browser.get("/areas/\(commune)/tthtcd"), #"/tthtcd/can-bo/(\d+)/xoa"#)
        let activity = try created(try await browser.submit("/areas/\(commune)/tthtcd", to: "/areas/\(commune)/tthtcd/hoat-dong", [
            "kind": "lop-hoc", "topic": "Lớp ngoài", "startsOn": "2026-03-01", "hours": "2", "participants": "5"]), #"/tthtcd/hoat-dong/(\d+)"#)
        // An entry of the foreign person's learning record.
        _ = try await browser.submit("/persons/\(person)/hoc-tap", ["kind": "khoa-hoc", "title": "Khóa học ngoài", "startsOn": "2025-01-01"])
        let entry = try created(try await browser.get("/persons/\(person)/hoc-tap"), #"/hoc-tap/(\d+)/xoa"#)
        // The commune's association with an officer, and a course it organised.
        _ = try await browser.submit("/areas/\(commune)/hoi", ["kind": "hoi-xa"])
        let body = try created(try await browser.get("/areas/\(commune)/hoi"), #"name="body" value="(\d+)""#)
        _ = try await browser.submit("/areas/\(commune)/hoi", to: "/areas/\(commune)/hoi/can-bo", ["officerBody": String(body), "fullName": "Cán bộ ngoài", "position": "Chủ tịch"])
        let officer = try created(try await browser.get("/areas/\(commune)/hoi"), #"/hoi/can-bo/(\d+)/xoa"#)
        let course = try created(try await browser.submit("/areas/\(commune)/tap-huan", ["topic": "cntt", "title": "Lớp ngoài", "organiser": "Hội xã ngoài",
                                                                                       "startsOn": "2026-02-01", "hours": "4"]), #"/tap-huan/(\d+)"#)
        return ["households": household, "persons": person, "units": unit, "clans": clan, "cycles": cycle, "evaluations": evaluation,
                "evidence": evidence, "decisions": decision, "plans": plan, "bai-viet": article, "van-ban": document,
                "can-bo": manager, "hoat-dong": activity, "hoc-tap": entry, "hoi": officer, "tap-huan": course]
    }

    /// A recognition decision of Quế Phong (outside both probers' subtrees): its commune assessed
    /// by its officer, approved by a council member and recognised by its UBND, whose accounts the
    /// administrator creates.
    static func foreignDecision(_ browser: Browser, quePhong: Int64) async throws -> Int64 {
        let opened = try await browser.submit("/areas/\(quePhong)/cycles", ["year": "2026", "model": "community-commune"])
        let cycle = DecisionPageTests.id(opened.location ?? "")
        _ = try await browser.submit(cycle, to: "\(cycle)/register", ["areaID": String(quePhong)])
        let evaluation = try EvaluationPageTests.firstEvaluation(try await browser.get(cycle).body)
        #expect(try await browser.submit(evaluation, try DecisionPageTests.communeAnswers().merging(["version": "1"]) { $1 }).status == .seeOther)
        for (action, version) in [("submit", "2"), ("review", "3")] {
            #expect(try await browser.submit(evaluation, to: "\(evaluation)/transition", ["action": action, "version": version]).status == .seeOther)
        }
        try await browser.login(DemoUser.admin)
        for (role, username) in [("council_member", "quephong.hoidong"), ("commune_authority", "quephong.ubnd")] {
            let form = try await browser.get("/accounts/new?area=\(quePhong)")
            #expect(try await browser.post("/accounts/new", form: ["areaID": String(quePhong), "role": role, "username": username,
                                                                  "displayName": username, "password": "mat-khau-que-phong"],
                                           csrf: form.csrfToken).status == .seeOther)
        }
        let evaluationID = String(evaluation.dropFirst("/evaluations/".count))
        try await browser.login("quephong.hoidong", password: "mat-khau-que-phong")
        #expect(try await browser.submit(cycle, to: "\(cycle)/council", ["heldOn": "2026-11-20", "members": "Hội đồng Quế Phong",
                                                                       "outcome-\(evaluationID)": "approve"]).status == .seeOther)
        try await browser.login("quephong.ubnd", password: "mat-khau-que-phong")
        let issued = try await browser.submit(cycle, to: "\(cycle)/decisions", [
            "number": "9/QĐ-UBND", "signedOn": "2026-11-21", "signerName": "Chủ tịch Quế Phong", "signerTitle": "Chủ tịch",
            "legalBasis": "Căn cứ Thông tư số 25/2023/TT-BGDĐT.", "evaluations": evaluationID,
        ])
        let match = try #require((issued.location ?? "").firstMatch(of: #/decisions/(\d+)/#), "decision issued: \(issued.status)")
        return try #require(Int64(match.output.1))
    }

    /// Who probes, and which of the demo's records lie outside their subtree.
    enum Prober: String, CaseIterable, Sendable {
        /// Hà Nội's province officer probing Nghệ An.
        case provinceOfficer
        /// Sóc Sơn's commune officer probing its sibling commune Kim Anh (same province).
        case communeOfficer
    }

    @Test("every route with an identifier answers 'not found' for records outside the caller's subtree",
          arguments: TestDatabases.engines, Prober.allCases)
    func outsideSubtree(engine: DatabaseEngine, prober: Prober) async throws {
        // Criteria sets are national or province-wide documents every account may read; their
        // management rights are tested in CriteriaPageTests and APICriteriaTests.
        let routes = try await Self.routes().filter {
            $0.path.contains("{id}") && !$0.path.contains("criteria") && !Self.publicRoutes.contains("\($0.method) \($0.path)")
        }
        try await TestApp.run(engine) { browser, fixture in
            // The identifiers of another area's records, read by an account that may see them.
            try await browser.apiLogin(DemoUser.admin)
            struct Accounts: Decodable { var items: [Account] }
            struct Account: Decodable { var id: Int64; var username: String }
            let accounts = try await browser.get("/api/v1/accounts").json(Accounts.self)
            let foreignAccount = try #require(accounts.items.first { $0.username == DemoUser.otherProvinceCommune }).id
            browser.clearBearer()

            let foreignArea = prober == .provinceOfficer ? fixture.quePhong.id : fixture.kimAnh.id
            let foreignVillage = prober == .provinceOfficer ? fixture.quePhongVillage.id : fixture.kimAnhVillage.id
            let records = try await Self.foreignRecords(browser, commune: foreignArea, village: foreignVillage, nghean: fixture.nghean.id)
            browser.clearBearer()
            try await browser.login(prober == .provinceOfficer ? DemoUser.province : DemoUser.communeOfficer)
            let csrf = try #require(try await browser.get("/").csrfToken)
            for route in routes {
                let segments = route.path.split(separator: "/").map(String.init)
                let recordKind = (segments.first == "api" ? segments.dropFirst(2).first
                    : ["noi-dung", "tthtcd"].contains(segments.first) ? segments.dropFirst().first : segments.first) ?? ""
                let id = route.path.contains("/accounts/") ? foreignAccount : records[recordKind] ?? foreignArea
                let path = route.path.replacingOccurrences(of: "{id}", with: String(id))
                var headers: HTTPFields = [.init("X-CSRF-Token")!: csrf]
                var body: ByteBuffer?
                if path.hasPrefix("/api/") && route.method != "GET" {
                    headers[.contentType] = "application/json"
                    body = ByteBuffer(string: #"{"name":"x","kind":"thon","version":1}"#)
                } else if route.method != "GET" {
                    headers[.contentType] = "application/x-www-form-urlencoded"
                    body = ByteBuffer(string: "name=x&kind=thon&version=1")
                }
                let page = try await browser.request(.init(route.method)!, path, headers: headers, body: body)
                #expect(page.status == .notFound, "\(prober): \(route.method) \(path) → \(page.status)")
            }
            // Nothing changed for the commune that was probed.
            try await browser.apiLogin(DemoUser.admin)
            let villages = try await browser.get("/api/v1/areas/\(foreignArea)/children")
            #expect(villages.body.components(separatedBy: "\"level\":\"village\"").count - 1 == 5)
        }
    }
}
