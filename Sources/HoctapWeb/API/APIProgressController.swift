import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// `/api/v1` for progress: an area's dashboard, its denominators, the plans and their targets.
struct APIProgressController {
    let services: AppServices
    let maximumBodyBytes: Int

    var progress: ProgressService { ProgressService(services.environment) }
    var denominators: DenominatorService { DenominatorService(services.environment) }
    var plans: PlanService { PlanService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/areas/:id/progress", use: dashboard)
        group.get("/areas/:id/denominators", use: denominatorList)
        group.put("/areas/:id/denominators", use: saveDenominators)
        group.get("/plans", use: planList)
        group.get("/plans/:id", use: plan)
        group.put("/plans/:id/targets", use: saveTargets)
    }

    func year(_ request: Request) throws -> Int { try RequestYear.read(request, clock: services.environment.clock) }

    func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dashboard = try await progress.dashboard(try RegistryController.id(context), year: try year(request), by: try context.requireActor())
        return try APIBody.response(APIModels.Progress(dashboard))
    }

    func denominatorList(_ request: Request, context: AppRequestContext) async throws -> Response {
        let overview = try await denominators.overview(try RegistryController.id(context), year: try year(request), by: try context.requireActor())
        return try APIBody.response(APIModels.DenominatorPage(overview))
    }

    func saveDenominators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        _ = try await services.areas.find(id, by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.DenominatorBody.self, from: &request, limit: maximumBodyBytes)
        var drafts: [DenominatorDraft] = []
        for (index, item) in body.items.enumerated() {
            guard let kind = DenominatorKind(rawValue: item.kind) else {
                throw ServiceError.invalid([FieldIssue("items[\(index)].kind", "Loại \"\(item.kind)\" không có; dùng: \(DenominatorKind.allCases.map(\.rawValue).joined(separator: ", ")).")])
            }
            drafts.append(DenominatorDraft(kind: kind, value: item.value, source: item.source, expectedVersion: item.version))
        }
        try await denominators.save(drafts, areaID: id, year: body.year, by: actor)
        return try APIBody.response(APIModels.DenominatorPage(try await denominators.overview(id, year: body.year, by: actor)))
    }

    func planList(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIBody.response(try await plans.plans(by: try context.requireActor()).map(APIModels.Plan.init))
    }

    func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        try APIBody.response(APIModels.Plan(try await plans.plan(try RegistryController.id(context), by: try context.requireActor())))
    }

    /// Replaces a plan's targets (the whole list), if the version is current.
    func saveTargets(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let record = try await plans.plan(try RegistryController.id(context), by: actor)
        var request = request
        let body = try await APIBody.decode(APIModels.PlanTargetsBody.self, from: &request, limit: maximumBodyBytes)
        var issues: [FieldIssue] = []
        var targets: [PlanTarget] = []
        for (index, item) in body.targets.enumerated() {
            let path = "targets[\(index)]"
            guard let indicator = TargetIndicator(rawValue: item.indicator) else {
                issues.append(FieldIssue("\(path).indicator", "Chỉ tiêu \"\(item.indicator)\" không có; dùng: \(TargetIndicator.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            var areaClass: AreaClass?
            if let text = item.areaClass, !text.isEmpty {
                guard let known = AreaClass(rawValue: text) else {
                    issues.append(FieldIssue("\(path).areaClass", "Nhóm địa bàn \"\(text)\" không có; dùng: \(AreaClass.allCases.map(\.rawValue).joined(separator: ", "))."))
                    continue
                }
                areaClass = known
            }
            guard let status = SourceStatus(rawValue: item.status) else {
                issues.append(FieldIssue("\(path).status", "Độ tin cậy \"\(item.status)\" không có; dùng: \(SourceStatus.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            targets.append(PlanTarget(indicator: indicator, year: item.year, areaClass: areaClass, percent: item.percent, status: status, note: item.note))
        }
        if !issues.isEmpty { throw ServiceError.invalid(issues) }
        var draft = record.draft
        draft.targets = targets
        return try APIBody.response(APIModels.Plan(try await plans.save(draft, id: record.id, expectedVersion: body.version, by: actor)))
    }
}
