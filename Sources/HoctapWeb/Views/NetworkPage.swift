import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// A commune's association network: the bodies with the year's figures in one grid, their
/// officers, and the forms to add a body or an officer.
enum NetworkPage {
    struct Model {
        var network: CommuneNetwork
        var notice: String?
        var issues: [FieldIssue] = []
        var conflict: String?
        /// What was typed when a form was refused.
        var typed: [String: String] = [:]
        var chrome: PageChrome

        init(network: CommuneNetwork, notice: String?, chrome: PageChrome) {
            (self.network, self.notice, self.chrome) = (network, notice, chrome)
        }
    }

    static func render(_ model: Model) -> HTML {
        let network = model.network
        let commune = network.commune
        let year = String(network.year)
        return Layout.page(title: "Mạng lưới Hội Khuyến học · \(commune.fullName)", chrome: model.chrome, breadcrumbs: [(commune.fullName, SiteURL.area(commune.id).path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(model.conflict) { Notice.error($0, details: ["Những gì bạn vừa nhập vẫn còn trong phiếu dưới đây."]) },
            Notice.formErrors(model.issues),
            LearningCentrePages.yearPicker(SiteURL.network(commune: commune.id).path, year: network.year),
            .p(.class("actions"),
               Tag.link("Phong trào", SiteURL.movement(area: commune.id).with(["year": year]), classes: "button secondary"),
               Tag.link("Lớp tập huấn cán bộ", SiteURL.trainings(area: commune.id).with(["year": year]), classes: "button secondary")),
            .p(.class("hint"), .text("Còn \(network.villagesWithout.count) thôn, tổ dân phố; \(network.unitsWithout.count) cơ quan, đơn vị; \(network.clansWithout.count) dòng họ chưa có chi hội, ban khuyến học.")),
            grid(model),
            officers(model),
            .if(network.canManage, addBody(model)),
        ])
    }

    static func grid(_ model: Model) -> BodyNode {
        let network = model.network
        func typed(_ name: String, _ fallback: String) -> String { model.typed[name] ?? fallback }
        let table: BodyNode = .div(.class("table-wrap"), .table(.class("cards"),
            .caption(.text("Số liệu năm \(network.year)")),
            .thead(.tr(.th(.text("Tổ chức")), .th(.class("num"), .text("Số hội viên")), .th(.class("num"), .text("Đã học tập tiêu chí")),
                       .th(.text("Có hoạt động trong năm")), .th(.class("num"), .text("Cán bộ")))),
            .tbody(.forEach(network.bodies) { body in
                let id = body.id
                return .tr(
                    .td(.attr("data-label", "Tổ chức"), .text(body.draft.name), .div(.class("hint"), .text(body.kind.label)),
                        .if(network.canManage, .group(Tag.hidden("body", String(id)), Tag.hidden("v.\(id)", body.figuresVersion.map(String.init) ?? "")))),
                    network.canManage
                        ? .td(.attr("data-label", "Số hội viên"), .class("num"), input("m.\(id)", typed("m.\(id)", body.figures.map { String($0.members) } ?? ""), label: "Số hội viên của \(body.draft.name)"))
                        : .td(.attr("data-label", "Số hội viên"), .class("num"), .text(body.figures.map { VietnameseFormat.integer($0.members) } ?? "—")),
                    network.canManage
                        ? .td(.attr("data-label", "Đã học tập tiêu chí"), .class("num"), input("s.\(id)", typed("s.\(id)", body.figures.map { String($0.studied) } ?? ""), label: "Số đã học tiêu chí của \(body.draft.name)"))
                        : .td(.attr("data-label", "Đã học tập tiêu chí"), .class("num"), .text(body.figures.map { VietnameseFormat.integer($0.studied) } ?? "—")),
                    network.canManage
                        ? .td(.attr("data-label", "Có hoạt động"), .element(named: "label", nodes: [
                            .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "checkbox"), Tag.attribute("name", "a.\(id)"), Tag.attribute("value", "1")]
                                + ((model.typed.isEmpty ? body.figures?.active == true : model.typed["a.\(id)"] == "1") ? [Tag.attribute("checked", "checked")] : [])),
                            .text(" Có"),
                        ]))
                        : .td(.attr("data-label", "Có hoạt động"), .text(body.figures.map { $0.active ? "Có" : "Không" } ?? "—")),
                    .td(.attr("data-label", "Cán bộ"), .class("num"), .text(VietnameseFormat.integer(body.officers))))
            })))
        guard network.canManage && !network.bodies.isEmpty else {
            return .group(.h2(.text("Các tổ chức của hội (\(network.bodies.count))")), .if(network.bodies.isEmpty, .p(.text("Chưa ghi tổ chức nào."))), table)
        }
        return .group(
            .h2(.text("Các tổ chức của hội (\(network.bodies.count))")),
            Tag.form(action: SiteURL.networkYear(commune: network.commune.id).path, csrf: model.chrome.csrfToken, classes: "stack wide", [
                Tag.hidden("year", String(network.year)), table,
                .p(.class("hint"), .text("\"Có hoạt động\": chi hội, ban khuyến học có sinh hoạt, triển khai phong trào trong năm (tính vào tỉ lệ có chi hội, ban hoạt động).")),
                Tag.submit("Lưu số liệu năm \(network.year)"),
            ]))
    }

    static func input(_ name: String, _ value: String, label: String) -> BodyNode {
        .selfClosedElement(named: "input", attributes: [Tag.attribute("type", "text"), Tag.attribute("name", name), Tag.attribute("value", value),
                                                        Tag.attribute("inputmode", "numeric"), Tag.attribute("size", "6"), Tag.attribute("aria-label", label)])
    }

    static func officers(_ model: Model) -> BodyNode {
        let network = model.network
        let csrf = model.chrome.csrfToken
        return .group(
            .h2(.text("Cán bộ hội (\(network.officers.count))")),
            .if(network.officers.isEmpty, .p(.text("Chưa ghi cán bộ nào."))),
            .ul(.forEach(network.officers) { officer in
                .li(.text("\(officer.draft.fullName) – \(officer.draft.position), \(officer.bodyName)"),
                    .if(network.canManage, Tag.postButton("Bỏ", action: SiteURL.removeOfficer(officer.id).path, csrf: csrf)))
            }),
            .if(network.canManage && !network.bodies.isEmpty, .element(named: "details", nodes: [
                .if(model.typed["officerBody"] != nil, .attr("open", "open")),
                .element(named: "summary", nodes: [.text("Thêm cán bộ")]),
                Tag.form(action: SiteURL.networkOfficers(commune: network.commune.id).path, csrf: csrf, [
                    Tag.select("officerBody", label: "Cán bộ của", options: network.bodies.map { (String($0.id), $0.draft.name) },
                               selected: model.typed["officerBody"], error: model.issues.message(for: "officerBody")),
                    Tag.field("fullName", label: "Họ và tên", value: model.typed["fullName"] ?? "", error: model.issues.message(for: "fullName"), required: true),
                    Tag.field("position", label: "Chức vụ", value: model.typed["position"] ?? "", hint: "Chủ tịch, Phó Chủ tịch, Ủy viên, Chi hội trưởng…",
                              error: model.issues.message(for: "position"), required: true),
                    Tag.submit("Thêm"),
                ]),
            ]))
        )
    }

    static func addBody(_ model: Model) -> BodyNode {
        let network = model.network
        var attachable: [(value: String, label: String)] = [("", "Không gắn (Hội xã, cơ sở tôn giáo)")]
        attachable += network.villagesWithout.map { (String($0.id), "Thôn: \($0.fullName)") }
        attachable += network.unitsWithout.map { (String($0.id), "Đơn vị: \($0.name)") }
        attachable += network.clansWithout.map { (String($0.id), "Dòng họ: \($0.name)") }
        return .element(named: "details", nodes: [
            .if(model.typed["kind"] != nil, .attr("open", "open")),
            .element(named: "summary", nodes: [.text("Ghi tổ chức của hội")]),
            Tag.form(action: SiteURL.network(commune: network.commune.id).path, csrf: model.chrome.csrfToken, [
                Tag.select("kind", label: "Loại", options: AssociationBodyKind.allCases.map { ($0.rawValue, $0.label) }, selected: model.typed["kind"],
                           error: model.issues.message(for: "kind")),
                Tag.select("attached", label: "Thuộc", options: attachable, selected: model.typed["attached"], error: model.issues.message(for: "attached"),
                           hint: "Chi hội gắn với thôn; ban khuyến học gắn với đơn vị hoặc dòng họ trong sổ theo dõi."),
                Tag.field("name", label: "Tên", value: model.typed["name"] ?? "", hint: "Bỏ trống để đặt theo thôn, đơn vị, dòng họ; cơ sở tôn giáo cần ghi tên.",
                          error: model.issues.message(for: "name")),
                Tag.field("foundedYear", label: "Năm thành lập", value: model.typed["foundedYear"] ?? "", error: model.issues.message(for: "foundedYear"),
                          extra: [Tag.attribute("inputmode", "numeric")]),
                Tag.submit("Ghi"),
            ]),
        ])
    }
}
