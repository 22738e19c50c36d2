/// The total a percentage divides by, and where it comes from. A figure is never guessed: an
/// area without its own entry takes the sum of its children only when every child has one, and
/// otherwise says how many are missing, so that nobody divides by a silent zero or by the number
/// of registered subjects.
public struct DenominatorFigure: Hashable, Sendable {
    public enum Origin: Hashable, Sendable {
        /// Entered for the area itself, with its source.
        case entered(source: String)
        /// The sum of the children's figures; `reported` of `count` children have one.
        case children(reported: Int, count: Int)
        /// Counted from the official list of areas.
        case areaList
    }

    /// The total, or `nil` when it is not known.
    public var value: Int64?
    public var origin: Origin

    public init(value: Int64?, origin: Origin) {
        self.value = value
        self.origin = origin
    }

    /// Resolves an area's figure from its own entry and its children's figures (`nil` where a child has none).
    public static func resolve(entered: (value: Int64, source: String)?, children: [Int64?]) -> DenominatorFigure {
        if let entered { return DenominatorFigure(value: entered.value, origin: .entered(source: entered.source)) }
        let known = children.compactMap { $0 }
        let complete = !children.isEmpty && known.count == children.count
        return DenominatorFigure(value: complete ? known.reduce(0, +) : nil, origin: .children(reported: known.count, count: children.count))
    }

    /// A child's figure: its own entry, or the complete sum of its children's entries.
    public static func childValue(entered: Int64?, grandchildren: (sum: Int64, reported: Int, count: Int)?) -> Int64? {
        if let entered { return entered }
        guard let grandchildren, grandchildren.count > 0, grandchildren.reported == grandchildren.count else { return nil }
        return grandchildren.sum
    }

    /// What the dashboard says about the figure's source.
    public var explanation: String {
        switch origin {
        case .entered(let source): "Nguồn: \(source)"
        case .children(let reported, _) where value != nil: "Tổng của \(reported) đơn vị cấp dưới"
        case .children(let reported, let count):
            count == 0 ? "Chưa có số liệu" : "Chưa đủ số liệu: \(reported)/\(count) đơn vị cấp dưới đã nhập"
        case .areaList: "Đếm từ danh mục địa bàn"
        }
    }
}

/// One indicator of one area and year, as the dashboard shows it.
public struct ProgressFigure: Hashable, Sendable {
    public var indicator: ProgressIndicator
    public var counts: RollupCounts
    public var denominator: DenominatorFigure
    /// The target that binds the area, in percent, and the plan it comes from.
    public var target: Double?
    /// The plan's document number, and the year the target is set for (a later milestone between them).
    public var targetPlan: String?
    public var targetYear: Int?

    public init(indicator: ProgressIndicator, counts: RollupCounts, denominator: DenominatorFigure, target: Double?, targetPlan: String?,
                targetYear: Int? = nil) {
        self.indicator = indicator
        self.counts = counts
        self.denominator = denominator
        self.target = target
        self.targetPlan = targetPlan
        self.targetYear = targetYear
    }

    /// Recognised over the denominator, in percent; `nil` when the denominator is unknown or zero.
    public var percent: Double? {
        guard let total = denominator.value, total > 0 else { return nil }
        return Double(counts.recognised) / Double(total) * 100
    }

    /// How far below the target (positive: behind; negative: ahead).
    public var gap: Double? {
        guard let target, let percent else { return nil }
        return target - percent
    }
}
