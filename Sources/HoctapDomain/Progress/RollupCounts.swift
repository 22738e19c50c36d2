/// How many subjects of one area, year and model have reached each stage of the cycle. A subject
/// counts in every stage it has passed: a recognised household is also registered, assessed and
/// approved, so each figure is a share of the one before and the dashboard can show the funnel.
public struct RollupCounts: Hashable, Sendable, Codable {
    /// Registered in the year's cycle (đăng ký).
    public var registered: Int
    /// Handed in and not sent back: submitted, reviewed, or decided by the council.
    public var assessed: Int
    /// Approved by the council, recognised or awaiting the decision.
    public var approved: Int
    /// Named in a recognition decision.
    public var recognised: Int

    public init(registered: Int = 0, assessed: Int = 0, approved: Int = 0, recognised: Int = 0) {
        self.registered = registered
        self.assessed = assessed
        self.approved = approved
        self.recognised = recognised
    }

    public static let zero = RollupCounts()

    /// What one evaluation in `state` contributes.
    public static func of(_ state: EvaluationState) -> RollupCounts {
        RollupCounts(registered: 1,
                     assessed: state.isAssessed ? 1 : 0,
                     approved: state == .approved || state == .recognised ? 1 : 0,
                     recognised: state == .recognised ? 1 : 0)
    }

    /// The change when one evaluation goes from `from` to `to` (`nil`: not registered).
    public static func change(from: EvaluationState?, to: EvaluationState?) -> RollupCounts {
        (to.map(of) ?? .zero) - (from.map(of) ?? .zero)
    }

    public var isZero: Bool { self == .zero }

    public static func + (lhs: RollupCounts, rhs: RollupCounts) -> RollupCounts {
        RollupCounts(registered: lhs.registered + rhs.registered, assessed: lhs.assessed + rhs.assessed,
                     approved: lhs.approved + rhs.approved, recognised: lhs.recognised + rhs.recognised)
    }

    public static func - (lhs: RollupCounts, rhs: RollupCounts) -> RollupCounts {
        RollupCounts(registered: lhs.registered - rhs.registered, assessed: lhs.assessed - rhs.assessed,
                     approved: lhs.approved - rhs.approved, recognised: lhs.recognised - rhs.recognised)
    }
}

extension EvaluationState {
    /// Whether the evaluation has been handed in and is not back with its assessor.
    public var isAssessed: Bool {
        switch self {
        case .draft, .returned: false
        case .submitted, .reviewed, .approved, .recognised, .notRecognised: true
        }
    }

    /// The states counted as assessed, for queries that recount from the evaluations.
    public static let assessedStates: [EvaluationState] = allCases.filter(\.isAssessed)
}

/// One row of the rollups: an area (or the whole country), a year, a model and, for learning
/// citizens, the target group.
public struct RollupKey: Hashable, Comparable, Sendable {
    /// The area; `RollupKey.nationID` for the whole country.
    public var areaID: Int64
    public var level: AreaLevel
    public var year: Int
    public var model: LearningModel
    /// The citizens' target group (QĐ 324); empty for the other models.
    public var segment: String

    /// The whole country's rows use this area identifier (no area row has it).
    public static let nationID: Int64 = 0

    public init(areaID: Int64, level: AreaLevel, year: Int, model: LearningModel, segment: String) {
        self.areaID = areaID
        self.level = level
        self.year = year
        self.model = model
        self.segment = segment
    }

    /// One fixed order for every writer, so that concurrent transactions lock rows in the same
    /// order and cannot deadlock.
    public static func < (lhs: RollupKey, rhs: RollupKey) -> Bool {
        (lhs.year, lhs.model.rawValue, lhs.segment, lhs.level.depth, lhs.areaID) < (rhs.year, rhs.model.rawValue, rhs.segment, rhs.level.depth, rhs.areaID)
    }
}

/// The changes of one transaction, summed per row before they are written (a bulk registration
/// of 500 households writes four rows, not 2,000).
public struct RollupLedger: Sendable {
    public private(set) var changes: [RollupKey: RollupCounts] = [:]

    public init() {}

    /// Records that one subject of a cycle moved from `from` to `to`, at every level above it.
    public mutating func record(from: EvaluationState?, to: EvaluationState?, year: Int, model: LearningModel, segment: String,
                                provinceID: Int64, communeID: Int64, villageID: Int64?) {
        let delta = RollupCounts.change(from: from, to: to)
        guard !delta.isZero else { return }
        var places: [(Int64, AreaLevel)] = [(RollupKey.nationID, .nation), (provinceID, .province), (communeID, .commune)]
        if let villageID { places.append((villageID, .village)) }
        for (areaID, level) in places {
            let key = RollupKey(areaID: areaID, level: level, year: year, model: model, segment: segment)
            changes[key, default: .zero] = changes[key, default: .zero] + delta
        }
    }

    /// The non-zero changes in the writing order.
    public var ordered: [(key: RollupKey, delta: RollupCounts)] {
        changes.filter { !$0.value.isZero }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
