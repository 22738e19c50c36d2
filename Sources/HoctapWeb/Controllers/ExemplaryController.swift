import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Exemplary learning models: the public honour board and each model's page (no sign-in), and
/// for officials the nomination of a recognised evaluation and the province's decision.
struct ExemplaryController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int
    let publicURL: String?

    var exemplary: ExemplaryService { ExemplaryService(services.environment) }

    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.honourBoard.path), use: board)
        router.get(RouterPath(stringLiteral: SiteURL.exemplary(0).pattern), use: model)
        router.get(RouterPath(stringLiteral: SiteURL.exemplaryPhoto(0).pattern), use: photo)
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.nominate(evaluation: 0).pattern), use: nominateForm)
        group.post(RouterPath(stringLiteral: SiteURL.nominate(evaluation: 0).pattern), use: nominate)
        group.get(RouterPath(stringLiteral: SiteURL.nominations.path), use: nominations)
        group.post(RouterPath(stringLiteral: SiteURL.decideNomination(0).pattern), use: decide)
    }

    var portal: PortalController { PortalController(services: services, publicURL: publicURL) }

    func board(_ request: Request, context: AppRequestContext) async throws -> Response {
        let province = try portal.province(request)
        var year: Int?
        if let text = request.query("nam"), !text.isEmpty {
            guard let value = Int(text), (2000...2100).contains(value) else { throw WebError.badRequest("Năm \"\(text.prefix(10))\" không hợp lệ.") }
            year = value
        }
        if let province { _ = try await PortalService(services.environment).readerAreas(province: province) }  // a province, or not found
        let page = try await exemplary.board(province: province, year: year, start: try PageCursor.start(request))
        let html = ExemplaryPages.board(page, province: province, year: year, provinces: try await PortalService(services.environment).provinces(),
                                        years: try await exemplary.boardYears(), base: portal.base(request), chrome: context.chrome(.exemplary))
        return try portal.publicPage(html, request, context)
    }

    func model(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (model, photos) = try await exemplary.model(try RegistryController.id(context), by: context.actor)
        let html = ExemplaryPages.model(model, photos: photos, base: portal.base(request), chrome: context.chrome(.exemplary))
        return try portal.publicPage(html, request, context, cacheable: model.state == .approved)
    }

    func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (record, data) = try await exemplary.photo(try RegistryController.id(context), by: context.actor)
        return PortalController.file(data, type: record.mediaType, name: record.name, context: context)
    }

    func nominateForm(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let detail = try await services.evaluations.evaluation(try RegistryController.id(context), by: actor)
        try Authorization.require(actor, .nominateExemplary(subject: detail.evaluation.place.position))
        return HTMLResponse(html: ExemplaryPages.nominate(detail, form: .init(), issues: [], error: nil, chrome: context.chrome(.areas)))
    }

    func nominate(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let detail = try await services.evaluations.evaluation(id, by: actor)  // outside the actor's area: not found before reading
        var request = request
        let form = try await MultipartForm.read(&request, limit: maximumUploadBytes)
        let entered = ExemplaryPages.NominationForm(story: form["story"], consent: form["consent"] == "1", consentNote: form["consentNote"])
        let photos = (form.allFiles["photos"] ?? []).map { ExemplaryService.Photo(fileName: $0.fileName, bytes: $0.bytes) }
        do {
            let record = try await exemplary.nominate(evaluation: id, NominationDraft(story: entered.story, consent: entered.consent, consentNote: entered.consentNote),
                                                      photos: photos, by: actor)
            return Redirect.to(SiteURL.exemplary(record.id).path)
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: ExemplaryPages.nominate(detail, form: entered, issues: issues, error: nil, chrome: context.chrome(.areas)),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func nominations(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let page = try await exemplary.nominations(by: actor, start: try PageCursor.start(request))
        let notice = request.query("ok") == "approved" ? "Đã duyệt; mô hình hiện trên bảng vinh danh."
            : request.query("ok") == "rejected" ? "Đã ghi không duyệt kèm lý do." : nil
        return HTMLResponse(html: ExemplaryPages.nominations(page, canDecide: { Self.canDecide(actor, $0) }, notice: notice, chrome: context.chrome(.exemplary)))
    }

    static func canDecide(_ actor: Actor, _ model: ExemplaryRecord) -> Bool {
        AccessPolicy.decide(actor, .approveExemplary(subject: model.subjectPosition)) == .allow
    }

    func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await exemplary.decidable(id, by: actor)  // scope and role before the body
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard ["approve", "reject"].contains(form["decision"]) else { throw WebError.badRequest("Chọn Duyệt hoặc Không duyệt.") }
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu lần sửa (version); hãy tải lại trang.") }
        do {
            _ = try await exemplary.decide(id, approve: form["decision"] == "approve", note: form["note"], version: version, by: actor)
            return Redirect.to(SiteURL.nominations.with(["ok": form["decision"] == "approve" ? "approved" : "rejected"]))
        } catch ServiceError.invalid(let issues) {
            let page = try await exemplary.nominations(by: actor, start: .first)
            return try HTMLResponse(html: ExemplaryPages.nominations(page, canDecide: { Self.canDecide(actor, $0) }, notice: nil, issues: issues,
                                                                     chrome: context.chrome(.exemplary)), status: .unprocessableContent)
                .response(from: request, context: context)
        }
    }
}
