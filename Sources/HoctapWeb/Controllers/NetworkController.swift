import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// A commune's association network: its bodies, the year's figures in one grid, and officers.
struct NetworkController {
    let services: AppServices
    let maximumFormBytes: Int

    var network: AssociationService { AssociationService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.network(commune: 0).pattern), use: page)
        group.post(RouterPath(stringLiteral: SiteURL.network(commune: 0).pattern), use: addBody)
        group.post(RouterPath(stringLiteral: SiteURL.networkYear(commune: 0).pattern), use: saveYear)
        group.post(RouterPath(stringLiteral: SiteURL.networkOfficers(commune: 0).pattern), use: addOfficer)
        group.post(RouterPath(stringLiteral: SiteURL.removeOfficer(0).pattern), use: removeOfficer)
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let view = try await network.network(commune: try RegistryController.id(context), year: try RequestYear.read(request, clock: services.environment.clock),
                                             by: actor)
        let notice: String? = switch request.query("ok") {
        case "body": "Đã ghi tổ chức hội."
        case "year": "Đã lưu số liệu năm."
        case "officer": "Đã cập nhật cán bộ hội."
        default: nil
        }
        return HTMLResponse(html: NetworkPage.render(.init(network: view, notice: notice, chrome: context.chrome(.progress))))
    }

    /// The page once more, with what was typed and what is wrong (422) or the conflict (409).
    private func refused(_ error: ServiceError, communeID: Area.ID, year: Int?, typed: [String: String], request: Request,
                         context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let thisYear = Day(containing: services.environment.clock.now()).year
        var model = NetworkPage.Model(network: try await network.network(commune: communeID, year: year.flatMap { PlanDraft.years.contains($0) ? $0 : nil } ?? thisYear,
                                                                          by: actor), notice: nil, chrome: context.chrome(.progress))
        model.typed = typed
        let status: HTTPResponse.Status
        switch error {
        case .invalid(let issues): (status, model.issues) = (.unprocessableContent, issues)
        case .conflict(let message): (status, model.conflict) = (.conflict, message)
        default: throw error
        }
        return try HTMLResponse(html: NetworkPage.render(model), status: status).response(from: request, context: context)
    }

    /// The commune in the URL and its form, read once the change is allowed.
    private func managedForm(_ request: inout Request, context: AppRequestContext) async throws -> (Area.ID, FormData) {
        let id = try RegistryController.id(context)
        return (id, try await FormData.read(&request, limit: maximumFormBytes, area: id, allowing: { .manageNetwork(commune: $0) }, services: services, context: context))
    }

    func addBody(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (id, form) = try await managedForm(&request, context: context)
        let typed = ["kind": form["kind"], "attached": form["attached"], "name": form["name"], "foundedYear": form["foundedYear"]]
        do {
            guard let kind = AssociationBodyKind(rawValue: form["kind"]) else { throw ServiceError.invalid([FieldIssue("kind", "Chọn loại tổ chức trong danh sách.")]) }
            let year = form["foundedYear"].trimmingCharacters(in: .whitespaces)
            guard year.isEmpty || Int(year) != nil else { throw ServiceError.invalid([FieldIssue("foundedYear", "Năm thành lập \"\(year.prefix(10))\" không phải số.")]) }
            guard form["attached"].isEmpty || Int64(form["attached"]) != nil else { throw ServiceError.invalid([FieldIssue("attached", "Chọn trong danh sách.")]) }
            try await network.addBody(commune: id, kind: kind, attachedTo: Int64(form["attached"]), name: form["name"], foundedYear: Int(year),
                                      by: try context.requireActor())
            return Redirect.to(SiteURL.network(commune: id).with(["ok": "body"]))
        } catch let error as ServiceError {
            return try await refused(error, communeID: id, year: nil, typed: typed, request: request, context: context)
        }
    }

    /// The grid: `m.<body>` members, `s.<body>` studied, `a.<body>` active, `v.<body>` the version replaced.
    func saveYear(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (id, form) = try await managedForm(&request, context: context)
        let year = Int(form["year"])
        do {
            guard let year else { throw ServiceError.invalid([FieldIssue("year", "Năm \"\(form["year"].prefix(10))\" không phải số.")]) }
            var entries: [AssociationYearEntry] = []
            var issues: [FieldIssue] = []
            for bodyText in form.all("body") {
                guard let body = Int64(bodyText) else { continue }
                let members = form["m.\(body)"].trimmingCharacters(in: .whitespaces), studied = form["s.\(body)"].trimmingCharacters(in: .whitespaces)
                if members.isEmpty && studied.isEmpty && form["a.\(body)"].isEmpty { continue }
                guard let memberCount = Int(members.replacingOccurrences(of: ".", with: "")),
                      let studiedCount = Int(studied.isEmpty ? "0" : studied.replacingOccurrences(of: ".", with: "")) else {
                    issues.append(FieldIssue("m.\(body)", "Dòng mã \(body): số hội viên và số đã học tiêu chí phải là số nguyên."))
                    continue
                }
                entries.append(AssociationYearEntry(bodyID: body, figures: AssociationYearFigures(members: memberCount, studied: studiedCount, active: form["a.\(body)"] == "1"),
                                                    expectedVersion: Int(form["v.\(body)"])))
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            try await network.saveYear(commune: id, year: year, entries, by: try context.requireActor())
            return Redirect.to(SiteURL.network(commune: id).with(["ok": "year", "year": String(year)]))
        } catch let error as ServiceError {
            return try await refused(error, communeID: id, year: year, typed: form.firstValues, request: request, context: context)
        }
    }

    func addOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (id, form) = try await managedForm(&request, context: context)
        let typed = ["officerBody": form["officerBody"], "fullName": form["fullName"], "position": form["position"]]
        do {
            guard let bodyID = Int64(form["officerBody"]) else { throw ServiceError.invalid([FieldIssue("officerBody", "Chọn tổ chức trong danh sách.")]) }
            try await network.addOfficer(commune: id, body: bodyID, AssociationOfficerDraft(fullName: form["fullName"], position: form["position"]),
                                         by: try context.requireActor())
            return Redirect.to(SiteURL.network(commune: id).with(["ok": "officer"]))
        } catch let error as ServiceError {
            return try await refused(error, communeID: id, year: nil, typed: typed, request: request, context: context)
        }
    }

    func removeOfficer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let commune = try await network.removeOfficer(try RegistryController.id(context), by: try context.requireActor())
        return Redirect.to(SiteURL.network(commune: commune).with(["ok": "officer"]))
    }
}
