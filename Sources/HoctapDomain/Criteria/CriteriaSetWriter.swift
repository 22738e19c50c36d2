/// Writes a criteria set as YAML in the `hoctap-criteria/1` format, canonically: the same set
/// always gives the same text, which reading gives back as the same set. Strings are always
/// double-quoted, so no Vietnamese text is ever mistaken for a number, a date or a keyword.
public enum CriteriaSetWriter {
    public static func yaml(_ set: CriteriaSet) -> String {
        var out = YAMLBuilder()
        out.line("format: \(CriteriaSetReader.format)")
        out.line("id: \(quote(set.id))")
        out.line("model: \(set.model.rawValue)")
        out.line("name: \(quote(set.name))")
        out.line("issuer: \(quote(set.issuer))")
        out.line("document:")
        out.line("  number: \(quote(set.document.number))")
        if set.document.dates.count == 1 {
            out.line("  date: \(set.document.dates[0].iso)")
        } else if !set.document.dates.isEmpty {
            out.line("  dates: [\(set.document.dates.map(\.iso).joined(separator: ", "))]")
        }
        if let title = set.document.title { out.line("  title: \(quote(title))") }
        if let url = set.document.url { out.line("  url: \(quote(url))") }
        if set.effective.from != nil || set.effective.to != nil {
            out.line("effective:")
            if let from = set.effective.from { out.line("  from: \(from.iso)") }
            if let to = set.effective.to { out.line("  to: \(to.iso)") }
        }
        out.line("status: \(set.status.rawValue)")
        if !set.provenance.isEmpty {
            out.line("provenance:")
            for note in set.provenance { out.line("  - \(quote(note))") }
        }
        if let variant = set.variant {
            out.line("variant_of:")
            out.line("  set: \(quote(variant.setID))")
            if let version = variant.version { out.line("  version: \(version)") }
            out.line("  province: \(quote(variant.provinceCode))")
        }
        if let group = set.targetGroup { out.line("target_group: \(quote(group))") }
        if let years = set.validYears { out.line("valid_years: \(years)") }
        // Only a set that departs from its model's usual assessor says so, to keep documents short.
        if set.assessor != set.model.defaultAssessor { out.line("assessor: \(set.assessor.rawValue)") }
        writeScoring(set.scoring, into: &out)
        if set.criteria.isEmpty {
            out.line("criteria: []")
        } else {
            out.line("criteria:")
            for criterion in set.criteria { writeCriterion(criterion, into: &out) }
        }
        return out.text
    }

    private static func writeScoring(_ scoring: Scoring, into out: inout YAMLBuilder) {
        out.line("scoring:")
        switch scoring {
        case .points(let rules):
            out.line("  style: points")
            if rules.grades.isEmpty {
                out.line("  grades: []")
            } else {
                out.line("  grades:")
                for grade in rules.grades {
                    out.line("    - {code: \(quote(grade.outcome.code)), label: \(quote(grade.outcome.label)), min_total: \(number(grade.minTotal))}")
                }
            }
            out.line("  fail: {code: \(quote(rules.fail.code)), label: \(quote(rules.fail.label))}")
            if let floor = rules.minPerItem { out.line("  min_per_item: \(number(floor))") }
        case .levels(let rules):
            out.line("  style: levels")
            out.line("  levels:")
            for level in rules.levels { out.line("    - {code: \(quote(level.code)), label: \(quote(level.label))}") }
            out.line("  fail: {code: \(quote(rules.fail.code)), label: \(quote(rules.fail.label))}")
        }
    }

    private static func writeCriterion(_ criterion: Criterion, into out: inout YAMLBuilder) {
        out.line("  - id: \(quote(criterion.id))")
        out.line("    name: \(quote(criterion.name))")
        if criterion.status != .verified { out.line("    status: \(criterion.status.rawValue)") }
        if let note = criterion.note { out.line("    note: \(quote(note))") }
        if let points = criterion.points { out.line("    points: \(number(points))") }
        if let minimum = criterion.minPoints { out.line("    min_points: \(number(minimum))") }
        if criterion.items.isEmpty {
            out.line("    items: []")
            return
        }
        out.line("    items:")
        for item in criterion.items { writeItem(item, into: &out) }
    }

    private static func writeItem(_ item: Item, into out: inout YAMLBuilder) {
        out.line("      - id: \(quote(item.id))")
        if let text = item.text { out.line("        text: \(quote(text))") }
        if item.status != .verified { out.line("        status: \(item.status.rawValue)") }
        switch item.answer {
        case .points(let max, let min):
            out.line("        points: \(number(max))")
            if let min { out.line("        min_points: \(number(min))") }
        case .check(let requiredAt):
            out.line("        answer: check")
            if !requiredAt.isEmpty { out.line("        require: [\(requiredAt.map(quote).joined(separator: ", "))]") }
        case .number(let rule):
            out.line("        answer: number")
            writeRule(rule, into: &out)
        case .measure(let name, let rule):
            out.line("        answer: measure")
            out.line("        measure: \(quote(name))")
            writeRule(rule, into: &out)
        }
        if item.mandatory { out.line("        mandatory: true") }
        if !item.evidence.isEmpty {
            out.line("        evidence:")
            for evidence in item.evidence { out.line("          - \(quote(evidence))") }
        }
        if !item.appliesTo.isEmpty { out.line("        applies_to: [\(item.appliesTo.map(quote).joined(separator: ", "))]") }
        if !item.exceptFor.isEmpty { out.line("        except_for: [\(item.exceptFor.map(quote).joined(separator: ", "))]") }
        if let note = item.note { out.line("        note: \(quote(note))") }
    }

    private static func writeRule(_ rule: NumberRule, into out: inout YAMLBuilder) {
        out.line("        unit: \(rule.unit.rawValue)")
        out.line("        range: {min: \(number(rule.range.lowerBound)), max: \(number(rule.range.upperBound))}")
        out.line("        require: {\(minimums(rule.minimum))}")
        if !rule.classMinimum.isEmpty {
            out.line("        class_require:")
            for areaClass in rule.classMinimum.keys.sorted() {
                out.line("          \(quote(areaClass)): {\(minimums(rule.classMinimum[areaClass] ?? [:]))}")
            }
        }
    }

    private static func minimums(_ values: [String: Double]) -> String {
        values.keys.sorted().map { "\(quote($0)): \(number(values[$0]!))" }.joined(separator: ", ")
    }

    /// A double-quoted YAML string with the escapes YAML defines.
    static func quote(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// Integers without a decimal point; other numbers in the shortest form that reads back exactly.
    static func number(_ value: Double) -> String {
        if value.rounded() == value && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

/// Accumulates lines of YAML.
struct YAMLBuilder {
    private(set) var text = ""
    mutating func line(_ content: String) {
        text += content + "\n"
    }
}
