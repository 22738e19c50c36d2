import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Pages of the yearly cycle: opening it, registering subjects, filling in assessments and
/// moving them through the workflow.
struct EvaluationController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.cycles(commune: 0).pattern), use: cycles)
        group.post(RouterPath(stringLiteral: SiteURL.cycles(commune: 0).pattern), use: openCycle)
        group.get(RouterPath(stringLiteral: SiteURL.cycle(0).pattern), use: cycle)
        group.post(RouterPath(stringLiteral: SiteURL.cycleRegister(0).pattern), use: register)
        group.get(RouterPath(stringLiteral: SiteURL.evaluation(0).pattern), use: evaluation)
        group.post(RouterPath(stringLiteral: SiteURL.evaluation(0).pattern), use: saveAnswers)
        group.post(RouterPath(stringLiteral: SiteURL.evaluationTransition(0).pattern), use: transition)
        group.post(RouterPath(stringLiteral: SiteURL.evaluationEvidence(0).pattern), use: addEvidence)
        group.get(RouterPath(stringLiteral: SiteURL.evidenceFile(0).pattern), use: evidenceFile)
        group.post(RouterPath(stringLiteral: SiteURL.cycleCouncil(0).pattern), use: recordCouncil)
        group.post(RouterPath(stringLiteral: SiteURL.cycleDecisions(0).pattern), use: issueDecision)
        group.get(RouterPath(stringLiteral: SiteURL.decision(0).pattern), use: decision)
        group.get(RouterPath(stringLiteral: SiteURL.decisionCertificates(0).pattern), use: certificates)
    }

    var evaluations: EvaluationService { services.evaluations }

    /// The subject's read-only view: public, the unguessable link is the permission.
    func addPublicRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: SiteURL.sharedResult("").pattern)) { request, context in
            let shared = try await evaluations.sharedResult(token: context.parameters.get("token") ?? "")
            var response = try HTMLResponse(html: SharedResultPage.render(shared, chrome: context.chrome(.home))).response(from: request, context: context)
            // The link carries the permission: keep it out of other sites' logs and shared caches.
            response.headers[.cacheControl] = "private, no-store"
            return response
        }
    }

    func cycles(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let commune = try await services.areas.find(try RegistryController.id(context), by: actor)
        return HTMLResponse(html: CycleListPage.render(.init(
            commune: commune, cycles: try await evaluations.cycles(of: commune.id, by: actor),
            canOpen: commune.level == .commune && AccessPolicy.decide(actor, .manageCycle(commune: commune.position)) == .allow,
            year: Day(containing: services.environment.clock.now()).year, notice: nil, chrome: context.chrome(.areas))))
    }

    func openCycle(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let communeID = try RegistryController.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            guard let year = Int(form["year"].trimmingCharacters(in: .whitespaces)) else {
                throw ServiceError.invalid([FieldIssue("year", "Năm \"\(form["year"])\" không phải số.")])
            }
            guard let model = LearningModel(rawValue: form["model"]) else { throw ServiceError.invalid([FieldIssue("model", "Hãy chọn mô hình.")]) }
            let cycle = try await evaluations.openCycle(communeID: communeID, year: year, model: model,
                                                        targetGroup: TargetGroup(rawValue: form["targetGroup"]), setID: form["setID"], by: actor)
            return Redirect.to(SiteURL.cycle(cycle.id).with(["ok": "opened"]))
        } catch ServiceError.invalid(let issues) {
            let commune = try await services.areas.find(communeID, by: actor)
            try Authorization.require(actor, .manageCycle(commune: commune.position))
            return try HTMLResponse(html: CycleListPage.render(.init(
                commune: commune, cycles: try await evaluations.cycles(of: commune.id, by: actor), canOpen: true,
                year: Int(form["year"]) ?? Day(containing: services.environment.clock.now()).year, issues: issues, chrome: context.chrome(.areas))),
                status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func cycle(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let state = request.query("state").flatMap(EvaluationState.init(rawValue:))
        let overview = try await evaluations.overview(try RegistryController.id(context), state: state, start: try PageCursor.start(request), by: actor)
        return HTMLResponse(html: CyclePage.render(overview, state: state, steps: try await steps(overview, actor: actor), issues: [],
                                                   notice: Self.notice(request), chrome: context.chrome(.areas)))
    }

    func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        do {
            if !form["code"].trimmingCharacters(in: .whitespaces).isEmpty {
                let evaluationID = try await evaluations.registerHousehold(cycleID: id, code: form["code"], by: actor)
                return Redirect.to(SiteURL.evaluation(evaluationID).with(["ok": "registered"]))
            }
            guard let areaID = Int64(form["areaID"]) else { throw ServiceError.invalid([FieldIssue("areaID", "Hãy chọn địa bàn để đăng ký.")]) }
            let added = try await evaluations.registerAll(cycleID: id, in: areaID, by: actor)
            return Redirect.to(SiteURL.cycle(id).with(["ok": "registered-\(added)"]))
        } catch ServiceError.invalid(let issues) {
            return try await cyclePage(id, issues: issues, request: request, context: context)
        }
    }

    func evaluation(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let detail = try await evaluations.evaluation(try RegistryController.id(context), by: actor)
        return HTMLResponse(html: EvaluationPage.render(.init(detail: detail, values: TrialScoringForm.values(of: detail.input, set: detail.set.set),
                                                              evidence: try await services.evidence.evidence(of: detail.evaluation.id, by: actor),
                                                              centre: try await LearningCentreService(services.environment).suggestions(for: detail),
                                                              notice: Self.notice(request), chrome: context.chrome(.areas))))
    }

    /// Saves the answers; a refused or conflicting save shows the form again with what was typed.
    func saveAnswers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let detail = try await evaluations.evaluation(id, by: actor)  // scope before the body: elsewhere is "not found"
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của phiếu (version).") }
        let typed = form.firstValues
        let parsed = TrialScoringForm(query: typed, set: detail.set.set)
        // The page's autosave asks for JSON: the new version and the verdict, or why not.
        let wantsJSON = request.headers[.accept]?.contains("application/json") == true
        do {
            if !parsed.issues.isEmpty { throw ServiceError.invalid(parsed.issues) }
            let saved = try await evaluations.saveAnswers(id, input: parsed.input, assessedBy: typed["assessedBy"], expectedVersion: version, by: actor)
            if wantsJSON {
                return try APIBody.response(AutosaveResult(version: saved.evaluation.version, verdict: saved.missing.isEmpty ? saved.preview?.verdict.label : nil,
                                                           message: nil))
            }
            return Redirect.to(SiteURL.evaluation(id).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) where wantsJSON {
            return try APIBody.response(AutosaveResult(version: nil, verdict: nil, message: issues.map(\.message).joined(separator: " ")), status: .unprocessableContent)
        } catch ServiceError.conflict(let message) where wantsJSON {
            return try APIBody.response(AutosaveResult(version: nil, verdict: nil, message: message), status: .conflict)
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: EvaluationPage.render(.init(detail: detail, values: typed, issues: issues, chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        } catch ServiceError.conflict(let message) {
            let current = try await evaluations.evaluation(id, by: actor)
            return try HTMLResponse(html: EvaluationPage.render(.init(detail: current, values: typed, conflict: message, chrome: context.chrome(.areas))),
                                    status: .conflict).response(from: request, context: context)
        }
    }

    func transition(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await evaluations.evaluation(id, by: actor)  // outside the actor's area: not found, whatever the form says
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        guard let version = Int(form["version"]) else { throw WebError.badRequest("Thiếu phiên bản của phiếu (version).") }
        guard let action = EvaluationAction(rawValue: form["action"]) else {
            throw ServiceError.invalid([FieldIssue("action", "Bước \"\(form["action"])\" không có.")])
        }
        let reason = form["reason-\(action.rawValue)"].isEmpty ? form["reason"] : form["reason-\(action.rawValue)"]
        do {
            try await evaluations.transition(id, action: action, reason: reason, expectedVersion: version, by: actor)
            return Redirect.to(SiteURL.evaluation(id).with(["ok": action.rawValue]))
        } catch ServiceError.invalid(let issues) {
            let detail = try await evaluations.evaluation(id, by: actor)
            return try HTMLResponse(html: EvaluationPage.render(.init(detail: detail, values: TrialScoringForm.values(of: detail.input, set: detail.set.set),
                                                                      issues: issues, chrome: context.chrome(.areas))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// The council's and the authority's parts of a cycle page.
    func steps(_ overview: CycleOverview, actor: Actor) async throws -> CyclePage.Steps {
        let id = overview.cycle.id
        var steps = CyclePage.Steps(today: Day(containing: services.environment.clock.now()))
        steps.meetings = try await services.decisions.meetings(of: id, by: actor)
        steps.decisions = try await services.decisions.decisions(of: id, by: actor)
        if actor.role == .councilMember { steps.reviewed = try await evaluations.overview(id, state: .reviewed, pageSize: 2000, by: actor).evaluations.rows }
        if actor.role == .communeAuthority { steps.approved = try await evaluations.overview(id, state: .approved, pageSize: 2000, by: actor).evaluations.rows }
        return steps
    }

    func cyclePage(_ id: Int64, issues: [FieldIssue], request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let overview = try await evaluations.overview(id, by: actor)
        return try HTMLResponse(html: CyclePage.render(overview, state: nil, steps: try await steps(overview, actor: actor), issues: issues, notice: nil,
                                                       chrome: context.chrome(.areas)),
                                status: .unprocessableContent).response(from: request, context: context)
    }

    /// Records the council's meeting: `outcome-<id>` is approve / reject, `reason-<id>` why not.
    func recordCouncil(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await evaluations.overview(id, pageSize: 1, by: actor)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        var outcomes: [CouncilOutcome] = []
        for (field, value) in form.firstValues where field.hasPrefix("outcome-") && !value.isEmpty {
            guard let evaluationID = Int64(field.dropFirst("outcome-".count)) else { continue }
            outcomes.append(CouncilOutcome(evaluationID: evaluationID, approved: value == "approve", reason: form.optional("reason-\(evaluationID)")))
        }
        outcomes.sort { $0.evaluationID < $1.evaluationID }
        do {
            try await services.decisions.recordCouncil(cycleID: id, heldOn: Day(iso: form["heldOn"]) ?? Day(vietnamese: form["heldOn"]),
                                                       members: form["members"], minutes: form["minutes"], outcomes: outcomes, by: actor)
            return Redirect.to(SiteURL.cycle(id).with(["ok": "council"]))
        } catch ServiceError.invalid(let issues) {
            return try await cyclePage(id, issues: issues, request: request, context: context)
        }
    }

    func issueDecision(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await evaluations.overview(id, pageSize: 1, by: actor)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let draft = DecisionDraft(
            number: form["number"], signedOn: Day(iso: form["signedOn"]) ?? Day(vietnamese: form["signedOn"]), signerName: form["signerName"],
            signerTitle: form["signerTitle"], legalBasis: form["legalBasis"],
            validUntil: form["validUntil"].isEmpty ? nil : (Day(iso: form["validUntil"]) ?? Day(vietnamese: form["validUntil"])),
            evaluationIDs: (form.all("evaluations")).compactMap { Int64($0) }, amends: Int64(form["amends"]))
        do {
            let decision = try await services.decisions.issueDecision(cycleID: id, draft, by: actor)
            return Redirect.to(SiteURL.decision(decision.id).with(["ok": "issued"]))
        } catch ServiceError.invalid(let issues) {
            return try await cyclePage(id, issues: issues, request: request, context: context)
        }
    }

    func decision(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let document = try await services.decisions.document(try RegistryController.id(context), by: actor)
        return HTMLResponse(html: DecisionPage.render(document, notice: request.query("ok") == "issued" ? "Đã ban hành quyết định." : nil,
                                                      chrome: context.chrome(.areas)))
    }

    func certificates(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let document = try await services.decisions.document(try RegistryController.id(context), by: actor)
        return HTMLResponse(html: CertificatesPage.render(document, chrome: context.chrome(.areas)))
    }

    /// Attaches evidence (a multipart form: file, note, link, date, items).
    func addEvidence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let detail = try await evaluations.evaluation(id, by: actor)  // outside the actor's area: not found first
        var request = request
        let form = try await MultipartForm.read(&request, limit: maximumUploadBytes)
        let upload = form.files["file"]
        do {
            var capturedOn: Day?
            let dayText = form["capturedOn"].trimmingCharacters(in: .whitespaces)
            if !dayText.isEmpty {
                guard let day = Day(iso: dayText) ?? Day(vietnamese: dayText) else {
                    throw ServiceError.invalid([FieldIssue("capturedOn", "Ngày \"\(dayText)\" không hợp lệ; ghi dạng 15/03/2026.")])
                }
                capturedOn = day
            }
            let record = try await services.evidence.add(
                EvidenceDraft(fileBytes: upload?.bytes, fileName: upload?.fileName, note: form["note"], link: form["link"],
                              capturedOn: capturedOn, itemIDs: form.fields["items"] ?? []), to: id, by: actor)
            return Redirect.to(SiteURL.evaluation(id).with(["ok": "evidence", "code": record.code]))
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: EvaluationPage.render(.init(
                detail: detail, values: TrialScoringForm.values(of: detail.input, set: detail.set.set),
                evidence: try await services.evidence.evidence(of: id, by: actor), evidenceIssues: issues, chrome: context.chrome(.areas))),
                status: .unprocessableContent).response(from: request, context: context)
        }
    }

    /// Serves an evidence file with its checked type, never as something a browser would run.
    func evidenceFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let (record, data) = try await services.evidence.file(try RegistryController.id(context), by: actor)
        let type = record.mediaType ?? .pdf
        return Response(status: .ok, headers: [
            .contentType: type.rawValue,
            .contentDisposition: "inline; filename=\"\(record.code).\(type.fileExtension)\"",
            // Personal data: nothing stays in the browser's cache after sign-out on a shared computer.
            .cacheControl: "private, no-store",
            .contentSecurityPolicy: "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    struct AutosaveResult: Codable {
        var version: Int?
        var verdict: String?
        var message: String?
    }

    static func notice(_ request: Request) -> String? {
        guard let key = request.query("ok") else { return nil }
        if key.hasPrefix("registered-") { return "Đã đăng ký thêm \(key.dropFirst("registered-".count)) đối tượng." }
        return [
            "opened": "Đã mở đợt đánh giá. Đăng ký các đối tượng để bắt đầu.",
            "registered": "Đã đăng ký.",
            "saved": "Đã lưu kết quả.",
            "submit": "Đã nộp phiếu đánh giá.",
            "return": "Đã trả lại phiếu kèm lý do.",
            "review": "Đã thẩm định; phiếu chờ hội đồng xét.",
            "council": "Đã lưu biên bản họp hội đồng và kết luận.",
            "evidence": "Đã thêm minh chứng \(request.query("code") ?? "")." ,
        ][key]
    }
}
