import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// `/api/v1` for the registries: households and members, learning citizens, units, clans.
/// Every handler resolves the record or area in the caller's scope before reading the body.
struct APIRegistryController {
    let services: AppServices
    let maximumBodyBytes: Int
    let maximumUploadBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/areas/:id/households", use: households)
        group.post("/areas/:id/households", use: createHousehold)
        group.post("/areas/:id/households/import", use: importHouseholds)
        group.post("/areas/:id/units/import", use: importUnits)
        group.post("/areas/:id/citizens/import", use: importCitizens)
        group.post("/areas/:id/clans/import", use: importClans)
        group.get("/households/:id", use: household)
        group.patch("/households/:id", use: updateHousehold)
        group.post("/households/:id/members", use: addMember)
        group.get("/persons/:id", use: person)
        group.patch("/persons/:id", use: updatePerson)
        group.delete("/persons/:id", use: deletePerson)
        group.get("/areas/:id/citizens", use: citizens)
        group.post("/areas/:id/citizens", use: createCitizen)
        group.get("/areas/:id/units", use: units)
        group.post("/areas/:id/units", use: createUnit)
        group.patch("/units/:id", use: updateUnit)
        group.get("/areas/:id/clans", use: clans)
        group.post("/areas/:id/clans", use: createClan)
        group.get("/clans/:id", use: clan)
        group.post("/clans/:id/households", use: addClanHousehold)
    }

    var registry: RegistryService { services.registry }
    func id(_ context: AppRequestContext) throws -> Int64 { try RegistryController.id(context) }
    func search(_ request: Request) throws -> String { try request.searchText() }

    func households(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await registry.households(in: try id(context), search: try search(request), start: try PageCursor.start(request), by: try context.requireActor())
        return try APIBody.response(APIModels.Paged(found, id: \.id) { APIModels.Household($0) })
    }

    func createHousehold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let villageID = try id(context)
        _ = try await services.areas.find(villageID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.HouseholdBody.self, from: &request, limit: maximumBodyBytes)
        let household = try await registry.createHousehold(HouseholdDraft(headName: body.headName, address: body.address ?? ""), inVillage: villageID, by: actor)
        return try APIBody.response(APIModels.Household(household), status: .created)
    }

    /// A CSV body (`text/csv`), one member per row, as on the import page.
    func importHouseholds(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await csvImport(request, context, defaultName: "ho-gia-dinh.csv") { try await registry.importHouseholds($0, fileName: $1, intoCommune: $2, by: $3) }
    }

    func importUnits(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await csvImport(request, context, defaultName: "don-vi.csv") { try await registry.importUnits($0, fileName: $1, intoCommune: $2, by: $3) }
    }

    func importCitizens(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await csvImport(request, context, defaultName: "cong-dan.csv") { try await registry.importCitizens($0, fileName: $1, intoCommune: $2, by: $3) }
    }

    func importClans(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await csvImport(request, context, defaultName: "dong-ho.csv") { try await registry.importClans($0, fileName: $1, intoCommune: $2, by: $3) }
    }

    /// Reads a `text/csv` body into a commune's registry, whole or not at all; the report as JSON.
    private func csvImport<Report: Encodable & Sendable>(
        _ request: Request, _ context: AppRequestContext, defaultName: String,
        _ run: (_ bytes: [UInt8], _ fileName: String, _ communeID: Area.ID, _ actor: Actor) async throws -> Report
    ) async throws -> Response {
        let actor = try context.requireActor()
        let communeID = try id(context)
        _ = try await services.areas.find(communeID, by: actor)
        guard request.headers[.contentType]?.lowercased().hasPrefix("text/csv") == true else {
            throw WebError.unsupportedMediaType("Gửi tệp CSV với Content-Type: text/csv.")
        }
        var request = request
        let buffer = try await request.collectBody(upTo: maximumUploadBytes)
        return try APIBody.response(try await run(Array(buffer.readableBytesView), request.query("fileName") ?? defaultName, communeID, actor))
    }

    func household(_ request: Request, context: AppRequestContext) async throws -> Response {
        let detail = try await registry.openHousehold(try id(context), for: .householdAPI, by: try context.requireActor())
        return try APIBody.response(APIModels.Household(detail.household, members: detail.members))
    }

    func updateHousehold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let householdID = try id(context)
        _ = try await registry.household(householdID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.HouseholdBody.self, from: &request, limit: maximumBodyBytes)
        guard let version = body.version else { throw ServiceError.invalid([FieldIssue("version", "Cần version của bản ghi.")]) }
        let household = try await registry.updateHousehold(householdID, HouseholdDraft(headName: body.headName, address: body.address ?? ""),
                                                           expectedVersion: version, by: actor)
        return try APIBody.response(APIModels.Household(household))
    }

    func addMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let householdID = try id(context)
        _ = try await registry.household(householdID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.PersonBody.self, from: &request, limit: maximumBodyBytes)
        let person = try await registry.addMember(try body.draft(), to: householdID, by: actor)
        return try APIBody.response(APIModels.Person(person), status: .created)
    }

    func person(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIBody.response(APIModels.Person(try await registry.openPerson(try id(context), for: .personAPI, by: try context.requireActor())))
    }

    func updatePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let personID = try id(context)
        _ = try await registry.person(personID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.PersonBody.self, from: &request, limit: maximumBodyBytes)
        guard let version = body.version else { throw ServiceError.invalid([FieldIssue("version", "Cần version của bản ghi.")]) }
        let person = try await registry.updatePerson(personID, try body.draft(), clearPersonalID: body.clearPersonalId ?? false,
                                                     expectedVersion: version, by: actor)
        return try APIBody.response(APIModels.Person(person))
    }

    func deletePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let personID = try id(context)
        _ = try await registry.person(personID, by: actor)
        guard let version = request.query("version").flatMap(Int.init) else {
            throw ServiceError.invalid([FieldIssue("version", "Cần version của bản ghi (?version=).")])
        }
        try await registry.removeMember(personID, expectedVersion: version, by: actor)
        return Response(status: .noContent)
    }

    func citizens(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await registry.citizens(in: try id(context), search: try search(request), start: try PageCursor.start(request), by: try context.requireActor())
        return try APIBody.response(APIModels.Paged(found, id: \.record.id, item: APIModels.Person.init))
    }

    func createCitizen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = try id(context)
        _ = try await services.areas.find(areaID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.PersonBody.self, from: &request, limit: maximumBodyBytes)
        let person = try await registry.createCitizen(try body.draft(), in: areaID, by: actor)
        return try APIBody.response(APIModels.Person(person), status: .created)
    }

    func units(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await registry.units(in: try id(context), search: try search(request), start: try PageCursor.start(request), by: try context.requireActor())
        return try APIBody.response(APIModels.Paged(found, id: \.id, item: APIModels.Unit.init))
    }

    func createUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = try id(context)
        _ = try await services.areas.find(areaID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.UnitBody.self, from: &request, limit: maximumBodyBytes)
        return try APIBody.response(APIModels.Unit(try await registry.createUnit(try body.draft(), in: areaID, by: actor)), status: .created)
    }

    func updateUnit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let unitID = try id(context)
        _ = try await registry.unit(unitID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.UnitBody.self, from: &request, limit: maximumBodyBytes)
        guard let version = body.version else { throw ServiceError.invalid([FieldIssue("version", "Cần version của bản ghi.")]) }
        return try APIBody.response(APIModels.Unit(try await registry.updateUnit(unitID, try body.draft(), expectedVersion: version, by: actor)))
    }

    func clans(_ request: Request, context: AppRequestContext) async throws -> Response {
        let found = try await registry.clans(in: try id(context), search: try search(request), start: try PageCursor.start(request), by: try context.requireActor())
        return try APIBody.response(APIModels.Paged(found, id: \.id) { APIModels.Clan($0) })
    }

    func createClan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = try id(context)
        _ = try await services.areas.find(areaID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.ClanBody.self, from: &request, limit: maximumBodyBytes)
        let clan = try await registry.createClan(ClanDraft(name: body.name, headName: body.headName ?? ""), in: areaID, by: actor)
        return try APIBody.response(APIModels.Clan(clan), status: .created)
    }

    func clan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (clan, households) = try await registry.clan(try id(context), by: try context.requireActor())
        return try APIBody.response(APIModels.Clan(clan, households: households))
    }

    func addClanHousehold(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let clanID = try id(context)
        _ = try await registry.clan(clanID, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.CodeBody.self, from: &request, limit: maximumBodyBytes)
        return try APIBody.response(APIModels.Household(try await registry.addHousehold(code: body.code, toClan: clanID, by: actor)), status: .created)
    }
}
