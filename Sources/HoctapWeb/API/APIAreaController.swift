import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// `/api/v1/areas`: browsing, searching, and the commune's villages.
struct APIAreaController {
    let services: AppServices
    let maximumBodyBytes: Int
    let maximumUploadBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/areas", use: list)
        group.get("/areas/:id", use: show)
        group.patch("/areas/:id", use: update)
        group.get("/areas/:id/children", use: children)
        group.post("/areas/:id/villages", use: createVillage)
        group.post("/areas/:id/villages/import", use: importVillages)
    }

    /// Search by name (`q`), children of `parentId`, or the caller's own area.
    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var levels: [AreaLevel]?
        if let text = request.query("level") {
            guard let level = AreaLevel(rawValue: text) else {
                throw ServiceError.invalid([FieldIssue("level", "Cấp \"\(text)\" không hợp lệ; dùng: \(AreaLevel.allCases.map(\.rawValue).joined(separator: ", ")).")])
            }
            levels = [level]
        }
        let limit = try Self.limit(request)
        if let parentText = request.query("parentId") {
            guard let parentID = Int64(parentText) else {
                throw ServiceError.invalid([FieldIssue("parentId", "parentId phải là số.")])
            }
            let children = try await services.areas.children(of: parentID, by: actor)
            return try APIBody.response(APIModels.Items(items: children.prefix(limit).map { APIModels.Area($0.area, childCount: $0.childCount) }))
        }
        if request.query("q") != nil {
            let query = try request.searchText()
            let found = try await services.areas.search(query, levels: levels, limit: limit, by: actor)
            return try APIBody.response(APIModels.Items(items: found.map { APIModels.Area($0) }))
        }
        let home = try await services.areas.home(of: actor)
        return try APIBody.response(APIModels.Items(items: [APIModels.Area(home)]))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let overview = try await services.areas.overview(try AreaController.id(context), by: actor)
        let ref = { (area: HoctapDomain.Area) in APIModels.AreaRef(id: area.id, code: area.code, fullName: area.fullName) }
        return try APIBody.response(APIModels.AreaDetail(
            area: APIModels.Area(overview.area, childCount: overview.children.count),
            ancestors: overview.ancestors.filter(\.visible).map { ref($0.area) },
            counts: Dictionary(uniqueKeysWithValues: overview.counts.map { ($0.key.rawValue, $0.value) }),
            predecessors: overview.predecessors.map { .init(area: ref($0.area), part: $0.part.rawValue) },
            successors: overview.successors.map { .init(area: ref($0.area), part: $0.part.rawValue) }))
    }

    func children(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let children = try await services.areas.children(of: try AreaController.id(context), by: actor)
        return try APIBody.response(APIModels.Items(items: children.map { APIModels.Area($0.area, childCount: $0.childCount) }))
    }

    func createVillage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let communeID = try AreaController.id(context)
        _ = try await services.areas.find(communeID, by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let body = try await APIBody.decode(APIModels.NewVillage.self, from: &request, limit: maximumBodyBytes)
        let code = body.code?.trimmingCharacters(in: .whitespaces)
        let village = try await services.villages.create(
            VillageDraft(localCode: code?.isEmpty == false ? code : nil, name: body.name, kind: try Self.villageKind(body.kind)),
            inCommune: communeID, by: actor)
        return try APIBody.response(APIModels.Area(village, childCount: 0), status: .created)
    }

    func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try AreaController.id(context)
        _ = try await services.areas.find(id, by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let body = try await APIBody.decode(APIModels.VillageUpdate.self, from: &request, limit: maximumBodyBytes)
        let village = try await services.villages.update(id, name: body.name, kind: try Self.villageKind(body.kind),
                                                         expectedVersion: body.version, by: actor)
        return try APIBody.response(APIModels.Area(village))
    }

    /// Body: the CSV file itself (`Content-Type: text/csv`).
    func importVillages(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let communeID = try AreaController.id(context)
        // Scope first, so that the answer for another area's identifier never depends on the body.
        _ = try await services.areas.find(communeID, by: actor)
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("text/csv") else {
            throw WebError.unsupportedMediaType("Gửi nội dung tệp CSV với Content-Type: text/csv.")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: maximumUploadBytes)
        let name = request.query("fileName").map(UploadedFile.safeFileName) ?? "villages.csv"
        let report = try await services.villages.importCSV(Array(buffer: buffer), fileName: name, intoCommune: communeID, by: actor)
        return try APIBody.response(APIModels.ImportReport(created: report.created, updated: report.updated, unchanged: report.unchanged))
    }

    static func villageKind(_ text: String) throws -> AreaKind {
        guard let kind = AreaKind(rawValue: text) ?? AreaKind.village(parsing: text), kind.level == .village else {
            throw ServiceError.invalid([FieldIssue("kind", "Loại \"\(text)\" không hợp lệ; dùng: \(AreaKind.kinds(of: .village).map(\.rawValue).joined(separator: ", ")).")])
        }
        return kind
    }

    static func limit(_ request: Request) throws -> Int {
        guard let text = request.query("limit") else { return 50 }
        guard let limit = Int(text), (1...500).contains(limit) else {
            throw ServiceError.invalid([FieldIssue("limit", "limit phải là số từ 1 đến 500.")])
        }
        return limit
    }
}
