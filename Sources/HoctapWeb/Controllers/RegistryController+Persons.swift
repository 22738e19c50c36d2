import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Household members and learning citizens: their forms, changes, removal, and a person's own
/// data on request.
extension RegistryController {
    // MARK: Persons

    func newMember(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let detail = try await registry.household(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(detail.household.place.position))
        return HTMLResponse(html: PersonFormPage.render(Self.memberForm(detail.household, draft: PersonDraft(fullName: ""), chrome: context.chrome(.areas))))
    }

    static func memberForm(_ household: HouseholdRecord, draft: PersonDraft, idText: String = "", issues: [FieldIssue] = [], chrome: PageChrome) -> PersonFormPage.Model {
        PersonFormPage.Model(title: "Thêm thành viên – hộ \(household.code)", action: SiteURL.newMember(household: household.id).path,
                             draft: draft, personalIDText: idText, isMember: true, issues: issues, chrome: chrome)
    }

    func createMember(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let householdID = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let (draft, parseIssues) = Self.personDraft(form)
        do {
            if !parseIssues.isEmpty { throw ServiceError.invalid(parseIssues) }
            _ = try await registry.addMember(draft, to: householdID, by: actor)
            return Redirect.to(SiteURL.household(householdID).with(["ok": "member-added"]))
        } catch ServiceError.invalid(let issues) {
            let household = try await registry.household(householdID, by: actor).household
            try Authorization.require(actor, .manageSubject(household.place.position))
            return try HTMLResponse(html: PersonFormPage.render(Self.memberForm(household, draft: draft, idText: form["personalID"], issues: issues,
                                                                               chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// Everything held about one person, as a JSON download (audited).
    func exportPerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let export = try await registry.exportPerson(try Self.id(context), by: actor)
        var response = try APIBody.response(export)
        response.headers[.contentDisposition] = "attachment; filename=\"du-lieu-ca-nhan-\(export.person.id).json\""
        return response
    }

    func editPerson(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let view = try await registry.openPerson(try Self.id(context), for: .personForm, by: actor)
        return HTMLResponse(html: PersonFormPage.render(Self.personForm(view, draft: Self.draft(of: view.record), chrome: context.chrome(.areas))))
    }

    static func personForm(_ view: PersonView, draft: PersonDraft, idText: String = "", issues: [FieldIssue] = [], version: Int? = nil, chrome: PageChrome) -> PersonFormPage.Model {
        let person = view.record
        return PersonFormPage.Model(title: "Sửa thông tin: \(person.fullName)", action: SiteURL.editPerson(person.id).path, draft: draft,
                                    personalIDText: idText, currentID: view.personalID, version: version ?? person.version,
                                    isMember: person.householdID != nil, issues: issues, deleteAction: SiteURL.deletePerson(person.id).path,
                                    exportAction: SiteURL.personExport(person.id).path, learningRecord: SiteURL.learningRecord(person: person.id).path,
                                    eraseAction: SiteURL.erasePerson(person.id).path, recentReads: view.recentReads, chrome: chrome)
    }

    static func draft(of person: PersonRecord) -> PersonDraft {
        PersonDraft(fullName: person.fullName, birthYear: person.birthYear, sex: person.sex, relation: person.relation, schooling: person.schooling,
                    literate: person.literate, studying: person.studying, targetGroup: person.targetGroup)
    }

    func updatePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        _ = try await registry.person(id, by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của bản ghi (version).") }
        let (draft, parseIssues) = Self.personDraft(form)
        do {
            if !parseIssues.isEmpty { throw ServiceError.invalid(parseIssues) }
            let view = try await registry.updatePerson(id, draft, clearPersonalID: form["clearPersonalID"] == "1", expectedVersion: version, by: actor)
            return Redirect.to(view.record.householdID.map { SiteURL.household($0).with(["ok": "saved"]) }
                               ?? SiteURL.citizens(area: view.record.place.villageID ?? view.record.place.communeID).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            let view = try await registry.person(id, by: actor)
            try Authorization.require(actor, .manageSubject(view.record.place.position))
            return try HTMLResponse(html: PersonFormPage.render(Self.personForm(view, draft: draft, idText: form["personalID"], issues: issues,
                                                                               version: version, chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func deletePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        let person = try await registry.person(id, by: actor).record  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của bản ghi (version).") }
        try await registry.removeMember(id, expectedVersion: version, by: actor)
        return Redirect.to(person.householdID.map { SiteURL.household($0).with(["ok": "member-removed"]) }
                           ?? SiteURL.citizens(area: person.place.villageID ?? person.place.communeID).with(["ok": "member-removed"]))
    }

    /// What erasing the person's data would do, and the form to confirm it.
    func showErasure(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let preview = try await registry.erasurePreview(try Self.id(context), by: try context.requireActor())
        return HTMLResponse(html: ErasurePage.render(.init(preview: preview, receivedOn: VietnameseFormat.date(Day(containing: services.environment.clock.now())),
                                                           chrome: context.chrome(.areas))))
    }

    func erasePerson(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        let preview = try await registry.erasurePreview(id, by: actor)  // scope and rights before the body
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của bản ghi (version).") }
        do {
            _ = try await registry.erasePerson(id, expectedVersion: version, receivedOn: form["receivedOn"], basis: form["basis"],
                                               confirmed: form["confirm"] == "1", by: actor)
        } catch ServiceError.invalid(let issues) {
            let page = ErasurePage.render(.init(preview: preview, receivedOn: form["receivedOn"], basis: form["basis"], issues: issues,
                                                chrome: context.chrome(.areas)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
        let person = preview.person.record
        return Redirect.to(person.householdID.map { SiteURL.household($0).with(["ok": "erased"]) }
                           ?? SiteURL.citizens(area: person.place.villageID ?? person.place.communeID).with(["ok": "erased"]))
    }

    /// Reads a person's fields; numbers and ID numbers that do not parse are reported by field.
    static func personDraft(_ form: FormData) -> (PersonDraft, [FieldIssue]) {
        var issues: [FieldIssue] = []
        var draft = PersonDraft(fullName: form["fullName"])
        draft.relation = HouseholdRelation(rawValue: form["relation"])
        let year = form["birthYear"].trimmingCharacters(in: .whitespaces)
        if !year.isEmpty {
            if let value = Int(year) { draft.birthYear = value } else { issues.append(FieldIssue("birthYear", "Năm sinh \"\(year)\" không phải số.")) }
        }
        draft.sex = Sex(rawValue: form["sex"])
        draft.schooling = Schooling(rawValue: form["schooling"])
        draft.literate = form["literate"].isEmpty ? nil : form["literate"] == "1"
        draft.studying = form["studying"].isEmpty ? nil : form["studying"] == "1"
        draft.targetGroup = TargetGroup(rawValue: form["targetGroup"])
        let idText = form["personalID"].trimmingCharacters(in: .whitespaces)
        if !idText.isEmpty {
            if let id = PersonalID(parsing: idText) { draft.personalID = id } else { issues.append(FieldIssue("personalID", PersonalID.problem)) }
        }
        return (draft, issues)
    }

    // MARK: Citizens

    func citizens(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        let search = try request.searchText()
        let found = try await registry.citizens(in: area.id, search: search, start: try PageCursor.start(request), pageSize: Self.pageSize, by: actor)
        let canCreate = area.isCurrent && [.commune, .village].contains(area.level) && AccessPolicy.decide(actor, .manageSubject(area.position)) == .allow
        return HTMLResponse(html: CitizenListPage.render(area: area, citizens: found, search: search,
                                                         canCreate: canCreate, notice: request.query("ok").flatMap { Self.notices[$0] },
                                                         chrome: context.chrome(.areas)))
    }

    func newCitizen(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let area = try await services.areas.find(try Self.id(context), by: actor)
        try Authorization.require(actor, .manageSubject(area.position), notFound: "Không tìm thấy địa bàn này.")
        return HTMLResponse(html: PersonFormPage.render(Self.citizenForm(area, draft: PersonDraft(fullName: ""), chrome: context.chrome(.areas))))
    }

    static func citizenForm(_ area: Area, draft: PersonDraft, idText: String = "", issues: [FieldIssue] = [], chrome: PageChrome) -> PersonFormPage.Model {
        PersonFormPage.Model(title: "Đăng ký công dân học tập – \(area.fullName)", action: SiteURL.newCitizen(area: area.id).path, draft: draft,
                             personalIDText: idText, isMember: false, issues: issues, chrome: chrome)
    }

    func createCitizen(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let areaID = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let (draft, parseIssues) = Self.personDraft(form)
        do {
            if !parseIssues.isEmpty { throw ServiceError.invalid(parseIssues) }
            _ = try await registry.createCitizen(draft, in: areaID, by: actor)
            return Redirect.to(SiteURL.citizens(area: areaID).with(["ok": "citizen-created"]))
        } catch ServiceError.invalid(let issues) {
            let area = try await services.areas.find(areaID, by: actor)
            try Authorization.require(actor, .manageSubject(area.position))
            return try HTMLResponse(html: PersonFormPage.render(Self.citizenForm(area, draft: draft, idText: form["personalID"], issues: issues,
                                                                                chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }
}
