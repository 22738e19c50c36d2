/// The association's network in a commune (Hội Khuyến học): the commune association itself,
/// branches (chi hội) in villages, and boards (ban khuyến học) in agencies and enterprises, clans
/// and religious establishments.
public enum AssociationBodyKind: String, CaseIterable, Codable, Sendable {
    case commune = "hoi-xa"
    case villageBranch = "chi-hoi-thon"
    case unitBoard = "ban-don-vi"
    case clanBoard = "ban-dong-ho"
    case religiousBoard = "ban-co-so-ton-giao"

    public var label: String {
        switch self {
        case .commune: "Hội Khuyến học xã"
        case .villageBranch: "Chi hội khuyến học thôn, tổ dân phố"
        case .unitBoard: "Ban khuyến học cơ quan, đơn vị, doanh nghiệp"
        case .clanBoard: "Ban khuyến học dòng họ"
        case .religiousBoard: "Ban khuyến học cơ sở tôn giáo"
        }
    }

    /// Whether the body belongs to a record of the register (a village, a unit or a clan) instead of being named freely.
    public var isAttached: Bool { self == .villageBranch || self == .unitBoard || self == .clanBoard }
}

/// A body of the network as an officer records it.
public struct AssociationBodyDraft: Hashable, Sendable {
    public var kind: AssociationBodyKind
    public var name: String
    public var foundedYear: Int?

    public init(kind: AssociationBodyKind, name: String, foundedYear: Int?) {
        self.kind = kind
        self.name = VietnameseText.normalized(name)
        self.foundedYear = foundedYear
    }

    public func problems(currentYear: Int) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if name.isEmpty || name.count > 200 { problems.append(("name", "Ghi tên (tối đa 200 ký tự).")) }
        if let year = foundedYear, !(1945...currentYear).contains(year) {
            problems.append(("foundedYear", "Năm thành lập phải từ 1945 đến \(currentYear), không phải \(year)."))
        }
        return problems
    }
}

/// A body's figures for one year: its members, how many studied the learning-citizen criteria
/// and the programme's directives, and whether it ran the movement (met, held activities).
public struct AssociationYearFigures: Hashable, Sendable {
    public var members: Int
    public var studied: Int
    public var active: Bool

    public init(members: Int, studied: Int, active: Bool) {
        (self.members, self.studied, self.active) = (members, studied, active)
    }

    public func problems(label: String) -> [String] {
        var problems: [String] = []
        if members < 0 || members > 1_000_000 { problems.append("\(label): số hội viên phải từ 0 đến 1.000.000.") }
        if studied < 0 { problems.append("\(label): số đã học tập tiêu chí không thể âm.") }
        if studied > members { problems.append("\(label): số đã học tập tiêu chí (\(studied)) nhiều hơn số hội viên (\(members)).") }
        return problems
    }
}

/// An officer of a body (chủ tịch, phó chủ tịch, ủy viên ban chấp hành, chi hội trưởng…).
public struct AssociationOfficerDraft: Hashable, Sendable {
    public var fullName: String
    public var position: String

    public init(fullName: String, position: String) {
        self.fullName = VietnameseText.normalized(fullName)
        self.position = VietnameseText.normalized(position)
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if fullName.isEmpty || fullName.count > 120 { problems.append(("fullName", "Ghi họ và tên (tối đa 120 ký tự).")) }
        if position.isEmpty || position.count > 120 { problems.append(("position", "Ghi chức vụ, ví dụ \"Phó Chủ tịch\" (tối đa 120 ký tự).")) }
        return problems
    }
}

/// What a training course for officers is about; the IT courses are those QĐ 387's 40 % counts.
public enum TrainingTopic: String, CaseIterable, Codable, Sendable {
    case informationTechnology = "cntt"
    case criteria = "tieu-chi"
    case skills = "nghiep-vu"

    public var label: String {
        switch self {
        case .informationTechnology: "Ứng dụng công nghệ thông tin, chuyển đổi số"
        case .criteria: "Học tập tiêu chí, văn bản chỉ đạo của Chương trình"
        case .skills: "Nghiệp vụ công tác hội"
        }
    }
}

/// A training course for association officers, organised by the nation, a province or a commune.
public struct TrainingCourseDraft: Hashable, Sendable {
    public var topic: TrainingTopic
    public var title: String
    public var organiser: String
    public var startsOn: Day
    public var endsOn: Day
    public var hours: Double

    public init(topic: TrainingTopic, title: String, organiser: String, startsOn: Day, endsOn: Day, hours: Double) {
        self.topic = topic
        self.title = VietnameseText.normalized(title)
        self.organiser = VietnameseText.normalized(organiser)
        (self.startsOn, self.endsOn, self.hours) = (startsOn, endsOn, hours)
    }

    public var year: Int { startsOn.year }

    public func problems(today: Day) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if title.isEmpty || title.count > 200 { problems.append(("title", "Ghi tên lớp tập huấn (tối đa 200 ký tự).")) }
        if organiser.isEmpty || organiser.count > 200 { problems.append(("organiser", "Ghi đơn vị tổ chức (tối đa 200 ký tự).")) }
        if endsOn < startsOn { problems.append(("endsOn", "Ngày kết thúc \(VietnameseFormat.date(endsOn)) trước ngày bắt đầu.")) }
        if startsOn.year < 2021 || startsOn > today { problems.append(("startsOn", "Ghi lớp đã diễn ra từ năm 2021; ngày \(VietnameseFormat.date(startsOn)) không hợp lệ.")) }
        if !hours.isFinite || hours <= 0 || hours > 500 { problems.append(("hours", "Số giờ phải lớn hơn 0 và không quá 500.")) }
        return problems
    }
}
