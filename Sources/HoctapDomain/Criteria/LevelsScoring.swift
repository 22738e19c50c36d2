/// The levels style: each applicable item is met or not at each level; a level is reached when
/// every applicable item meets it and the level below is reached too.
struct LevelsScoring {
    let criteriaSet: CriteriaSet
    let rules: LevelRules
    let input: ScoringInput

    var classes: Set<String> { Set(input.areaClasses) }

    /// The value an item has now: 1/0 for checks, the number or the measure otherwise.
    func value(of item: Item) -> (value: Double?, source: String) {
        switch item.answer {
        case .check:
            guard case .bool(let met)? = input.items[item.id] else { return (nil, "missing") }
            return (met ? 1 : 0, "answer")
        case .number:
            guard case .number(let value)? = input.items[item.id] else { return (nil, "missing") }
            return (value, "answer")
        case .measure(let name, _):
            guard let value = input.measures[name]?.value else { return (nil, "missing") }
            return (value, "measure")
        case .points:
            return (nil, "missing")
        }
    }

    /// What `level` asks of `item`: a least value, or nothing.
    func requirement(of item: Item, at level: String) -> Double? {
        switch item.answer {
        case .check(let requiredAt):
            return requiredAt.isEmpty || requiredAt.contains(level) ? 1 : nil
        case .number(let rule), .measure(_, let rule):
            // A level without its own value inherits the nearest lower level's.
            var candidate: Double?
            for code in rules.levels.map(\.code) {
                if let value = rule.requiredMinimum(at: code, classes: classes) { candidate = value }
                if code == level { break }
            }
            return candidate
        case .points:
            return nil
        }
    }

    func meets(_ item: Item, at level: String) -> Bool {
        guard item.applies(to: input.subjectKind) else { return true }
        guard let required = requirement(of: item, at: level) else { return true }
        guard let value = value(of: item).value else { return false }
        return value + 1e-12 >= required
    }

    func result(reference: ScoreResult.SetReference, officialUse: ScoreResult.OfficialUse) -> ScoreResult {
        let codes = rules.levels.map(\.code)
        var reached = 0
        for level in codes {
            guard criteriaSet.items.allSatisfy({ meets($0, at: level) }) else { break }
            reached += 1
        }
        let verdict: ScoreResult.Verdict = reached == 0
            ? .init(code: rules.fail.code, label: rules.fail.label, rank: 0, determined: true)
            : .init(code: rules.levels[reached - 1].code, label: rules.levels[reached - 1].label, rank: reached, determined: true)

        let criteria = criteriaSet.criteria.map { criterion -> ScoreResult.CriterionResult in
            let items = criterion.items.map { item -> ScoreResult.ItemResult in
                let applicable = item.applies(to: input.subjectKind)
                let (value, source) = value(of: item)
                return ScoreResult.ItemResult(id: item.id, applicable: applicable, value: applicable ? value : nil, maxPoints: nil,
                                              metLevels: applicable ? codes.filter { meets(item, at: $0) } : codes,
                                              source: applicable ? source : "not-applicable")
            }
            return ScoreResult.CriterionResult(id: criterion.id, name: criterion.name, points: nil, maxPoints: nil,
                                               metLevels: codes.filter { level in criterion.items.allSatisfy { meets($0, at: level) } },
                                               items: items)
        }

        var failures: [ScoreResult.Failure] = []
        var next: ScoreResult.NextStep?
        if reached < codes.count {
            let target = rules.levels[reached]
            var changes: [ScoreResult.Change] = []
            for item in criteriaSet.items where !meets(item, at: target.code) {
                let required = requirement(of: item, at: target.code) ?? 1
                let (current, _) = value(of: item)
                let message = describe(item, current: current, required: required, target: target)
                failures.append(.init(rule: current == nil && isMeasure(item) ? "missing_measure" : "level_requirement",
                                      ref: item.id, target: target.code, message: message))
                changes.append(.init(item: item.id, from: current, to: required, message: message))
            }
            next = ScoreResult.NextStep(target: target, changes: changes,
                                        message: "Để đạt \(target.label): cần đạt thêm \(changes.count) chỉ tiêu.")
        }
        return ScoreResult(set: reference, style: "levels", verdict: verdict, total: nil, maxTotal: nil, criteria: criteria,
                           failures: failures, next: next, officialUse: officialUse)
    }

    func isMeasure(_ item: Item) -> Bool {
        if case .measure = item.answer { return true }
        return false
    }

    func describe(_ item: Item, current: Double?, required: Double, target: Outcome) -> String {
        switch item.answer {
        case .check:
            return "Chỉ tiêu \(item.id) chưa đạt\(current == nil ? " (chưa đánh giá)" : "")" + (item.text.map { ": \($0)" } ?? ".")
        case .number(let rule):
            let now = current.map { ScoringEngine.display($0, unit: rule.unit) } ?? "chưa có"
            return "Chỉ tiêu \(item.id): hiện \(now), cần từ \(ScoringEngine.display(required, unit: rule.unit)) để đạt \(target.label)."
        case .measure(let name, let rule):
            let label = MeasureCatalog.measure(named: name)?.label ?? name
            guard let current else { return "Chỉ tiêu \(item.id): chưa có số liệu \"\(label)\"." }
            return "Chỉ tiêu \(item.id) (\(label)): hiện \(ScoringEngine.display(current, unit: rule.unit)), cần từ \(ScoringEngine.display(required, unit: rule.unit)) để đạt \(target.label)."
        case .points:
            return "Chỉ tiêu \(item.id) chưa đạt."
        }
    }
}
