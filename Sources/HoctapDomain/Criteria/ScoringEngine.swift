/// Scores answers against a criteria set. Pure: everything it needs arrives as arguments,
/// including measures computed from other records.
public enum ScoringEngine {
    /// Scores `input`. With `partial`, missing mandatory answers are allowed (a draft being
    /// filled in): they count as missing, and the verdict shows what is still to do.
    public static func score(_ set: CriteriaSet, version: Int? = nil, input: ScoringInput, partial: Bool = false) throws(ScoringInputInvalid) -> ScoreResult {
        try validate(input, against: set, requireComplete: !partial)
        let reference = ScoreResult.SetReference(id: set.id, version: version, name: set.name, status: set.status.rawValue)
        let blockers = CriteriaSetValidator.officialUseBlockers(of: set)
        let officialUse = ScoreResult.OfficialUse(allowed: blockers.isEmpty, reasons: blockers)
        switch set.scoring {
        case .points(let rules):
            return PointsScoring(criteriaSet: set, rules: rules, input: input).result(reference: reference, officialUse: officialUse)
        case .levels(let rules):
            return LevelsScoring(criteriaSet: set, rules: rules, input: input).result(reference: reference, officialUse: officialUse)
        }
    }

    /// Refuses unknown items and measures, wrong types, out-of-range values and missing
    /// mandatory answers, naming each.
    public static func validate(_ input: ScoringInput, against set: CriteriaSet, requireComplete: Bool = true) throws(ScoringInputInvalid) {
        var issues: [CriteriaIssue] = []
        func report(_ path: String, _ message: String) { issues.append(CriteriaIssue(path: path, line: nil, message: message)) }
        let items = Dictionary(set.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for id in input.items.keys.sorted() where items[id] == nil {
            report("items.\(id)", "không có nội dung này trong bộ tiêu chí \(set.id).")
        }
        for (name, measure) in input.measures.sorted(by: { $0.key < $1.key }) {
            guard let definition = MeasureCatalog.measure(named: name) else {
                report("measures.\(name)", "phép đo không có; dùng một trong: \(MeasureCatalog.all.map(\.name).joined(separator: ", ")).")
                continue
            }
            if let numerator = measure.numerator, let denominator = measure.denominator {
                if numerator < 0 || denominator < 0 { report("measures.\(name)", "tử số và mẫu số không được âm.") }
                if definition.unit == .share && numerator > denominator {
                    report("measures.\(name)", "tử số \(CriteriaSetValidator.format(numerator)) lớn hơn mẫu số \(CriteriaSetValidator.format(denominator)).")
                }
            }
            if let value = measure.value, !value.isFinite || value < 0 || (definition.unit == .share && value > 1) {
                report("measures.\(name)", definition.unit == .share ? "tỉ lệ phải nằm trong 0–1." : "giá trị không được âm.")
            }
        }
        for item in set.items where item.applies(to: input.subjectKind) {
            let path = "items.\(item.id)"
            let answer = input.items[item.id]
            switch item.answer {
            case .points(let max, _):
                switch answer {
                case .number(let value)? where !value.isFinite || value < 0:
                    report(path, "điểm không được âm.")
                case .number(let value)? where value > max:
                    report(path, "\(CriteriaSetValidator.format(value)) điểm vượt điểm tối đa \(CriteriaSetValidator.format(max)).")
                case .bool?:
                    report(path, "cần số điểm (0–\(CriteriaSetValidator.format(max))), không phải true/false.")
                case nil where item.mandatory && requireComplete:
                    report(path, "thiếu điểm cho nội dung bắt buộc.")
                default: break
                }
            case .check:
                if case .number? = answer { report(path, "cần true (đạt) hoặc false (chưa đạt).") }
                if answer == nil && item.mandatory && requireComplete { report(path, "thiếu đánh giá đạt/chưa đạt cho chỉ tiêu bắt buộc.") }
            case .number(let rule):
                switch answer {
                case .number(let value)? where !rule.range.contains(value) || !value.isFinite:
                    report(path, "\(CriteriaSetValidator.format(value)) nằm ngoài khoảng \(CriteriaSetValidator.format(rule.range.lowerBound))–\(CriteriaSetValidator.format(rule.range.upperBound)).")
                case .bool?:
                    report(path, "cần một số.")
                case nil where item.mandatory && requireComplete:
                    report(path, "thiếu giá trị cho chỉ tiêu bắt buộc.")
                default: break
                }
            case .measure(let name, _):
                if answer != nil {
                    report(path, "giá trị lấy từ phép đo \(name), không nhập trực tiếp; gửi trong measures.\(name).")
                }
                if item.mandatory && requireComplete && input.measures[name]?.value == nil {
                    report("measures.\(name)", "thiếu số liệu cho chỉ tiêu bắt buộc \(item.id).")
                }
            }
        }
        if !issues.isEmpty { throw ScoringInputInvalid(issues: issues) }
    }

    /// A value for people: "62,0 %" for shares, "mức 2" for levels, "7,5" for points.
    static func display(_ value: Double, unit: NumberUnit?) -> String {
        switch unit {
        case .share?: VietnameseFormat.percent(value)
        case .level?: "mức \(CriteriaSetValidator.format(value))"
        default: CriteriaSetValidator.format(value)
        }
    }
}
