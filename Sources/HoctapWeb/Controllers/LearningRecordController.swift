import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// A person's lifelong-learning record: digital skills by year, the entries officers keep, the
/// classes attended at the centre, and the record as an open JSON document.
struct LearningRecordController {
    let services: AppServices
    let maximumFormBytes: Int

    var records: LearningRecordService { LearningRecordService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.learningRecord(person: 0).pattern), use: page)
        group.post(RouterPath(stringLiteral: SiteURL.learningRecord(person: 0).pattern), use: addEntry)
        group.post(RouterPath(stringLiteral: SiteURL.digitalSkill(person: 0).pattern), use: digitalSkill)
        group.post(RouterPath(stringLiteral: SiteURL.removeLearningEntry(0).pattern), use: removeEntry)
        group.get(RouterPath(stringLiteral: SiteURL.learningRecordExport(person: 0).pattern), use: export)
    }

    func page(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let view = try await records.open(try RegistryController.id(context), by: try context.requireActor())
        let notice: String? = switch request.query("ok") {
        case "entry": "Đã cập nhật hồ sơ học tập."
        case "skill": "Đã ghi kết quả kỹ năng số."
        default: nil
        }
        return HTMLResponse(html: LearningRecordPage.render(.init(view: view, notice: notice, today: today, chrome: context.chrome(.areas))))
    }

    var today: Day { Day(containing: services.environment.clock.now()) }

    /// The record and the form once more, with what was typed and what is wrong.
    private func refused(_ error: ServiceError, personID: Int64, entry: LearningRecordPage.EntryForm? = nil, skill: LearningRecordPage.SkillForm? = nil,
                         request: Request, context: AppRequestContext) async throws -> Response {
        let status: HTTPResponse.Status
        var model = LearningRecordPage.Model(view: try await records.record(personID, by: try context.requireActor()), notice: nil, today: today,
                                             chrome: context.chrome(.areas))
        switch error {
        case .invalid(let issues): (status, model.issues) = (.unprocessableContent, issues)
        case .conflict(let message): (status, model.conflict) = (.conflict, message)
        default: throw error
        }
        if let entry { model.entryForm = entry }
        if let skill { model.skillForm = skill }
        return try HTMLResponse(html: LearningRecordPage.render(model), status: status).response(from: request, context: context)
    }

    /// Reads the form only after the scope and the role allow the change.
    private func managedForm(_ request: inout Request, context: AppRequestContext) async throws -> (Int64, FormData) {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let view = try await records.record(id, by: actor)
        try Authorization.require(actor, .manageSubject(view.person.place.position))
        return (id, try await FormData.read(&request, limit: maximumFormBytes))
    }

    func addEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (id, form) = try await managedForm(&request, context: context)
        let entered = LearningRecordPage.EntryForm(form)
        do {
            try await records.addEntry(id, try entered.draft(), by: try context.requireActor())
            return Redirect.to(SiteURL.learningRecord(person: id).with(["ok": "entry"]))
        } catch let error as ServiceError {
            return try await refused(error, personID: id, entry: entered, request: request, context: context)
        }
    }

    func digitalSkill(_ request: Request, context: AppRequestContext) async throws -> Response {
        var request = request
        let (id, form) = try await managedForm(&request, context: context)
        let entered = LearningRecordPage.SkillForm(year: form["year"], level: form["level"], note: form["note"], version: form["version"])
        do {
            guard let year = Int(entered.year) else { throw ServiceError.invalid([FieldIssue("year", "Năm \"\(entered.year.prefix(10))\" không phải số.")]) }
            guard let level = DigitalSkillLevel(rawValue: entered.level) else {
                throw ServiceError.invalid([FieldIssue("level", "Chọn mức kỹ năng số trong danh sách.")])
            }
            guard entered.version.isEmpty || Int(entered.version) != nil else { throw ServiceError.conflict("Phiên bản của kết quả không đọc được; tải lại trang.") }
            try await records.setDigitalSkill(id, year: year, level: level, note: entered.note, expectedVersion: Int(entered.version), by: try context.requireActor())
            return Redirect.to(SiteURL.learningRecord(person: id).with(["ok": "skill"]))
        } catch let error as ServiceError {
            return try await refused(error, personID: id, skill: entered, request: request, context: context)
        }
    }

    func removeEntry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let person = try await records.removeEntry(try RegistryController.id(context), by: try context.requireActor())
        return Redirect.to(SiteURL.learningRecord(person: person).with(["ok": "entry"]))
    }

    func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let export = try await records.export(try RegistryController.id(context), by: try context.requireActor())
        var response = try APIBody.response(export)
        response.headers[.contentDisposition] = "attachment; filename=\"ho-so-hoc-tap-\(export.learner.id).json\""
        return response
    }
}
