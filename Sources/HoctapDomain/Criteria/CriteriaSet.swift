/// A criteria set (Bộ tiêu chí): the rubric a learning model is evaluated against, as data.
///
/// Two scoring styles share one tree of criteria and items: points (totals, floors, grades) and
/// levels (every applicable item met at the level's requirement). Items may take their value from
/// a named measure computed from other records, so the engine itself stays pure.
public struct CriteriaSet: Hashable, Sendable {
    public var id: String
    public var model: LearningModel
    public var name: String
    public var issuer: String
    public var document: LegalDocument
    public var effective: EffectivePeriod
    public var status: CriteriaSetStatus
    public var provenance: [String]
    public var variant: VariantOrigin?
    /// For citizen sets: the target group of QĐ 324/QĐ-KHVN.
    public var targetGroup: String?
    /// How many years after the year of recognition a recognition stays valid ("bảo lưu"), when the document says.
    public var validYears: Int?
    /// Who fills in the assessment (the model's usual assessor unless the set says otherwise).
    public var assessor: AssessorKind
    public var scoring: Scoring
    public var criteria: [Criterion]

    public init(id: String, model: LearningModel, name: String, issuer: String, document: LegalDocument,
                effective: EffectivePeriod, status: CriteriaSetStatus, provenance: [String], variant: VariantOrigin?,
                targetGroup: String?, validYears: Int? = nil, assessor: AssessorKind? = nil, scoring: Scoring, criteria: [Criterion]) {
        self.validYears = validYears
        self.assessor = assessor ?? model.defaultAssessor
        self.id = id
        self.model = model
        self.name = name
        self.issuer = issuer
        self.document = document
        self.effective = effective
        self.status = status
        self.provenance = provenance
        self.variant = variant
        self.targetGroup = targetGroup
        self.scoring = scoring
        self.criteria = criteria
    }

    /// Every item, in order.
    public var items: [Item] { criteria.flatMap(\.items) }

    /// The item with `id`, if any.
    public func item(_ id: String) -> Item? { items.first { $0.id == id } }
}

/// The legal document a set comes from.
public struct LegalDocument: Hashable, Sendable {
    /// "25/2023/TT-BGDĐT".
    public var number: String
    /// Dates the document is cited with (some are cited with two).
    public var dates: [Day]
    public var title: String?
    public var url: String?

    public init(number: String, dates: [Day], title: String? = nil, url: String? = nil) {
        self.number = number
        self.dates = dates
        self.title = title
        self.url = url
    }
}

/// When a set applies; open ends are unbounded.
public struct EffectivePeriod: Hashable, Sendable {
    public var from: Day?
    public var to: Day?

    public init(from: Day?, to: Day?) {
        self.from = from
        self.to = to
    }

    public func contains(_ day: Day) -> Bool {
        (from.map { $0 <= day } ?? true) && (to.map { day <= $0 } ?? true)
    }
}

/// A province variant's parent.
public struct VariantOrigin: Hashable, Sendable {
    public var setID: String
    public var version: Int?
    /// The official code of the province that adapted the set.
    public var provinceCode: String

    public init(setID: String, version: Int?, provinceCode: String) {
        self.setID = setID
        self.version = version
        self.provinceCode = provinceCode
    }
}

/// A result a set can give: a grade or a level.
public struct Outcome: Hashable, Sendable, Codable {
    public var code: String
    public var label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }
}

/// How a set turns answers into a verdict.
public enum Scoring: Hashable, Sendable {
    case points(PointsRules)
    case levels(LevelRules)

    public var styleName: String {
        switch self {
        case .points: "points"
        case .levels: "levels"
        }
    }
}

/// Points style: totals, floors and grades by score band.
public struct PointsRules: Hashable, Sendable {
    /// Grades from the highest down, each with the least total it needs. Empty when the
    /// thresholds are not known (the verdict is then undetermined).
    public var grades: [Grade]
    /// The verdict when no grade is reached.
    public var fail: Outcome
    /// Every item must score at least this for any grade (QĐ 324: 5 of 10).
    public var minPerItem: Double?

    public struct Grade: Hashable, Sendable {
        public var outcome: Outcome
        public var minTotal: Double

        public init(outcome: Outcome, minTotal: Double) {
            self.outcome = outcome
            self.minTotal = minTotal
        }
    }

    public init(grades: [Grade], fail: Outcome, minPerItem: Double?) {
        self.grades = grades
        self.fail = fail
        self.minPerItem = minPerItem
    }
}

/// Levels style: met / not met indicators, levels from the lowest up.
public struct LevelRules: Hashable, Sendable {
    public var levels: [Outcome]
    public var fail: Outcome

    public init(levels: [Outcome], fail: Outcome) {
        self.levels = levels
        self.fail = fail
    }
}

/// A criterion (tiêu chí): a named group of items.
public struct Criterion: Hashable, Sendable {
    public var id: String
    public var name: String
    public var status: SourceStatus
    public var note: String?
    /// Points style: the criterion's maximum (the sum of its items when all are known).
    public var points: Double?
    /// Points style: the least the criterion must total for any grade.
    public var minPoints: Double?
    public var items: [Item]

    public init(id: String, name: String, status: SourceStatus, note: String?, points: Double?, minPoints: Double?, items: [Item]) {
        self.id = id
        self.name = name
        self.status = status
        self.note = note
        self.points = points
        self.minPoints = minPoints
        self.items = items
    }
}

/// An item (chỉ tiêu, chỉ số, nội dung): one thing that is scored or checked.
public struct Item: Hashable, Sendable {
    public var id: String
    /// The wording, or `nil` when the text is not known.
    public var text: String?
    public var status: SourceStatus
    public var answer: AnswerKind
    /// An answer is required before the set can be scored.
    public var mandatory: Bool
    /// What evidence (minh chứng) the assessor expects.
    public var evidence: [String]
    /// Kinds of subject the item applies to (empty: all); `exceptFor` excludes kinds.
    public var appliesTo: [String]
    public var exceptFor: [String]
    public var note: String?

    public init(id: String, text: String?, status: SourceStatus, answer: AnswerKind, mandatory: Bool, evidence: [String],
                appliesTo: [String] = [], exceptFor: [String] = [], note: String? = nil) {
        self.id = id
        self.text = text
        self.status = status
        self.answer = answer
        self.mandatory = mandatory
        self.evidence = evidence
        self.appliesTo = appliesTo
        self.exceptFor = exceptFor
        self.note = note
    }

    /// Whether the item counts for a subject of `kind` (nil when the subject has no kind).
    public func applies(to kind: String?) -> Bool {
        guard let kind else { return appliesTo.isEmpty }
        return (appliesTo.isEmpty || appliesTo.contains(kind)) && !exceptFor.contains(kind)
    }

    /// Points style: the item's maximum.
    public var maxPoints: Double? {
        if case .points(let max, _) = answer { return max }
        return nil
    }
}

/// What kind of answer an item takes, and (levels style) what each level requires of it.
public enum AnswerKind: Hashable, Sendable {
    /// Points from 0 to `max`, with an optional floor for any grade.
    case points(max: Double, min: Double?)
    /// Met or not met; `levels` are the levels that require it (all when empty).
    case check(requiredAt: [String])
    /// A number in `range` (an ordinal level, a share…) with the least value each level needs.
    case number(NumberRule)
    /// Like `number`, but the value comes from a named measure computed from other records.
    case measure(name: String, rule: NumberRule)
}

/// The requirements on a numeric answer.
public struct NumberRule: Hashable, Sendable {
    public var unit: NumberUnit
    public var range: ClosedRange<Double>
    /// Least value per level code.
    public var minimum: [String: Double]
    /// Lower minimums for areas of a class (e.g. disadvantaged communes), per class and level.
    public var classMinimum: [String: [String: Double]]

    public init(unit: NumberUnit, range: ClosedRange<Double>, minimum: [String: Double], classMinimum: [String: [String: Double]] = [:]) {
        self.unit = unit
        self.range = range
        self.minimum = minimum
        self.classMinimum = classMinimum
    }

    /// The least value `level` needs for a subject in `classes`: the lowest that applies.
    public func requiredMinimum(at level: String, classes: Set<String>) -> Double? {
        var candidates = [minimum[level]].compactMap { $0 }
        for (areaClass, byLevel) in classMinimum where classes.contains(areaClass) {
            if let value = byLevel[level] { candidates.append(value) }
        }
        return candidates.min()
    }
}

/// How a number is read and shown.
public enum NumberUnit: String, Hashable, Sendable, CaseIterable {
    /// A share from 0 to 1, shown as a percentage.
    case share
    /// An ordinal standard level (1, 2, 3).
    case level
    /// A plain count.
    case count
}
