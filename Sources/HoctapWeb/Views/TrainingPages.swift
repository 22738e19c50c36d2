import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Training courses for association officers: the list an area sees and a course's attendance.
enum TrainingPages {
    struct CourseForm: Sendable {
        var topic = TrainingTopic.informationTechnology.rawValue, title = "", organiser = "", startsOn = "", endsOn = "", hours = ""

        init() {}
        init(_ form: FormData) {
            (topic, title, organiser) = (form["topic"], form["title"], form["organiser"])
            (startsOn, endsOn, hours) = (form["startsOn"], form["endsOn"], form["hours"])
        }

        func draft() throws -> TrainingCourseDraft {
            var issues: [FieldIssue] = []
            let topic = TrainingTopic(rawValue: topic)
            if topic == nil { issues.append(FieldIssue("topic", "Chọn nội dung tập huấn trong danh sách.")) }
            let starts = Day(iso: startsOn) ?? Day(vietnamese: startsOn)
            if starts == nil { issues.append(FieldIssue("startsOn", "Ngày bắt đầu \"\(startsOn.prefix(20))\" không phải ngày (dd/mm/yyyy).")) }
            let ends = endsOn.isEmpty ? starts : Day(iso: endsOn) ?? Day(vietnamese: endsOn)
            if ends == nil { issues.append(FieldIssue("endsOn", "Ngày kết thúc \"\(endsOn.prefix(20))\" không phải ngày (dd/mm/yyyy).")) }
            let hours = Double(self.hours.replacingOccurrences(of: ",", with: "."))
            if hours == nil { issues.append(FieldIssue("hours", "Số giờ \"\(self.hours.prefix(20))\" không phải số.")) }
            guard issues.isEmpty, let topic, let starts, let ends, let hours else { throw ServiceError.invalid(issues) }
            return TrainingCourseDraft(topic: topic, title: title, organiser: organiser, startsOn: starts, endsOn: ends, hours: hours)
        }
    }

    struct ListModel {
        var area: Area
        var year: Int
        var courses: [TrainingCourseRecord]
        var canOrganise: Bool
        var notice: String?
        var issues: [FieldIssue] = []
        var form = CourseForm()
        var chrome: PageChrome

        init(area: Area, year: Int, courses: [TrainingCourseRecord], canOrganise: Bool, notice: String?, chrome: PageChrome) {
            (self.area, self.year, self.courses, self.canOrganise, self.notice, self.chrome) = (area, year, courses, canOrganise, notice, chrome)
        }
    }

    static func list(_ model: ListModel) -> HTML {
        let area = model.area
        let form = model.form
        return Layout.page(title: "Lớp tập huấn cán bộ hội · \(area.name)", chrome: model.chrome, breadcrumbs: [(area.name, SiteURL.area(area.id).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            Notice.formErrors(model.issues),
            LearningCentrePages.yearPicker(SiteURL.trainings(area: area.id).path, year: model.year),
            .p(.class("hint"), .text("Các lớp do \(area.fullName) và cấp trên tổ chức. Cán bộ Hội Khuyến học xã dự lớp công nghệ thông tin được tính vào chỉ tiêu 40 % của QĐ 387/QĐ-TTg.")),
            .if(model.courses.isEmpty, .p(.text("Chưa ghi lớp nào trong năm \(model.year)."))),
            .if(!model.courses.isEmpty, .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Ngày")), .th(.text("Lớp")), .th(.text("Tổ chức")), .th(.class("num"), .text("Số giờ")), .th(.class("num"), .text("Cán bộ dự")))),
                .tbody(.forEach(model.courses) { course in
                    .tr(.td(.attr("data-label", "Ngày"), .text(LearningRecordPage.dates(course.draft.startsOn, course.draft.endsOn))),
                        .td(.attr("data-label", "Lớp"), Tag.link(course.draft.title, SiteURL.training(course.id).path), .div(.class("hint"), .text(course.draft.topic.label))),
                        .td(.attr("data-label", "Tổ chức"), .text(course.draft.organiser)),
                        .td(.attr("data-label", "Số giờ"), .class("num"), .text(VietnameseFormat.decimal(course.draft.hours))),
                        .td(.attr("data-label", "Cán bộ dự"), .class("num"), .text(VietnameseFormat.integer(course.attended))))
                })))),
            .if(model.canOrganise, .element(named: "details", nodes: [
                .if(!model.issues.isEmpty, .attr("open", "open")),
                .element(named: "summary", nodes: [.text("Ghi lớp tập huấn do \(area.fullName) tổ chức")]),
                Tag.form(action: SiteURL.trainings(area: area.id).path, csrf: model.chrome.csrfToken, [
                    Tag.select("topic", label: "Nội dung", options: TrainingTopic.allCases.map { ($0.rawValue, $0.label) }, selected: form.topic,
                               error: model.issues.message(for: "topic")),
                    Tag.field("title", label: "Tên lớp", value: form.title, error: model.issues.message(for: "title"), required: true),
                    Tag.field("organiser", label: "Đơn vị tổ chức", value: form.organiser.isEmpty ? "Hội Khuyến học \(area.nameInSentence)" : form.organiser,
                              error: model.issues.message(for: "organiser"), required: true),
                    Tag.field("startsOn", label: "Ngày bắt đầu", value: form.startsOn, hint: "dd/mm/yyyy", error: model.issues.message(for: "startsOn"), required: true),
                    Tag.field("endsOn", label: "Ngày kết thúc", value: form.endsOn, hint: "Bỏ trống nếu trong một ngày.", error: model.issues.message(for: "endsOn")),
                    Tag.field("hours", label: "Số giờ", value: form.hours, error: model.issues.message(for: "hours"), required: true,
                              extra: [Tag.attribute("inputmode", "decimal")]),
                    Tag.submit("Ghi lớp"),
                ]),
            ])),
        ])
    }

    struct CourseModel {
        var view: TrainingCourseView
        var search: String
        var candidates: [AssociationOfficerRecord]
        var issues: [FieldIssue]
        var notice: String?
        var chrome: PageChrome
    }

    static func course(_ model: CourseModel) -> HTML {
        let course = model.view.course
        let csrf = model.chrome.csrfToken
        let present = Set(model.view.attendees.map(\.id))
        let addable = model.candidates.filter { !present.contains($0.id) }
        return Layout.page(title: course.draft.title, chrome: model.chrome, [
            .unwrap(model.notice) { Notice.ok($0) },
            .if(!model.issues.isEmpty, Notice.error("Chưa ghi được:", details: model.issues.map(\.message))),
            .p(.class("meta"), .text("\(course.draft.topic.label) · \(LearningRecordPage.dates(course.draft.startsOn, course.draft.endsOn)) · "
                                     + "\(VietnameseFormat.decimal(course.draft.hours)) giờ · \(course.draft.organiser)")),
            .h2(.text("Cán bộ đã dự (\(model.view.attendees.count))")),
            .if(model.view.attendees.isEmpty, .p(.text("Chưa ghi ai."))),
            .ul(.forEach(model.view.attendees) { officer in
                .li(.text("\(officer.draft.fullName) – \(officer.draft.position), \(officer.bodyName)"),
                    .if(model.view.canRecord, Tag.postButton("Bỏ", action: SiteURL.trainingAttendance(course.id).path, csrf: csrf, hidden: [("remove", String(officer.id))])))
            }),
            .if(model.view.canRecord, .group(
                .h2(.text("Ghi cán bộ đã dự")),
                .element(named: "form", nodes: [
                    BodyNode.attr("action", SiteURL.training(course.id).path), .attr("method", "get"), .class("filters"),
                    Tag.field("q", label: "Tìm theo tên cán bộ hoặc tên xã", value: model.search),
                    Tag.submit("Tìm", classes: "secondary"),
                ]),
                .if(!model.search.isEmpty && addable.isEmpty && model.issues.isEmpty, .p(.text("Không tìm thấy cán bộ nào khác trong phạm vi của bạn."))),
                .if(!addable.isEmpty, Tag.form(action: SiteURL.trainingAttendance(course.id).path, csrf: csrf, [
                    .element(named: "fieldset", nodes: [
                        .element(named: "legend", nodes: [.text("Chọn cán bộ đã dự")]),
                        .forEach(addable) { officer in
                            .div(.element(named: "label", nodes: [
                                .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "add"),
                                                                                Tag.attribute("value", String(officer.id))]),
                                .text(" \(officer.draft.fullName) – \(officer.draft.position), \(officer.bodyName)"),
                            ]))
                        },
                    ]),
                    Tag.submit("Ghi tham dự"),
                ]))
            )),
        ])
    }
}
