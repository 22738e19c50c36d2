/// What a percentage of the programme counts: recognised subjects of a model (and, for citizens,
/// a target group) over a denominator of the area. Targets of the plans name these.
public enum ProgressIndicator: String, CaseIterable, Codable, Sendable {
    case family
    case clan
    case communityVillage = "community-village"
    case communityCommune = "community-commune"
    case unit
    /// Learning citizens among the commune's people (adults in learning families, clans, communities).
    case citizenResident = "citizen-resident"
    /// Learning citizens among workers.
    case citizenWorker = "citizen-worker"
    /// Learning citizens among officials and employees of learning units.
    case citizenStaff = "citizen-staff"
    case citizenStudent = "citizen-student"

    /// The indicator a rollup row counts towards.
    public init?(model: LearningModel, segment: String) {
        switch model {
        case .family: self = .family
        case .clan: self = .clan
        case .communityVillage: self = .communityVillage
        case .communityCommune: self = .communityCommune
        case .unit: self = .unit
        case .citizen:
            switch TargetGroup(rawValue: segment) {
            case .resident: self = .citizenResident
            case .worker: self = .citizenWorker
            case .staff: self = .citizenStaff
            case .student: self = .citizenStudent
            case nil: return nil
            }
        }
    }

    public var model: LearningModel {
        switch self {
        case .family: .family
        case .clan: .clan
        case .communityVillage: .communityVillage
        case .communityCommune: .communityCommune
        case .unit: .unit
        case .citizenResident, .citizenWorker, .citizenStaff, .citizenStudent: .citizen
        }
    }

    /// The rollup segment (the citizens' target group).
    public var segment: String {
        switch self {
        case .citizenResident: TargetGroup.resident.rawValue
        case .citizenWorker: TargetGroup.worker.rawValue
        case .citizenStaff: TargetGroup.staff.rawValue
        case .citizenStudent: TargetGroup.student.rawValue
        default: ""
        }
    }

    /// What the percentage divides by.
    public var denominator: DenominatorKind {
        switch self {
        case .family: .households
        case .clan: .clans
        case .communityVillage: .villages
        case .communityCommune: .communes
        case .unit: .organisations
        case .citizenResident: .adults
        case .citizenWorker: .workers
        case .citizenStaff: .staff
        case .citizenStudent: .students
        }
    }

    public var label: String {
        switch self {
        case .family: "Gia đình học tập"
        case .clan: "Dòng họ học tập"
        case .communityVillage: "Cộng đồng học tập cấp thôn"
        case .communityCommune: "Cộng đồng học tập cấp xã"
        case .unit: "Đơn vị học tập"
        case .citizenResident: "Công dân học tập – người dân"
        case .citizenWorker: "Công dân học tập – người lao động"
        case .citizenStaff: "Công dân học tập – cán bộ, công chức, viên chức"
        case .citizenStudent: "Công dân học tập – học sinh, sinh viên"
        }
    }
}

/// A total the percentages divide by, per area and year.
public enum DenominatorKind: String, CaseIterable, Codable, Sendable {
    case households, clans, villages, communes, organisations, adults, workers, staff, students

    public var label: String {
        switch self {
        case .households: "Số hộ gia đình"
        case .clans: "Số dòng họ"
        case .villages: "Số thôn, tổ dân phố"
        case .communes: "Số xã, phường, đặc khu"
        case .organisations: "Số cơ quan, đơn vị, trường học, doanh nghiệp trên địa bàn"
        case .adults: "Số người lớn trong gia đình, dòng họ, cộng đồng"
        case .workers: "Số người lao động"
        case .staff: "Số cán bộ, công chức, viên chức, người lao động trong đơn vị"
        case .students: "Số học sinh, sinh viên, học viên"
        }
    }

    /// Whether the figure comes from the official list of areas instead of being entered: the
    /// communes of an area are counted from the list the administrator imported.
    public var isCountedFromAreas: Bool { self == .communes }

    /// Whether a commune's figure can be counted from its list of villages when not entered
    /// (every registered household lives in one of them, so the list is the commune's own).
    public var isCountableFromVillages: Bool { self == .villages }

    /// Accepts the code or the Vietnamese label, diacritics and case aside (for CSV files).
    public init?(parsing text: String) {
        func bare(_ text: String) -> String {
            let folded = VietnameseText.fold(VietnameseText.normalized(text))
            return folded.hasPrefix("so ") ? String(folded.dropFirst(3)) : folded
        }
        if let exact = DenominatorKind(rawValue: bare(text)) { self = exact; return }
        // "Số hộ gia đình", "hộ gia đình", "ho gia dinh" all name households.
        guard let match = DenominatorKind.allCases.first(where: { bare($0.label) == bare(text) }) else { return nil }
        self = match
    }
}

/// Classes of areas that some targets (and criteria thresholds) single out.
public enum AreaClass: String, CaseIterable, Codable, Sendable {
    /// Xã thuộc vùng khó khăn (the class the criteria sets use for lower thresholds).
    case disadvantaged = "xa-kho-khan"
    /// Xã đặc biệt khó khăn.
    case especiallyDisadvantaged = "xa-dac-biet-kho-khan"
    /// Miền núi.
    case mountainous = "mien-nui"

    public var label: String {
        switch self {
        case .disadvantaged: "Xã thuộc vùng khó khăn"
        case .especiallyDisadvantaged: "Xã đặc biệt khó khăn"
        case .mountainous: "Xã miền núi"
        }
    }
}
