/// The rules between the fields of a criteria set: unique identifiers, sums that add up,
/// thresholds that can be reached, levels that only get stricter, and what `official` demands.
public enum CriteriaSetValidator {
    /// Every problem of `set`; empty when it is valid.
    public static func problems(of set: CriteriaSet) -> [CriteriaIssue] {
        let issues = IssueList()
        check(set, lines: LineIndex(), into: issues)
        return issues.issues
    }

    /// What keeps a valid set from being used for an official recognition, in words; empty when
    /// it may be used.
    public static func officialUseBlockers(of set: CriteriaSet) -> [String] {
        var blockers: [String] = []
        if set.status != .official {
            blockers.append("Bộ tiêu chí đang ở trạng thái \"\(set.status.label)\", không phải \"Chính thức\".")
        }
        blockers += completenessGaps(of: set)
        return blockers
    }

    /// What is missing from the set's content, independent of its declared status.
    public static func completenessGaps(of set: CriteriaSet) -> [String] {
        var gaps: [String] = []
        if set.criteria.isEmpty { gaps.append("Chưa có tiêu chí nào (nội dung văn bản chưa được nhập).") }
        for criterion in set.criteria {
            if criterion.items.isEmpty {
                gaps.append("Tiêu chí \(criterion.id) \"\(criterion.name)\" chưa có chỉ tiêu, nội dung nào.")
            }
            if case .points = set.scoring, criterion.points == nil, criterion.items.isEmpty {
                gaps.append("Tiêu chí \(criterion.id) chưa có điểm tối đa.")
            }
            for item in criterion.items {
                switch item.status {
                case .unknown: gaps.append("Nội dung \(item.id) chưa có văn bản.")
                case .reconstructed: gaps.append("Nội dung \(item.id) mới là suy đoán, chưa đối chiếu văn bản.")
                case .demo: gaps.append("Nội dung \(item.id) là nội dung trình diễn.")
                case .verified, .secondary: break
                }
            }
        }
        if case .points(let rules) = set.scoring, rules.grades.isEmpty {
            gaps.append("Chưa có ngưỡng xếp loại (grades): không thể kết luận đạt hay không đạt.")
        }
        if set.criteria.contains(where: { $0.status == .demo || $0.status == .unknown }) {
            gaps.append("Có tiêu chí chưa có văn bản hoặc là nội dung trình diễn.")
        }
        return gaps
    }

    static func check(_ set: CriteriaSet, lines: LineIndex, into issues: IssueList) {
        func report(_ path: String, _ message: String) {
            issues.add(CriteriaIssue(path: path, line: lines.line(path), message: message))
        }
        var seenCriteria: [String: String] = [:]
        var seenItems: [String: String] = [:]
        for (c, criterion) in set.criteria.enumerated() {
            let path = "criteria[\(c)]"
            if let first = seenCriteria[criterion.id] { report("\(path).id", "mã \"\(criterion.id)\" trùng với \(first).") }
            seenCriteria[criterion.id] = path
            for (i, item) in criterion.items.enumerated() {
                let itemPath = "\(path).items[\(i)]"
                if let first = seenItems[item.id] { report("\(itemPath).id", "mã \"\(item.id)\" trùng với \(first).") }
                seenItems[item.id] = itemPath
            }
        }

        switch set.scoring {
        case .points(let rules): checkPoints(set, rules, report: report)
        case .levels(let rules): checkLevels(set, rules, report: report)
        }

        if set.status == .official {
            for gap in completenessGaps(of: set) {
                report("status", "không thể là official: \(gap)")
            }
        }
        let isDemo = mentionsDemo(set.name) || set.items.contains { $0.status == .demo } || set.criteria.contains { $0.status == .demo }
        if isDemo {
            if set.status == .official { report("status", "bộ tiêu chí trình diễn không được mang trạng thái official.") }
            if !mentionsDemo(set.name) {
                report("name", "bộ có nội dung trình diễn phải ghi rõ \"trình diễn\" trong tên.")
            }
            if !set.provenance.contains(where: mentionsDemo) {
                report("provenance", "bộ có nội dung trình diễn phải ghi rõ \"trình diễn\" trong nguồn gốc.")
            }
        }
        if let variant = set.variant, variant.setID == set.id {
            report("variant_of.set", "một bộ tiêu chí không thể là biến thể của chính nó.")
        }
        if set.model == .citizen, set.targetGroup == nil {
            report("target_group", "bộ Công dân học tập phải ghi nhóm đối tượng (resident, worker, staff, student).")
        }
    }

    private static func checkPoints(_ set: CriteriaSet, _ rules: PointsRules, report: (String, String) -> Void) {
        var knownTotal: Double? = 0
        for (c, criterion) in set.criteria.enumerated() {
            let path = "criteria[\(c)]"
            var sum = 0.0
            for (i, item) in criterion.items.enumerated() {
                guard case .points(let max, let min) = item.answer else { continue }
                let itemPath = "\(path).items[\(i)]"
                if max <= 0 { report("\(itemPath).points", "phải > 0.") }
                if let min {
                    if min < 0 { report("\(itemPath).min_points", "không được âm.") }
                    if min > max { report("\(itemPath).min_points", "\(format(min)) lớn hơn điểm tối đa \(format(max)): không thể đạt.") }
                }
                if let floor = rules.minPerItem, floor > max {
                    report("\(itemPath).points", "điểm tối đa \(format(max)) nhỏ hơn mức tối thiểu mỗi nội dung (\(format(floor))): không thể đạt.")
                }
                sum += max
            }
            if let points = criterion.points {
                if points <= 0 { report("\(path).points", "phải > 0.") }
                if !criterion.items.isEmpty && !criterion.items.contains(where: { $0.status == .unknown && $0.maxPoints == nil })
                    && abs(points - sum) > 1e-9 {
                    report("\(path).points", "điểm tiêu chí \(format(points)) khác tổng điểm các nội dung (\(format(sum))).")
                }
                knownTotal = knownTotal.map { $0 + points }
            } else if criterion.items.isEmpty {
                knownTotal = nil
            } else {
                knownTotal = knownTotal.map { $0 + sum }
            }
            if let minPoints = criterion.minPoints {
                let max = criterion.points ?? sum
                if minPoints < 0 { report("\(path).min_points", "không được âm.") }
                if minPoints > max { report("\(path).min_points", "\(format(minPoints)) lớn hơn điểm tối đa của tiêu chí (\(format(max))): không thể đạt.") }
            }
        }
        var previous: Double?
        for (g, grade) in rules.grades.enumerated() {
            let path = "scoring.grades[\(g)].min_total"
            if grade.minTotal <= 0 { report(path, "phải > 0.") }
            if let previous, grade.minTotal >= previous {
                report(path, "các mức phải xếp từ cao xuống thấp: \(format(grade.minTotal)) không nhỏ hơn \(format(previous)).")
            }
            if let total = knownTotal, grade.minTotal > total + 1e-9 {
                report(path, "cần \(format(grade.minTotal)) điểm nhưng tổng điểm tối đa chỉ là \(format(total)): không thể đạt.")
            }
            previous = grade.minTotal
        }
        let codes = rules.grades.map(\.outcome.code) + [rules.fail.code]
        if Set(codes).count != codes.count { report("scoring", "mã các mức xếp loại và mức không đạt phải khác nhau.") }
    }

    private static func checkLevels(_ set: CriteriaSet, _ rules: LevelRules, report: (String, String) -> Void) {
        let codes = rules.levels.map(\.code)
        if Set(codes + [rules.fail.code]).count != codes.count + 1 {
            report("scoring.levels", "mã các mức độ và mức chưa đạt phải khác nhau.")
        }
        for (c, criterion) in set.criteria.enumerated() {
            if criterion.points != nil { report("criteria[\(c)].points", "chỉ dùng với style: points.") }
            if criterion.minPoints != nil { report("criteria[\(c)].min_points", "chỉ dùng với style: points.") }
            for (i, item) in criterion.items.enumerated() {
                let path = "criteria[\(c)].items[\(i)]"
                switch item.answer {
                case .points:
                    report("\(path).points", "chỉ dùng với style: points.")
                case .check(let requiredAt):
                    for level in requiredAt where !codes.contains(level) {
                        report("\(path).require", "mức độ \"\(level)\" không có trong scoring.levels (\(codes.joined(separator: ", "))).")
                    }
                case .number(let rule):
                    checkRule(rule, path: path, levels: codes, report: report)
                case .measure(let name, let rule):
                    if MeasureCatalog.measure(named: name) == nil {
                        report("\(path).measure", "phép đo \"\(name)\" không có; dùng một trong: \(MeasureCatalog.all.map(\.name).joined(separator: ", ")).")
                    }
                    checkRule(rule, path: path, levels: codes, report: report)
                }
            }
        }
    }

    private static func checkRule(_ rule: NumberRule, path: String, levels: [String], report: (String, String) -> Void) {
        if rule.minimum.isEmpty { report("\(path).require", "cần giá trị tối thiểu cho ít nhất một mức độ.") }
        func checkMinimums(_ minimums: [String: Double], at rulePath: String) {
            for (level, value) in minimums {
                guard levels.contains(level) else {
                    report(rulePath, "mức độ \"\(level)\" không có trong scoring.levels (\(levels.joined(separator: ", "))).")
                    continue
                }
                if !rule.range.contains(value) {
                    report("\(rulePath).\(level)", "\(format(value)) nằm ngoài khoảng \(format(rule.range.lowerBound))–\(format(rule.range.upperBound)): không thể đạt.")
                }
            }
            // Higher levels may only ask for more.
            var previous: Double?
            for level in levels {
                guard let value = minimums[level] else { continue }
                if let previous, value < previous {
                    report("\(rulePath).\(level)", "mức cao hơn không được đòi ít hơn mức thấp hơn (\(format(value)) < \(format(previous))).")
                }
                previous = value
            }
        }
        checkMinimums(rule.minimum, at: "\(path).require")
        for (areaClass, minimums) in rule.classMinimum {
            checkMinimums(minimums, at: "\(path).class_require.\(areaClass)")
        }
    }

    /// Whether a text says it is a demonstration ("trình diễn"), in any case or spelling.
    static func mentionsDemo(_ text: String) -> Bool {
        VietnameseText.fold(text).contains("trinh dien")
    }

    public static func format(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : VietnameseFormat.decimal(value, fractionDigits: 2)
    }
}
