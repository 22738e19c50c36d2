import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// A choropleth of an area's children from a GeoJSON file the operator configures
/// (`HOCTAP_MAP_GEOJSON`): features carry a `code` property matching the areas' official codes.
/// Shapes are projected and simplified once at start; each request only picks colours.
public struct ProgressMap: Sendable {
    /// Path data per area code, in projected units (longitude scaled by the cosine of 16°N, latitude flipped), with bounds.
    struct Shape: Sendable {
        var path: String
        var minX, minY, maxX, maxY: Double
    }

    let shapes: [String: Shape]

    /// Reads the file; a file that cannot be read is an error at start, not a broken page later.
    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any], let features = root["features"] as? [[String: Any]] else {
            throw DatabaseConfigurationError("HOCTAP_MAP_GEOJSON=\(path): không phải một FeatureCollection GeoJSON.")
        }
        var shapes: [String: Shape] = [:]
        for feature in features {
            guard let properties = feature["properties"] as? [String: Any], let code = properties["code"] as? String,
                  let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else { continue }
            let polygons: [[[[Double]]]]
            switch type {
            case "Polygon": polygons = [(geometry["coordinates"] as? [[[Double]]]) ?? []]
            case "MultiPolygon": polygons = (geometry["coordinates"] as? [[[[Double]]]]) ?? []
            default: continue
            }
            if let shape = Self.shape(polygons) { shapes[code] = shape }
        }
        guard !shapes.isEmpty else { throw DatabaseConfigurationError("HOCTAP_MAP_GEOJSON=\(path): không có vùng nào có thuộc tính \"code\".") }
        self.shapes = shapes
    }

    static let scaleX = cos(16.0 * .pi / 180) * 100, scaleY = 100.0
    /// Points closer than this (projected units ≈ 1 km) to the last kept point are dropped.
    static let tolerance = 1.0

    static func shape(_ polygons: [[[[Double]]]]) -> Shape? {
        var path = ""
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for polygon in polygons {
            for ring in polygon {
                var kept: [(Double, Double)] = []
                for point in ring where point.count >= 2 {
                    let x = point[0] * scaleX, y = -point[1] * scaleY
                    if let last = kept.last, abs(last.0 - x) + abs(last.1 - y) < tolerance { continue }
                    kept.append((x, y))
                }
                guard kept.count >= 3 else { continue }
                path += "M" + kept.map { "\(ProgressCharts.format($0.0)) \(ProgressCharts.format($0.1))" }.joined(separator: "L") + "Z"
                for (x, y) in kept { minX = min(minX, x); minY = min(minY, y); maxX = max(maxX, x); maxY = max(maxY, y) }
            }
        }
        return path.isEmpty ? nil : Shape(path: path, minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }

    static let bins: [(upTo: Double, colour: String)] = [(20, "#edf8e9"), (40, "#bae4b3"), (60, "#74c476"), (80, "#31a354"), (100.0001, "#006d2c")]

    static func colour(_ percent: Double?) -> String {
        guard let percent else { return "#d9dde2" }
        return bins.first { percent < $0.upTo }?.colour ?? bins.last!.colour
    }

    /// The map of the dashboard's children coloured by the indicator's percentage, or nothing
    /// when the file has none of them.
    func render(_ dashboard: ProgressDashboard, indicator: ProgressIndicator, link: (Area) -> String) -> BodyNode? {
        let drawn = dashboard.children.compactMap { child in shapes[child.area.code].map { (child, $0) } }
        guard !drawn.isEmpty else { return nil }
        let minX = drawn.map(\.1.minX).min()!, minY = drawn.map(\.1.minY).min()!
        let maxX = drawn.map(\.1.maxX).max()!, maxY = drawn.map(\.1.maxY).max()!
        let viewBox = [minX, minY, maxX - minX, maxY - minY].map(ProgressCharts.format).joined(separator: " ")
        let described = drawn.map { child, _ in "\(child.area.name): \(ProgressPage.percent(child.figures[indicator]?.percent))" }
        return .div(.class("card map"),
            .h2(.text("Bản đồ: \(indicator.label) năm \(dashboard.year)")),
            ProgressCharts.svg(viewBox: viewBox, classes: "choropleth", description: "Bản đồ tỉ lệ \(indicator.label): " + described.joined(separator: "; "),
                               drawn.map { child, shape in
                let percent = child.figures[indicator]?.percent
                return .element(named: "a", nodes: [
                    .attr("href", link(child.area)),
                    .element(named: "path", nodes: [
                        .attr("d", shape.path), .attr("fill", Self.colour(percent)), .attr("stroke", "#fff"), .attr("stroke-width", "1.5"),
                        .element(named: "title", nodes: [.text("\(child.area.name): \(ProgressPage.percent(percent))")]),
                    ]),
                ])
            }),
            .ul(.class("legend"), .forEach(Array(Self.bins.enumerated())) { index, bin in
                .li(.span(.class("swatch bin\(index)")), .text("\(index * 20)–\(min(100, Int(bin.upTo))) %"))
            }, .li(.span(.class("swatch none")), .text("Chưa có số liệu"))))
    }
}
