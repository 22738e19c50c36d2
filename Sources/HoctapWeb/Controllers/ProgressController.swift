import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Hummingbird

/// Progress pages: dashboards of every level with their exports, the denominators, the plans
/// and their targets, and the classes of communes.
struct ProgressController {
    let services: AppServices
    let maximumFormBytes: Int
    let maximumUploadBytes: Int
    let map: ProgressMap?

    var progress: ProgressService { ProgressService(services.environment) }
    var plans: PlanService { PlanService(services.environment) }
    var denominators: DenominatorService { DenominatorService(services.environment) }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get(RouterPath(stringLiteral: SiteURL.progressHome.path), use: home)
        group.get(RouterPath(stringLiteral: SiteURL.progress(area: 0).pattern), use: dashboard)
        group.get(RouterPath(stringLiteral: SiteURL.progressCSV(area: 0).pattern), use: csv)
        group.get(RouterPath(stringLiteral: SiteURL.progressXLSX(area: 0).pattern), use: xlsx)
        group.get(RouterPath(stringLiteral: SiteURL.progressReport(area: 0).pattern), use: report)
        group.get(RouterPath(stringLiteral: SiteURL.denominators(area: 0).pattern), use: denominatorPage)
        group.post(RouterPath(stringLiteral: SiteURL.denominators(area: 0).pattern), use: saveDenominators)
        group.post(RouterPath(stringLiteral: SiteURL.denominatorImport.path), use: importDenominators)
        group.get(RouterPath(stringLiteral: SiteURL.plans.path), use: planList)
        group.get(RouterPath(stringLiteral: SiteURL.newPlan.path), use: newPlan)
        group.post(RouterPath(stringLiteral: SiteURL.newPlan.path), use: createPlan)
        group.get(RouterPath(stringLiteral: SiteURL.plan(0).pattern), use: plan)
        group.post(RouterPath(stringLiteral: SiteURL.plan(0).pattern), use: savePlan)
        group.get(RouterPath(stringLiteral: SiteURL.areaClasses(area: 0).pattern), use: classes)
        group.post(RouterPath(stringLiteral: SiteURL.areaClasses(area: 0).pattern), use: saveClasses)
    }

    func year(_ request: Request) throws -> Int { try RequestYear.read(request, clock: services.environment.clock) }

    /// The actor's own area's dashboard.
    func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var areaID = actor.scope.areaID
        if areaID == nil { areaID = try await progress.nation(by: actor).id }
        return Redirect.to(SiteURL.progress(area: areaID!).path)
    }

    func dashboard(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let dashboard = try await progress.dashboard(id, year: try year(request), by: actor)
        let indicator = request.query("indicator").flatMap(ProgressIndicator.init(rawValue:)).flatMap { dashboard.indicators.contains($0) ? $0 : nil } ?? .family
        let overview = try await services.areas.overview(id, by: actor)
        let crumbs = overview.ancestors.map { ($0.area.name, $0.visible ? SiteURL.progress(area: $0.area.id).with(["year": String(dashboard.year)]) : nil) }
        let subjects = dashboard.area.level == .village ? try await progress.subjects(ofVillage: id, year: dashboard.year, by: actor) : []
        return HTMLResponse(html: ProgressPage.render(.init(
            dashboard: dashboard, indicator: indicator, subjects: subjects,
            map: map?.render(dashboard, indicator: indicator) { SiteURL.progress(area: $0.id).with(["year": String(dashboard.year), "indicator": indicator.rawValue]) },
            ancestors: crumbs, chrome: context.chrome(.progress))))
    }

    func csv(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dashboard = try await progress.dashboard(try RegistryController.id(context), year: try year(request), by: try context.requireActor())
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"tong-hop-\(dashboard.area.code)-\(dashboard.year).csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: ProgressReport.csv(dashboard))))
    }

    func xlsx(_ request: Request, context: AppRequestContext) async throws -> Response {
        let dashboard = try await progress.dashboard(try RegistryController.id(context), year: try year(request), by: try context.requireActor())
        var bytes: [UInt8] = []
        try ProgressReport.xlsx(dashboard, today: Day(containing: services.environment.clock.now())) { bytes += $0 }
        return Response(status: .ok, headers: [
            .contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", .cacheControl: "no-store",
            .contentDisposition: "attachment; filename=\"tong-hop-\(dashboard.area.code)-\(dashboard.year).xlsx\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The annual report (`kind=annual`, the default) or a review table (`review-2025`, `review-2030`), printable.
    func report(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        guard let kind = ReportPage.Kind(rawValue: request.query("kind") ?? "annual") else {
            throw ServiceError.invalid([FieldIssue("kind", "Loại báo cáo phải là annual, review-2025 hoặc review-2030.")])
        }
        let id = try RegistryController.id(context)
        let dashboard = try await progress.dashboard(id, year: try kind.lastYear ?? year(request), by: actor)
        let overview = try await services.areas.overview(id, by: actor)
        let parent = overview.ancestors.last.map { $0.area.level == .nation ? "Ban Điều hành Chương trình (Trung ương Hội Khuyến học Việt Nam)" : "Ủy ban nhân dân, Hội Khuyến học \($0.area.fullName)" }
        return HTMLResponse(html: ReportPage.render(dashboard, kind: kind, parentName: parent, today: Day(containing: services.environment.clock.now()),
                                                    chrome: context.chrome(.progress)))
    }

    // MARK: Denominators

    func denominatorPage(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let overview = try await denominators.overview(try RegistryController.id(context), year: try year(request), by: actor)
        let notice = request.query("ok").map { $0 == "saved" ? "Đã lưu số liệu tổng." : "Đã nhập \($0) dòng số liệu từ tệp." }
        return HTMLResponse(html: DenominatorPage.render(.init(overview: overview, notice: notice, chrome: context.chrome(.progress))))
    }

    func saveDenominators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        let year = try year(request)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        var drafts: [DenominatorDraft] = []
        var issues: [FieldIssue] = []
        for kind in DenominatorKind.allCases where !kind.isCountedFromAreas {
            let text = form["value.\(kind.rawValue)"].replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
            guard !text.isEmpty else { continue }
            guard let value = Int64(text) else {
                issues.append(FieldIssue(kind.rawValue, "\(kind.label): \"\(form["value.\(kind.rawValue)"])\" không phải số nguyên."))
                continue
            }
            drafts.append(DenominatorDraft(kind: kind, value: value, source: form["source.\(kind.rawValue)"],
                                           expectedVersion: Int(form["version.\(kind.rawValue)"])))
        }
        do {
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            try await denominators.save(drafts, areaID: id, year: year, by: actor)
            return Redirect.to(SiteURL.denominators(area: id).with(["year": String(year), "ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            let overview = try await denominators.overview(id, year: year, by: actor)
            return try HTMLResponse(html: DenominatorPage.render(.init(overview: overview, typed: form.firstValues, issues: issues, chrome: context.chrome(.progress))),
                                    status: .unprocessableContent).response(from: request, context: context)
        } catch ServiceError.conflict(let message) {
            let overview = try await denominators.overview(id, year: year, by: actor)
            return try HTMLResponse(html: DenominatorPage.render(.init(overview: overview, typed: form.firstValues, conflict: message, chrome: context.chrome(.progress))),
                                    status: .conflict).response(from: request, context: context)
        }
    }

    /// A CSV of totals for many areas; the page it returns to is the area the form was on.
    func importDenominators(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        var areaID = request.query("area").flatMap(Int64.init) ?? actor.scope.areaID
        if areaID == nil { areaID = try await progress.nation(by: actor).id }
        let year = try year(request)
        var request = request
        let upload = try await UploadedFile.read(&request, field: "file", limit: maximumUploadBytes)
        do {
            let count = try await denominators.importCSV(upload.bytes, fileName: upload.fileName, by: actor)
            return Redirect.to(SiteURL.denominators(area: areaID!).with(["year": String(year), "ok": String(count)]))
        } catch ServiceError.importRejected(let failure) {
            let overview = try await denominators.overview(areaID!, year: year, by: actor)
            return try HTMLResponse(html: DenominatorPage.render(.init(overview: overview, importFailure: failure, chrome: context.chrome(.progress))),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    // MARK: Plans

    func planList(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        let canCreate = actor.role == .nationalAdmin || actor.role == .provinceOfficer
        return HTMLResponse(html: PlanPages.list(try await plans.plans(by: actor), provinceNames: try await services.criteria.provinceNames(),
                                                 canCreate: canCreate, chrome: context.chrome(.progress)))
    }

    func scopes(_ actor: Actor) async throws -> [(String, String)] {
        let names = try await services.criteria.provinceNames()
        switch actor.role {
        case .nationalAdmin: return [("", "Toàn quốc")] + names.sorted { $0.value < $1.value }.map { (String($0.key), $0.value) }
        case .provinceOfficer: return actor.scope.provinceID.map { [(String($0), names[$0] ?? "Tỉnh")] } ?? []
        default: throw ServiceError.forbidden("Kế hoạch, chỉ tiêu do quản trị toàn quốc hoặc cán bộ cấp tỉnh nhập.")
        }
    }

    func newPlan(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        return HTMLResponse(html: PlanPages.new(provinces: try await scopes(actor), typed: [:], issues: [], chrome: context.chrome(.progress)))
    }

    func createPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let scopes = try await scopes(actor)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        var issues: [FieldIssue] = []
        let date = form["documentDate"].isEmpty ? nil : Day(iso: form["documentDate"])
        if !form["documentDate"].isEmpty && date == nil { issues.append(FieldIssue("documentDate", "Ngày ban hành không hợp lệ.")) }
        guard scopes.contains(where: { $0.0 == form["scope"] }) else { throw ServiceError.forbidden("Bạn không nhập kế hoạch cho phạm vi này.") }
        let draft = PlanDraft(code: form["code"].trimmingCharacters(in: .whitespaces), name: form["name"], documentNumber: form["documentNumber"],
                              documentDate: date, issuer: form["issuer"], provinceID: Int64(form["scope"]),
                              fromYear: Int(form["fromYear"]) ?? 0, toYear: Int(form["toYear"]) ?? 0, provenance: form["provenance"], targets: [])
        do {
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            let saved = try await plans.save(draft, by: actor)
            return Redirect.to(SiteURL.plan(saved.id).with(["ok": "created"]))
        } catch ServiceError.invalid(let issues) {
            return try HTMLResponse(html: PlanPages.new(provinces: scopes, typed: form.firstValues, issues: issues, chrome: context.chrome(.progress)),
                                    status: .unprocessableContent).response(from: request, context: context)
        }
    }

    func planModel(_ record: PlanRecord, actor: Actor, context: AppRequestContext) async throws -> PlanPages.Model {
        var scope = "Toàn quốc"
        if let provinceID = record.draft.provinceID { scope = try await services.criteria.provinceNames()[provinceID] ?? "Tỉnh" }
        return PlanPages.Model(plan: record, scope: scope, canManage: plans.canManage(provinceID: record.draft.provinceID, by: actor), chrome: context.chrome(.progress))
    }

    func plan(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let actor = try context.requireActor()
        var model = try await planModel(try await plans.plan(try RegistryController.id(context), by: actor), actor: actor, context: context)
        model.notice = request.query("ok").map { $0 == "created" ? "Đã tạo kế hoạch; hãy nhập các chỉ tiêu." : "Đã lưu chỉ tiêu." }
        return HTMLResponse(html: PlanPages.render(model))
    }

    /// Reads the targets grid and the class lines; every problem is named, nothing is saved.
    func savePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let record = try await plans.plan(try RegistryController.id(context), by: actor)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        let (targets, issues) = PlanTargetForm.parse(form.firstValues, existing: record.draft)
        var draft = record.draft
        draft.targets = targets
        do {
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            try await plans.save(draft, id: record.id, expectedVersion: Int(form["version"]) ?? 0, by: actor)
            return Redirect.to(SiteURL.plan(record.id).with(["ok": "saved"]))
        } catch ServiceError.invalid(let issues) {
            var model = try await planModel(record, actor: actor, context: context)
            model.typed = form.firstValues
            model.issues = issues
            return try HTMLResponse(html: PlanPages.render(model), status: .unprocessableContent).response(from: request, context: context)
        } catch ServiceError.conflict(let message) {
            var model = try await planModel(try await plans.plan(record.id, by: actor), actor: actor, context: context)
            model.typed = form.firstValues
            model.conflict = message
            return try HTMLResponse(html: PlanPages.render(model), status: .conflict).response(from: request, context: context)
        }
    }

    // MARK: Area classes

    func classes(_ request: Request, context: AppRequestContext) async throws -> HTMLResponse {
        let (area, classes) = try await plans.classes(of: try RegistryController.id(context), by: try context.requireActor())
        return HTMLResponse(html: PlanPages.classes(area, selected: classes, chrome: context.chrome(.areas)))
    }

    func saveClasses(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try RegistryController.id(context)
        var request = request
        let form = try await FormData.read(&request, limit: maximumFormBytes)
        var chosen: Set<AreaClass> = []
        for value in form.all("class") {
            guard let areaClass = AreaClass(rawValue: value) else {
                throw ServiceError.invalid([FieldIssue("class", "Nhóm địa bàn \"\(value)\" không có.")])
            }
            chosen.insert(areaClass)
        }
        try await plans.setClasses(chosen, of: id, by: actor)
        return Redirect.to(SiteURL.area(id).with(["ok": "classes"]))
    }
}

/// The plan page's form: a percent per indicator and year, and lines for class targets.
enum PlanTargetForm {
    static func parse(_ fields: [String: String], existing: PlanDraft) -> (targets: [PlanTarget], issues: [FieldIssue]) {
        var targets: [PlanTarget] = []
        var issues: [FieldIssue] = []
        let status = SourceStatus(rawValue: fields["status"] ?? "") ?? .verified
        for indicator in TargetIndicator.allCases {
            for year in PlanPages.years(existing) {
                let name = "t.\(indicator.rawValue).\(year)"
                let old = existing.targets.first { $0.indicator == indicator && $0.year == year && $0.areaClass == nil }
                let text = (fields[name] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                if text.isEmpty {
                    // An emptied cell keeps the row as "not known" if it existed (so the gap stays visible).
                    if let old { targets.append(PlanTarget(indicator: indicator, year: year, percent: nil, status: .unknown, note: old.note)) }
                    continue
                }
                guard let percent = Double(text) else {
                    issues.append(FieldIssue(name, "\(indicator.label) năm \(year): \"\(fields[name] ?? "")\" không phải số."))
                    continue
                }
                let unchanged = old?.percent == percent
                targets.append(PlanTarget(indicator: indicator, year: year, percent: percent, status: unchanged ? old!.status : status, note: old?.note))
            }
        }
        for (index, line) in (fields["classTargets"] ?? "").split(whereSeparator: \.isNewline).enumerated() {
            let parts = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 4 else {
                issues.append(FieldIssue("classTargets", "Dòng \(index + 1): cần 4 phần chỉ tiêu,năm,nhóm,%."))
                continue
            }
            guard let indicator = TargetIndicator(rawValue: parts[0]) else {
                issues.append(FieldIssue("classTargets", "Dòng \(index + 1): chỉ tiêu \"\(parts[0])\" không có."))
                continue
            }
            guard let areaClass = AreaClass(rawValue: parts[2]) else {
                issues.append(FieldIssue("classTargets", "Dòng \(index + 1): nhóm địa bàn \"\(parts[2])\" không có; dùng \(AreaClass.allCases.map(\.rawValue).joined(separator: ", "))."))
                continue
            }
            guard let year = Int(parts[1]), let percent = Double(parts[3].replacingOccurrences(of: ",", with: ".")) else {
                issues.append(FieldIssue("classTargets", "Dòng \(index + 1): năm và % phải là số."))
                continue
            }
            let old = existing.targets.first { $0.indicator == indicator && $0.year == year && $0.areaClass == areaClass }
            targets.append(PlanTarget(indicator: indicator, year: year, areaClass: areaClass, percent: percent,
                                      status: old?.percent == percent ? old!.status : status, note: old?.note))
        }
        return (targets, issues)
    }
}
