/// What scoring a set gives: the verdict, every total, each failed rule in words, and the
/// smallest change that would reach the next verdict or level.
public struct ScoreResult: Hashable, Sendable, Codable {
    public struct SetReference: Hashable, Sendable, Codable {
        public var id: String
        public var version: Int?
        public var name: String
        public var status: String
    }

    public struct Verdict: Hashable, Sendable, Codable {
        public var code: String
        public var label: String
        /// 0 for the failing outcome, then 1, 2… up to the best grade or highest level.
        public var rank: Int
        /// False when the set lacks the thresholds to decide.
        public var determined: Bool
    }

    public struct ItemResult: Hashable, Sendable, Codable {
        public var id: String
        public var applicable: Bool
        /// Points, number or 1/0 for met / not met; `nil` when unanswered or unmeasured.
        public var value: Double?
        /// Points style: the item's maximum.
        public var maxPoints: Double?
        /// Levels style: the levels whose requirement this item meets.
        public var metLevels: [String]?
        /// Where the value came from: "answer", "measure", "missing", "not-applicable".
        public var source: String
    }

    public struct CriterionResult: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var points: Double?
        public var maxPoints: Double?
        public var metLevels: [String]?
        public var items: [ItemResult]
    }

    /// One rule that is not satisfied, in words.
    public struct Failure: Hashable, Sendable, Codable {
        /// "min_total", "min_per_item", "item_min", "criterion_min", "level_requirement", "no_thresholds", "missing_measure"
        public var rule: String
        /// The item or criterion concerned, when there is one.
        public var ref: String?
        /// The level or grade the rule belongs to.
        public var target: String?
        public var message: String
    }

    /// One item to change, from its current value to the least value that will do.
    public struct Change: Hashable, Sendable, Codable {
        public var item: String
        public var from: Double?
        public var to: Double
        public var message: String
    }

    public struct NextStep: Hashable, Sendable, Codable {
        public var target: Outcome
        public var changes: [Change]
        public var message: String
    }

    public struct OfficialUse: Hashable, Sendable, Codable {
        public var allowed: Bool
        public var reasons: [String]

        public init(allowed: Bool, reasons: [String]) {
            self.allowed = allowed
            self.reasons = reasons
        }
    }

    public var set: SetReference
    public var style: String
    public var verdict: Verdict
    public var total: Double?
    public var maxTotal: Double?
    public var criteria: [CriterionResult]
    public var failures: [Failure]
    /// `nil` when the best outcome is already reached, or no change can reach a better one.
    public var next: NextStep?
    public var officialUse: OfficialUse
}
