import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

enum EvaluationText {
    /// What happens next to an evaluation, said for the person looking at the list.
    static func nextStep(_ evaluation: EvaluationRecord, for actor: Actor?) -> String {
        let mine: (EvaluationAction) -> Bool = { action in
            guard let actor else { return false }
            if case .allow = EvaluationWorkflow.decide(actor, action, state: evaluation.state, subject: evaluation.place.position) { return true }
            return false
        }
        switch evaluation.state {
        case .draft: return mine(.edit) ? "Nhập kết quả, minh chứng rồi nộp" : "Chờ người đánh giá nhập và nộp"
        case .returned: return mine(.edit) ? "Sửa theo lý do bị trả lại rồi nộp lại" : "Chờ người đánh giá sửa"
        case .submitted: return mine(.review) ? "Thẩm định hoặc trả lại" : "Chờ thẩm định"
        case .reviewed: return actor?.role == .councilMember ? "Đưa ra họp hội đồng" : "Chờ hội đồng xét"
        case .approved: return actor?.role == .communeAuthority ? "Ra quyết định công nhận" : "Chờ quyết định của UBND xã"
        case .recognised, .notRecognised: return "Đã xong"
        }
    }

    static func stateTag(_ state: EvaluationState) -> BodyNode {
        let classes = switch state {
        case .recognised, .approved: "tag ok"
        case .returned, .notRecognised: "tag warn"
        default: "tag"
        }
        return .span(.class(classes), .text(state.label))
    }
}

/// A commune's cycles, and the form to open one.
enum CycleListPage {
    struct Model {
        var commune: Area
        var cycles: [CycleRecord]
        var canOpen: Bool
        var year: Int
        var issues: [FieldIssue] = []
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        Layout.page(title: "Đợt đánh giá – \(model.commune.fullName)", chrome: model.chrome,
                    breadcrumbs: [(model.commune.fullName, SiteURL.area(model.commune.id).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            Notice.formErrors(model.issues),
            .if(model.cycles.isEmpty, .p(.text("Chưa mở đợt đánh giá nào."))),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Năm")), .th(.text("Mô hình")), .th(.text("Bộ tiêu chí")))),
                .tbody(.forEach(model.cycles) { cycle in
                    .tr(.td(.attr("data-label", "Năm"), Tag.link(String(cycle.year), SiteURL.cycle(cycle.id).path)),
                        .td(.attr("data-label", "Mô hình"), Tag.link(cycle.model.label, SiteURL.cycle(cycle.id).path)),
                        .td(.attr("data-label", "Bộ tiêu chí"), .text("\(cycle.setID) (phiên bản \(cycle.setVersion))")))
                }))),
            .if(model.canOpen, .group(
                .h2(.text("Mở đợt đánh giá")),
                .p(.class("hint"), .text("Đợt dùng bộ tiêu chí có hiệu lực cho xã trong năm đánh giá (biến thể của tỉnh nếu có), và giữ nguyên phiên bản đó đến hết đợt.")),
                Tag.form(action: SiteURL.cycles(commune: model.commune.id).path, csrf: model.chrome.csrfToken, [
                    Tag.field("year", label: "Năm đánh giá", value: String(model.year), error: model.issues.message(for: "year"),
                              extra: [Tag.attribute("inputmode", "numeric")]),
                    Tag.select("model", label: "Mô hình", options: LearningModel.allCases.map { ($0.rawValue, $0.label) }, selected: nil,
                               error: model.issues.message(for: "model")),
                    Tag.select("targetGroup", label: "Nhóm đối tượng (chỉ với Công dân học tập)",
                               options: [("", "—")] + TargetGroup.allCases.map { ($0.rawValue, $0.label) }, selected: nil,
                               error: model.issues.message(for: "targetGroup")),
                    Tag.field("setID", label: "Mã bộ tiêu chí (không bắt buộc)", value: "",
                              hint: "Để trống để dùng bộ có hiệu lực theo thứ tự ưu tiên; ghi mã khi có nhiều bộ cùng áp dụng (ví dụ qd448-2015-dvht-xa cho đơn vị do xã quản lý).",
                              error: model.issues.message(for: "setID")),
                    .div(Tag.submit("Mở đợt")),
                ]))),
        ])
    }
}

/// One cycle: registration counts by state, the evaluations, bulk registration.
enum CyclePage {
    /// The council's and the commune's part of the cycle page.
    struct Steps {
        var meetings: [CouncilMeetingRecord] = []
        var decisions: [DecisionRecord] = []
        /// Reviewed evaluations awaiting the council (for council members).
        var reviewed: [EvaluationRecord] = []
        /// Approved evaluations awaiting a decision (for the commune authority).
        var approved: [EvaluationRecord] = []
        var today: Day
    }

    static func render(_ overview: CycleOverview, state: EvaluationState?, steps: Steps, issues: [FieldIssue], notice: String?, chrome: PageChrome) -> HTML {
        let cycle = overview.cycle
        let total = overview.counts.values.reduce(0, +)
        return Layout.page(title: "\(cycle.model.label) năm \(cycle.year) – \(overview.commune.fullName)", chrome: chrome,
                           breadcrumbs: [(overview.commune.fullName, SiteURL.area(overview.commune.id).path), ("Đợt đánh giá", SiteURL.cycles(commune: overview.commune.id).path)], [
            .unwrap(notice) { Notice.ok($0) },
            Notice.formErrors(issues),
            .p(.text("Bộ tiêu chí: "), Tag.link("\(overview.set.set.name) (phiên bản \(cycle.setVersion))", SiteURL.criteriaSet(cycle.setID).path)),
            .if(!overview.set.officialUseBlockers.isEmpty, .p(.class("notice warn"),
                .text("Bộ tiêu chí này chưa dùng được để công nhận chính thức; đánh giá được, nhưng chưa ra quyết định công nhận được."))),
            .ul(.class("stats"),
                .li(Tag.link("Tất cả: \(VietnameseFormat.integer(total))", SiteURL.cycle(cycle.id).path)),
                .forEach(EvaluationState.allCases) { state in
                    .li(Tag.link("\(state.label): \(VietnameseFormat.integer(overview.counts[state] ?? 0))", SiteURL.cycle(cycle.id).with(["state": state.rawValue])))
                }),
            .if(overview.canManage, .div(.class("card"),
                .h2(.text("Đăng ký")),
                Tag.form(action: SiteURL.cycleRegister(cycle.id).path, csrf: chrome.csrfToken, classes: "inline", [
                    Tag.select("areaID", label: "Đăng ký tất cả \(SubjectKind.of(cycle.model).label.lowercased()) chưa đăng ký của",
                               options: (AccessPolicy.decide(chrome.actor!, .manageSubject(overview.commune.position)) == .allow
                                         ? [(String(overview.commune.id), "Cả \(overview.commune.fullName)")] : [])
                                   + overview.villages.map { (String($0.id), $0.fullName) }, selected: nil),
                    Tag.submit("Đăng ký", classes: "secondary"),
                ]),
                .if(cycle.model == .family, Tag.form(action: SiteURL.cycleRegister(cycle.id).path, csrf: chrome.csrfToken, classes: "inline", [
                    Tag.field("code", label: "hoặc một hộ theo mã hộ", value: "", error: issues.message(for: "code")),
                    Tag.submit("Đăng ký hộ", classes: "secondary"),
                ])))),
            council(overview, steps: steps, chrome: chrome),
            decisions(overview, steps: steps, chrome: chrome),
            .h2(.text((state?.label ?? "Các đối tượng đã đăng ký") + " (\(RegistryText.count(overview.evaluations, "hồ sơ")))")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Đối tượng")), .th(.text("Trạng thái")), .th(.text("Việc tiếp theo")), .th(.text("Kết quả")), .th(.class("num"), .text("Điểm")))),
                .tbody(.forEach(overview.evaluations.rows) { evaluation in
                    .tr(.td(.attr("data-label", "Đối tượng"), Tag.link(evaluation.subjectName, SiteURL.evaluation(evaluation.id).path)),
                        .td(.attr("data-label", "Trạng thái"), EvaluationText.stateTag(evaluation.state)),
                        .td(.attr("data-label", "Việc tiếp theo"), .text(EvaluationText.nextStep(evaluation, for: chrome.actor))),
                        .td(.attr("data-label", "Kết quả"), .text(evaluation.verdictLabel ?? "Chưa đủ kết quả")),
                        .td(.attr("data-label", "Điểm"), .class("num"), .text(evaluation.total.map(CriteriaSetValidator.format) ?? "—")))
                }))),
            RegistryText.pager(overview.evaluations, id: \.id) { cursor in
                SiteURL.cycle(overview.cycle.id).with((state.map { ["state": $0.rawValue] } ?? [:]).merging(cursor) { $1 })
            },
        ])
    }
}

extension CyclePage {
    static func council(_ overview: CycleOverview, steps: Steps, chrome: PageChrome) -> BodyNode {
        let isCouncil = chrome.actor?.role == .councilMember
        return .group(
            .if(!steps.meetings.isEmpty, .group(
                .h2(.text("Biên bản họp hội đồng")),
                .ul(.forEach(steps.meetings) { meeting in
                    .li(.text("Ngày \(VietnameseFormat.date(meeting.heldOn)): thông qua \(meeting.outcomes.filter(\.approved).count), không thông qua \(meeting.outcomes.filter { !$0.approved }.count). Thành phần: \(meeting.members)"))
                }))),
            .if(isCouncil && !steps.reviewed.isEmpty, .div(.class("card"),
                .h2(.text("Họp hội đồng xét công nhận (\(steps.reviewed.count) hồ sơ đã thẩm định)")),
                Tag.form(action: SiteURL.cycleCouncil(overview.cycle.id).path, csrf: chrome.csrfToken, [
                    Tag.field("heldOn", label: "Ngày họp", value: steps.today.iso, type: "date", required: true),
                    Tag.field("members", label: "Thành phần dự họp", value: "", required: true),
                    .div(.element(named: "label", nodes: [BodyNode.attr("for", "f-minutes"), .text("Nội dung biên bản")]),
                         .element(named: "textarea", nodes: [BodyNode.attr("id", "f-minutes"), .attr("name", "minutes"), .attr("rows", "4"), .text("")])),
                    .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text("Hồ sơ")), .th(.text("Kết quả tự đánh giá")), .th(.text("Kết luận")), .th(.text("Lý do nếu không thông qua")))),
                        .tbody(.forEach(steps.reviewed) { evaluation in
                            .tr(.td(Tag.link(evaluation.subjectName, SiteURL.evaluation(evaluation.id).path)),
                                .td(.text(evaluation.verdictLabel ?? "—")),
                                .td(Tag.select("outcome-\(evaluation.id)", label: "Kết luận", options: [("", "Chưa xét"), ("approve", "Thông qua"), ("reject", "Không thông qua")], selected: "")),
                                .td(Tag.field("reason-\(evaluation.id)", label: "Lý do", value: "")))
                        }))),
                    .div(Tag.submit("Lưu biên bản và kết luận")),
                ]))))
    }

    /// What a decision may list: evaluations the council approved, and (to amend a decision) those already recognised.
    static func choices(_ steps: Steps) -> [(id: Int64, label: String)] {
        var seen = Set<Int64>()
        var choices: [(id: Int64, label: String)] = []
        for evaluation in steps.approved where seen.insert(evaluation.id).inserted {
            choices.append((evaluation.id, "\(evaluation.subjectName) – \(evaluation.verdictLabel ?? "")"))
        }
        for subject in steps.decisions.flatMap(\.subjects) where seen.insert(subject.evaluationID).inserted {
            choices.append((subject.evaluationID, "\(subject.subjectName) – \(subject.verdictLabel) (đã công nhận)"))
        }
        return choices
    }

    static func decisions(_ overview: CycleOverview, steps: Steps, chrome: PageChrome) -> BodyNode {
        let isAuthority = chrome.actor?.role == .communeAuthority
        let set = overview.set.set
        let basis = "Căn cứ Luật Tổ chức chính quyền địa phương;\nCăn cứ văn bản số \(CriteriaText.document(set.document)) của \(set.issuer) (\(set.name));\nXét đề nghị của Hội Khuyến học xã và biên bản họp hội đồng xét công nhận."
        return .group(
            .if(!steps.decisions.isEmpty, .group(
                .h2(.text("Quyết định công nhận")),
                .ul(.forEach(steps.decisions) { decision in
                    .li(Tag.link("Quyết định số \(decision.number) ngày \(VietnameseFormat.date(decision.signedOn))", SiteURL.decision(decision.id).path),
                        .text(" · \(decision.subjects.count) đối tượng · "),
                        Tag.link("Giấy công nhận", SiteURL.decisionCertificates(decision.id).path))
                }))),
            .if(isAuthority && (!steps.approved.isEmpty || !steps.decisions.isEmpty), .div(.class("card"),
                .h2(.text("Ban hành quyết định công nhận")),
                .if(!overview.set.officialUseBlockers.isEmpty, .p(.class("notice warn"), .text("Bộ tiêu chí của đợt chưa dùng được để công nhận chính thức: quyết định sẽ bị từ chối cho đến khi bộ được hoàn thiện."))),
                Tag.form(action: SiteURL.cycleDecisions(overview.cycle.id).path, csrf: chrome.csrfToken, [
                    Tag.field("number", label: "Số quyết định", value: "", hint: "Ví dụ: 125/QĐ-UBND", required: true),
                    Tag.field("signedOn", label: "Ngày ký", value: steps.today.iso, type: "date", required: true),
                    Tag.field("signerName", label: "Người ký", value: chrome.actor?.displayName ?? "", required: true),
                    Tag.field("signerTitle", label: "Chức vụ", value: "Chủ tịch", required: true),
                    .div(.element(named: "label", nodes: [BodyNode.attr("for", "f-legalBasis"), .text("Căn cứ")]),
                         .element(named: "textarea", nodes: [BodyNode.attr("id", "f-legalBasis"), .attr("name", "legalBasis"), .attr("rows", "4"), .text(basis)])),
                    Tag.field("validUntil", label: "Kết quả có giá trị đến", value: set.validYears.flatMap { Day(overview.cycle.year + $0, 12, 31)?.iso } ?? "",
                              type: "date", hint: set.validYears.map { "Theo bộ tiêu chí: bảo lưu \($0) năm sau năm công nhận." } ?? "Không bắt buộc."),
                    .if(!steps.decisions.isEmpty, Tag.select("amends", label: "Sửa đổi quyết định (không bắt buộc)",
                                                              options: [("", "Không")] + steps.decisions.map { (String($0.id), "Số \($0.number)") }, selected: "")),
                    .element(named: "fieldset", nodes: [
                        .element(named: "legend", nodes: [BodyNode.text("Đối tượng được công nhận (hội đồng đã thông qua)")]),
                        .forEach(choices(steps)) { choice in
                            .div(.element(named: "label", nodes: [
                                .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "evaluations"),
                                                                                 Tag.attribute("value", String(choice.id))]),
                                .text(" \(choice.label)"),
                            ]))
                        },
                    ]),
                    .div(Tag.submit("Ban hành quyết định")),
                ]))))
    }
}
