/// What the programme measures beyond recognised titles: whether the movement has its network
/// (centres led with the association, branches and boards), whether officers are trained, and
/// whether learning citizens have digital skills. Each is a share of a count in the area;
/// plans set targets for them like for the titles.
public enum MovementIndicator: String, CaseIterable, Codable, Sendable {
    /// Communes with a community learning centre recorded.
    case communeCentres = "xa-co-tthtcd"
    /// Centres whose management includes the commune association's chair or vice-chair (QĐ 387: 100 % by 2025).
    case centreLeadership = "tthtcd-lanh-dao-hoi"
    /// Villages and residential groups with an association branch that runs the movement.
    case villageBranches = "thon-co-chi-hoi"
    /// Agencies, schools and enterprises with a board (ban khuyến học) that runs the movement.
    case unitBoards = "don-vi-co-ban-khuyen-hoc"
    /// Clans with a board that runs the movement.
    case clanBoards = "dong-ho-co-ban-khuyen-hoc"
    /// Officers and members who have studied the learning-citizen criteria (QĐ 677: 100 % by 2025).
    case membersStudied = "hoi-vien-hoc-tieu-chi"
    /// Commune association officers trained in IT (QĐ 387: 40 % by 2025).
    case officersTrainedIT = "can-bo-hoi-tin-hoc"
    /// Learning-citizen title holders with digital skills (QĐ 677: 70 % by 2025, 90 % by 2030).
    case citizensDigital = "cdht-ky-nang-so"
    /// Proficient title holders among all title holders (one reading of QĐ 677's "trong đó").
    case citizensProficientOfHolders = "cdht-thanh-thao-tren-tong"
    /// Proficient title holders among those with digital skills (the other reading).
    case citizensProficientOfSkilled = "cdht-thanh-thao-tren-ky-nang-so"

    public var label: String {
        switch self {
        case .communeCentres: "Xã có trung tâm học tập cộng đồng"
        case .centreLeadership: "Trung tâm học tập cộng đồng có lãnh đạo Hội Khuyến học xã tham gia quản lý"
        case .villageBranches: "Thôn, tổ dân phố có chi hội khuyến học hoạt động"
        case .unitBoards: "Cơ quan, đơn vị, doanh nghiệp có ban khuyến học hoạt động"
        case .clanBoards: "Dòng họ có ban khuyến học hoạt động"
        case .membersStudied: "Cán bộ, hội viên đã học tập tiêu chí Công dân học tập"
        case .officersTrainedIT: "Cán bộ Hội Khuyến học xã được tập huấn ứng dụng công nghệ thông tin"
        case .citizensDigital: "Công dân học tập có kỹ năng số"
        case .citizensProficientOfHolders: "Công dân học tập sử dụng thành thạo kỹ năng số (trên tổng số công dân học tập)"
        case .citizensProficientOfSkilled: "Công dân học tập sử dụng thành thạo kỹ năng số (trên số có kỹ năng số)"
        }
    }

    /// What the share divides by, as the dashboard explains it.
    public var denominatorLabel: String {
        switch self {
        case .communeCentres: "Số xã, phường, đặc khu"
        case .centreLeadership: "Số trung tâm học tập cộng đồng"
        case .villageBranches: "Số thôn, tổ dân phố"
        case .unitBoards: "Số cơ quan, đơn vị trong sổ theo dõi"
        case .clanBoards: "Số dòng họ trong sổ theo dõi"
        case .membersStudied: "Số cán bộ, hội viên"
        case .officersTrainedIT: "Số cán bộ Hội Khuyến học cấp xã"
        case .citizensDigital, .citizensProficientOfHolders: "Số người đạt Công dân học tập trong năm"
        case .citizensProficientOfSkilled: "Số người đạt Công dân học tập có kỹ năng số"
        }
    }
}

/// What a plan's target names: a title (recognised subjects over a denominator) or a measure of
/// the movement. Stored by its code, which is the code of the one it wraps (the two sets of
/// codes do not overlap, which `allCases` checks in the tests).
public enum TargetIndicator: Hashable, Sendable, CaseIterable, RawRepresentable {
    case title(ProgressIndicator)
    case movement(MovementIndicator)

    public static let allCases: [TargetIndicator] = ProgressIndicator.allCases.map(Self.title) + MovementIndicator.allCases.map(Self.movement)

    public init?(rawValue: String) {
        if let title = ProgressIndicator(rawValue: rawValue) { self = .title(title) } else if let movement = MovementIndicator(rawValue: rawValue) {
            self = .movement(movement)
        } else { return nil }
    }

    public var rawValue: String {
        switch self {
        case .title(let indicator): indicator.rawValue
        case .movement(let indicator): indicator.rawValue
        }
    }

    public var label: String {
        switch self {
        case .title(let indicator): indicator.label
        case .movement(let indicator): indicator.label
        }
    }

    // The titles by their short names, so that plans read as before (`PlanTarget(indicator: .family, …)`).
    public static let family = Self.title(.family)
    public static let clan = Self.title(.clan)
    public static let communityVillage = Self.title(.communityVillage)
    public static let communityCommune = Self.title(.communityCommune)
    public static let unit = Self.title(.unit)
    public static let citizenResident = Self.title(.citizenResident)
    public static let citizenWorker = Self.title(.citizenWorker)
    public static let citizenStaff = Self.title(.citizenStaff)
    public static let citizenStudent = Self.title(.citizenStudent)
}

/// One movement indicator of one area and year: a count over a count, against the target that binds the area.
public struct MovementFigure: Hashable, Sendable {
    public var indicator: MovementIndicator
    public var numerator: Int
    public var denominator: Int
    public var target: Double?
    public var targetPlan: String?
    public var targetYear: Int?

    public init(indicator: MovementIndicator, numerator: Int, denominator: Int, target: Double? = nil, targetPlan: String? = nil, targetYear: Int? = nil) {
        (self.indicator, self.numerator, self.denominator) = (indicator, numerator, denominator)
        (self.target, self.targetPlan, self.targetYear) = (target, targetPlan, targetYear)
    }

    /// In percent; `nil` when there is nothing to divide by.
    public var percent: Double? { denominator > 0 ? Double(numerator) / Double(denominator) * 100 : nil }

    /// How far below the target (positive: behind; negative: ahead).
    public var gap: Double? {
        guard let target, let percent else { return nil }
        return target - percent
    }
}

/// The counts a place's movement indicators are computed from, as the storage layer reads them.
public struct MovementCounts: Hashable, Sendable {
    public var communes = 0, centres = 0, centresLed = 0
    public var villages = 0, villageBranches = 0
    public var units = 0, unitBoards = 0
    public var clans = 0, clanBoards = 0
    public var officersAndMembers = 0, studied = 0
    public var communeOfficers = 0, officersTrainedIT = 0
    public var digital = DigitalSkillCounts()

    public init() {}

    /// Each indicator's numerator and denominator.
    public func figure(_ indicator: MovementIndicator) -> MovementFigure {
        let (numerator, denominator): (Int, Int) = switch indicator {
        case .communeCentres: (centres, communes)
        case .centreLeadership: (centresLed, centres)
        case .villageBranches: (villageBranches, villages)
        case .unitBoards: (unitBoards, units)
        case .clanBoards: (clanBoards, clans)
        case .membersStudied: (studied, officersAndMembers)
        case .officersTrainedIT: (officersTrainedIT, communeOfficers)
        case .citizensDigital: (digital.skilled, digital.holders)
        case .citizensProficientOfHolders: (digital.proficient, digital.holders)
        case .citizensProficientOfSkilled: (digital.proficient, digital.skilled)
        }
        return MovementFigure(indicator: indicator, numerator: numerator, denominator: denominator)
    }

    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.communes += rhs.communes; sum.centres += rhs.centres; sum.centresLed += rhs.centresLed
        sum.villages += rhs.villages; sum.villageBranches += rhs.villageBranches
        sum.units += rhs.units; sum.unitBoards += rhs.unitBoards
        sum.clans += rhs.clans; sum.clanBoards += rhs.clanBoards
        sum.officersAndMembers += rhs.officersAndMembers; sum.studied += rhs.studied
        sum.communeOfficers += rhs.communeOfficers; sum.officersTrainedIT += rhs.officersTrainedIT
        sum.digital = sum.digital + rhs.digital
        return sum
    }
}
