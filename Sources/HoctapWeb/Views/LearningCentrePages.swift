import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Community learning centres: a commune's centre with its managers and activities, an
/// activity's attendance, and the figures of a province's communes or of the provinces.
enum LearningCentrePages {
    static let title = "Trung tâm học tập cộng đồng"

    /// What was typed in the centre's form, kept when refused.
    struct CentreForm: Sendable {
        var name = "", establishedYear = "", address = "", resources = ""

        init() {}
        init(_ record: CentreRecord?, commune: Area) {
            name = record?.draft.name ?? "Trung tâm học tập cộng đồng \(commune.nameInSentence)"
            establishedYear = record?.draft.establishedYear.map(String.init) ?? ""
            address = record?.draft.address ?? ""
            resources = record?.draft.resources ?? ""
        }
        init(_ form: FormData) {
            (name, establishedYear, address, resources) = (form["name"], form["establishedYear"], form["address"], form["resources"])
        }

        func draft() throws -> CentreDraft {
            let year = establishedYear.trimmingCharacters(in: .whitespaces)
            guard year.isEmpty || Int(year) != nil else {
                throw ServiceError.invalid([FieldIssue("establishedYear", "Năm thành lập \"\(year.prefix(10))\" không phải số.")])
            }
            return CentreDraft(name: name, establishedYear: Int(year), address: address, resources: resources)
        }
    }

    struct ManagerForm: Sendable {
        var fullName = "", position = "", office = ""
    }

    struct ActivityForm: Sendable {
        var kind = CentreActivityKind.course.rawValue, topic = "", startsOn = "", endsOn = "", hours = "", participants = ""

        init() {}
        init(_ form: FormData) {
            (kind, topic, startsOn, endsOn, hours, participants) = (form["kind"], form["topic"], form["startsOn"], form["endsOn"], form["hours"], form["participants"])
        }

        /// The draft, or every field that cannot be read named at once.
        func draft() throws -> CentreActivityDraft {
            var issues: [FieldIssue] = []
            let kind = CentreActivityKind(rawValue: kind)
            if kind == nil { issues.append(FieldIssue("kind", "Chọn loại hoạt động trong danh sách.")) }
            func day(_ text: String, _ field: String, _ label: String) -> Day? {
                let found = Day(iso: text) ?? Day(vietnamese: text)
                if found == nil { issues.append(FieldIssue(field, "\(label) \"\(text.prefix(20))\" không phải ngày (dd/mm/yyyy).")) }
                return found
            }
            let starts = day(startsOn, "startsOn", "Ngày bắt đầu")
            let ends = endsOn.isEmpty ? starts : day(endsOn, "endsOn", "Ngày kết thúc")
            let hours = Double(hours.replacingOccurrences(of: ",", with: "."))
            if hours == nil { issues.append(FieldIssue("hours", "Số giờ \"\(self.hours.prefix(20))\" không phải số.")) }
            let participants = Int(participants)
            if participants == nil { issues.append(FieldIssue("participants", "Số người tham gia \"\(self.participants.prefix(20))\" không phải số nguyên.")) }
            guard issues.isEmpty, let kind, let starts, let ends, let hours, let participants else { throw ServiceError.invalid(issues) }
            return CentreActivityDraft(kind: kind, topic: topic, startsOn: starts, endsOn: ends, hours: hours, participants: participants)
        }
    }

    struct Model {
        var overview: CentreOverview
        var figures: CentreFigures
        var notice: String?
        var issues: [FieldIssue] = []
        var conflict: String?
        var centreForm: CentreForm?
        var managerForm = ManagerForm()
        var activityForm = ActivityForm()
        var chrome: PageChrome

        init(overview: CentreOverview, figures: CentreFigures, notice: String?, chrome: PageChrome) {
            (self.overview, self.figures, self.notice, self.chrome) = (overview, figures, notice, chrome)
        }
    }

    static func yearPicker(_ path: String, year: Int) -> BodyNode {
        .element(named: "form", nodes: [
            BodyNode.attr("action", path), .attr("method", "get"), .class("filters"),
            Tag.select("year", label: "Năm", options: PlanDraft.years.filter { $0 <= max(year, 2030) }.map { (String($0), String($0)) }, selected: String(year)),
            Tag.submit("Xem", classes: "secondary"),
        ])
    }

    static func commune(_ model: Model) -> HTML {
        let overview = model.overview
        let commune = overview.commune
        let csrf = model.chrome.csrfToken
        let centreForm = model.centreForm ?? CentreForm(overview.centre, commune: commune)
        return Layout.page(title: "\(title) · \(commune.fullName)", chrome: model.chrome,
                           breadcrumbs: [(commune.fullName, SiteURL.area(commune.id).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.conflict) { Notice.error($0, details: ["Những gì bạn vừa nhập vẫn còn trong phiếu dưới đây."]) },
            Notice.formErrors(model.issues),
            yearPicker(SiteURL.centre(area: commune.id).path, year: overview.year),
            summary(model.figures.total, year: overview.year, commune: true),
            .h2(.text("Thông tin trung tâm")),
            .if(overview.centre == nil, .p(.text("Chưa ghi thông tin trung tâm của xã."))),
            .unwrap(overview.centre) { centre in
                .dl(.dt(.text("Tên")), .dd(.text(centre.draft.name)),
                    .dt(.text("Năm thành lập")), .dd(.text(centre.draft.establishedYear.map(String.init) ?? "Chưa ghi")),
                    .dt(.text("Địa chỉ")), .dd(.text(centre.draft.address.isEmpty ? "Chưa ghi" : centre.draft.address)),
                    .dt(.text("Cơ sở vật chất")), .dd(.text(centre.draft.resources.isEmpty ? "Chưa ghi" : centre.draft.resources)))
            },
            .if(overview.canManage, .element(named: "details", nodes: [
                .if(overview.centre == nil || model.centreForm != nil, .attr("open", "open")),
                .element(named: "summary", nodes: [.text(overview.centre == nil ? "Ghi thông tin trung tâm" : "Sửa thông tin trung tâm")]),
                Tag.form(action: SiteURL.centre(area: commune.id).path, csrf: csrf, [
                    Tag.hidden("version", overview.centre.map { String($0.version) } ?? ""),
                    Tag.field("name", label: "Tên trung tâm", value: centreForm.name, error: model.issues.message(for: "name"), required: true),
                    Tag.field("establishedYear", label: "Năm thành lập", value: centreForm.establishedYear, error: model.issues.message(for: "establishedYear"),
                              extra: [Tag.attribute("inputmode", "numeric")]),
                    Tag.field("address", label: "Địa chỉ", value: centreForm.address, error: model.issues.message(for: "address")),
                    PortalEditorPages.textarea("resources", label: "Cơ sở vật chất, tài liệu", value: centreForm.resources, rows: 3,
                                               error: model.issues.message(for: "resources"), hint: "Phòng học, tủ sách, máy tính, internet…"),
                    Tag.submit("Lưu thông tin"),
                ]),
            ])),
            managers(model),
            activities(model),
        ])
    }

    static func managers(_ model: Model) -> BodyNode {
        let overview = model.overview
        let csrf = model.chrome.csrfToken
        let led = overview.managers.contains { $0.draft.office.isAssociationLeader }
        return .group(
            .h2(.text("Ban quản lý (\(overview.managers.count))")),
            .p(.class("hint"), .text(led ? "Có lãnh đạo Hội Khuyến học xã tham gia ban quản lý (chỉ tiêu của QĐ 387/QĐ-TTg)."
                                         : "Chưa có Chủ tịch hoặc Phó Chủ tịch Hội Khuyến học xã trong ban quản lý (QĐ 387/QĐ-TTg đặt chỉ tiêu này).")),
            .if(!overview.managers.isEmpty, .ul(.forEach(overview.managers) { manager in
                .li(.text("\(manager.draft.fullName) – \(manager.draft.position)"
                          + (manager.draft.office.isAssociationLeader ? " (\(manager.draft.office.label))" : "")),
                    .if(overview.canManage, Tag.postButton("Bỏ", action: SiteURL.removeCentreManager(manager.id).path, csrf: csrf)))
            })),
            .if(overview.canManage && overview.centre != nil, .element(named: "details", nodes: [
                .if(!model.managerForm.fullName.isEmpty, .attr("open", "open")),
                .element(named: "summary", nodes: [.text("Thêm người vào ban quản lý")]),
                Tag.form(action: SiteURL.centreManagers(commune: overview.commune.id).path, csrf: csrf, [
                    Tag.field("fullName", label: "Họ và tên", value: model.managerForm.fullName, error: model.issues.message(for: "fullName"), required: true),
                    Tag.field("position", label: "Chức danh ở trung tâm", value: model.managerForm.position, hint: "Giám đốc, Phó Giám đốc, Thành viên…",
                              error: model.issues.message(for: "position"), required: true),
                    Tag.select("office", label: "Chức vụ ở Hội Khuyến học xã", options: AssociationOffice.allCases.map { ($0.rawValue, $0.label) },
                               selected: model.managerForm.office, error: model.issues.message(for: "office")),
                    Tag.submit("Thêm"),
                ]),
            ]))
        )
    }

    static func activities(_ model: Model) -> BodyNode {
        let overview = model.overview
        let form = model.activityForm
        return .group(
            .h2(.text("Lớp học, hoạt động năm \(overview.year) (\(overview.activities.count))")),
            .if(overview.activities.isEmpty, .p(.text("Chưa ghi hoạt động nào trong năm."))),
            .if(!overview.activities.isEmpty, .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Ngày")), .th(.text("Hoạt động")), .th(.class("num"), .text("Số giờ")),
                           .th(.class("num"), .text("Người tham gia")), .th(.class("num"), .text("Đã điểm danh")))),
                .tbody(.forEach(overview.activities) { activity in
                    .tr(.td(.attr("data-label", "Ngày"), .text(dates(activity.draft))),
                        .td(.attr("data-label", "Hoạt động"), Tag.link(activity.draft.topic, SiteURL.centreActivity(activity.id).path),
                            .div(.class("hint"), .text(activity.draft.kind.label))),
                        .td(.attr("data-label", "Số giờ"), .class("num"), .text(VietnameseFormat.decimal(activity.draft.hours))),
                        .td(.attr("data-label", "Người tham gia"), .class("num"), .text(VietnameseFormat.integer(activity.draft.participants))),
                        .td(.attr("data-label", "Đã điểm danh"), .class("num"), .text(VietnameseFormat.integer(activity.attended))))
                })))),
            .if(overview.canManage && overview.centre != nil, .element(named: "details", nodes: [
                .if(!form.topic.isEmpty || !model.issues.isEmpty && model.centreForm == nil && model.managerForm.fullName.isEmpty, .attr("open", "open")),
                .element(named: "summary", nodes: [.text("Ghi lớp học, hoạt động")]),
                Tag.form(action: SiteURL.centreActivities(commune: overview.commune.id).path, csrf: model.chrome.csrfToken, [
                    Tag.select("kind", label: "Loại", options: CentreActivityKind.allCases.map { ($0.rawValue, $0.label) }, selected: form.kind,
                               error: model.issues.message(for: "kind")),
                    Tag.field("topic", label: "Chủ đề, tên lớp", value: form.topic, error: model.issues.message(for: "topic"), required: true),
                    Tag.field("startsOn", label: "Ngày bắt đầu", value: form.startsOn, hint: "dd/mm/yyyy", error: model.issues.message(for: "startsOn"), required: true),
                    Tag.field("endsOn", label: "Ngày kết thúc", value: form.endsOn, hint: "Bỏ trống nếu diễn ra trong một ngày.", error: model.issues.message(for: "endsOn")),
                    Tag.field("hours", label: "Tổng số giờ học", value: form.hours, error: model.issues.message(for: "hours"), required: true,
                              extra: [Tag.attribute("inputmode", "decimal")]),
                    Tag.field("participants", label: "Số người tham gia", value: form.participants, hint: "Kể cả người ngoài sổ theo dõi.",
                              error: model.issues.message(for: "participants"), required: true, extra: [Tag.attribute("inputmode", "numeric")]),
                    Tag.submit("Ghi hoạt động"),
                ]),
            ]))
        )
    }

    static func dates(_ draft: CentreActivityDraft) -> String {
        draft.startsOn == draft.endsOn ? VietnameseFormat.date(draft.startsOn)
            : "\(VietnameseFormat.date(draft.startsOn)) – \(VietnameseFormat.date(draft.endsOn))"
    }

    static func share(_ part: Int, of whole: Int) -> String {
        whole > 0 ? VietnameseFormat.percent(Double(part) / Double(whole)) : "—"
    }

    static func summary(_ total: CentreFigureRow, year: Int, commune: Bool) -> BodyNode {
        .div(.class("table-wrap"), .table(.class("cards"),
            .caption(.text("Số liệu năm \(year)")),
            .tbody(
                .if(!commune, .tr(.th(.text("Xã có trung tâm")), .td(.class("num"), .text("\(VietnameseFormat.integer(total.centres)) / \(VietnameseFormat.integer(total.communes)) (\(share(total.centres, of: total.communes)))")))),
                .tr(.th(.text("Trung tâm có lãnh đạo Hội Khuyến học xã trong ban quản lý")),
                    .td(.class("num"), .text("\(VietnameseFormat.integer(total.ledByAssociation)) / \(VietnameseFormat.integer(total.centres)) (\(share(total.ledByAssociation, of: total.centres)))"))),
                .tr(.th(.text("Lớp học, hoạt động")), .td(.class("num"), .text(VietnameseFormat.integer(total.activities)))),
                .tr(.th(.text("Giờ học")), .td(.class("num"), .text(VietnameseFormat.decimal(total.hours)))),
                .tr(.th(.text("Lượt người tham gia")), .td(.class("num"), .text(VietnameseFormat.integer(total.participants)))),
                .tr(.th(.text("Người trong sổ theo dõi đã học ít nhất một lớp")), .td(.class("num"), .text(VietnameseFormat.integer(total.attendees))))
            )))
    }

    static func figures(_ figures: CentreFigures, chrome: PageChrome) -> HTML {
        let area = figures.area
        let childLabel = area.level == .nation ? "Tỉnh, thành phố" : "Xã, phường, đặc khu"
        return Layout.page(title: "\(title) · \(area.name)", chrome: chrome, breadcrumbs: [(area.name, SiteURL.area(area.id).path)], [
            yearPicker(SiteURL.centre(area: area.id).path, year: figures.year),
            summary(figures.total, year: figures.year, commune: false),
            .div(.class("table-wrap"), .table(.class("cards"),
                .caption(.text("Theo \(childLabel.lowercased())")),
                .thead(.tr(.th(.text(childLabel)), .th(.class("num"), .text(area.level == .nation ? "Xã có trung tâm" : "Có trung tâm")),
                           .th(.class("num"), .text("Có lãnh đạo Hội trong ban quản lý")), .th(.class("num"), .text("Hoạt động")),
                           .th(.class("num"), .text("Giờ học")), .th(.class("num"), .text("Lượt tham gia")))),
                .tbody(.forEach(figures.children) { child in
                    .tr(.td(.attr("data-label", childLabel), Tag.link(child.area.name, SiteURL.centre(area: child.area.id).with(["year": String(figures.year)]))),
                        .td(.attr("data-label", "Có trung tâm"), .class("num"),
                            .text(area.level == .nation ? "\(VietnameseFormat.integer(child.figure.centres)) / \(VietnameseFormat.integer(child.figure.communes))"
                                                        : child.figure.centres > 0 ? "Có" : "Chưa")),
                        .td(.attr("data-label", "Có lãnh đạo Hội"), .class("num"),
                            .text(area.level == .nation ? "\(VietnameseFormat.integer(child.figure.ledByAssociation)) / \(VietnameseFormat.integer(child.figure.centres))"
                                                        : child.figure.ledByAssociation > 0 ? "Có" : "Chưa")),
                        .td(.attr("data-label", "Hoạt động"), .class("num"), .text(VietnameseFormat.integer(child.figure.activities))),
                        .td(.attr("data-label", "Giờ học"), .class("num"), .text(VietnameseFormat.decimal(child.figure.hours))),
                        .td(.attr("data-label", "Lượt tham gia"), .class("num"), .text(VietnameseFormat.integer(child.figure.participants))))
                }))),
        ])
    }

    struct ActivityModel {
        var activity: CentreActivityRecord
        var commune: Area
        var attendees: [CentreAttendee]
        var canManage: Bool
        var search: String
        var candidates: [CentreAttendee]
        var issues: [FieldIssue]
        var notice: String?
        var chrome: PageChrome
    }

    static func person(_ attendee: CentreAttendee) -> String {
        let details = [attendee.householdCode.map { "hộ \($0)" }, attendee.villageName].compactMap { $0 }
        return details.isEmpty ? attendee.fullName : "\(attendee.fullName) (\(details.joined(separator: ", ")))"
    }

    static func activity(_ model: ActivityModel) -> HTML {
        let activity = model.activity
        let csrf = model.chrome.csrfToken
        let present = Set(model.attendees.map(\.personID))
        let addable = model.candidates.filter { !present.contains($0.personID) }
        return Layout.page(title: activity.draft.topic, chrome: model.chrome,
                           breadcrumbs: [(model.commune.fullName, SiteURL.area(model.commune.id).path),
                                         (title, SiteURL.centre(area: model.commune.id).with(["year": String(activity.draft.year)]))], [
            .unwrap(model.notice) { Notice.ok($0) },
            .if(!model.issues.isEmpty, Notice.error("Chưa ghi được:", details: model.issues.map(\.message))),
            .p(.class("meta"), .text("\(activity.draft.kind.label) · \(dates(activity.draft)) · \(VietnameseFormat.decimal(activity.draft.hours)) giờ · "
                                     + "\(VietnameseFormat.integer(activity.draft.participants)) người tham gia · ghi bởi \(activity.createdBy)")),
            .h2(.text("Người trong sổ theo dõi đã tham gia (\(model.attendees.count))")),
            .p(.class("hint"), .text("Hộ có thành viên tham gia được gợi ý minh chứng này khi đánh giá \"Gia đình học tập\"; công dân cũng vậy khi tự đánh giá.")),
            .if(model.attendees.isEmpty, .p(.text("Chưa điểm danh ai."))),
            .ul(.forEach(model.attendees) { attendee in
                .li(.text(person(attendee)),
                    .if(model.canManage, Tag.postButton("Bỏ", action: SiteURL.centreAttendance(activity.id).path, csrf: csrf,
                                                        hidden: [("remove", String(attendee.personID))])))
            }),
            .if(model.canManage, .group(
                .h2(.text("Điểm danh")),
                .element(named: "form", nodes: [
                    BodyNode.attr("action", SiteURL.centreActivity(activity.id).path), .attr("method", "get"), .class("filters"),
                    Tag.field("q", label: "Tìm theo tên hoặc mã hộ", value: model.search, hint: "Ví dụ: nguyen van an, hoặc 00376-01-0001"),
                    Tag.submit("Tìm", classes: "secondary"),
                ]),
                .if(!model.search.isEmpty && addable.isEmpty && model.issues.isEmpty, .p(.text("Không tìm thấy ai khác trong sổ theo dõi của xã."))),
                .if(!addable.isEmpty, Tag.form(action: SiteURL.centreAttendance(activity.id).path, csrf: csrf, [
                    .element(named: "fieldset", nodes: [
                        .element(named: "legend", nodes: [.text("Chọn người đã tham gia")]),
                        .forEach(addable) { candidate in
                            .div(.element(named: "label", nodes: [
                                .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "add"),
                                                                                Tag.attribute("value", String(candidate.personID))]),
                                .text(" " + person(candidate)),
                            ]))
                        },
                    ]),
                    Tag.submit("Ghi tham gia"),
                ]))
            )),
        ])
    }
}
