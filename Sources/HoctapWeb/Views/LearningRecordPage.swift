import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// A person's lifelong-learning record (hồ sơ học tập suốt đời): digital skills by year, what
/// officers recorded, the classes attended at the centre, and the forms to add to it.
enum LearningRecordPage {
    struct EntryForm: Sendable {
        var kind = LearningEntryKind.course.rawValue, title = "", provider = "", startsOn = "", endsOn = "", hours = "", certificate = ""

        init() {}
        init(_ form: FormData) {
            (kind, title, provider, startsOn) = (form["kind"], form["title"], form["provider"], form["startsOn"])
            (endsOn, hours, certificate) = (form["endsOn"], form["hours"], form["certificate"])
        }

        func draft() throws -> LearningEntryDraft {
            var issues: [FieldIssue] = []
            let kind = LearningEntryKind(rawValue: kind)
            if kind == nil { issues.append(FieldIssue("kind", "Chọn loại trong danh sách.")) }
            let starts = Day(iso: startsOn) ?? Day(vietnamese: startsOn)
            if starts == nil { issues.append(FieldIssue("startsOn", "Ngày bắt đầu \"\(startsOn.prefix(20))\" không phải ngày (dd/mm/yyyy).")) }
            let ends = endsOn.isEmpty ? nil : Day(iso: endsOn) ?? Day(vietnamese: endsOn)
            if !endsOn.isEmpty && ends == nil { issues.append(FieldIssue("endsOn", "Ngày kết thúc \"\(endsOn.prefix(20))\" không phải ngày (dd/mm/yyyy).")) }
            let hours = self.hours.isEmpty ? nil : Double(self.hours.replacingOccurrences(of: ",", with: "."))
            if !self.hours.isEmpty && hours == nil { issues.append(FieldIssue("hours", "Số giờ \"\(self.hours.prefix(20))\" không phải số.")) }
            guard issues.isEmpty, let kind, let starts else { throw ServiceError.invalid(issues) }
            return LearningEntryDraft(kind: kind, title: title, provider: provider, startsOn: starts, endsOn: ends, hours: hours, certificate: certificate)
        }
    }

    struct SkillForm: Sendable {
        var year = "", level = "", note = "", version = ""
    }

    struct Model {
        var view: LearningRecordView
        var notice: String?
        var issues: [FieldIssue] = []
        var conflict: String?
        var entryForm = EntryForm()
        var skillForm: SkillForm?
        var today: Day
        var chrome: PageChrome

        init(view: LearningRecordView, notice: String?, today: Day, chrome: PageChrome) {
            (self.view, self.notice, self.today, self.chrome) = (view, notice, today, chrome)
        }
    }

    static func render(_ model: Model) -> HTML {
        let view = model.view
        let person = view.person
        let csrf = model.chrome.csrfToken
        let hours = view.entries.compactMap(\.draft.hours).reduce(0, +) + view.centreClasses.map(\.activity.draft.hours).reduce(0, +)
        let skill = model.skillForm ?? SkillForm(year: String(model.today.year), level: view.skills.first { $0.year == model.today.year }?.level.rawValue ?? "",
                                                 note: "", version: view.skills.first { $0.year == model.today.year }.map { String($0.version) } ?? "")
        return Layout.page(title: "Hồ sơ học tập: \(person.fullName)", chrome: model.chrome,
                           breadcrumbs: [(person.fullName, view.canManage ? SiteURL.editPerson(person.id).path : nil)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.conflict) { Notice.error($0) },
            Notice.formErrors(model.issues),
            .p(.class("meta"), .text("\(view.entries.count + view.centreClasses.count) mục · \(VietnameseFormat.decimal(hours)) giờ học được ghi")),
            .if(view.canManage, .p(Tag.link("Tải hồ sơ (JSON, định dạng mở)", SiteURL.learningRecordExport(person: person.id).path, classes: "button secondary"))),
            .h2(.text("Kỹ năng số")),
            .p(.class("hint"), .text("QĐ 677/QĐ-TTg: 70 % (2025), 90 % (2030) người đạt Công dân học tập có kỹ năng số; trong đó một phần sử dụng thành thạo.")),
            .if(view.skills.isEmpty, .p(.text("Chưa ghi kết quả nào."))),
            .ul(.forEach(view.skills) { record in
                .li(.text("Năm \(record.year): \(record.level.label)\(record.note.isEmpty ? "" : " (\(record.note))") · ghi bởi \(record.recordedBy)"))
            }),
            .if(view.canManage, Tag.form(action: SiteURL.digitalSkill(person: person.id).path, csrf: csrf, [
                Tag.hidden("version", skill.version),
                Tag.field("year", label: "Năm", value: skill.year, error: model.issues.message(for: "year"), extra: [Tag.attribute("inputmode", "numeric")]),
                Tag.select("level", label: "Kết quả", options: [("", "Chọn mức")] + DigitalSkillLevel.allCases.map { ($0.rawValue, $0.label) },
                           selected: skill.level, error: model.issues.message(for: "level")),
                Tag.field("note", label: "Ghi chú (cách đánh giá, nơi học)", value: skill.note, error: model.issues.message(for: "note")),
                Tag.submit("Ghi kỹ năng số"),
            ])),
            .h2(.text("Quá trình học tập")),
            .if(view.entries.isEmpty && view.centreClasses.isEmpty, .p(.text("Chưa có mục nào."))),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Thời gian")), .th(.text("Nội dung")), .th(.text("Nơi tổ chức")), .th(.class("num"), .text("Số giờ")), .th(.text("")))),
                .tbody(
                    .forEach(view.entries) { entry in
                        .tr(.td(.attr("data-label", "Thời gian"), .text(dates(entry.draft.startsOn, entry.draft.endsOn))),
                            .td(.attr("data-label", "Nội dung"), .text(entry.draft.title),
                                .div(.class("hint"), .text(entry.draft.kind.label + (entry.draft.certificate.isEmpty ? "" : " · \(entry.draft.certificate)")))),
                            .td(.attr("data-label", "Nơi tổ chức"), .text(entry.draft.provider)),
                            .td(.attr("data-label", "Số giờ"), .class("num"), .text(entry.draft.hours.map { VietnameseFormat.decimal($0) } ?? "—")),
                            .td(.if(view.canManage, Tag.postButton("Bỏ", action: SiteURL.removeLearningEntry(entry.id).path, csrf: csrf))))
                    },
                    .forEach(view.centreClasses) { record in
                        .tr(.td(.attr("data-label", "Thời gian"), .text(LearningCentrePages.dates(record.activity.draft))),
                            .td(.attr("data-label", "Nội dung"), Tag.link(record.activity.draft.topic, SiteURL.centreActivity(record.activity.id).path),
                                .div(.class("hint"), .text(record.activity.draft.kind.label + " · theo sổ điểm danh của trung tâm"))),
                            .td(.attr("data-label", "Nơi tổ chức"), .text("Trung tâm học tập cộng đồng")),
                            .td(.attr("data-label", "Số giờ"), .class("num"), .text(VietnameseFormat.decimal(record.activity.draft.hours))),
                            .td())
                    }
                ))),
            .if(view.canManage, .element(named: "details", nodes: [
                .if(!model.entryForm.title.isEmpty || (!model.issues.isEmpty && model.skillForm == nil), .attr("open", "open")),
                .element(named: "summary", nodes: [.text("Thêm vào hồ sơ")]),
                Tag.form(action: SiteURL.learningRecord(person: person.id).path, csrf: csrf, entryFields(model)),
            ])),
        ])
    }

    static func entryFields(_ model: Model) -> [BodyNode] {
        let form = model.entryForm
        return [
            Tag.select("kind", label: "Loại", options: LearningEntryKind.allCases.filter { $0 != .centreClass }.map { ($0.rawValue, $0.label) },
                       selected: form.kind, error: model.issues.message(for: "kind")),
            Tag.field("title", label: "Tên khóa học, lớp, chứng chỉ", value: form.title, error: model.issues.message(for: "title"), required: true),
            Tag.field("provider", label: "Nơi tổ chức, cấp", value: form.provider, error: model.issues.message(for: "provider")),
            Tag.field("startsOn", label: "Ngày bắt đầu (hoặc ngày cấp)", value: form.startsOn, hint: "dd/mm/yyyy", error: model.issues.message(for: "startsOn"), required: true),
            Tag.field("endsOn", label: "Ngày kết thúc", value: form.endsOn, error: model.issues.message(for: "endsOn")),
            Tag.field("hours", label: "Số giờ học", value: form.hours, error: model.issues.message(for: "hours"), extra: [Tag.attribute("inputmode", "decimal")]),
            Tag.field("certificate", label: "Văn bằng, chứng chỉ (số hiệu nếu có)", value: form.certificate, error: model.issues.message(for: "certificate")),
            Tag.submit("Thêm"),
        ]
    }

    static func dates(_ start: Day, _ end: Day?) -> String {
        guard let end, end != start else { return VietnameseFormat.date(start) }
        return "\(VietnameseFormat.date(start)) – \(VietnameseFormat.date(end))"
    }
}
