import Foundation
import HoctapDomain

/// The provinces and communes a synthetic country is built on: the real lists when given,
/// otherwise a generated list of the same shape (34 provinces, 3,321 communes).
public struct CountryShape: Sendable {
    public struct Province: Sendable {
        public var code: String
        public var name: String
        /// Relative number of households (the 2024 estimate of `households.csv`, or 1).
        public var weight: Double
        public var communes: [Commune]

        public init(code: String, name: String, weight: Double, communes: [Commune]) {
            self.code = code
            self.name = name
            self.weight = weight
            self.communes = communes
        }
    }

    public struct Commune: Sendable {
        public var code: String
        public var name: String
        public var isWard: Bool

        public init(code: String, name: String, isWard: Bool) {
            self.code = code
            self.name = name
            self.isWard = isWard
        }
    }

    public var provinces: [Province]

    public init(provinces: [Province]) { self.provinces = provinces }

    /// A made-up country with the real one's counts, for machines without the official lists.
    public static func synthetic(provinces count: Int = 34, communes total: Int = 3_321) -> CountryShape {
        var provinces: [Province] = []
        var next = 1
        for index in 0..<count {
            let share = total / count + (index < total % count ? 1 : 0)
            let communes = (0..<share).map { offset -> Commune in
                defer { next += 1 }
                return Commune(code: String(format: "%05d", next), name: "Mẫu \(next)", isWard: offset % 4 == 0)
            }
            provinces.append(Province(code: String(format: "%02d", index + 1), name: "Mẫu \(index + 1)", weight: 1, communes: communes))
        }
        return CountryShape(provinces: provinces)
    }
}

/// What `hoctap generate` makes, and how much of it.
public struct GeneratorOptions: Sendable {
    public var households: Int
    public var seed: UInt64
    /// Years with paper results, and per model the share of subjects with one each year.
    public var resultYears: ClosedRange<Int>?
    public var resultShares: [LearningModel: Double]
    /// Share of the results that are recognitions.
    public var recognisedShare: Double

    /// `resultShare` applies to every model that `resultShares` does not name.
    public init(households: Int, seed: UInt64 = 2026, resultYears: ClosedRange<Int>? = 2025...2025, resultShare: Double = 0.7,
                resultShares: [LearningModel: Double] = [:], recognisedShare: Double = 0.8) {
        self.households = households
        self.seed = seed
        self.resultYears = resultYears
        self.resultShares = Dictionary(uniqueKeysWithValues: LearningModel.allCases.map { ($0, resultShares[$0] ?? resultShare) })
        self.recognisedShare = recognisedShare
    }
}

/// Where generated rows go (the command writes them to CSV files).
public protocol GeneratedRows {
    mutating func village(_ fields: [String]) throws
    mutating func member(_ fields: [String]) throws
    mutating func result(_ fields: [String]) throws
    mutating func unit(_ fields: [String]) throws
    mutating func citizen(_ fields: [String]) throws
    mutating func clan(_ fields: [String]) throws
}

/// A deterministic synthetic country: households spread over provinces in proportion to their
/// weight, over communes with some variation, into villages of about 280 households (the
/// national average: 28.1 million households in about 100,000 villages); members, names, ages
/// and schooling drawn from fixed tables with a seeded generator, so the same seed gives the
/// same files. Rows stream out one household at a time: memory does not grow with the size.
public struct CountryGenerator: Sendable {
    public static let villageColumns = ["commune_code", "code", "name", "kind"]
    public static let householdColumns = ["village", "household", "address", "full_name", "relation", "birth_year", "sex", "schooling", "literate", "studying"]
    public static let resultColumns = ["year", "model", "commune", "village", "subject", "household", "verdict", "decision_number", "decided_on"]
    public static let unitColumns = ["commune", "village", "name", "kind", "staff_count"]
    public static let citizenColumns = ["commune", "village", "full_name", "target_group", "birth_year", "sex"]
    public static let clanColumns = ["commune", "village", "clan", "head_name", "household"]
    /// Households per village on average in the country.
    static let householdsPerVillage = 281.0

    let shape: CountryShape
    let options: GeneratorOptions

    public init(shape: CountryShape, options: GeneratorOptions) {
        self.shape = shape
        self.options = options
    }

    /// Emits every village, member and result; `progress` is told the households done so far.
    public func generate(into sink: inout some GeneratedRows, progress: (Int) -> Void = { _ in }) throws {
        let totalWeight = shape.provinces.reduce(0) { $0 + $1.weight }
        var done = 0
        var cumulativeWeight = 0.0
        for province in shape.provinces {
            let before = Int((cumulativeWeight / totalWeight * Double(options.households)).rounded())
            cumulativeWeight += province.weight
            let after = Int((cumulativeWeight / totalWeight * Double(options.households)).rounded())
            var random = SplitMix64(seed: options.seed ^ UInt64(province.code.hashValueStable))
            let communeWeights = province.communes.map { _ in 0.5 + random.nextDouble() }
            for (commune, count) in zip(province.communes, Self.split(after - before, weights: communeWeights)) {
                try generate(commune: commune, households: count, random: &random, into: &sink)
                done += count
                progress(done)
            }
        }
    }

    private func generate(commune: CountryShape.Commune, households: Int, random: inout SplitMix64, into sink: inout some GeneratedRows) throws {
        let villages = max(1, min(60, Int((Double(households) / Self.householdsPerVillage).rounded())))
        let kind = commune.isWard ? AreaKind.toDanPho : AreaKind.thon
        let perVillage = Self.split(households, weights: Array(repeating: 1, count: villages))
        for (index, count) in perVillage.enumerated() {
            let local = String(format: "%02d", index + 1)
            let villageCode = "\(commune.code)-\(local)"
            try sink.village([commune.code, local, "\(index + 1)", kind.rawValue])
            for number in 1...max(1, count) where count > 0 {
                try household(village: villageCode, number: number, random: &random, into: &sink)
            }
        }
        // Units, citizens and clans draw from their own stream, so that households stay the
        // same for a seed whatever else is generated; their results from yet another.
        var others = SplitMix64(seed: options.seed ^ commune.code.hashValueStable ^ 0x5EED)
        var outcomes = SplitMix64(seed: options.seed ^ commune.code.hashValueStable ^ 0xE5E5)
        for index in perVillage.indices {
            try results(.communityVillage, commune: commune.code, village: "\(commune.code)-\(String(format: "%02d", index + 1))", random: &outcomes, into: &sink)
        }
        try results(.communityCommune, commune: commune.code, random: &outcomes, into: &sink)
        try subjects(commune: commune, perVillage: perVillage, random: &others, outcomes: &outcomes, into: &sink)
    }

    /// A subject's paper results, one per year drawn at the model's share: families by their
    /// household code, villages by theirs, clans, units and citizens by name in the commune.
    private func results(_ model: LearningModel, commune: String, village: String = "", subject: String = "", household: String = "",
                         random: inout SplitMix64, into sink: inout some GeneratedRows) throws {
        guard let years = options.resultYears, let share = options.resultShares[model], share > 0 else { return }
        let number = Int(commune)! % 900 + 1
        for year in years where random.nextDouble() < share {
            let recognised = random.nextDouble() < options.recognisedShare
            try sink.result([String(year), model.rawValue, model == .family ? "" : commune, village, subject, household,
                             recognised ? "Công nhận" : "Không công nhận", recognised ? "\(number)/QĐ-UBND" : "",
                             recognised ? "\(year)-12-\(15 + number % 14)" : ""])
        }
    }

    /// A commune's units (a school per level, the commune's agencies, some enterprises), its
    /// learning citizens (about one per twenty households: officials, workers, students) and a
    /// clan or two per village gathering households of the same family name.
    private func subjects(commune: CountryShape.Commune, perVillage: [Int], random: inout SplitMix64, outcomes: inout SplitMix64,
                          into sink: inout some GeneratedRows) throws {
        let households = perVillage.reduce(0, +)
        guard households > 0 else { return }
        let units: [(String, UnitKind)] = [("Ủy ban nhân dân", .stateAgency), ("Trạm y tế", .publicServiceUnit), ("Trường Tiểu học", .school),
                                           ("Trường Trung học cơ sở", .school), ("Trường Mầm non", .school)]
            + (0..<random.next(upTo: 4)).map { ("Hợp tác xã số \($0 + 1)", .enterprise) }
        for (name, kind) in units {
            try sink.unit([commune.code, "", "\(name) \(commune.name)", kind.label, String(8 + random.next(upTo: 60))])
            try results(.unit, commune: commune.code, subject: "\(name) \(commune.name)", random: &outcomes, into: &sink)
        }
        // Citizens' results name them; a name twice in a village could not say whose it is.
        var citizens: [(village: String, name: String)] = []
        for index in 0..<max(1, households / 20) {
            let village = String(format: "%02d", index % perVillage.count + 1)
            let male = random.nextDouble() < 0.5
            let name = "\(Self.familyNames[random.pick(weights: Self.familyWeights)]) "
                + (male ? Self.maleMiddle[random.next(upTo: Self.maleMiddle.count)] : Self.femaleMiddle[random.next(upTo: Self.femaleMiddle.count)]) + " "
                + (male ? Self.maleGiven[random.next(upTo: Self.maleGiven.count)] : Self.femaleGiven[random.next(upTo: Self.femaleGiven.count)])
            let group = TargetGroup.allCases[random.pick(weights: [5, 3, 1, 1])]
            let born = group == .student ? 2004 + random.next(upTo: 6) : 1966 + random.next(upTo: 40)
            try sink.citizen([commune.code, village, name, group.label, String(born), male ? "Nam" : "Nữ"])
            citizens.append((village, name))
        }
        let repeated = Dictionary(grouping: citizens, by: { "\($0.village) \(VietnameseText.fold($0.name))" }).filter { $0.value.count > 1 }
        for citizen in citizens where repeated["\(citizen.village) \(VietnameseText.fold(citizen.name))"] == nil {
            try results(.citizen, commune: commune.code, village: citizen.village, subject: citizen.name, random: &outcomes, into: &sink)
        }
        for (index, count) in perVillage.enumerated() where count >= 10 {
            let village = String(format: "%02d", index + 1)
            for clan in 0..<(1 + random.next(upTo: 2)) {
                let family = Self.familyNames[random.pick(weights: Self.familyWeights)]
                let head = "\(family) \(Self.maleMiddle[random.next(upTo: Self.maleMiddle.count)]) \(Self.maleGiven[random.next(upTo: Self.maleGiven.count)])"
                // Distinct household numbers: consecutive ones from a random start, wrapping round.
                let size = 5 + random.next(upTo: min(20, count / 2))
                let start = random.next(upTo: count)
                let name = "Họ \(family) thôn \(index + 1) chi \(clan + 1)"
                for member in 0..<size {
                    let number = (start + member) % count + 1
                    try sink.clan([commune.code, village, name, member == 0 ? head : "", "\(commune.code)-\(village)-\(String(format: "%04d", number))"])
                }
                try results(.clan, commune: commune.code, village: village, subject: name, random: &outcomes, into: &sink)
            }
        }
    }

    private func household(village: String, number: Int, random: inout SplitMix64, into sink: inout some GeneratedRows) throws {
        let size = Self.sizes[random.pick(weights: Self.sizeWeights)]
        let family = Self.familyNames[random.pick(weights: Self.familyWeights)]
        let headMale = random.nextDouble() < 0.78
        let headBorn = 1945 + random.next(upTo: 56)
        var members: [(relation: HouseholdRelation, male: Bool, born: Int, family: String)] = [(.head, headMale, headBorn, family)]
        if size >= 2 && random.nextDouble() < 0.85 {
            members.append((.spouse, !headMale, headBorn + random.next(upTo: 9) - 4, Self.familyNames[random.pick(weights: Self.familyWeights)]))
        }
        while members.count < size {
            let born = min(2025, headBorn + 20 + random.next(upTo: 21))
            let relation: HouseholdRelation = born - headBorn > 40 ? .grandchild : (members.count == size - 1 && headBorn > 1975 && random.nextDouble() < 0.3 ? .parent : .child)
            let year = relation == .parent ? headBorn - 22 - random.next(upTo: 10) : born
            members.append((relation, random.nextDouble() < 0.5, year, relation == .parent ? Self.familyNames[random.pick(weights: Self.familyWeights)] : family))
        }
        let address = "Số \(number)"
        for (index, member) in members.enumerated() {
            let middle = member.male ? Self.maleMiddle[random.next(upTo: Self.maleMiddle.count)] : Self.femaleMiddle[random.next(upTo: Self.femaleMiddle.count)]
            let given = member.male ? Self.maleGiven[random.next(upTo: Self.maleGiven.count)] : Self.femaleGiven[random.next(upTo: Self.femaleGiven.count)]
            let age = 2026 - member.born
            let schooling = Self.schooling(age: age, draw: random.nextDouble())
            try sink.member([village, String(number), index == 0 ? address : "", "\(member.family) \(middle) \(given)", member.relation.label,
                             String(member.born), member.male ? "Nam" : "Nữ", schooling.label, age >= 15 ? (random.nextDouble() < 0.97 ? "Có" : "Không") : "",
                             (6...22).contains(age) ? "Có" : ""])
        }
        try results(.family, commune: String(village.prefix { $0 != "-" }), household: "\(village)-\(String(format: "%04d", number))", random: &random, into: &sink)
    }

    static func schooling(age: Int, draw: Double) -> Schooling {
        switch age {
        case ..<3: .none
        case 3..<6: .preschool
        case 6..<11: .primary
        case 11..<15: .lowerSecondary
        case 15..<18: .upperSecondary
        default:
            draw < 0.04 ? .none : draw < 0.20 ? .primary : draw < 0.48 ? .lowerSecondary : draw < 0.75 ? .upperSecondary
                : draw < 0.85 ? .vocational : draw < 0.90 ? .college : draw < 0.99 ? .university : .postgraduate
        }
    }

    /// Splits `total` into parts proportional to `weights` that add up to `total` exactly.
    static func split(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        var parts: [Int] = []
        var cumulative = 0.0
        var previous = 0
        for weight in weights {
            cumulative += weight
            let upTo = Int((cumulative / sum * Double(total)).rounded())
            parts.append(upTo - previous)
            previous = upTo
        }
        return parts
    }

    static let sizes = [1, 2, 3, 4, 5, 6, 7]
    static let sizeWeights = [10.0, 20, 22, 25, 13, 6, 4]
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lò", "Hà", "Lương"]
    static let familyWeights = [38.0, 11, 9.5, 7, 5.1, 2.1, 4.5, 3.9, 1.5, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 0.6, 0.4, 0.6, 0.4]
    static let maleMiddle = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Công", "Thành", "Xuân"]
    static let femaleMiddle = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Hồng", "Kim"]
    static let maleGiven = ["An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Thắng", "Tuấn", "Việt"]
    static let femaleGiven = ["Anh", "Bích", "Chi", "Dung", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Oanh", "Phương", "Thảo", "Trang", "Yến"]
}

/// SplitMix64: tiny, fast and the same on every platform, so a seed always makes the same country.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func next(upTo bound: Int) -> Int { Int(next() % UInt64(bound)) }

    mutating func pick(weights: [Double]) -> Int {
        var draw = nextDouble() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            draw -= weight
            if draw < 0 { return index }
        }
        return weights.count - 1
    }
}

extension String {
    /// A hash that does not change between runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
