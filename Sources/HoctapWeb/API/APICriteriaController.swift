import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// `/api/v1/criteria-sets`: reading, the set in force, drafts, publishing, variants and scoring.
struct APICriteriaController {
    let services: AppServices
    let maximumBodyBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/criteria-sets", use: list)
        group.post("/criteria-sets", use: importSet)
        group.post("/criteria-sets/validate", use: validate)
        group.get("/criteria-sets/in-force", use: inForce)
        group.get("/criteria-sets/:id", use: show)
        group.get("/criteria-sets/:id/yaml", use: yaml)
        group.get("/criteria-sets/:id/draft", use: draft)
        group.put("/criteria-sets/:id/draft", use: saveDraft)
        group.delete("/criteria-sets/:id/draft", use: discardDraft)
        group.post("/criteria-sets/:id/draft/open", use: openDraft)
        group.post("/criteria-sets/:id/publish", use: publish)
        group.post("/criteria-sets/:id/derive", use: derive)
        group.post("/criteria-sets/:id/score", use: score)
    }

    func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let summaries = try await services.criteria.summaries(by: actor)
        return try APIBody.response(APIModels.Items(items: summaries.map(APIModels.CriteriaSetSummary.init)))
    }

    /// Imports a set file (JSON `{"yaml": …}`) as the draft of its set.
    func importSet(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try CriteriaController.requireManager(actor)
        var request = request
        let body = try await APIBody.decode(APIModels.YAMLBody.self, from: &request, limit: maximumBodyBytes)
        let state = try await services.criteria.importDraft(body.yaml, by: actor)
        return try APIBody.response(APIModels.CriteriaDraft(state), status: .created)
    }

    /// Checks a set file without storing it: a tool of those who edit sets, so the role is
    /// checked before the body is read.
    func validate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try CriteriaController.requireManager(try context.requireActor())
        var request = request
        let body = try await APIBody.decode(APIModels.YAMLBody.self, from: &request, limit: maximumBodyBytes)
        // A document refused unread (aliases, depth, size) is a bad request, not a set with issues.
        do { try YAMLBudget.criteriaSet.check(body.yaml) } catch { throw CriteriaService.invalid(error) }
        let validation: APIModels.CriteriaValidation
        do throws(CriteriaSetInvalid) {
            let set = try CriteriaDocument.parse(body.yaml)
            validation = APIModels.CriteriaValidation(
                valid: true, issues: [], officialUseBlockers: CriteriaSetValidator.officialUseBlockers(of: set),
                completenessGaps: CriteriaSetValidator.completenessGaps(of: set))
        } catch {
            validation = APIModels.CriteriaValidation(valid: false, issues: error.issues, officialUseBlockers: [], completenessGaps: [])
        }
        return try APIBody.response(validation)
    }

    func inForce(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var issues: [FieldIssue] = []
        let model = request.query("model").flatMap(LearningModel.init(rawValue:))
        if model == nil {
            issues.append(FieldIssue("model", "Cần mô hình: \(LearningModel.allCases.map(\.rawValue).joined(separator: ", "))."))
        }
        let areaID = request.query("areaId").flatMap(Int64.init)
        if areaID == nil { issues.append(FieldIssue("areaId", "Cần mã địa bàn (areaId) là số.")) }
        var day = Day(containing: services.environment.clock.now())
        if let text = request.query("date") {
            if let parsed = Day(iso: text) { day = parsed } else { issues.append(FieldIssue("date", "Ngày \"\(text)\" phải có dạng YYYY-MM-DD.")) }
        }
        guard let model, let areaID, issues.isEmpty else { throw ServiceError.invalid(issues) }
        guard let published = try await services.criteria.inForce(model: model, areaID: areaID, on: day,
                                                                  targetGroup: request.query("targetGroup"), by: actor) else {
            throw ServiceError.notFound("Không có bộ tiêu chí \(model.label) có hiệu lực ngày \(VietnameseFormat.date(day)) cho địa bàn này.")
        }
        return try APIBody.response(APIModels.CriteriaVersion(published))
    }

    func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try CriteriaController.id(context)
        let detail = try await services.criteria.detail(id, by: actor)
        let published = try await services.criteria.published(id, version: try CriteriaController.version(request))
        return try APIBody.response(APIModels.CriteriaSetDocument(published, versions: detail.versions.map(\.version),
                                                                  hasDraft: detail.draft != nil))
    }

    func yaml(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let id = try CriteriaController.id(context)
        let published = try await services.criteria.published(id, version: try CriteriaController.version(request))
        return CriteriaController.yamlResponse(published.record.yaml, fileName: "\(id)-v\(published.record.version).yaml")
    }

    func draft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try APIBody.response(APIModels.CriteriaDraft(try await services.criteria.draft(try CriteriaController.id(context), by: actor)))
    }

    /// Saves the draft as given, valid or not (its issues come back); 409 when someone saved since `version`.
    func saveDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try CriteriaController.id(context)
        // Rights on this set's draft before the body is read.
        _ = try await services.criteria.draft(id, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.DraftSave.self, from: &request, limit: maximumBodyBytes)
        let state = try await services.criteria.saveDraft(id, yaml: body.yaml, expectedVersion: body.version, by: actor)
        return try APIBody.response(APIModels.CriteriaDraft(state))
    }

    func discardDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try CriteriaController.id(context)
        guard let version = request.query("version").flatMap(Int.init) else {
            throw ServiceError.invalid([FieldIssue("version", "Cần lần sửa của bản nháp (?version=).")])
        }
        try await services.criteria.discardDraft(id, expectedVersion: version, by: actor)
        return Response(status: .noContent)
    }

    func openDraft(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let state = try await services.criteria.openDraft(try CriteriaController.id(context), by: actor)
        return try APIBody.response(APIModels.CriteriaDraft(state), status: .created)
    }

    func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try CriteriaController.id(context)
        var request = request
        let body = try await APIBody.decode(APIModels.DraftVersion.self, from: &request, limit: maximumBodyBytes)
        let published = try await services.criteria.publish(id, expectedVersion: body.version, by: actor)
        return try APIBody.response(APIModels.CriteriaVersion(published), status: .created)
    }

    func derive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let parentID = try CriteriaController.id(context)
        var request = request
        let body = try await APIBody.decode(APIModels.DeriveRequest.self, from: &request, limit: maximumBodyBytes)
        var effectiveFrom: Day?
        if let text = body.effectiveFrom {
            guard let day = Day(iso: text) else {
                throw ServiceError.invalid([FieldIssue("effectiveFrom", "Ngày \"\(text)\" phải có dạng YYYY-MM-DD.")])
            }
            effectiveFrom = day
        }
        let state = try await services.criteria.derive(from: parentID, newID: body.id, provinceCode: body.province,
                                                       effectiveFrom: effectiveFrom, by: actor)
        return try APIBody.response(APIModels.CriteriaDraft(state), status: .created)
    }

    /// Scores answers against a published version; the body is the same JSON `hoctap criteria score` reads.
    func score(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireActor()
        let id = try CriteriaController.id(context)
        var request = request
        let input = try await APIBody.decode(ScoringInput.self, from: &request, limit: maximumBodyBytes)
        let result = try await services.criteria.score(id, version: try CriteriaController.version(request), input: input)
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: try ScoreJSON.encode(result))))
    }
}
