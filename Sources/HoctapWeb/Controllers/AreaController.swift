import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird

/// Pages for browsing areas and for the commune's villages.
struct AreaController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.areas.pattern), use: start)
        group.get(RouterPath(stringLiteral: SiteURL.areaSearch.pattern), use: search)
        group.get(RouterPath(stringLiteral: SiteURL.area(0).pattern), use: show)
        group.get(RouterPath(stringLiteral: SiteURL.newVillage(commune: 0).pattern), use: newVillage)
        group.post(RouterPath(stringLiteral: SiteURL.newVillage(commune: 0).pattern), use: createVillage)
        group.get(RouterPath(stringLiteral: SiteURL.editVillage(0).pattern), use: editVillage)
        group.post(RouterPath(stringLiteral: SiteURL.editVillage(0).pattern), use: updateVillage)
        group.get(RouterPath(stringLiteral: SiteURL.importVillages(commune: 0).pattern), use: showImport)
        group.post(RouterPath(stringLiteral: SiteURL.importVillages(commune: 0).pattern), use: importVillages)
    }

    func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let home = try await services.areas.home(of: try context.requireActor())
        return Redirect.to(SiteURL.area(home.id).path)
    }

    func search(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let query = try request.searchText()
        let results = try await services.areas.search(query, by: actor)
        return HTMLResponse(html: AreaSearchPage.render(query: query, results: results, chrome: context.chrome(.areas)))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let overview = try await services.areas.overview(try Self.id(context), by: actor)
        let notice = request.query("ok").flatMap { Self.notices[$0] }
        return HTMLResponse(html: AreaPage.render(.init(overview: overview, actor: actor, chrome: context.chrome(.areas), notice: notice)))
    }

    func newVillage(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let commune = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .createVillage(inCommune: commune.position), notFound: "Không tìm thấy địa bàn này.")
        return HTMLResponse(html: VillageFormPage.render(.init(commune: commune, chrome: context.chrome(.areas))))
    }

    func createVillage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        _ = try await services.areas.find(try Self.id(context), by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let communeID = try Self.id(context)
        let kind = AreaKind(rawValue: form["kind"]).flatMap { $0.level == .village ? $0 : nil }
        let code = form["code"].trimmingCharacters(in: .whitespaces)
        do {
            guard let kind else { throw ServiceError.invalid([FieldIssue("kind", "Hãy chọn loại thôn, tổ dân phố.")]) }
            let village = try await services.villages.create(
                VillageDraft(localCode: code.isEmpty ? nil : code, name: form["name"], kind: kind), inCommune: communeID, by: actor)
            return Redirect.to(SiteURL.area(village.parentID ?? communeID).with(["ok": "village-created"]))
        } catch ServiceError.invalid(let issues) {
            let commune = try await services.areas.find(communeID, by: actor)
            let page = VillageFormPage.render(.init(commune: commune, name: form["name"], kind: kind ?? .thon, localCode: code,
                                                    issues: issues, chrome: context.chrome(.areas)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func editVillage(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let village = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .editVillage(village.position), notFound: "Không tìm thấy địa bàn này.")
        let commune = try await services.areas.find(village.parentID ?? -1, by: actor)
        return HTMLResponse(html: VillageFormPage.render(.init(
            commune: commune, village: village, name: village.name, kind: village.kind, version: village.version,
            chrome: context.chrome(.areas))))
    }

    func updateVillage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        _ = try await services.areas.find(try Self.id(context), by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let villageID = try Self.id(context)
        let kind = AreaKind(rawValue: form["kind"]).flatMap { $0.level == .village ? $0 : nil }
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của bản ghi (version).") }
        do {
            guard let kind else { throw ServiceError.invalid([FieldIssue("kind", "Hãy chọn loại thôn, tổ dân phố.")]) }
            let village = try await services.villages.update(villageID, name: form["name"], kind: kind, expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.area(village.id).with(["ok": "village-updated"]))
        } catch ServiceError.invalid(let issues) {
            let village = try await services.areas.find(villageID, by: actor)
            let commune = try await services.areas.find(village.parentID ?? -1, by: actor)
            let page = VillageFormPage.render(.init(commune: commune, village: village, name: form["name"], kind: kind ?? village.kind,
                                                    version: version, issues: issues, chrome: context.chrome(.areas)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func showImport(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let commune = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .createVillage(inCommune: commune.position), notFound: "Không tìm thấy địa bàn này.")
        return HTMLResponse(html: VillageImportPage.render(.init(commune: commune, chrome: context.chrome(.areas))))
    }

    func importVillages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let commune = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .createVillage(inCommune: commune.position), notFound: "Không tìm thấy địa bàn này.")
        var request = request
        var model = VillageImportPage.Model(commune: commune, chrome: context.chrome(.areas))
        var status = HTTPResponse.Status.ok
        do {
            let upload = try await UploadedFile.read(&request, field: "file", limit: maximumUploadBytes)
            model.fileName = upload.fileName
            model.report = try await services.villages.importCSV(upload.bytes, fileName: upload.fileName, intoCommune: commune.id, by: actor)
        } catch ServiceError.importRejected(let failure) {
            model.failure = failure
            status = .unprocessableContent
        } catch ServiceError.invalid(let issues) {
            model.error = issues.map(\.message).joined(separator: " ")
            status = .unprocessableContent
        }
        return try HTMLResponse(html: VillageImportPage.render(model), status: status).response(from: request, context: context)
    }

    static let notices = [
        "village-created": "Đã thêm thôn, tổ dân phố.",
        "village-updated": "Đã lưu thay đổi.",
    ]

    /// The `:id` path parameter; an identifier that is not a number names nothing.
    static func id(_ context: AppRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw ServiceError.notFound("Không tìm thấy địa bàn này.")
        }
        return id
    }
}
