import HoctapDomain

/// What an import of area lists did, for the operator and the audit trail.
public struct AreaImportReport: Sendable, Equatable, CustomStringConvertible {
    public var created: [AreaLevel: Int] = [:]
    public var updated: [AreaLevel: Int] = [:]
    public var unchanged: [AreaLevel: Int] = [:]
    /// Communes whose province changed.
    public var moved = 0
    /// Old → new links added or changed.
    public var linksWritten = 0
    public var linksUnchanged = 0

    public init() {}

    public var changedAnything: Bool {
        created.values.contains { $0 > 0 } || updated.values.contains { $0 > 0 } || moved > 0 || linksWritten > 0
    }

    mutating func count(_ outcome: Outcome, _ level: AreaLevel) {
        switch outcome {
        case .created: created[level, default: 0] += 1
        case .updated: updated[level, default: 0] += 1
        case .unchanged: unchanged[level, default: 0] += 1
        }
    }

    enum Outcome { case created, updated, unchanged }

    public var description: String {
        let levels = AreaLevel.allCases.filter {
            created[$0] != nil || updated[$0] != nil || unchanged[$0] != nil
        }
        var lines = levels.map { level in
            "\(level.label): thêm \(created[level] ?? 0), sửa \(updated[level] ?? 0), giữ nguyên \(unchanged[level] ?? 0)"
        }
        if moved > 0 { lines.append("Xã chuyển tỉnh: \(moved)") }
        if linksWritten + linksUnchanged > 0 {
            lines.append("Liên kết đơn vị cũ → mới: ghi \(linksWritten), giữ nguyên \(linksUnchanged)")
        }
        return lines.joined(separator: "\n")
    }
}
