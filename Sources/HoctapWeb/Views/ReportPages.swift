import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Printable reports in Vietnamese administrative layout (A4): the annual report to the level
/// above, and the 2021–2025 (sơ kết) and 2021–2030 (tổng kết) review tables.
enum ReportPage {
    enum Kind: String, CaseIterable {
        case annual
        case review2025 = "review-2025"
        case review2030 = "review-2030"

        var title: String {
            switch self {
            case .annual: "BÁO CÁO KẾT QUẢ XÂY DỰNG CÁC MÔ HÌNH HỌC TẬP"
            case .review2025: "BẢNG SƠ KẾT GIAI ĐOẠN 2021–2025"
            case .review2030: "BẢNG TỔNG KẾT GIAI ĐOẠN 2021–2030"
            }
        }

        var pageTitle: String {
            switch self {
            case .annual: "Báo cáo năm"
            case .review2025: "Sơ kết 2021–2025"
            case .review2030: "Tổng kết 2021–2030"
            }
        }

        var lastYear: Int? {
            switch self {
            case .annual: nil
            case .review2025: 2025
            case .review2030: 2030
            }
        }
    }

    static func render(_ dashboard: ProgressDashboard, kind: Kind, parentName: String?, today: Day, chrome: PageChrome) -> HTML {
        let area = dashboard.area
        return Layout.page(title: "\(kind.pageTitle) – \(area.fullName)", chrome: chrome,
                           breadcrumbs: [("Tiến độ", SiteURL.progress(area: area.id).with(["year": String(dashboard.year)]))], [
            .div(.class("actions no-print"), .p(.class("hint"), .text("In từ trình duyệt (A4). Số liệu lấy từ số liệu tổng hợp, cập nhật đến quyết định công nhận mới nhất."))),
            .div(.class("document"),
                .div(.class("doc-header"),
                    .div(.p(.element(named: "strong", nodes: [.text(area.level == .nation ? "BAN ĐIỀU HÀNH" : area.fullName.uppercased())])),
                         .p(.class("rule"), .text(""))),
                    .div(.p(.element(named: "strong", nodes: [.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])),
                         .p(.element(named: "strong", nodes: [.text("Độc lập - Tự do - Hạnh phúc")])), .p(.class("rule"), .text("")),
                         .p(.class("doc-date"), .text("ngày \(today.day) tháng \(today.month) năm \(today.year)")))),
                .p(.class("doc-title"), .text(kind.title)),
                .p(.class("doc-subject"), .text(kind == .annual ? "Năm \(dashboard.year) – \(area.fullName)" : area.fullName)),
                .unwrap(parentName) { .p(.text("Kính gửi: \($0).")) },
                kind == .annual ? annual(dashboard) : review(dashboard, lastYear: kind.lastYear!),
                .p(.class("hint"), .text("Tỉ lệ = số được công nhận / số liệu tổng của địa bàn; ô \"—\" là chưa có số liệu tổng. Chỉ tiêu theo kế hoạch ràng buộc địa bàn (kế hoạch của tỉnh trước kế hoạch quốc gia)."))),
        ])
    }

    private static func annual(_ dashboard: ProgressDashboard) -> BodyNode {
        .group(
            .p(.element(named: "strong", nodes: [.text("1. Kết quả chung")])),
            .table(.class("doc-list"),
                .thead(.tr(.th(.text("Mô hình")), .th(.class("num"), .text("Số liệu tổng")), .th(.class("num"), .text("Đăng ký")),
                           .th(.class("num"), .text("Công nhận")), .th(.class("num"), .text("Tỉ lệ")), .th(.text("Chỉ tiêu")), .th(.text("So với chỉ tiêu")))),
                .tbody(.forEach(dashboard.indicators) { indicator in
                    let figure = dashboard.figures[indicator]!
                    return .tr(.td(.text(indicator.label)), .td(.class("num"), .text(figure.denominator.value.map(VietnameseFormat.integer) ?? "—")),
                               .td(.class("num"), .text(VietnameseFormat.integer(figure.counts.registered))),
                               .td(.class("num"), .text(VietnameseFormat.integer(figure.counts.recognised))),
                               .td(.class("num"), .text(ProgressPage.percent(figure.percent))),
                               .td(.text(ProgressPage.target(figure, year: dashboard.year))), .td(.text(ProgressPage.gap(figure))))
                })),
            .if(!dashboard.children.isEmpty, .group(
                .p(.element(named: "strong", nodes: [.text("2. Kết quả của các đơn vị trực thuộc (tỉ lệ công nhận)")])),
                .table(.class("doc-list"),
                    .thead(.tr(.th(.text("Địa bàn")), .forEach(dashboard.indicators) { .th(.class("num"), .text($0.label)) })),
                    .tbody(.forEach(dashboard.children) { child in
                        .tr(.td(.text(child.area.fullName)), .forEach(dashboard.indicators) { indicator in
                            let figure = child.figures[indicator]
                            return .td(.class("num"), .text("\(VietnameseFormat.integer(figure?.counts.recognised ?? 0)) (\(ProgressPage.percent(figure?.percent)))"))
                        })
                    })))))
    }

    private static func review(_ dashboard: ProgressDashboard, lastYear: Int) -> BodyNode {
        let years = Array(2021...lastYear)
        return .group(
            .p(.element(named: "strong", nodes: [.text("Số được công nhận và tỉ lệ theo năm")])),
            .table(.class("doc-list"),
                .thead(.tr(.th(.text("Mô hình")), .forEach(years) { .th(.class("num"), .text(String($0))) }, .th(.text("Chỉ tiêu \(lastYear)")), .th(.text("Đánh giá")))),
                .tbody(.forEach(dashboard.indicators) { indicator in
                    let trend = Dictionary((dashboard.trend[indicator] ?? []).map { ($0.year, $0) }) { first, _ in first }
                    let target = dashboard.milestoneTargets[indicator]?[lastYear]
                    let reached = trend[lastYear]?.percent
                    let verdict: String = switch (reached, target) {
                    case let (value?, goal?): value >= goal ? "Đạt" : "Chưa đạt (còn \(VietnameseFormat.compact(goal - value)) điểm %)"
                    case (nil, _): "Chưa có số liệu năm \(lastYear)"
                    case (_, nil): "Chưa có chỉ tiêu"
                    }
                    return .tr(.td(.text(indicator.label)),
                               .forEach(years) { year in
                                   .td(.class("num"), .text(trend[year].map { "\(VietnameseFormat.integer($0.counts.recognised)) (\(ProgressPage.percent($0.percent)))" } ?? "—"))
                               },
                               .td(.text(target.map { VietnameseFormat.compact($0) + " %" } ?? "—")), .td(.text(verdict)))
                })))
    }
}
