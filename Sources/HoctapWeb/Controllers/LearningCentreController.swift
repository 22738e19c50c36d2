import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Community learning centres: a commune's centre page (description, managers, the year's
/// activities), an activity's attendance, and the figures of a province or of the country.
struct LearningCentreController {
    let services: AppServices
    let maximumFormBytes: Int

    var centres: LearningCentreService { LearningCentreService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.centre(area: 0).pattern), use: page)
        group.post(RouterPath(stringLiteral: SiteURL.centre(area: 0).pattern), use: saveCentre)
        group.post(RouterPath(stringLiteral: SiteURL.centreManagers(commune: 0).pattern), use: addManager)
        group.post(RouterPath(stringLiteral: SiteURL.removeCentreManager(0).pattern), use: removeManager)
        group.post(RouterPath(stringLiteral: SiteURL.centreActivities(commune: 0).pattern), use: addActivity)
        group.get(RouterPath(stringLiteral: SiteURL.centreActivity(0).pattern), use: activity)
        group.post(RouterPath(stringLiteral: SiteURL.centreAttendance(0).pattern), use: attendance)
    }

    /// A commune's centre, or the figures of a province or the country.
    func page(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let year = try RequestYear.read(request, clock: services.environment.clock)
        let area = try await services.areas.find(id, by: actor)
        guard [.nation, .province, .commune].contains(area.level) else { throw ServiceError.notFound("Trung tâm học tập cộng đồng thuộc xã; thôn không có trang này.") }
        let figures = try await centres.figures(id, year: year, by: actor)
        if area.level == .commune {
            let overview = try await centres.overview(commune: id, year: year, by: actor)
            return HTMLResponse(html: LearningCentrePages.commune(.init(overview: overview, figures: figures, notice: Self.notice(request), chrome: context.chrome(.progress))))
        }
        return HTMLResponse(html: LearningCentrePages.figures(figures, chrome: context.chrome(.progress)))
    }

    static func notice(_ request: Request) -> String? {
        switch request.query("ok") {
        case "centre": "Đã lưu thông tin trung tâm."
        case "manager": "Đã cập nhật ban quản lý."
        case "activity": "Đã ghi hoạt động; thêm người tham gia ở trang của hoạt động."
        case "attendance": "Đã cập nhật danh sách tham gia."
        default: nil
        }
    }

    func saveCentre(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes, area: id, allowing: { .manageCentre(commune: $0) }, services: services, context: context)
        let entered = LearningCentrePages.CentreForm(form)
        do {
            let draft = try entered.draft()
            _ = try await centres.save(commune: id, draft, expectedVersion: form["version"].isEmpty ? nil : Int(form["version"]) ?? -1, by: actor)
            return Redirect.to(SiteURL.centre(area: id).with(["ok": "centre"]))
        } catch let error as ServiceError {
            return try await refused(error, id: id, centreForm: entered, request: request, context: context)
        }
    }

    func addManager(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes, area: id, allowing: { .manageCentre(commune: $0) }, services: services, context: context)
        let entered = LearningCentrePages.ManagerForm(fullName: form["fullName"], position: form["position"], office: form["office"])
        do {
            guard let office = AssociationOffice(rawValue: entered.office) else { throw ServiceError.invalid([FieldIssue("office", "Chọn chức vụ ở Hội Khuyến học xã trong danh sách.")]) }
            try await centres.addManager(commune: id, CentreManagerDraft(fullName: entered.fullName, position: entered.position, office: office), by: actor)
            return Redirect.to(SiteURL.centre(area: id).with(["ok": "manager"]))
        } catch let error as ServiceError {
            return try await refused(error, id: id, managerForm: entered, request: request, context: context)
        }
    }

    func removeManager(_ request: Request, context: AppRequestContext) async throws -> Response {
        let communeID = try await centres.removeManager(try RegistryController.id(context), by: try context.requireActor())
        return Redirect.to(SiteURL.centre(area: communeID).with(["ok": "manager"]))
    }

    func addActivity(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes, area: id, allowing: { .manageCentre(commune: $0) }, services: services, context: context)
        let entered = LearningCentrePages.ActivityForm(form)
        do {
            let activity = try await centres.addActivity(commune: id, try entered.draft(), by: actor)
            return Redirect.to(SiteURL.centreActivity(activity.id).with(["ok": "activity"]))
        } catch let error as ServiceError {
            return try await refused(error, id: id, activityForm: entered, request: request, context: context)
        }
    }

    /// The commune page again with what was typed and what is wrong (422), or the conflict (409).
    private func refused(_ error: ServiceError, id: Area.ID, centreForm: LearningCentrePages.CentreForm? = nil,
                         managerForm: LearningCentrePages.ManagerForm? = nil, activityForm: LearningCentrePages.ActivityForm? = nil,
                         request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let status: HTTPResponse.Status
        var issues: [FieldIssue] = []
        var conflict: String?
        switch error {
        case .invalid(let found): (status, issues) = (.unprocessableContent, found)
        case .conflict(let message): (status, conflict) = (.conflict, message)
        default: throw error
        }
        let year = activityForm.flatMap { Day(iso: $0.startsOn) ?? Day(vietnamese: $0.startsOn) }?.year ?? Day(containing: services.environment.clock.now()).year
        let overview = try await centres.overview(commune: id, year: PlanDraft.years.contains(year) ? year : Day(containing: services.environment.clock.now()).year, by: actor)
        let figures = try await centres.figures(id, year: overview.year, by: actor)
        var model = LearningCentrePages.Model(overview: overview, figures: figures, notice: nil, chrome: context.chrome(.progress))
        model.issues = issues
        model.conflict = conflict
        if let centreForm { model.centreForm = centreForm }
        if let managerForm { model.managerForm = managerForm }
        if let activityForm { model.activityForm = activityForm }
        return try HTMLResponse(html: LearningCentrePages.commune(model), status: status).response(from: request, context: context)
    }

    func activity(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let (activity, attendees, canManage) = try await centres.activity(try RegistryController.id(context), by: actor)
        let search = try request.searchText()
        var issues: [FieldIssue] = []
        var candidates: [CentreAttendee] = []
        if canManage && !search.isEmpty {
            do { candidates = try await centres.candidates(for: activity, search: search) } catch ServiceError.invalid(let found) { issues = found }
        }
        let commune = try await services.areas.find(activity.communeID, by: actor)
        return HTMLResponse(html: LearningCentrePages.activity(.init(
            activity: activity, commune: commune, attendees: attendees, canManage: canManage, search: search, candidates: candidates,
            issues: issues, notice: Self.notice(request), chrome: context.chrome(.progress))))
    }

    func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let (activity, attendees, canManage) = try await centres.activity(id, by: actor)  // another area's: not found before the body
        _ = canManage
        try Authorization.require(actor, .manageCentre(commune: activity.position))
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        func ids(_ name: String) throws -> [Int64] {
            try form.all(name).map { text in
                guard let value = Int64(text) else { throw ServiceError.invalid([FieldIssue("person", "Mã người \"\(text.prefix(20))\" không phải số.")]) }
                return value
            }
        }
        do {
            try await centres.recordAttendance(id, add: try ids("add"), remove: try ids("remove"), by: actor)
            return Redirect.to(SiteURL.centreActivity(id).with(["ok": "attendance"]))
        } catch ServiceError.invalid(let issues) {
            let commune = try await services.areas.find(activity.communeID, by: actor)
            return try HTMLResponse(html: LearningCentrePages.activity(.init(
                activity: activity, commune: commune, attendees: attendees, canManage: true, search: "", candidates: [],
                issues: issues, notice: nil, chrome: context.chrome(.progress))), status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
