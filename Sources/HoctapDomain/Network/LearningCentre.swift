/// A commune's community learning centre (trung tâm học tập cộng đồng, TTHTCĐ) as its
/// officers describe it: one per commune.
public struct CentreDraft: Hashable, Sendable {
    public var name: String
    public var establishedYear: Int?
    public var address: String
    /// What the centre has to teach with: rooms, books, computers, internet (free text).
    public var resources: String

    public init(name: String, establishedYear: Int?, address: String, resources: String) {
        self.name = VietnameseText.normalized(name)
        self.establishedYear = establishedYear
        self.address = VietnameseText.normalized(address)
        self.resources = VietnameseText.normalized(resources)
    }

    public func problems(currentYear: Int) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if name.isEmpty || name.count > 200 { problems.append(("name", "Ghi tên trung tâm (tối đa 200 ký tự).")) }
        if let year = establishedYear, !(1990...currentYear).contains(year) {
            problems.append(("establishedYear", "Năm thành lập phải từ 1990 đến \(currentYear), không phải \(year)."))
        }
        if address.count > 300 { problems.append(("address", "Địa chỉ dài quá 300 ký tự.")) }
        if resources.count > 2_000 { problems.append(("resources", "Phần cơ sở vật chất dài quá 2.000 ký tự.")) }
        return problems
    }
}

/// Whether a manager of the centre also holds office in the commune's association: QĐ 387/QĐ-TTg
/// counts the centres whose management includes the association's chair or vice-chair.
public enum AssociationOffice: String, CaseIterable, Codable, Sendable {
    case none = ""
    case chair = "chair"
    case viceChair = "vice-chair"

    public var label: String {
        switch self {
        case .none: "Không giữ chức vụ ở Hội Khuyến học xã"
        case .chair: "Chủ tịch Hội Khuyến học xã"
        case .viceChair: "Phó Chủ tịch Hội Khuyến học xã"
        }
    }

    /// The offices the QĐ 387 target counts.
    public var isAssociationLeader: Bool { self != .none }
}

/// One member of the centre's management board (ban giám đốc / ban quản lý).
public struct CentreManagerDraft: Hashable, Sendable {
    public var fullName: String
    /// The post in the centre: giám đốc, phó giám đốc, thành viên…
    public var position: String
    public var office: AssociationOffice

    public init(fullName: String, position: String, office: AssociationOffice) {
        self.fullName = VietnameseText.normalized(fullName)
        self.position = VietnameseText.normalized(position)
        self.office = office
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if fullName.isEmpty || fullName.count > 120 { problems.append(("fullName", "Ghi họ và tên (tối đa 120 ký tự).")) }
        if position.isEmpty || position.count > 120 { problems.append(("position", "Ghi chức danh ở trung tâm, ví dụ \"Giám đốc\" (tối đa 120 ký tự).")) }
        return problems
    }
}

/// What kind of activity the centre held.
public enum CentreActivityKind: String, CaseIterable, Codable, Sendable {
    case course = "lop-hoc"
    case talk = "chuyen-de"
    case club = "cau-lac-bo"
    case training = "tap-huan"

    public var label: String {
        switch self {
        case .course: "Lớp học"
        case .talk: "Chuyên đề, nói chuyện"
        case .club: "Câu lạc bộ, sinh hoạt"
        case .training: "Tập huấn"
        }
    }
}

/// A class or activity held at the centre: what, when, how long, and how many took part. The
/// people of the register who attended are recorded separately (attendance), and the total may
/// include people from outside the register.
public struct CentreActivityDraft: Hashable, Sendable {
    public var kind: CentreActivityKind
    public var topic: String
    public var startsOn: Day
    public var endsOn: Day
    /// Teaching hours in total (one decimal).
    public var hours: Double
    /// Everyone who took part, registered or not.
    public var participants: Int

    public init(kind: CentreActivityKind, topic: String, startsOn: Day, endsOn: Day, hours: Double, participants: Int) {
        self.kind = kind
        self.topic = VietnameseText.normalized(topic)
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.hours = hours
        self.participants = participants
    }

    /// The year the activity counts in: the year it starts.
    public var year: Int { startsOn.year }

    /// `attended`: how many registered people are already recorded as attending (the total cannot be smaller).
    public func problems(today: Day, attended: Int = 0) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if topic.isEmpty || topic.count > 200 { problems.append(("topic", "Ghi chủ đề, tên lớp (tối đa 200 ký tự).")) }
        if endsOn < startsOn { problems.append(("endsOn", "Ngày kết thúc \(VietnameseFormat.date(endsOn)) trước ngày bắt đầu \(VietnameseFormat.date(startsOn)).")) }
        if endsOn.year != startsOn.year { problems.append(("endsOn", "Một hoạt động nằm trong một năm; lớp kéo dài sang năm sau hãy ghi thành hai đợt.")) }
        if startsOn.year < 2021 { problems.append(("startsOn", "Chương trình tính từ năm 2021; ngày \(VietnameseFormat.date(startsOn)) quá sớm.")) }
        if startsOn > today { problems.append(("startsOn", "Chỉ ghi hoạt động đã diễn ra; ngày bắt đầu \(VietnameseFormat.date(startsOn)) chưa tới.")) }
        if !hours.isFinite || hours <= 0 || hours > 2_000 { problems.append(("hours", "Số giờ học phải lớn hơn 0 và không quá 2.000.")) }
        if participants < 1 || participants > 100_000 { problems.append(("participants", "Số người tham gia phải từ 1 đến 100.000.")) }
        if participants < attended {
            problems.append(("participants", "Đã điểm danh \(attended) người trong sổ theo dõi; tổng số người tham gia không thể ít hơn."))
        }
        return problems
    }
}

/// Which items of a criteria set take attendance at the centre as evidence: those whose expected
/// evidence names the centre ("Danh sách học viên các lớp tại trung tâm học tập cộng đồng"). The
/// set's authors decide, in the set's own words; no item text is guessed at.
public enum CentreEvidence {
    static let names = ["trung tam hoc tap cong dong", "tthtcd"]

    public static func accepts(evidenceHints: [String]) -> Bool {
        evidenceHints.contains { hint in
            let folded = VietnameseText.fold(hint)
            return names.contains { folded.contains($0) }
        }
    }
}
