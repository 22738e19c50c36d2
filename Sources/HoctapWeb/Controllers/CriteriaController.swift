import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Pages for criteria sets: everyone signed in views, prints and tries them; national and
/// province administrators import, edit drafts, derive variants and publish.
struct CriteriaController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.criteria.pattern), use: list)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaImport.pattern), use: showImport)
        group.post(RouterPath(stringLiteral: SiteURL.criteriaImport.pattern), use: importFile)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaSet("").pattern), use: show)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaRubric("").pattern), use: rubric)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaYAML("").pattern), use: yaml)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaDraft("").pattern), use: showDraft)
        group.post(RouterPath(stringLiteral: SiteURL.criteriaDraft("").pattern), use: saveDraft)
        group.post(RouterPath(stringLiteral: SiteURL.criteriaOpenDraft("").pattern), use: openDraft)
        group.post(RouterPath(stringLiteral: SiteURL.criteriaDiscard("").pattern), use: discardDraft)
        group.post(RouterPath(stringLiteral: SiteURL.criteriaPublish("").pattern), use: publish)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaDerive("").pattern), use: showDerive)
        group.post(RouterPath(stringLiteral: SiteURL.criteriaDerive("").pattern), use: derive)
        group.get(RouterPath(stringLiteral: SiteURL.criteriaScore("").pattern), use: score)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        return HTMLResponse(html: CriteriaListPage.render(.init(
            summaries: try await services.criteria.summaries(by: actor), provinceNames: try await services.criteria.provinceNames(),
            canImport: CriteriaService.mayManageSomeSet(actor), notice: request.query("ok").flatMap { Self.notices[$0] },
            chrome: context.chrome(.criteria))))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let detail = try await services.criteria.detail(try Self.id(context), by: actor)
        let provinceID = detail.latest?.record.provinceID ?? detail.draft?.record.provinceID
        let canDerive = detail.latest != nil && detail.latest?.record.provinceID == nil && CriteriaService.mayManageSomeSet(actor)
        let provinceName = provinceID == nil ? nil : try await services.criteria.provinceNames()[provinceID!]
        return HTMLResponse(html: CriteriaSetPage.render(.init(
            detail: detail, provinceName: provinceName,
            canDerive: canDerive, notice: request.query("ok").flatMap { Self.notices[$0] }, chrome: context.chrome(.criteria))))
    }

    func rubric(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        _ = try context.requireActor()
        let published = try await services.criteria.published(try Self.id(context), version: try Self.version(request))
        return HTMLResponse(html: RubricPage.render(published, chrome: context.chrome(.criteria)))
    }

    /// The set file: a published version, or (for those who manage it) the draft with `?draft=1`.
    func yaml(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        if request.query("draft") == "1" {
            let draft = try await services.criteria.draft(id, by: actor)
            return Self.yamlResponse(draft.record.yaml, fileName: "\(id)-nhap-\(draft.record.version).yaml")
        }
        let published = try await services.criteria.published(id, version: try Self.version(request))
        return Self.yamlResponse(published.record.yaml, fileName: "\(id)-v\(published.record.version).yaml")
    }

    func showImport(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        try Self.requireManager(actor)
        return HTMLResponse(html: CriteriaImportPage.render(.init(chrome: context.chrome(.criteria))))
    }

    func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try Self.requireManager(actor)
        var request = request
        var model = CriteriaImportPage.Model(chrome: context.chrome(.criteria))
        do {
            let upload = try await UploadedFile.read(&request, field: "file", limit: maximumUploadBytes)
            model.fileName = upload.fileName
            guard let text = String(validating: upload.bytes, as: UTF8.self) else {
                throw ServiceError.invalid([FieldIssue("file", "Tệp không phải văn bản UTF-8.")])
            }
            let state = try await services.criteria.importDraft(text, by: actor)
            return Redirect.to(SiteURL.criteriaDraft(state.record.setID).with(["ok": "imported"]))
        } catch ServiceError.invalid(let issues) {
            model.issues = issues.map { CriteriaIssue(path: $0.field, line: $0.line, message: $0.message) }
        }
        return try HTMLResponse(html: CriteriaImportPage.render(model), status: .unprocessableContent).response(from: request, context: context)
    }

    func showDraft(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        let state = try await services.criteria.draft(id, by: actor)
        return HTMLResponse(html: CriteriaDraftPage.render(.init(
            setID: id, state: state, text: state.record.yaml, notice: request.query("ok").flatMap { Self.notices[$0] },
            chrome: context.chrome(.criteria))))
    }

    /// Saves whatever was typed; a conflicting save keeps the typed text on screen next to what
    /// the other person saved, so nothing is lost and nothing is silently overwritten.
    func saveDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        // Rights on this set's draft before the body is read.
        _ = try await services.criteria.draft(id, by: actor)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu lần sửa của bản nháp (version).") }
        let text = form["yaml"]
        do {
            _ = try await services.criteria.saveDraft(id, yaml: text, expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.criteriaDraft(id).with(["ok": "saved"]))
        } catch ServiceError.conflict(let message) {
            let current = try await services.criteria.draft(id, by: actor)
            return try draftPage(id, current, text: text, error: message, theirs: current.record.yaml, request: request, context: context)
        } catch ServiceError.invalid(let issues) {
            let current = try await services.criteria.draft(id, by: actor)
            return try draftPage(id, current, text: text, error: "Chưa lưu được.", issues: issues, request: request, context: context)
        }
    }

    func openDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        _ = try await services.criteria.openDraft(id, by: actor)
        return Redirect.to(SiteURL.criteriaDraft(id).path)
    }

    func discardDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu lần sửa của bản nháp (version).") }
        try await services.criteria.discardDraft(id, expectedVersion: version, by: actor)
        let stillExists = (try? await services.criteria.published(id)) != nil
        return Redirect.to(stillExists ? SiteURL.criteriaSet(id).with(["ok": "discarded"]) : SiteURL.criteria.with(["ok": "discarded"]))
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu lần sửa của bản nháp (version).") }
        do {
            try await services.criteria.publish(id, expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.criteriaSet(id).with(["ok": "published"]))
        } catch ServiceError.invalid(let issues) {
            let current = try await services.criteria.draft(id, by: actor)
            return try draftPage(id, current, text: current.record.yaml, error: "Chưa công bố được.", issues: issues, request: request, context: context)
        } catch ServiceError.conflict(let message) {
            let current = try await services.criteria.draft(id, by: actor)
            return try draftPage(id, current, text: current.record.yaml, error: message, request: request, context: context)
        }
    }

    func showDerive(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        try Self.requireManager(actor)
        let parent = try await services.criteria.published(try Self.id(context))
        let provinces = try await services.criteria.variantProvinces(for: actor)
        return HTMLResponse(html: CriteriaDerivePage.render(.init(parent: parent, provinces: provinces, chrome: context.chrome(.criteria))))
    }

    func derive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try Self.requireManager(actor)
        let parentID = try Self.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let newID = form["id"].trimmingCharacters(in: .whitespaces)
        let effectiveText = form["effectiveFrom"].trimmingCharacters(in: .whitespaces)
        do {
            var effectiveFrom: Day?
            if !effectiveText.isEmpty {
                guard let day = Day(iso: effectiveText) ?? Day(vietnamese: effectiveText) else {
                    throw ServiceError.invalid([FieldIssue("effectiveFrom", "Ngày \"\(effectiveText)\" không hợp lệ; ghi dạng 01/01/2027.")])
                }
                effectiveFrom = day
            }
            let state = try await services.criteria.derive(from: parentID, newID: newID, provinceCode: form["province"],
                                                           effectiveFrom: effectiveFrom, by: actor)
            return Redirect.to(SiteURL.criteriaDraft(state.record.setID).with(["ok": "derived"]))
        } catch ServiceError.invalid(let issues) {
            let page = CriteriaDerivePage.render(.init(
                parent: try await services.criteria.published(parentID), provinces: try await services.criteria.variantProvinces(for: actor),
                newID: newID, provinceCode: form["province"], effectiveFrom: effectiveText, issues: issues, chrome: context.chrome(.criteria)))
            return try HTMLResponse(html: page, status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// Trial scoring: the form alone, or (once submitted) the form with the result above it.
    func score(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let published = try await services.criteria.published(try Self.id(context), version: try Self.version(request))
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let submitted = query.keys.contains { $0.hasPrefix("i.") || $0.hasPrefix("m.") }
        var model = CriteriaScorePage.Model(published: published, form: TrialScoringForm(), chrome: context.chrome(.criteria))
        var status = HTTPResponse.Status.ok
        if submitted {
            model.form = TrialScoringForm(query: query, set: published.set)
            if model.form.issues.isEmpty {
                do {
                    model.result = try ScoringEngine.score(published.set, version: published.record.version, input: model.form.input)
                } catch {
                    model.form.issues = error.issues.map { FieldIssue($0.path, "\(Self.fieldLabel($0.path)): \($0.message)") }
                }
            }
            if !model.form.issues.isEmpty { status = .unprocessableContent }
        }
        return try HTMLResponse(html: CriteriaScorePage.render(model), status: status).response(from: request, context: context)
    }

    // MARK: Helpers

    /// "items.1.1" → "1.1", "measures.x" → the measure's name.
    static func fieldLabel(_ path: String) -> String {
        if path.hasPrefix("items.") { return String(path.dropFirst("items.".count)) }
        if path.hasPrefix("measures.") {
            let name = String(path.dropFirst("measures.".count))
            return MeasureCatalog.measure(named: name)?.label ?? name
        }
        if path == "assessedBy" { return "Người đánh giá" }
        return path
    }

    private func draftPage(_ id: String, _ state: CriteriaDraftState, text: String, error: String, issues: [FieldIssue] = [],
                           theirs: String? = nil, request: Request, context: AppRequestContext) throws -> Response {
        let page = CriteriaDraftPage.render(.init(setID: id, state: state, text: text, error: error, fieldIssues: issues,
                                                  theirs: theirs, chrome: context.chrome(.criteria)))
        return try HTMLResponse(html: page, status: theirs == nil ? .unprocessableContent : .conflict).response(from: request, context: context)
    }

    static func yamlResponse(_ text: String, fileName: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: "application/yaml; charset=utf-8",
            .contentDisposition: "attachment; filename=\"\(fileName)\"",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func requireManager(_ actor: Actor) throws {
        guard CriteriaService.mayManageSomeSet(actor) else {
            throw ServiceError.forbidden("Chỉ quản trị toàn quốc và cán bộ cấp tỉnh quản lý bộ tiêu chí; vai trò \(actor.role.label) chỉ được xem.")
        }
    }

    /// The `:id` path parameter; anything that cannot be a set id names nothing.
    static func id(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), CriteriaSetReader.isValidID(id) else {
            throw ServiceError.notFound("Không có bộ tiêu chí này.")
        }
        return id
    }

    /// The `version` query parameter, when given.
    static func version(_ request: Request) throws -> Int? {
        guard let text = request.query("version"), !text.isEmpty else { return nil }
        guard let version = Int(text), version > 0 else {
            throw ServiceError.invalid([FieldIssue("version", "Phiên bản \"\(text)\" không hợp lệ; ghi một số nguyên dương.")])
        }
        return version
    }

    static let notices = [
        "imported": "Đã nhập tệp thành bản nháp. Kiểm tra rồi công bố.",
        "saved": "Đã lưu bản nháp.",
        "published": "Đã công bố phiên bản mới.",
        "derived": "Đã tạo bản nháp biến thể; sửa nội dung của tỉnh rồi công bố.",
        "discarded": "Đã bỏ bản nháp.",
    ]
}
