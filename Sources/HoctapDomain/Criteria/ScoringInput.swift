import Foundation

/// The answers and measured values one evaluation is scored with.
public struct ScoringInput: Hashable, Sendable, Codable {
    /// Answers by item id: points or a number, or met / not met.
    public var items: [String: AnswerValue]
    /// Values of named measures, computed from other records.
    public var measures: [String: MeasureValue]
    /// Classes of the evaluated subject's area that lower some thresholds (e.g. "xa-kho-khan").
    public var areaClasses: [String]
    /// The kind of subject, for items that apply to some kinds only (e.g. "truong-pho-thong").
    public var subjectKind: String?

    public init(items: [String: AnswerValue] = [:], measures: [String: MeasureValue] = [:],
                areaClasses: [String] = [], subjectKind: String? = nil) {
        self.items = items
        self.measures = measures
        self.areaClasses = areaClasses
        self.subjectKind = subjectKind
    }

    enum CodingKeys: String, CodingKey {
        case items, measures, areaClasses, subjectKind
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        items = try container.decodeIfPresent([String: AnswerValue].self, forKey: .items) ?? [:]
        measures = try container.decodeIfPresent([String: MeasureValue].self, forKey: .measures) ?? [:]
        areaClasses = try container.decodeIfPresent([String].self, forKey: .areaClasses) ?? []
        subjectKind = try container.decodeIfPresent(String.self, forKey: .subjectKind)
    }
}

/// One answer: a number (points, a level, a share) or met / not met.
public enum AnswerValue: Hashable, Sendable, Codable {
    case number(Double)
    case bool(Bool)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "cần một số hoặc true/false")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}

/// A measured value, given directly or as numerator over denominator (kept to show "930/1.000").
public struct MeasureValue: Hashable, Sendable, Codable {
    public var numerator: Double?
    public var denominator: Double?
    public var directValue: Double?

    public init(_ value: Double) {
        directValue = value
    }

    public init(numerator: Double, denominator: Double) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The value, or `nil` when the denominator is zero (a share of nothing is not 0 %).
    public var value: Double? {
        if let directValue { return directValue }
        guard let numerator, let denominator, denominator > 0 else { return nil }
        return numerator / denominator
    }

    enum CodingKeys: String, CodingKey { case numerator, denominator, value }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let value = try? single.decode(Double.self) {
            directValue = value
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        numerator = try container.decodeIfPresent(Double.self, forKey: .numerator)
        denominator = try container.decodeIfPresent(Double.self, forKey: .denominator)
        directValue = try container.decodeIfPresent(Double.self, forKey: .value)
        if directValue == nil && (numerator == nil || denominator == nil) {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "cần một số, hoặc {numerator, denominator}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if let directValue, numerator == nil {
            var single = encoder.singleValueContainer()
            try single.encode(directValue)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(numerator, forKey: .numerator)
        try container.encodeIfPresent(denominator, forKey: .denominator)
        try container.encodeIfPresent(value, forKey: .value)
    }
}

/// Answers refused before scoring: unknown items, values out of range, missing mandatory answers.
public struct ScoringInputInvalid: Error, Sendable, CustomStringConvertible {
    public var issues: [CriteriaIssue]

    public init(issues: [CriteriaIssue]) { self.issues = issues }

    public var description: String {
        (["Câu trả lời không hợp lệ (\(issues.count) lỗi):"] + issues.map { "  - \($0)" }).joined(separator: "\n")
    }
}
