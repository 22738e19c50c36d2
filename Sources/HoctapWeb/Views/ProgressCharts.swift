import Foundation
import HoctapDomain
import Plot

/// Server-rendered SVG charts: no script, no inline style (the CSP forbids both), presentation
/// attributes only, and every chart with a text equivalent in its `aria-label` and `<title>`
/// next to a table that holds the same figures.
enum ProgressCharts {
    static let brand = "#0b6e4f", track = "#e3e8ed", targetColor = "#a11d2b", behind = "#c77c02", muted = "#9aa5b1"

    /// A bullet chart: the percentage as a bar on 0–100 %, the target as a tick.
    static func bullet(percent: Double?, target: Double?, label: String) -> BodyNode {
        let description = "\(label): " + (percent.map { VietnameseFormat.compact($0) + " %" } ?? "chưa tính được")
            + (target.map { ", mục tiêu " + VietnameseFormat.compact($0) + " %" } ?? "")
        let fill = percent.map { value in target.map { value >= $0 ? brand : behind } ?? brand } ?? muted
        return svg(viewBox: "0 0 100 12", classes: "bullet", description: description, [
            rect(x: 0, y: 2, width: 100, height: 8, fill: track),
            rect(x: 0, y: 3, width: min(100, max(0, percent ?? 0)), height: 6, fill: fill),
            .unwrap(target) { line(x: min(100, max(0, $0)), color: targetColor) },
        ])
    }

    /// Bars of a percentage per year, the last years' projection hatched, and the target as a line.
    static func trend(_ points: [(year: Int, percent: Double?)], projections: [Int: Double], target: Double?, label: String) -> BodyNode {
        let bars = points + projections.keys.sorted().filter { year in !points.contains { $0.year == year } && year > (points.last?.year ?? 0) }
            .map { ($0, projections[$0]) }
        let width = Double(max(1, bars.count)) * 16
        let summary = bars.map { "\($0.year): " + ($0.percent.map { VietnameseFormat.compact($0) + " %" } ?? "—") }.joined(separator: "; ")
        var nodes: [BodyNode] = [rect(x: 0, y: 0, width: width, height: 50, fill: "#fff")]
        for (index, bar) in bars.enumerated() {
            let projected = !points.contains { $0.year == bar.year }
            let height = (bar.percent ?? 0) / 2
            nodes.append(rect(x: Double(index) * 16 + 2, y: 50 - height, width: 12, height: height, fill: projected ? muted : brand))
            nodes.append(.element(named: "text", nodes: [
                .attr("x", format(Double(index) * 16 + 8)), .attr("y", "58"), .attr("font-size", "6"), .attr("text-anchor", "middle"),
                .text(String(bar.year % 100)),
            ]))
        }
        if let target {
            nodes.append(.selfClosedElement(named: "line", attributes: [
                Tag.attribute("x1", "0"), Tag.attribute("x2", format(width)), Tag.attribute("y1", format(50 - target / 2)),
                Tag.attribute("y2", format(50 - target / 2)), Tag.attribute("stroke", targetColor), Tag.attribute("stroke-width", "0.8"),
                Tag.attribute("stroke-dasharray", "2 1"),
            ]))
        }
        return svg(viewBox: "0 0 \(format(width)) 60", classes: "trend",
                   description: "\(label) theo năm (cột xám là dự báo): \(summary)" + (target.map { "; mục tiêu " + VietnameseFormat.compact($0) + " %" } ?? ""),
                   nodes)
    }

    static func svg(viewBox: String, classes: String, description: String, _ nodes: [BodyNode]) -> BodyNode {
        .element(named: "svg", nodes: [
            .attr("xmlns", "http://www.w3.org/2000/svg"), .attr("viewBox", viewBox), .class(classes), .attr("role", "img"),
            .attr("aria-label", description), .attr("preserveAspectRatio", "none"),
            .element(named: "title", nodes: [.text(description)]),
            .group(nodes),
        ])
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String) -> BodyNode {
        .selfClosedElement(named: "rect", attributes: [
            Tag.attribute("x", format(x)), Tag.attribute("y", format(y)), Tag.attribute("width", format(width)),
            Tag.attribute("height", format(height)), Tag.attribute("fill", fill),
        ])
    }

    static func line(x: Double, color: String) -> BodyNode {
        .selfClosedElement(named: "line", attributes: [
            Tag.attribute("x1", format(x)), Tag.attribute("x2", format(x)), Tag.attribute("y1", "0"), Tag.attribute("y2", "12"),
            Tag.attribute("stroke", color), Tag.attribute("stroke-width", "1.2"),
        ])
    }

    /// SVG numbers with a dot, at most two decimals.
    static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
