import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Pages of the registries: households and members, learning citizens, units, clans.
struct RegistryController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int
    static let pageSize = 50

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.households(area: 0).pattern), use: households)
        for kind in ExportKind.allCases {
            for format in ExportFormat.allCases {
                group.get(RouterPath(stringLiteral: SiteURL.export(area: 0, kind, format).pattern), use: export(kind, as: format))
            }
        }
        group.get(RouterPath(stringLiteral: SiteURL.newHousehold(village: 0).pattern), use: newHousehold)
        group.post(RouterPath(stringLiteral: SiteURL.newHousehold(village: 0).pattern), use: createHousehold)
        group.get(RouterPath(stringLiteral: SiteURL.importHouseholds(commune: 0).pattern), use: showImport)
        group.post(RouterPath(stringLiteral: SiteURL.importHouseholds(commune: 0).pattern), use: importHouseholds)
        group.get(RouterPath(stringLiteral: SiteURL.household(0).pattern), use: household)
        group.get(RouterPath(stringLiteral: SiteURL.editHousehold(0).pattern), use: editHousehold)
        group.post(RouterPath(stringLiteral: SiteURL.editHousehold(0).pattern), use: updateHousehold)
        group.get(RouterPath(stringLiteral: SiteURL.newMember(household: 0).pattern), use: newMember)
        group.post(RouterPath(stringLiteral: SiteURL.newMember(household: 0).pattern), use: createMember)
        group.get(RouterPath(stringLiteral: SiteURL.editPerson(0).pattern), use: editPerson)
        group.post(RouterPath(stringLiteral: SiteURL.editPerson(0).pattern), use: updatePerson)
        group.post(RouterPath(stringLiteral: SiteURL.deletePerson(0).pattern), use: deletePerson)
        group.get(RouterPath(stringLiteral: SiteURL.personExport(0).pattern), use: exportPerson)
        group.get(RouterPath(stringLiteral: SiteURL.erasePerson(0).pattern), use: showErasure)
        group.post(RouterPath(stringLiteral: SiteURL.erasePerson(0).pattern), use: erasePerson)
        group.get(RouterPath(stringLiteral: SiteURL.citizens(area: 0).pattern), use: citizens)
        group.get(RouterPath(stringLiteral: SiteURL.newCitizen(area: 0).pattern), use: newCitizen)
        group.post(RouterPath(stringLiteral: SiteURL.newCitizen(area: 0).pattern), use: createCitizen)
        group.get(RouterPath(stringLiteral: SiteURL.units(area: 0).pattern), use: units)
        group.get(RouterPath(stringLiteral: SiteURL.newUnit(area: 0).pattern), use: newUnit)
        group.post(RouterPath(stringLiteral: SiteURL.newUnit(area: 0).pattern), use: createUnit)
        group.get(RouterPath(stringLiteral: SiteURL.editUnit(0).pattern), use: editUnit)
        group.post(RouterPath(stringLiteral: SiteURL.editUnit(0).pattern), use: updateUnit)
        group.get(RouterPath(stringLiteral: SiteURL.clans(area: 0).pattern), use: clans)
        group.get(RouterPath(stringLiteral: SiteURL.newClan(area: 0).pattern), use: newClan)
        group.post(RouterPath(stringLiteral: SiteURL.newClan(area: 0).pattern), use: createClan)
        group.get(RouterPath(stringLiteral: SiteURL.clan(0).pattern), use: clan)
        group.post(RouterPath(stringLiteral: SiteURL.clanHouseholds(0).pattern), use: addClanHousehold)
        group.get(RouterPath(stringLiteral: SiteURL.importUnits(commune: 0).pattern), use: showUnitImport)
        group.post(RouterPath(stringLiteral: SiteURL.importUnits(commune: 0).pattern), use: importUnits)
        group.get(RouterPath(stringLiteral: SiteURL.importCitizens(commune: 0).pattern), use: showCitizenImport)
        group.post(RouterPath(stringLiteral: SiteURL.importCitizens(commune: 0).pattern), use: importCitizens)
        group.get(RouterPath(stringLiteral: SiteURL.importClans(commune: 0).pattern), use: showClanImport)
        group.post(RouterPath(stringLiteral: SiteURL.importClans(commune: 0).pattern), use: importClans)
    }

    var registry: RegistryService { services.registry }

    // MARK: Households

    func households(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        let search = try request.searchText()
        let found = try await registry.households(in: area, search: search, start: try PageCursor.start(request), pageSize: Self.pageSize)
        let manage = AccessPolicy.decide(actor, .manageSubject(area.position)) == .allow
        return HTMLResponse(html: HouseholdListPage.render(.init(
            area: area, households: found, search: search,
            canCreate: manage && area.level == .village && area.isCurrent, canImport: manage && area.level == .commune && area.isCurrent,
            notice: request.query("ok").flatMap { Self.notices[$0] }, chrome: context.chrome(.areas))))
    }

    func newHousehold(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let village = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(village.position), notFound: "Không tìm thấy thôn này.")
        return HTMLResponse(html: HouseholdFormPage.render(.init(village: village, chrome: context.chrome(.areas))))
    }

    func createHousehold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let villageID = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let draft = HouseholdDraft(headName: form["headName"], address: form["address"])
        do {
            let household = try await registry.createHousehold(draft, inVillage: villageID, by: actor)
            return Redirect.to(SiteURL.household(household.id).with(["ok": "household-created"]))
        } catch ServiceError.invalid(let issues) {
            let village = try await services.areas.find(villageID, by: actor)
            try Authorization.require(actor, .manageSubject(village.position))
            return try HTMLResponse(html: HouseholdFormPage.render(.init(village: village, headName: draft.headName, address: draft.address,
                                                                         issues: issues, chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func household(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let detail = try await registry.openHousehold(try Self.id(context), for: .householdPage, by: actor)
        return HTMLResponse(html: HouseholdPage.render(detail, notice: request.query("ok").flatMap { Self.notices[$0] }, chrome: context.chrome(.areas)))
    }

    func editHousehold(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let detail = try await registry.household(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(detail.household.place.position))
        let household = detail.household
        return HTMLResponse(html: HouseholdFormPage.render(.init(household: household, headName: household.headName, address: household.address,
                                                                 chrome: context.chrome(.areas))))
    }

    func updateHousehold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        _ = try await registry.household(id, by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của bản ghi (version).") }
        let draft = HouseholdDraft(headName: form["headName"], address: form["address"])
        do {
            _ = try await registry.updateHousehold(id, draft, expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.household(id).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            var household = try await registry.household(id, by: actor).household
            try Authorization.require(actor, .manageSubject(household.place.position))
            household.version = version
            return try HTMLResponse(html: HouseholdFormPage.render(.init(household: household, headName: draft.headName, address: draft.address,
                                                                         issues: issues, chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func showImport(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        try await importForm(context, RegistryImportPage.households)
    }

    func importHouseholds(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await runImport(request, context, RegistryImportPage.households) { bytes, name, commune, actor in
            let report = try await registry.importHouseholds(bytes, fileName: name, intoCommune: commune, by: actor)
            return "\(report.households) hộ, \(report.members) thành viên"
        }
    }

    func showUnitImport(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        try await importForm(context, RegistryImportPage.units)
    }

    func importUnits(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await runImport(request, context, RegistryImportPage.units) { bytes, name, commune, actor in
            "\(try await registry.importUnits(bytes, fileName: name, intoCommune: commune, by: actor).created) đơn vị"
        }
    }

    func showCitizenImport(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        try await importForm(context, RegistryImportPage.citizens)
    }

    func importCitizens(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await runImport(request, context, RegistryImportPage.citizens) { bytes, name, commune, actor in
            "\(try await registry.importCitizens(bytes, fileName: name, intoCommune: commune, by: actor).created) công dân học tập"
        }
    }

    func showClanImport(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        try await importForm(context, RegistryImportPage.clans)
    }

    func importClans(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await runImport(request, context, RegistryImportPage.clans) { bytes, name, commune, actor in
            let report = try await registry.importClans(bytes, fileName: name, intoCommune: commune, by: actor)
            return "\(report.clans) dòng họ, \(report.households) hộ thành viên"
        }
    }

    private func importForm(_ context: AppRequestContext, _ page: (Area, PageChrome) -> RegistryImportPage.Model) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let commune = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(commune.position), notFound: "Không tìm thấy xã này.")
        return HTMLResponse(html: RegistryImportPage.render(page(commune, context.chrome(.areas))))
    }

    /// Reads the uploaded file, imports it whole or not at all, and shows the result or every problem with its line.
    private func runImport(_ request: Request, _ context: AppRequestContext, _ page: (Area, PageChrome) -> RegistryImportPage.Model,
                           _ body: (_ bytes: [UInt8], _ fileName: String, _ communeID: Area.ID, _ actor: Actor) async throws -> String) async throws -> Response {
        let actor = try context.requireActor()
        let commune = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(commune.position), notFound: "Không tìm thấy xã này.")
        var request = request
        var model = page(commune, context.chrome(.areas))
        var status = HTTPResponse.Status.ok
        do {
            let upload = try await UploadedFile.read(&request, field: "file", limit: maximumUploadBytes)
            model.fileName = upload.fileName
            model.report = try await body(upload.bytes, upload.fileName, commune.id, actor)
        } catch ServiceError.importRejected(let failure) {
            model.failure = failure
            status = .unprocessableContent
        } catch ServiceError.invalid(let issues) {
            model.error = issues.map(\.message).joined(separator: " ")
            status = .unprocessableContent
        }
        return try HTMLResponse(html: RegistryImportPage.render(model), status: status).response(from: request, context: context)
    }

    // MARK: Helpers

    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw ServiceError.notFound("Không tìm thấy.") }
        return id
    }


    static let notices = [
        "household-created": "Đã thêm hộ. Hãy thêm các thành viên của hộ.",
        "member-added": "Đã thêm thành viên.",
        "member-removed": "Đã xóa khỏi sổ theo dõi.",
        "erased": "Đã xóa dữ liệu cá nhân theo yêu cầu; các quyết định công nhận giữ tên và danh hiệu. Việc xóa đã được ghi vào nhật ký.",
        "saved": "Đã lưu thay đổi.",
        "citizen-created": "Đã đăng ký công dân học tập.",
        "unit-created": "Đã đăng ký đơn vị.",
        "clan-created": "Đã đăng ký dòng họ. Thêm các hộ thuộc dòng họ bằng mã hộ.",
        "clan-household-added": "Đã thêm hộ vào dòng họ.",
    ]
}
