import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Pages of the units and clans registries.
extension RegistryController {
    // MARK: Units

    func units(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        let search = try request.searchText()
        let found = try await registry.units(in: area.id, search: search, start: try PageCursor.start(request), pageSize: Self.pageSize, by: actor)
        let canCreate = area.isCurrent && [.commune, .village].contains(area.level) && AccessPolicy.decide(actor, .manageSubject(area.position)) == .allow
        return HTMLResponse(html: UnitListPage.render(area: area, units: found, search: search, canCreate: canCreate,
                                                      notice: request.query("ok").flatMap { Self.notices[$0] }, chrome: context.chrome(.areas)))
    }

    func newUnit(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(area.position), notFound: "Không tìm thấy địa bàn này.")
        return HTMLResponse(html: UnitFormPage.render(.init(title: "Đăng ký đơn vị – \(area.fullName)", action: SiteURL.newUnit(area: area.id).path,
                                                            chrome: context.chrome(.areas))))
    }

    func createUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            let draft = try Self.unitDraft(form)
            _ = try await registry.createUnit(draft, in: areaID, by: actor)
            return Redirect.to(SiteURL.units(area: areaID).with(["ok": "unit-created"]))
        } catch ServiceError.invalid(let issues) {
            let area = try await services.areas.find(areaID, by: actor)
            try Authorization.require(actor, .manageSubject(area.position))
            return try HTMLResponse(html: UnitFormPage.render(.init(
                title: "Đăng ký đơn vị – \(area.fullName)", action: SiteURL.newUnit(area: area.id).path, name: form["name"],
                kind: UnitKind(rawValue: form["kind"]), staffCount: form["staffCount"], issues: issues, chrome: context.chrome(.areas))),
                status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func editUnit(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let unit = try await registry.unit(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(unit.place.position))
        return HTMLResponse(html: UnitFormPage.render(.init(title: "Sửa đơn vị: \(unit.name)", action: SiteURL.editUnit(unit.id).path, name: unit.name,
                                                            kind: unit.kind, staffCount: unit.staffCount.map(String.init) ?? "", version: unit.version,
                                                            chrome: context.chrome(.areas))))
    }

    func updateUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        _ = try await registry.unit(id, by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của bản ghi (version).") }
        do {
            let unit = try await registry.updateUnit(id, try Self.unitDraft(form), expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.units(area: unit.place.villageID ?? unit.place.communeID).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            let unit = try await registry.unit(id, by: actor)
            try Authorization.require(actor, .manageSubject(unit.place.position))
            return try HTMLResponse(html: UnitFormPage.render(.init(
                title: "Sửa đơn vị", action: SiteURL.editUnit(id).path, name: form["name"], kind: UnitKind(rawValue: form["kind"]),
                staffCount: form["staffCount"], version: version, issues: issues, chrome: context.chrome(.areas))),
                status: .unprocessableContent).response(from: request, context: context)
        }
    }

    static func unitDraft(_ form: FormData) throws -> UnitDraft {
        var issues: [FieldIssue] = []
        let kind = UnitKind(rawValue: form["kind"])
        if kind == nil { issues.append(FieldIssue("kind", "Hãy chọn loại đơn vị.")) }
        var staff: Int?
        let staffText = form["staffCount"].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".", with: "")
        if !staffText.isEmpty {
            if let value = Int(staffText) { staff = value } else { issues.append(FieldIssue("staffCount", "Số thành viên \"\(staffText)\" không phải số.")) }
        }
        let draft = UnitDraft(name: form["name"], kind: kind ?? .stateAgency, staffCount: staff)
        issues += draft.problems().map { FieldIssue($0.field, $0.message) }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        return draft
    }

    // MARK: Clans

    func clans(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        let search = try request.searchText()
        let found = try await registry.clans(in: area.id, search: search, start: try PageCursor.start(request), pageSize: Self.pageSize, by: actor)
        let canCreate = area.isCurrent && [.commune, .village].contains(area.level) && AccessPolicy.decide(actor, .manageSubject(area.position)) == .allow
        return HTMLResponse(html: ClanPages.list(area: area, clans: found, search: search, canCreate: canCreate,
                                                 notice: request.query("ok").flatMap { Self.notices[$0] }, chrome: context.chrome(.areas)))
    }

    func newClan(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(area.position), notFound: "Không tìm thấy địa bàn này.")
        return HTMLResponse(html: ClanPages.form(area: area, name: "", headName: "", issues: [], chrome: context.chrome(.areas)))
    }

    func createClan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            let clan = try await registry.createClan(ClanDraft(name: form["name"], headName: form["headName"]), in: areaID, by: actor)
            return Redirect.to(SiteURL.clan(clan.id).with(["ok": "clan-created"]))
        } catch ServiceError.invalid(let issues) {
            let area = try await services.areas.find(areaID, by: actor)
            try Authorization.require(actor, .manageSubject(area.position))
            return try HTMLResponse(html: ClanPages.form(area: area, name: form["name"], headName: form["headName"], issues: issues, chrome: context.chrome(.areas)),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func clan(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let (clan, households) = try await registry.clan(try Self.id(context), by: actor)
        return HTMLResponse(html: ClanPages.detail(clan: clan, households: households,
                                                   canManage: AccessPolicy.decide(actor, .manageSubject(clan.place.position)) == .allow,
                                                   code: "", issues: [], notice: request.query("ok").flatMap { Self.notices[$0] },
                                                   chrome: context.chrome(.areas)))
    }

    func addClanHousehold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            _ = try await registry.addHousehold(code: form["code"], toClan: id, by: actor)
            return Redirect.to(SiteURL.clan(id).with(["ok": "clan-household-added"]))
        } catch ServiceError.invalid(let issues) {
            let (clan, households) = try await registry.clan(id, by: actor)
            try Authorization.require(actor, .manageSubject(clan.place.position))
            return try HTMLResponse(html: ClanPages.detail(clan: clan, households: households, canManage: true, code: form["code"], issues: issues,
                                                           notice: nil, chrome: context.chrome(.areas)),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
