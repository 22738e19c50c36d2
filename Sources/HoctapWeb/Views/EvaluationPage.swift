import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The assessment of one subject: the criteria set's items to fill in, the running result,
/// the workflow steps the actor may take, and the history.
enum EvaluationPage {
    struct Model {
        var detail: EvaluationDetail
        /// What the form shows: the saved answers, or what was typed when a save was refused.
        var values: [String: String]
        var evidence: [EvidenceRecord] = []
        var evidenceIssues: [FieldIssue] = []
        /// Classes at the community learning centre the subject attended, for the items that take them as evidence.
        var centre: CentreSuggestions?
        var issues: [FieldIssue] = []
        var conflict: String?
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let detail = model.detail
        let evaluation = detail.evaluation
        let set = detail.set.set
        let editable = detail.actions.contains(.edit)
        return Layout.page(title: evaluation.subjectName, chrome: model.chrome,
                           breadcrumbs: [("\(detail.cycle.model.label) \(detail.cycle.year)", SiteURL.cycle(detail.cycle.id).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.conflict) { Notice.error($0, details: ["Những gì bạn vừa nhập vẫn còn trong phiếu dưới đây; so với bản đã lưu rồi lưu lại."]) },
            .if(!model.issues.isEmpty, Notice.error("Chưa lưu được:", details: model.issues.map { "\(CriteriaController.fieldLabel($0.field)): \($0.message)" })),
            .p(EvaluationText.stateTag(evaluation.state), .text(" · \(SubjectKind.of(detail.cycle.model).label) · bộ \(set.id) phiên bản \(detail.cycle.setVersion)")),
            .if(detail.actions.contains(.edit) || detail.actions.contains(.review), .p(.class("hint"),
                .text("Đường dẫn để đối tượng tự xem kết quả (chỉ xem, không cần đăng nhập; chỉ đưa cho chính đối tượng): "),
                Tag.link(SiteURL.sharedResult(evaluation.shareToken).path, SiteURL.sharedResult(evaluation.shareToken).path))),
            .if(evaluation.state == .recognised && model.chrome.actor.map { AccessPolicy.decide($0, .nominateExemplary(subject: evaluation.place.position)) == .allow } == true,
                .p(Tag.link("Đề cử mô hình tiêu biểu", SiteURL.nominate(evaluation: evaluation.id).path, classes: "button secondary"))),
            .if(evaluation.subjectKind == .person, .p(Tag.link("Hồ sơ học tập suốt đời, kỹ năng số của công dân", SiteURL.learningRecord(person: evaluation.subjectID).path,
                                                              classes: "button secondary"))),
            .if(!detail.changedSinceApproval.isEmpty, .div(.class("notice warn"),
                .text("Đã sửa sau khi hội đồng thông qua: \(detail.changedSinceApproval.joined(separator: ", ")). Phiếu phải được thẩm định lại."))),
            .unwrap(detail.preview) { CriteriaScorePage.result($0, set: set) },
            .if(!detail.missing.isEmpty && editable, .p(.class("hint"), .text("Còn \(detail.missing.count) chỉ tiêu bắt buộc chưa có kết quả; lưu được, nhưng chưa nộp được."))),
            actions(model),
            .if(!editable, .p(.text("\(set.assessor.assessedByLabel): \(evaluation.assessedBy ?? "chưa ghi")"))),
            editable ? form(model) : CriteriaScorePage.readOnly(detail.input, set: set),
            evidence(model, editable: editable),
            .h2(.text("Lịch sử")),
            .if(detail.events.isEmpty, .p(.text("Chưa có bước nào."))),
            .ul(.forEach(detail.events) { event in
                .li(.text("\(VietnameseFormat.dateTime(event.at)) · \(event.actorLabel): \(EvaluationAction(rawValue: event.action)?.label ?? event.action) (\(event.from.label) → \(event.to.label))"
                          + (event.reason.map { ". Lý do: \($0)" } ?? "")))
            }),
        ])
    }

    static func form(_ model: Model) -> BodyNode {
        let set = model.detail.set.set
        let values = model.values
        let classes = TrialScoringForm.areaClasses(of: set)
        let measures = TrialScoringForm.measures(of: set)
        let kinds = TrialScoringForm.subjectKinds(of: set)
        var context: [BodyNode] = []
        if !kinds.isEmpty {
            context.append(Tag.select("kind", label: "Loại đối tượng", options: [("", "Không thuộc loại riêng nào")] + kinds.map { ($0, $0) },
                                      selected: values["kind"] ?? ""))
        }
        for areaClass in classes {
            context.append(CriteriaScorePage.checkbox(TrialScoringForm.classField(areaClass), label: "\(AreaClassLabels.label(areaClass)) (ngưỡng thấp hơn)",
                                                      checked: values[TrialScoringForm.classField(areaClass)] != nil))
        }
        for measure in measures {
            let field = TrialScoringForm.measureField(measure.name)
            context.append(Tag.field(field, label: measure.label + (measure.unit == .share ? " (%)" : ""), value: values[field] ?? "",
                                     hint: "Số liệu tổng hợp từ sổ theo dõi; ghi rõ nguồn trong minh chứng.", extra: [Tag.attribute("inputmode", "decimal")]))
        }
        // data-autosave: the page's script keeps changes on the device and saves them as they are made.
        return .element(named: "form", nodes: [
            BodyNode.attr("action", SiteURL.evaluation(model.detail.evaluation.id).path), .attr("method", "post"), .class("stack"),
            .attr("data-autosave", "evaluation-\(model.detail.evaluation.id)"),
            Tag.hidden("_csrf", model.chrome.csrfToken ?? ""),
            Tag.hidden("version", String(model.detail.evaluation.version)),
            .p(.class("hint"), .attr("id", "autosave-status"), .attr("role", "status"), .attr("aria-live", "polite"),
               .text("Kết quả được lưu khi bạn bấm \"Lưu kết quả\" (và tự động khi trình duyệt cho phép).")),
            .div(.class("card"), .h2(.text(set.assessor.label)),
                 Tag.field("assessedBy", label: set.assessor.assessedByLabel,
                           value: values["assessedBy"] ?? model.detail.evaluation.assessedBy ?? "",
                           hint: set.assessor.requiresNames ? "Bắt buộc trước khi nộp." : "Không bắt buộc; người nộp phiếu được ghi trong lịch sử.")),
            .if(!context.isEmpty, .div(.class("card"), .h2(.text("Đối tượng và số liệu")), .group(context))),
            .forEach(set.criteria) { criterion in
                .element(named: "fieldset", nodes: [
                    BodyNode.class("card"),
                    .element(named: "legend", nodes: [BodyNode.text("\(criterion.id). \(criterion.name)")]),
                    .forEach(criterion.items) { item in CriteriaScorePage.itemField(item, values: values) },
                ])
            },
            .div(.class("actions"), Tag.submit("Lưu kết quả")),
        ])
    }

    static func evidence(_ model: Model, editable: Bool) -> BodyNode {
        let set = model.detail.set.set
        let action = SiteURL.evaluationEvidence(model.detail.evaluation.id).path
        return .group(
            .h2(.text("Minh chứng (\(model.evidence.count))")),
            .if(!model.evidenceIssues.isEmpty, Notice.error("Chưa thêm được minh chứng:", details: model.evidenceIssues.map(\.message))),
            .if(model.evidence.isEmpty, .p(.text("Chưa có minh chứng."))),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Mã")), .th(.text("Chỉ tiêu")), .th(.text("Nội dung")), .th(.text("Ngày")))),
                .tbody(.forEach(model.evidence) { record in
                    .tr(.td(.attr("data-label", "Mã"),
                            .if(record.mediaType?.isImage == true, .element(named: "a", nodes: [
                                BodyNode.attr("href", SiteURL.evidenceFile(record.id).path),
                                .selfClosedElement(named: "img", attributes: [Tag.attribute("src", SiteURL.evidenceFile(record.id).path),
                                                                              Tag.attribute("alt", "Ảnh minh chứng \(record.code)"), Tag.attribute("class", "thumb"),
                                                                              Tag.attribute("loading", "lazy")]),
                            ])),
                            record.fileSHA256 == nil ? .text(record.code) : Tag.link(record.code, SiteURL.evidenceFile(record.id).path)),
                        .td(.attr("data-label", "Chỉ tiêu"), .text(record.itemIDs.joined(separator: ", "))),
                        .td(.attr("data-label", "Nội dung"),
                            .text([record.mediaType.map { $0.isImage ? "Ảnh" : "PDF" }, record.note.isEmpty ? nil : record.note].compactMap { $0 }.joined(separator: " · ")),
                            .unwrap(record.link) { link in .group(.text(" "), Tag.link("liên kết", link)) }),
                        .td(.attr("data-label", "Ngày"), .text(VietnameseFormat.date(Day(containing: record.capturedAt)))))
                }))),
            .unwrap(model.centre) { centreSuggestions($0, model: model, editable: editable) },
            .if(editable, Tag.form(action: action, csrf: model.chrome.csrfToken, multipart: true, [
                .h3(.text("Thêm minh chứng")),
                Tag.field("file", label: "Ảnh (JPEG, PNG) hoặc tài liệu PDF, tối đa \(EvidenceService.maximumFileBytes >> 20) MB", type: "file",
                          extra: [Tag.attribute("accept", "image/jpeg,image/png,application/pdf"), Tag.attribute("capture", "environment")]),
                Tag.field("note", label: "Ghi chú", value: ""),
                Tag.field("link", label: "Đường dẫn (không bắt buộc)", value: "", type: "url"),
                Tag.field("capturedOn", label: "Ngày ghi nhận (không bắt buộc)", value: "", type: "date"),
                .element(named: "fieldset", nodes: [
                    .element(named: "legend", nodes: [BodyNode.text("Chứng minh cho chỉ tiêu")]),
                    .forEach(set.items) { item in
                        .div(.element(named: "label", nodes: [
                            .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "items"), Tag.attribute("value", item.id)]),
                            .text(" \(item.id) \(String((item.text ?? "").prefix(80)))"),
                        ]))
                    },
                ]),
                .div(Tag.submit("Thêm minh chứng", classes: "secondary")),
            ])))
    }

    static func actions(_ model: Model) -> BodyNode {
        let detail = model.detail
        let steps = detail.actions.filter { $0 != .edit && $0 != .approve && $0 != .reject && $0 != .recognise }
        return .if(!steps.isEmpty, .div(.class("card"),
            .forEach(steps) { action in
                Tag.form(action: SiteURL.evaluationTransition(detail.evaluation.id).path, csrf: model.chrome.csrfToken, classes: "inline", [
                    Tag.hidden("action", action.rawValue),
                    Tag.hidden("version", String(detail.evaluation.version)),
                    .if(action.needsReason, Tag.field("reason-\(action.rawValue)", label: "Lý do \(action.label.lowercased())", value: "",
                                                      error: model.issues.message(for: "reason"))),
                    Tag.submit(action.label, classes: action == .return ? "secondary" : ""),
                ])
            }))
    }

    /// The centre's attendance as suggested evidence: what, when, who, for which items, and for
    /// those who may add evidence one button that records it as a note through the evidence form.
    static func centreSuggestions(_ suggestions: CentreSuggestions, model: Model, editable: Bool) -> BodyNode {
        let action = SiteURL.evaluationEvidence(model.detail.evaluation.id).path
        let recorded = Set(model.evidence.map(\.note))
        return .if(!suggestions.isEmpty, .div(.class("card"),
            .h3(.text("Gợi ý minh chứng từ trung tâm học tập cộng đồng")),
            .p(.class("hint"), .text("Theo sổ điểm danh của trung tâm; dùng cho chỉ tiêu \(suggestions.items.joined(separator: ", ")) (bộ tiêu chí ghi minh chứng là danh sách học viên của trung tâm).")),
            .ul(.forEach(suggestions.attendance) { record in
                let note = suggestionNote(record)
                return .li(.text(note + " "), Tag.link("xem lớp", SiteURL.centreActivity(record.activity.id).path),
                           .if(recorded.contains(note), .text(" · đã ghi làm minh chứng")),
                           .if(editable && !recorded.contains(note), Tag.form(action: action, csrf: model.chrome.csrfToken, multipart: true, classes: "inline", [
                               Tag.hidden("note", note), Tag.hidden("capturedOn", record.activity.draft.endsOn.iso),
                               .forEach(suggestions.items) { Tag.hidden("items", $0) },
                               Tag.submit("Dùng làm minh chứng", classes: "secondary"),
                           ])))
            })))
    }

    static func suggestionNote(_ record: CentreAttendanceRecord) -> String {
        let draft = record.activity.draft
        return "\(record.personName) tham gia \(draft.kind.label.lowercased()) \"\(draft.topic)\" tại trung tâm học tập cộng đồng, "
            + "\(LearningCentrePages.dates(draft)), \(VietnameseFormat.decimal(draft.hours)) giờ"
    }
}
