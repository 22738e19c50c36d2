/// The points style: totals per criterion and overall, floors, grades by band, and the fewest
/// item changes that reach the next grade.
struct PointsScoring {
    let criteriaSet: CriteriaSet
    let rules: PointsRules
    let input: ScoringInput

    /// An applicable item with its points now and its bounds.
    struct Line {
        var id: String
        var criterion: String
        var value: Double
        var max: Double
        var floor: Double?
    }

    var lines: [Line] {
        criteriaSet.criteria.flatMap { criterion in
            criterion.items.compactMap { item -> Line? in
                guard item.applies(to: input.subjectKind), case .points(let max, let min) = item.answer else { return nil }
                var value = 0.0
                if case .number(let answered)? = input.items[item.id] { value = answered }
                let floor = [min, rules.minPerItem].compactMap { $0 }.max()
                return Line(id: item.id, criterion: criterion.id, value: value, max: max, floor: floor)
            }
        }
    }

    func result(reference: ScoreResult.SetReference, officialUse: ScoreResult.OfficialUse) -> ScoreResult {
        let lines = self.lines
        let values = Dictionary(lines.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        let criteria = criteriaSet.criteria.map { criterion -> ScoreResult.CriterionResult in
            let items = criterion.items.map { item -> ScoreResult.ItemResult in
                let applicable = item.applies(to: input.subjectKind)
                return ScoreResult.ItemResult(
                    id: item.id, applicable: applicable, value: applicable ? values[item.id] : nil, maxPoints: item.maxPoints,
                    metLevels: nil,
                    source: !applicable ? "not-applicable" : input.items[item.id] == nil ? "missing" : "answer")
            }
            let applicable = items.filter(\.applicable)
            return ScoreResult.CriterionResult(
                id: criterion.id, name: criterion.name, points: applicable.reduce(0) { $0 + ($1.value ?? 0) },
                maxPoints: criterion.items.isEmpty ? criterion.points : applicable.reduce(0) { $0 + ($1.maxPoints ?? 0) },
                metLevels: nil, items: items)
        }
        let total = lines.reduce(0) { $0 + $1.value }
        let maxTotal = lines.reduce(0) { $0 + $1.max }
        let failures = floorFailures(lines)
        let (verdict, grade) = self.verdict(total: total, floorsHold: failures.isEmpty)
        var allFailures = failures
        if rules.grades.isEmpty {
            allFailures.append(.init(rule: "no_thresholds", ref: nil, target: nil,
                                     message: "Bộ tiêu chí chưa có ngưỡng xếp loại nên chưa kết luận được (tổng \(CriteriaSetValidator.format(total)) điểm)."))
        } else if let next = nextGrade(after: grade), total < next.minTotal {
            allFailures.append(.init(rule: "min_total", ref: nil, target: next.outcome.code,
                                     message: "Tổng \(CriteriaSetValidator.format(total)) điểm, cần từ \(CriteriaSetValidator.format(next.minTotal)) để đạt \(next.outcome.label)."))
        }
        return ScoreResult(set: reference, style: "points", verdict: verdict, total: total, maxTotal: maxTotal,
                           criteria: criteria, failures: allFailures, next: nextStep(lines: lines, current: grade),
                           officialUse: officialUse)
    }

    /// Floors that do not hold: per item (and the set's minimum per item) and per criterion.
    func floorFailures(_ lines: [Line]) -> [ScoreResult.Failure] {
        var failures: [ScoreResult.Failure] = []
        for line in lines {
            if let floor = line.floor, line.value < floor {
                failures.append(.init(rule: rules.minPerItem == floor ? "min_per_item" : "item_min", ref: line.id, target: nil,
                                      message: "Nội dung \(line.id) được \(CriteriaSetValidator.format(line.value)) điểm, dưới mức tối thiểu \(CriteriaSetValidator.format(floor)) điểm."))
            }
        }
        for criterion in criteriaSet.criteria {
            guard let minimum = criterion.minPoints else { continue }
            let sum = lines.filter { $0.criterion == criterion.id }.reduce(0) { $0 + $1.value }
            if sum < minimum {
                failures.append(.init(rule: "criterion_min", ref: criterion.id, target: nil,
                                      message: "Tiêu chí \(criterion.id) được \(CriteriaSetValidator.format(sum)) điểm, dưới mức tối thiểu \(CriteriaSetValidator.format(minimum)) điểm."))
            }
        }
        return failures
    }

    /// The best grade the total reaches when every floor holds.
    func verdict(total: Double, floorsHold: Bool) -> (ScoreResult.Verdict, PointsRules.Grade?) {
        guard !rules.grades.isEmpty else {
            return (.init(code: "chua-xac-dinh", label: "Chưa xác định (thiếu ngưỡng xếp loại)", rank: 0, determined: false), nil)
        }
        guard floorsHold, let index = rules.grades.firstIndex(where: { total >= $0.minTotal }) else {
            return (.init(code: rules.fail.code, label: rules.fail.label, rank: 0, determined: true), nil)
        }
        let grade = rules.grades[index]
        return (.init(code: grade.outcome.code, label: grade.outcome.label, rank: rules.grades.count - index, determined: true), grade)
    }

    func nextGrade(after current: PointsRules.Grade?) -> PointsRules.Grade? {
        guard let current else { return rules.grades.last }
        guard let index = rules.grades.firstIndex(of: current), index > 0 else { return nil }
        return rules.grades[index - 1]
    }

    /// The fewest item changes that reach the next grade.
    ///
    /// Every broken floor must be fixed, so those items always change. Among the other items the
    /// smallest group that, raised to their maxima, satisfies the criterion floors and the
    /// target's total is found by exhaustive search (sets have at most a few dozen items, and the
    /// search stops at the first size that works); beyond 16 items a greedy choice by largest
    /// room is used instead. The chosen items are then raised only as far as needed. When fixing
    /// the floors alone reaches a higher grade than the next one, that grade is the target.
    func nextStep(lines: [Line], current: PointsRules.Grade?) -> ScoreResult.NextStep? {
        guard !rules.grades.isEmpty else { return nil }
        let forced = Set(lines.indices.filter { index in lines[index].floor.map { floor in lines[index].value < floor } ?? false })
        var target = nextGrade(after: current)
        if current == nil {
            let floorsFixedTotal = lines.reduce(0) { $0 + max($1.value, $1.floor ?? 0) }
            if let reached = rules.grades.first(where: { floorsFixedTotal >= $0.minTotal }) { target = reached }
        }
        guard let target, let chosen = smallestGroup(lines: lines, forced: forced, target: target.minTotal) else { return nil }
        let planned = allocate(lines: lines, within: chosen, target: target.minTotal)
        let changes = lines.indices.compactMap { index -> ScoreResult.Change? in
            let line = lines[index]
            guard planned[index] > line.value + 1e-9 else { return nil }
            return ScoreResult.Change(item: line.id, from: line.value, to: planned[index],
                                      message: "Nâng nội dung \(line.id) từ \(CriteriaSetValidator.format(line.value)) lên \(CriteriaSetValidator.format(planned[index])) điểm.")
        }
        let floorsNote = lines.contains { $0.floor != nil } ? " và không nội dung nào dưới mức tối thiểu" : ""
        return ScoreResult.NextStep(
            target: target.outcome, changes: changes,
            message: "Để đạt \(target.outcome.label): thay đổi \(changes.count) nội dung (cần tổng từ \(CriteriaSetValidator.format(target.minTotal)) điểm\(floorsNote)).")
    }

    /// Whether raising the items of `group` to their maxima satisfies every floor and `target`.
    func works(_ group: Set<Int>, lines: [Line], target: Double) -> Bool {
        var total = 0.0
        var byCriterion: [String: Double] = [:]
        for (index, line) in lines.enumerated() {
            let value = group.contains(index) ? line.max : line.value
            if let floor = line.floor, value < floor { return false }
            total += value
            byCriterion[line.criterion, default: 0] += value
        }
        for criterion in criteriaSet.criteria {
            if let minimum = criterion.minPoints, (byCriterion[criterion.id] ?? 0) < minimum - 1e-9 { return false }
        }
        return total >= target - 1e-9
    }

    func smallestGroup(lines: [Line], forced: Set<Int>, target: Double) -> Set<Int>? {
        let free = lines.indices.filter { !forced.contains($0) && lines[$0].max > lines[$0].value + 1e-9 }
        guard works(forced.union(free), lines: lines, target: target) else { return nil }
        guard free.count <= 16 else { return greedyGroup(lines: lines, forced: forced, free: free, target: target) }
        for size in 0...free.count {
            var best: (group: Set<Int>, room: Double)?
            forEachCombination(of: free, size: size) { combination in
                let group = forced.union(combination)
                guard works(group, lines: lines, target: target) else { return }
                let room = combination.reduce(0) { $0 + lines[$1].max - lines[$1].value }
                if best == nil || room > best!.room + 1e-9 { best = (group, room) }
            }
            if let best { return best.group }
        }
        return nil
    }

    /// Adds items by largest room until the group works (large sets only).
    func greedyGroup(lines: [Line], forced: Set<Int>, free: [Int], target: Double) -> Set<Int>? {
        var group = forced
        for index in free.sorted(by: { lines[$0].max - lines[$0].value > lines[$1].max - lines[$1].value }) {
            if works(group, lines: lines, target: target) { return group }
            group.insert(index)
        }
        return works(group, lines: lines, target: target) ? group : nil
    }

    /// The least values for the items of `group`: floors first, then each short criterion, then
    /// the total, each gap filled from the items with the most room.
    func allocate(lines: [Line], within group: Set<Int>, target: Double) -> [Double] {
        var planned = lines.map(\.value)
        for index in group { if let floor = lines[index].floor, planned[index] < floor { planned[index] = floor } }
        func fill(_ candidates: [Int], gap: Double) {
            var remaining = gap
            let ordered = candidates.sorted { left, right in
                let (roomLeft, roomRight) = (lines[left].max - planned[left], lines[right].max - planned[right])
                return roomLeft != roomRight ? roomLeft > roomRight : left < right
            }
            for index in ordered where remaining > 1e-9 {
                let step = min(lines[index].max - planned[index], remaining)
                planned[index] += step
                remaining -= step
            }
        }
        for criterion in criteriaSet.criteria {
            guard let minimum = criterion.minPoints else { continue }
            let members = group.filter { lines[$0].criterion == criterion.id }
            let sum = lines.indices.filter { lines[$0].criterion == criterion.id }.reduce(0) { $0 + planned[$1] }
            if sum < minimum { fill(Array(members), gap: minimum - sum) }
        }
        let total = planned.reduce(0, +)
        if total < target { fill(Array(group), gap: target - total) }
        return planned
    }
}

/// Calls `body` with every subset of `elements` of exactly `size` elements.
func forEachCombination(of elements: [Int], size: Int, _ body: (Set<Int>) -> Void) {
    var chosen: [Int] = []
    func step(_ start: Int) {
        if chosen.count == size {
            body(Set(chosen))
            return
        }
        guard elements.count - start >= size - chosen.count else { return }
        for index in start..<elements.count {
            chosen.append(elements[index])
            step(index + 1)
            chosen.removeLast()
        }
    }
    step(0)
}
