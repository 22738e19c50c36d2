import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The progress dashboard of one area and year: each model against its target, the trend and
/// its projection, the children that lag most, and (for a village) its subjects.
enum ProgressPage {
    struct Model {
        var dashboard: ProgressDashboard
        var indicator: ProgressIndicator
        var subjects: [(model: LearningModel, evaluation: EvaluationRecord)]
        var map: BodyNode?
        var ancestors: [(label: String, url: String?)]
        var chrome: PageChrome
        /// The public statistics page: aggregates only, links stay on the public pages.
        var publicView = false

        func link(_ area: Area, indicator: ProgressIndicator) -> String {
            let query = ["year": String(dashboard.year), "indicator": indicator.rawValue]
            return publicView ? SiteURL.publicArea(area.id).with(query) : SiteURL.progress(area: area.id).with(query)
        }
    }

    static func render(_ model: Model) -> HTML {
        let dashboard = model.dashboard
        let area = dashboard.area
        return Layout.page(title: (model.publicView ? "Thống kê – " : "Tiến độ – ") + area.fullName, chrome: model.chrome, breadcrumbs: model.ancestors, [
            yearForm(model),
            .if(model.publicView, .div(.class("actions"),
                 Tag.link("Dữ liệu mở (CSV)", SiteURL.openDataCSV.with(["year": String(dashboard.year)]), classes: "button secondary"),
                 Tag.link("Dữ liệu mở (JSON)", SiteURL.openDataJSON.with(["year": String(dashboard.year)]), classes: "button secondary"))),
            .if(!model.publicView, .div(.class("actions"),
                 Tag.link("Số liệu tổng (mẫu số)", SiteURL.denominators(area: area.id).with(["year": String(dashboard.year)]), classes: "button secondary"),
                 Tag.link("Tải bảng tổng hợp (XLSX)", SiteURL.progressXLSX(area: area.id).with(["year": String(dashboard.year)]), classes: "button secondary"),
                 Tag.link("Tải CSV", SiteURL.progressCSV(area: area.id).with(["year": String(dashboard.year)]), classes: "button secondary"),
                 Tag.link("Danh sách kết quả năm (XLSX)", SiteURL.export(area: area.id, .results, .xlsx).with(["year": String(dashboard.year)]), classes: "button secondary"),
                 Tag.link("Báo cáo năm (in)", SiteURL.progressReport(area: area.id).with(["year": String(dashboard.year)]), classes: "button secondary"),
                 Tag.link("Sơ kết 2021–2025", SiteURL.progressReport(area: area.id).with(["kind": "review-2025"]), classes: "button secondary"),
                 Tag.link("Tổng kết 2021–2030", SiteURL.progressReport(area: area.id).with(["kind": "review-2030"]), classes: "button secondary"),
                 Tag.link("Kế hoạch, chỉ tiêu", SiteURL.plans.path, classes: "button secondary"))),
            .p(.class("hint"), .text("Số liệu cập nhật đến quyết định công nhận mới nhất; tỉ lệ = số được công nhận / số liệu tổng của địa bàn. "
                                     + "Khi thiếu số liệu tổng, trang ghi rõ thiếu ở đâu thay vì chia cho số đã đăng ký.")),
            .if(!dashboard.classes.isEmpty, .p(.text("Nhóm địa bàn: \(dashboard.classes.map(\.label).sorted().joined(separator: ", "))."))),
            summaryTable(dashboard),
            .unwrap(model.map) { $0 },
            trends(dashboard),
            children(model),
            subjects(model),
        ])
    }

    private static func yearForm(_ model: Model) -> BodyNode {
        let years = Array(PlanDraft.years.lowerBound...(max(model.dashboard.year, 2026) + 1)).reversed()
        let action = model.publicView ? SiteURL.publicArea(model.dashboard.area.id).path : SiteURL.progress(area: model.dashboard.area.id).path
        return Tag.form(action: action, method: "get", csrf: nil, classes: "search", [
            Tag.select("year", label: "Năm", options: years.map { (String($0), String($0)) }, selected: String(model.dashboard.year)),
            Tag.select("indicator", label: "Xếp hạng đơn vị cấp dưới theo", options: model.dashboard.indicators.map { ($0.rawValue, $0.label) },
                       selected: model.indicator.rawValue),
            Tag.submit("Xem", classes: "secondary"),
        ])
    }

    static func percent(_ value: Double?) -> String { value.map { VietnameseFormat.compact($0) + " %" } ?? "—" }

    static func gap(_ figure: ProgressFigure) -> String {
        guard let gap = figure.gap else { return "—" }
        return gap <= 0 ? "Đạt (vượt \(VietnameseFormat.compact(-gap)) điểm %)" : "Còn thiếu \(VietnameseFormat.compact(gap)) điểm %"
    }

    static func target(_ figure: ProgressFigure, year: Int) -> String {
        guard let target = figure.target else { return "Chưa có chỉ tiêu" }
        return VietnameseFormat.compact(target) + " %" + (figure.targetYear.map { $0 != year ? " (đến \($0))" : "" } ?? "")
            + (figure.targetPlan.map { " · \($0)" } ?? "")
    }

    private static func summaryTable(_ dashboard: ProgressDashboard) -> BodyNode {
        .div(.class("table-wrap"), .table(.class("cards progress"),
            .caption(.text("Kết quả năm \(dashboard.year) so với chỉ tiêu")),
            .thead(.tr(.th(.text("Mô hình")), .th(.class("num"), .text("Đăng ký")), .th(.class("num"), .text("Đã đánh giá")),
                       .th(.class("num"), .text("HĐ thông qua")), .th(.class("num"), .text("Công nhận")), .th(.class("num"), .text("Số liệu tổng")),
                       .th(.class("num"), .text("Tỉ lệ")), .th(.text("Chỉ tiêu")), .th(.text("So với chỉ tiêu")), .th(.text("Biểu đồ")))),
            .tbody(.forEach(dashboard.indicators) { indicator in
                let figure = dashboard.figures[indicator]!
                return .tr(
                    .td(.attr("data-label", "Mô hình"), .text(indicator.label)),
                    .td(.attr("data-label", "Đăng ký"), .class("num"), .text(VietnameseFormat.integer(figure.counts.registered))),
                    .td(.attr("data-label", "Đã đánh giá"), .class("num"), .text(VietnameseFormat.integer(figure.counts.assessed))),
                    .td(.attr("data-label", "HĐ thông qua"), .class("num"), .text(VietnameseFormat.integer(figure.counts.approved))),
                    .td(.attr("data-label", "Công nhận"), .class("num"), .text(VietnameseFormat.integer(figure.counts.recognised))),
                    .td(.attr("data-label", "Số liệu tổng"), .class("num"),
                        .text(figure.denominator.value.map(VietnameseFormat.integer) ?? "—"),
                        .div(.class("hint"), .text(figure.denominator.explanation))),
                    .td(.attr("data-label", "Tỉ lệ"), .class("num"), .text(percent(figure.percent))),
                    .td(.attr("data-label", "Chỉ tiêu"), .text(target(figure, year: dashboard.year))),
                    .td(.attr("data-label", "So với chỉ tiêu"), .text(gap(figure))),
                    .td(.attr("data-label", "Biểu đồ"), ProgressCharts.bullet(percent: figure.percent, target: figure.target, label: indicator.label))
                )
            })))
    }

    private static func trends(_ dashboard: ProgressDashboard) -> BodyNode {
        let shown = dashboard.indicators.filter { indicator in (dashboard.trend[indicator] ?? []).contains { $0.counts.registered > 0 } }
        return .if(!shown.isEmpty, .group(
            .h2(.text("Xu hướng và dự báo đến 2025, 2030")),
            .p(.class("hint"), .text("Dự báo là đường thẳng qua tỉ lệ các năm đã có; chỉ để tham khảo.")),
            .div(.class("trends"), .forEach(shown) { indicator in
                let points = (dashboard.trend[indicator] ?? []).map { (year: $0.year, percent: $0.percent) }
                let projections = dashboard.projections[indicator] ?? [:]
                let targets = dashboard.milestoneTargets[indicator] ?? [:]
                return .div(.class("card"),
                    .h3(.text(indicator.label)),
                    ProgressCharts.trend(points, projections: projections, target: targets[2030] ?? targets[2025], label: indicator.label),
                    .ul(.forEach(ProgressService.milestones) { milestone in
                        .li(.text("\(milestone): \(dashboard.actualMilestones[indicator]?.contains(milestone) == true ? "thực tế" : "dự báo") \(percent(projections[milestone]))"
                                  + (targets[milestone].map { ", chỉ tiêu \(VietnameseFormat.compact($0)) %" } ?? "")))
                    }))
            })))
    }

    private static func children(_ model: Model) -> BodyNode {
        let dashboard = model.dashboard
        guard let level = dashboard.children.first?.area.level else { return .empty }
        let indicator = model.indicator
        // Those furthest behind first; those without a figure last, by name.
        let sorted = dashboard.children.sorted { lhs, rhs in
            let left = lhs.figures[indicator]?.gap ?? lhs.figures[indicator]?.percent.map { -$0 }
            let right = rhs.figures[indicator]?.gap ?? rhs.figures[indicator]?.percent.map { -$0 }
            switch (left, right) {
            case let (l?, r?): return l != r ? l > r : lhs.area.name < rhs.area.name
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs.area.code < rhs.area.code
            }
        }
        return .group(
            .h2(.text("\(level.pluralLabel): \(indicator.label), chậm nhất trước")),
            .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Địa bàn")), .th(.class("num"), .text("Đăng ký")), .th(.class("num"), .text("Công nhận")),
                           .th(.class("num"), .text("Số liệu tổng")), .th(.class("num"), .text("Tỉ lệ")), .th(.text("Chỉ tiêu")),
                           .th(.text("So với chỉ tiêu")))),
                .tbody(.forEach(sorted) { child in
                    let figure = child.figures[indicator]
                    return .tr(
                        .td(.attr("data-label", "Địa bàn"), Tag.link(child.area.fullName, model.link(child.area, indicator: indicator))),
                        .td(.attr("data-label", "Đăng ký"), .class("num"), .text(VietnameseFormat.integer(figure?.counts.registered ?? 0))),
                        .td(.attr("data-label", "Công nhận"), .class("num"), .text(VietnameseFormat.integer(figure?.counts.recognised ?? 0))),
                        .td(.attr("data-label", "Số liệu tổng"), .class("num"), .text(figure?.denominator.value.map(VietnameseFormat.integer) ?? "—")),
                        .td(.attr("data-label", "Tỉ lệ"), .class("num"), .text(percent(figure?.percent))),
                        .td(.attr("data-label", "Chỉ tiêu"), .text(figure.map { target($0, year: dashboard.year) } ?? "—")),
                        .td(.attr("data-label", "So với chỉ tiêu"), .text(figure.map(gap) ?? "—"))
                    )
                }))))
    }

    private static func subjects(_ model: Model) -> BodyNode {
        .if(model.dashboard.area.level == .village && !model.publicView, .group(
            .h2(.text("Đối tượng đánh giá năm \(model.dashboard.year) (\(VietnameseFormat.integer(model.subjects.count)))")),
            .if(model.subjects.isEmpty, .p(.text("Chưa có đối tượng nào đăng ký trong năm."))),
            .if(!model.subjects.isEmpty, .div(.class("table-wrap"), .table(.class("cards"),
                .thead(.tr(.th(.text("Đối tượng")), .th(.text("Mô hình")), .th(.text("Trạng thái")), .th(.text("Kết quả")))),
                .tbody(.forEach(model.subjects) { subject in
                    .tr(.td(.attr("data-label", "Đối tượng"), Tag.link(subject.evaluation.subjectName, SiteURL.evaluation(subject.evaluation.id).path)),
                        .td(.attr("data-label", "Mô hình"), .text(subject.model.label)),
                        .td(.attr("data-label", "Trạng thái"), EvaluationText.stateTag(subject.evaluation.state)),
                        .td(.attr("data-label", "Kết quả"), .text(subject.evaluation.verdictLabel ?? "—")))
                }))))))
    }
}
