/// A learning citizen's digital skills in a year, as QĐ 677/QĐ-TTg counts them: title holders
/// with digital skills meeting the national digital-transformation programme (70 % by 2025,
/// 90 % by 2030), "of which" some proficient enough to follow the criteria online (60 %, 80 %).
public enum DigitalSkillLevel: String, CaseIterable, Codable, Sendable, Comparable {
    /// Not yet at the level the programme asks for.
    case none = "chua-dat"
    /// Digital skills that meet the national digital-transformation programme.
    case basic = "co-ban"
    /// Proficient: uses them to learn and to take part in the learning-citizen criteria online.
    case proficient = "thanh-thao"

    public var label: String {
        switch self {
        case .none: "Chưa đạt kỹ năng số theo yêu cầu"
        case .basic: "Có kỹ năng số đáp ứng Chương trình chuyển đổi số quốc gia"
        case .proficient: "Sử dụng thành thạo kỹ năng số (học tập, tham gia tiêu chí trực tuyến)"
        }
    }

    /// Whether the level counts as "having digital skills" (proficient people have them too).
    public var hasDigitalSkills: Bool { self != .none }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What kind of learning a lifelong-learning record entry is.
public enum LearningEntryKind: String, CaseIterable, Codable, Sendable {
    case course = "khoa-hoc"
    case centreClass = "lop-tthtcd"
    case certificate = "chung-chi"
    case selfStudy = "tu-hoc"

    public var label: String {
        switch self {
        case .course: "Khóa học, bồi dưỡng"
        case .centreClass: "Lớp học, sinh hoạt tại trung tâm học tập cộng đồng"
        case .certificate: "Văn bằng, chứng chỉ"
        case .selfStudy: "Tự học (sách, trực tuyến)"
        }
    }
}

/// One entry of a person's lifelong-learning record (hồ sơ học tập suốt đời) kept by an officer:
/// what was learnt, from whom, when, for how long, and the certificate if any.
public struct LearningEntryDraft: Hashable, Sendable, Codable {
    public var kind: LearningEntryKind
    public var title: String
    public var provider: String
    public var startsOn: Day
    public var endsOn: Day?
    public var hours: Double?
    public var certificate: String

    public init(kind: LearningEntryKind, title: String, provider: String, startsOn: Day, endsOn: Day?, hours: Double?, certificate: String) {
        self.kind = kind
        self.title = VietnameseText.normalized(title)
        self.provider = VietnameseText.normalized(provider)
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.hours = hours
        self.certificate = VietnameseText.normalized(certificate)
    }

    public func problems(today: Day) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if title.isEmpty || title.count > 200 { problems.append(("title", "Ghi tên khóa học, lớp hoặc chứng chỉ (tối đa 200 ký tự).")) }
        if provider.count > 200 { problems.append(("provider", "Nơi tổ chức dài quá 200 ký tự.")) }
        if certificate.count > 200 { problems.append(("certificate", "Văn bằng, chứng chỉ dài quá 200 ký tự.")) }
        if startsOn.year < 1950 || startsOn > today { problems.append(("startsOn", "Ngày bắt đầu \(VietnameseFormat.date(startsOn)) phải đã qua (từ năm 1950).")) }
        if let endsOn, endsOn < startsOn { problems.append(("endsOn", "Ngày kết thúc \(VietnameseFormat.date(endsOn)) trước ngày bắt đầu.")) }
        if let hours, !hours.isFinite || hours <= 0 || hours > 10_000 { problems.append(("hours", "Số giờ phải lớn hơn 0 và không quá 10.000.")) }
        if kind == .certificate && certificate.isEmpty { problems.append(("certificate", "Ghi tên văn bằng, chứng chỉ (và số hiệu nếu có).")) }
        return problems
    }
}

/// The two readings of QĐ 677's "trong đó 60 % / 80 %": proficient title holders as a share of
/// all title holders, or of those with digital skills. Reports keep both.
public struct DigitalSkillCounts: Hashable, Sendable, Codable {
    /// Learning citizens recognised in the year (the title holders).
    public var holders = 0
    /// Of whom with digital skills (basic or proficient).
    public var skilled = 0
    /// Of whom proficient.
    public var proficient = 0
    /// Of whom assessed at all (the rest have no result recorded).
    public var assessed = 0

    public init(holders: Int = 0, skilled: Int = 0, proficient: Int = 0, assessed: Int = 0) {
        (self.holders, self.skilled, self.proficient, self.assessed) = (holders, skilled, proficient, assessed)
    }

    public var skilledShare: Double? { holders > 0 ? Double(skilled) / Double(holders) : nil }
    /// Reading A: proficient among all title holders.
    public var proficientOfHolders: Double? { holders > 0 ? Double(proficient) / Double(holders) : nil }
    /// Reading B: proficient among the title holders who have digital skills.
    public var proficientOfSkilled: Double? { skilled > 0 ? Double(proficient) / Double(skilled) : nil }

    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(holders: lhs.holders + rhs.holders, skilled: lhs.skilled + rhs.skilled, proficient: lhs.proficient + rhs.proficient,
             assessed: lhs.assessed + rhs.assessed)
    }
}
