import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The movement dashboard: centres, the association's network, officers' training and learning
/// citizens' digital skills of an area against the plans' targets, with its children.
enum MovementPage {
    static func gap(_ figure: MovementFigure) -> String {
        guard let gap = figure.gap else { return "—" }
        if gap == 0 { return "Đạt" }
        return gap < 0 ? "Đạt (vượt \(VietnameseFormat.compact(-gap)) điểm %)" : "Còn thiếu \(VietnameseFormat.compact(gap)) điểm %"
    }

    static func target(_ figure: MovementFigure, year: Int) -> String {
        guard let target = figure.target else { return "Chưa có chỉ tiêu" }
        return VietnameseFormat.compact(target) + " %" + (figure.targetYear.map { $0 != year ? " (đến \($0))" : "" } ?? "")
            + (figure.targetPlan.map { " · \($0)" } ?? "")
    }

    static func render(_ dashboard: MovementDashboard, indicator: MovementIndicator, chrome: PageChrome) -> HTML {
        let area = dashboard.area
        let year = String(dashboard.year)
        return Layout.page(title: "Phong trào · \(area.level == .nation ? area.name : area.fullName) · \(dashboard.year)", chrome: chrome, breadcrumbs: [(area.name, SiteURL.area(area.id).path)], [
            .element(named: "form", nodes: [
                BodyNode.attr("action", SiteURL.movement(area: area.id).path), .attr("method", "get"), .class("filters"),
                Tag.select("year", label: "Năm", options: PlanDraft.years.map { (String($0), String($0)) }, selected: year),
                Tag.select("indicator", label: "Xem theo địa bàn cấp dưới", options: MovementIndicator.allCases.map { ($0.rawValue, $0.label) },
                           selected: indicator.rawValue),
                Tag.submit("Xem", classes: "secondary"),
            ]),
            .p(.class("actions"),
               Tag.link("Tải bảng tổng hợp (Excel)", SiteURL.movementXLSX(area: area.id).with(["year": year]), classes: "button secondary"),
               Tag.link("Tải CSV", SiteURL.movementCSV(area: area.id).with(["year": year]), classes: "button secondary"),
               Tag.link("Trung tâm học tập cộng đồng", SiteURL.centre(area: area.id).with(["year": year]), classes: "button secondary")),
            .div(.class("table-wrap"), .table(.class("cards progress"),
                .caption(.text("Năm \(dashboard.year) so với chỉ tiêu")),
                .thead(.tr(.th(.text("Nội dung")), .th(.class("num"), .text("Số đạt")), .th(.class("num"), .text("Cơ số")), .th(.class("num"), .text("Tỉ lệ")),
                           .th(.text("Chỉ tiêu")), .th(.text("So với chỉ tiêu")), .th(.text("Biểu đồ")))),
                .tbody(.forEach(MovementIndicator.allCases) { indicator in
                    let figure = dashboard.figures[indicator] ?? MovementFigure(indicator: indicator, numerator: 0, denominator: 0)
                    return .tr(
                        .td(.attr("data-label", "Nội dung"), .text(indicator.label)),
                        .td(.attr("data-label", "Số đạt"), .class("num"), .text(VietnameseFormat.integer(figure.numerator))),
                        .td(.attr("data-label", "Cơ số"), .class("num"), .text(VietnameseFormat.integer(figure.denominator)),
                            .div(.class("hint"), .text(indicator.denominatorLabel))),
                        .td(.attr("data-label", "Tỉ lệ"), .class("num"), .text(ProgressPage.percent(figure.percent))),
                        .td(.attr("data-label", "Chỉ tiêu"), .text(target(figure, year: dashboard.year))),
                        .td(.attr("data-label", "So với chỉ tiêu"), .text(gap(figure))),
                        .td(.attr("data-label", "Biểu đồ"), ProgressCharts.bullet(percent: figure.percent, target: figure.target, label: indicator.label)))
                }))),
            .p(.class("hint"), .text("Tỉ lệ thành thạo kỹ năng số có hai cách đọc cơ số trong QĐ 677/QĐ-TTg (\"trong đó\"): trên tổng số người đạt danh hiệu, và trên số người có kỹ năng số; cả hai được ghi.")),
            children(dashboard, indicator: indicator),
        ])
    }

    static func children(_ dashboard: MovementDashboard, indicator: MovementIndicator) -> BodyNode {
        guard let level = dashboard.children.first?.area.level else { return .empty }
        // Those furthest behind first, those with nothing to divide by last.
        let sorted = dashboard.children.sorted { lhs, rhs in
            let left = lhs.figures[indicator]?.percent, right = rhs.figures[indicator]?.percent
            switch (left, right) {
            case let (l?, r?): return l != r ? l < r : lhs.area.name < rhs.area.name
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs.area.code < rhs.area.code
            }
        }
        return .group(
            .h2(.text("\(level.pluralLabel): \(indicator.label)")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Địa bàn")), .th(.class("num"), .text("Số đạt")), .th(.class("num"), .text("Cơ số")), .th(.class("num"), .text("Tỉ lệ")),
                           .th(.text("So với chỉ tiêu")))),
                .tbody(.forEach(sorted) { child in
                    let figure = child.figures[indicator] ?? MovementFigure(indicator: indicator, numerator: 0, denominator: 0)
                    return .tr(
                        .td(.attr("data-label", "Địa bàn"), Tag.link(child.area.fullName, SiteURL.movement(area: child.area.id)
                            .with(["year": String(dashboard.year), "indicator": indicator.rawValue]))),
                        .td(.attr("data-label", "Số đạt"), .class("num"), .text(VietnameseFormat.integer(figure.numerator))),
                        .td(.attr("data-label", "Cơ số"), .class("num"), .text(VietnameseFormat.integer(figure.denominator))),
                        .td(.attr("data-label", "Tỉ lệ"), .class("num"), .text(ProgressPage.percent(figure.percent))),
                        .td(.attr("data-label", "So với chỉ tiêu"), .text(gap(figure))))
                }))))
    }
}
