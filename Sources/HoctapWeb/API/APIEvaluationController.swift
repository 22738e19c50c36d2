import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// `/api/v1` for the yearly cycle: cycles, registration, assessments, workflow steps, evidence,
/// the council's minutes and the recognition decisions.
struct APIEvaluationController {
    let services: AppServices
    let maximumBodyBytes: Int
    let maximumUploadBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/areas/:id/cycles", use: cycles)
        group.post("/areas/:id/cycles", use: openCycle)
        group.get("/cycles/:id", use: cycle)
        group.post("/cycles/:id/registrations", use: register)
        group.get("/cycles/:id/evaluations", use: evaluations)
        group.post("/cycles/:id/council", use: council)
        group.post("/cycles/:id/decisions", use: decide)
        group.get("/evaluations/:id", use: evaluation)
        group.put("/evaluations/:id/answers", use: saveAnswers)
        group.post("/evaluations/:id/transitions", use: transition)
        group.get("/evaluations/:id/evidence", use: evidence)
        group.post("/evaluations/:id/evidence", use: addEvidence)
        group.get("/decisions/:id", use: decision)
    }

    func cycles(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let cycles = try await services.evaluations.cycles(of: try RegistryController.id(context), by: actor)
        return try APIBody.response(APIModels.Items(items: cycles.map { APIModels.Cycle($0) }))
    }

    func openCycle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let communeID = try RegistryController.id(context)
        _ = try await services.areas.find(communeID, by: actor)  // outside the actor's area: not found, whatever the body says
        var request = request
        let body = try await APIBody.decode(APIModels.NewCycle.self, from: &request, limit: maximumBodyBytes)
        guard let model = LearningModel(rawValue: body.model) else {
            throw ServiceError.invalid([FieldIssue("model", "Mô hình \"\(body.model)\" không có; dùng: \(LearningModel.allCases.map(\.rawValue).joined(separator: ", ")).")])
        }
        var group: TargetGroup?
        if let text = body.targetGroup {
            guard let parsed = TargetGroup(rawValue: text) else { throw ServiceError.invalid([FieldIssue("targetGroup", "Nhóm \"\(text)\" không có.")]) }
            group = parsed
        }
        let cycle = try await services.evaluations.openCycle(communeID: communeID, year: body.year, model: model, targetGroup: group,
                                                             setID: body.setId, by: actor)
        return try APIBody.response(APIModels.Cycle(cycle), status: .created)
    }

    func cycle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let overview = try await services.evaluations.overview(try RegistryController.id(context), pageSize: 1, by: actor)
        return try APIBody.response(APIModels.Cycle(overview.cycle, counts: overview.counts))
    }

    func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.evaluations.overview(id, pageSize: 1, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.Registration.self, from: &request, limit: maximumBodyBytes)
        if let code = body.householdCode {
            let evaluationID = try await services.evaluations.registerHousehold(cycleID: id, code: code, by: actor)
            return try APIBody.response(APIModels.RegistrationResult(added: 1, evaluationId: evaluationID), status: .created)
        }
        guard let areaID = body.areaId else {
            throw ServiceError.invalid([FieldIssue("areaId", "Cần areaId (đăng ký cả địa bàn) hoặc householdCode (một hộ).")])
        }
        let added = try await services.evaluations.registerAll(cycleID: id, in: areaID, by: actor)
        return try APIBody.response(APIModels.RegistrationResult(added: added, evaluationId: nil), status: .created)
    }

    func evaluations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var state: EvaluationState?
        if let text = request.query("state") {
            guard let parsed = EvaluationState(rawValue: text) else {
                throw ServiceError.invalid([FieldIssue("state", "Trạng thái \"\(text)\" không có; dùng: \(EvaluationState.allCases.map(\.rawValue).joined(separator: ", ")).")])
            }
            state = parsed
        }
        let overview = try await services.evaluations.overview(try RegistryController.id(context), state: state,
                                                               start: try PageCursor.start(request), pageSize: 100, by: actor)
        return try APIBody.response(APIModels.Paged(overview.evaluations, id: \.id, item: APIModels.Evaluation.init))
    }

    func evaluation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try APIBody.response(APIModels.EvaluationDetail(try await services.evaluations.evaluation(try RegistryController.id(context), by: actor)))
    }

    func saveAnswers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.evaluations.evaluation(id, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.AnswersBody.self, from: &request, limit: maximumBodyBytes)
        let detail = try await services.evaluations.saveAnswers(id, input: body.answers, assessedBy: body.assessedBy, expectedVersion: body.version, by: actor)
        return try APIBody.response(APIModels.EvaluationDetail(detail))
    }

    func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.evaluations.evaluation(id, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.TransitionBody.self, from: &request, limit: maximumBodyBytes)
        guard let action = EvaluationAction(rawValue: body.action) else {
            throw ServiceError.invalid([FieldIssue("action", "Bước \"\(body.action)\" không có; dùng submit, return hoặc review.")])
        }
        let record = try await services.evaluations.transition(id, action: action, reason: body.reason, expectedVersion: body.version, by: actor)
        return try APIBody.response(APIModels.Evaluation(record))
    }

    func evidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let records = try await services.evidence.evidence(of: try RegistryController.id(context), by: actor)
        return try APIBody.response(APIModels.Items(items: records.map(APIModels.Evidence.init)))
    }

    /// A multipart form: `file` (optional), `items` (repeated), `note`, `link`, `capturedOn` (YYYY-MM-DD).
    func addEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.evaluations.evaluation(id, by: actor)
        var request = request
        let form = try await MultipartForm.read(&request, limit: maximumUploadBytes)
        var capturedOn: Day?
        if !form["capturedOn"].isEmpty {
            guard let day = Day(iso: form["capturedOn"]) else {
                throw ServiceError.invalid([FieldIssue("capturedOn", "Ngày phải có dạng YYYY-MM-DD.")])
            }
            capturedOn = day
        }
        let file = form.files["file"]
        let record = try await services.evidence.add(
            EvidenceDraft(fileBytes: file?.bytes, fileName: file?.fileName, note: form["note"], link: form["link"], capturedOn: capturedOn,
                          itemIDs: form.fields["items"] ?? []), to: id, by: actor)
        return try APIBody.response(APIModels.Evidence(record), status: .created)
    }

    func council(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.evaluations.overview(id, pageSize: 1, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.CouncilBody.self, from: &request, limit: maximumBodyBytes)
        let meeting = try await services.decisions.recordCouncil(
            cycleID: id, heldOn: Day(iso: body.heldOn), members: body.members, minutes: body.minutes ?? "",
            outcomes: body.outcomes.map { CouncilOutcome(evaluationID: $0.evaluationId, approved: $0.approved, reason: $0.reason) }, by: actor)
        return try APIBody.response(APIModels.CouncilResult(meetingId: meeting), status: .created)
    }

    func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.evaluations.overview(id, pageSize: 1, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.DecisionBody.self, from: &request, limit: maximumBodyBytes)
        var validUntil: Day?
        if let text = body.validUntil {
            guard let day = Day(iso: text) else { throw ServiceError.invalid([FieldIssue("validUntil", "Ngày phải có dạng YYYY-MM-DD.")]) }
            validUntil = day
        }
        let decision = try await services.decisions.issueDecision(cycleID: id, DecisionDraft(
            number: body.number, signedOn: Day(iso: body.signedOn), signerName: body.signerName, signerTitle: body.signerTitle,
            legalBasis: body.legalBasis, validUntil: validUntil, evaluationIDs: body.evaluationIds, amends: body.amends), by: actor)
        return try APIBody.response(APIModels.Decision(decision), status: .created)
    }

    func decision(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try APIBody.response(APIModels.Decision(try await services.decisions.document(try RegistryController.id(context), by: actor).decision))
    }
}
