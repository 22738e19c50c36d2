import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Training courses for association officers: the courses an area sees in a year, a course's
/// attendance, and the forms to record both.
struct TrainingController {
    let services: AppServices
    let maximumFormBytes: Int

    var training: TrainingService { TrainingService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.trainings(area: 0).pattern), use: list)
        group.post(RouterPath(stringLiteral: SiteURL.trainings(area: 0).pattern), use: addCourse)
        group.get(RouterPath(stringLiteral: SiteURL.training(0).pattern), use: course)
        group.post(RouterPath(stringLiteral: SiteURL.trainingAttendance(0).pattern), use: attendance)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (area, courses, canOrganise) = try await training.courses(of: try RegistryController.id(context),
                                                                      year: try RequestYear.read(request, clock: services.environment.clock),
                                                                      by: try context.requireActor())
        let year = try RequestYear.read(request, clock: services.environment.clock)
        return HTMLResponse(html: TrainingPages.list(.init(area: area, year: year, courses: courses, canOrganise: canOrganise,
                                                           notice: request.query("ok") == "course" ? "Đã ghi lớp tập huấn." : nil, chrome: context.chrome(.progress))))
    }

    func addCourse(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let thisYear = Day(containing: services.environment.clock.now()).year
        let (area, _, _) = try await training.courses(of: id, year: thisYear, by: actor)
        try Authorization.require(actor, .organiseTraining(area: area.position))
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let entered = TrainingPages.CourseForm(form)
        do {
            let course = try await training.addCourse(organisedBy: id, try entered.draft(), by: actor)
            return Redirect.to(SiteURL.training(course).with(["ok": "course"]))
        } catch let error as ServiceError {
            guard case .invalid(let issues) = error else { throw error }
            let (_, courses, _) = try await training.courses(of: id, year: thisYear, by: actor)
            var model = TrainingPages.ListModel(area: area, year: thisYear, courses: courses, canOrganise: true, notice: nil, chrome: context.chrome(.progress))
            (model.issues, model.form) = (issues, entered)
            return try HTMLResponse(html: TrainingPages.list(model), status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func course(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let view = try await training.course(try RegistryController.id(context), by: try context.requireActor())
        let search = try request.searchText()
        var issues: [FieldIssue] = []
        var candidates: [AssociationOfficerRecord] = []
        if view.canRecord && !search.isEmpty {
            do { candidates = try await training.candidates(for: view, search: search) } catch ServiceError.invalid(let found) { issues = found }
        }
        let notice: String? = switch request.query("ok") {
        case "course": "Đã ghi lớp tập huấn; thêm cán bộ đã tham gia bên dưới."
        case "attendance": "Đã cập nhật danh sách tham gia."
        default: nil
        }
        return HTMLResponse(html: TrainingPages.course(.init(view: view, search: search, candidates: candidates, issues: issues, notice: notice,
                                                             chrome: context.chrome(.progress))))
    }

    func attendance(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let view = try await training.course(id, by: actor)  // another province's course: not found before the body
        try Authorization.require(actor, .organiseTraining(area: view.pickScope))
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            func ids(_ name: String) throws -> [Int64] {
                try form.all(name).map { text in
                    guard let value = Int64(text) else { throw ServiceError.invalid([FieldIssue("officer", "Mã cán bộ \"\(text.prefix(20))\" không phải số.")]) }
                    return value
                }
            }
            try await training.recordAttendance(id, add: try ids("add"), remove: try ids("remove"), by: actor)
            return Redirect.to(SiteURL.training(id).with(["ok": "attendance"]))
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: TrainingPages.course(.init(view: view, search: "", candidates: [], issues: issues, notice: nil, chrome: context.chrome(.progress))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
