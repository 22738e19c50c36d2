/// A programme plan (QĐ 387/QĐ-TTg, QĐ 677/QĐ-TTg, a province's kế hoạch): the targets it sets
/// for each indicator and year, with where each figure comes from.
public struct PlanDraft: Hashable, Sendable {
    public var code: String
    public var name: String
    public var documentNumber: String
    public var documentDate: Day?
    public var issuer: String
    /// The province the plan binds, or `nil` for a national plan.
    public var provinceID: Int64?
    public var fromYear: Int
    public var toYear: Int
    public var provenance: String
    public var targets: [PlanTarget]

    public init(code: String, name: String, documentNumber: String, documentDate: Day?, issuer: String, provinceID: Int64?,
                fromYear: Int, toYear: Int, provenance: String, targets: [PlanTarget]) {
        self.code = code
        self.name = name
        self.documentNumber = documentNumber
        self.documentDate = documentDate
        self.issuer = issuer
        self.provinceID = provinceID
        self.fromYear = fromYear
        self.toYear = toYear
        self.provenance = provenance
        self.targets = targets
    }

    /// The programme runs 2021–2030; plans may look a little beyond.
    public static let years = 2021...2035

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        let slug = code.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
        if code.count < 3 || code.count > 64 || !slug { problems.append(("code", "Mã kế hoạch gồm chữ thường không dấu, số và dấu -, dài 3–64 ký tự.")) }
        if VietnameseText.normalized(name).isEmpty { problems.append(("name", "Tên kế hoạch không được để trống.")) }
        if VietnameseText.normalized(documentNumber).isEmpty { problems.append(("documentNumber", "Ghi số hiệu văn bản (ví dụ 387/QĐ-TTg).")) }
        if VietnameseText.normalized(issuer).isEmpty { problems.append(("issuer", "Ghi cơ quan ban hành.")) }
        if !Self.years.contains(fromYear) || !Self.years.contains(toYear) || fromYear > toYear {
            problems.append(("years", "Giai đoạn phải nằm trong \(Self.years.lowerBound)–\(Self.years.upperBound), năm đầu không sau năm cuối."))
        }
        var seen: Set<PlanTarget.Key> = []
        for (index, target) in targets.enumerated() {
            let field = "targets[\(index)]"
            if !(fromYear...max(fromYear, toYear)).contains(target.year) {
                problems.append((field, "Năm \(target.year) của chỉ tiêu \(target.indicator.label) nằm ngoài giai đoạn \(fromYear)–\(toYear)."))
            }
            if let percent = target.percent, !(0...100).contains(percent) || !percent.isFinite {
                problems.append((field, "Chỉ tiêu \(target.indicator.label) năm \(target.year) phải từ 0 đến 100 %, không phải \(VietnameseFormat.decimal(percent)) %."))
            }
            if !seen.insert(target.key).inserted {
                problems.append((field, "Chỉ tiêu \(target.indicator.label) năm \(target.year)\(target.areaClass.map { " (\($0.label))" } ?? "") ghi hai lần."))
            }
        }
        return problems
    }

    /// Targets this plan shares with `other` (same binding area, indicator, year and class):
    /// two plans may not both set them.
    public func overlaps(with other: PlanDraft) -> [PlanTarget.Key] {
        guard other.provinceID == provinceID, other.code != code else { return [] }
        let theirs = Set(other.targets.map(\.key))
        return targets.map(\.key).filter { theirs.contains($0) }
    }
}

/// One target of a plan: a percentage for an indicator, a year and optionally a class of areas.
public struct PlanTarget: Hashable, Sendable {
    public var indicator: TargetIndicator
    public var year: Int
    public var areaClass: AreaClass?
    /// The target in percent, or `nil` while the figure is not known (to be completed by an administrator).
    public var percent: Double?
    public var status: SourceStatus
    public var note: String?

    public init(indicator: TargetIndicator, year: Int, areaClass: AreaClass? = nil, percent: Double?, status: SourceStatus, note: String? = nil) {
        self.indicator = indicator
        self.year = year
        self.areaClass = areaClass
        self.percent = percent
        self.status = status
        self.note = note
    }

    public struct Key: Hashable, Sendable {
        public var indicator: TargetIndicator
        public var year: Int
        public var areaClass: AreaClass?
    }

    public var key: Key { Key(indicator: indicator, year: year, areaClass: areaClass) }
}

/// Which target binds an area in a year: a province's own plan before the national one, a
/// target for a class the area belongs to before the general one, and the year's own target or,
/// between milestones, the next one the plan sets (2026 works towards the 2030 target).
public enum TargetResolution {
    public struct Candidate: Sendable {
        public var planCode: String
        public var planName: String
        /// `nil` for a national plan.
        public var provinceID: Int64?
        public var target: PlanTarget

        public init(planCode: String, planName: String, provinceID: Int64?, target: PlanTarget) {
            self.planCode = planCode
            self.planName = planName
            self.provinceID = provinceID
            self.target = target
        }
    }

    public static func resolve(_ candidates: [Candidate], indicator: ProgressIndicator, year: Int, provinceID: Int64?,
                               classes: Set<AreaClass>) -> Candidate? {
        resolve(candidates, indicator: .title(indicator), year: year, provinceID: provinceID, classes: classes)
    }

    public static func resolve(_ candidates: [Candidate], indicator: TargetIndicator, year: Int, provinceID: Int64?,
                               classes: Set<AreaClass>) -> Candidate? {
        let matching = candidates.filter {
            $0.target.indicator == indicator && $0.target.year >= year && $0.target.percent != nil
                && ($0.provinceID == nil || $0.provinceID == provinceID)
                && ($0.target.areaClass.map(classes.contains) ?? true)
        }
        // Province plan first, then the nearest year, then a class-specific target first.
        return matching.min { lhs, rhs in
            let left = (lhs.provinceID == nil ? 1 : 0, lhs.target.year, lhs.target.areaClass == nil ? 1 : 0)
            let right = (rhs.provinceID == nil ? 1 : 0, rhs.target.year, rhs.target.areaClass == nil ? 1 : 0)
            return left < right
        }
    }
}

/// A straight line through a trend, to say where it leads by 2025 and 2030.
public enum TrendProjection {
    /// Least-squares line through `(year, percent)` points, evaluated at `year` and kept within
    /// 0–100; `nil` with fewer than two distinct years.
    public static func project(_ points: [(year: Int, percent: Double)], to year: Int) -> Double? {
        let years = Set(points.map(\.year))
        guard years.count >= 2 else { return nil }
        let n = Double(points.count)
        let meanX = points.map { Double($0.year) }.reduce(0, +) / n
        let meanY = points.map(\.percent).reduce(0, +) / n
        let sxx = points.map { (Double($0.year) - meanX) * (Double($0.year) - meanX) }.reduce(0, +)
        let sxy = points.map { (Double($0.year) - meanX) * ($0.percent - meanY) }.reduce(0, +)
        let slope = sxy / sxx
        return min(100, max(0, meanY + slope * (Double(year) - meanX)))
    }
}
