/// Sex as the household registers record it.
public enum Sex: String, CaseIterable, Codable, Sendable {
    case male, female

    public var label: String { self == .male ? "Nam" : "Nữ" }

    /// Accepts the codes and the Vietnamese words.
    public init?(parsing text: String) {
        switch VietnameseText.fold(text) {
        case "male", "nam", "m": self = .male
        case "female", "nu", "f": self = .female
        default: return nil
        }
    }
}

/// A member's relation to the head of the household.
public enum HouseholdRelation: String, CaseIterable, Codable, Sendable {
    case head, spouse, child, parent, grandchild, sibling, other

    public var label: String {
        switch self {
        case .head: "Chủ hộ"
        case .spouse: "Vợ/chồng"
        case .child: "Con"
        case .parent: "Bố/mẹ"
        case .grandchild: "Cháu"
        case .sibling: "Anh/chị/em"
        case .other: "Khác"
        }
    }

    public init?(parsing text: String) {
        if let value = Self(rawValue: text) { self = value; return }
        let folded = VietnameseText.fold(text)
        guard let match = Self.byFoldedLabel[folded] else {
            switch folded {
            case "vo", "chong": self = .spouse
            case "bo", "me": self = .parent
            default: return nil
            }
            return
        }
        self = match
    }
}

/// The highest schooling a person completed, as the family criteria ask (trẻ em đi học, người lớn biết chữ…).
public enum Schooling: String, CaseIterable, Codable, Sendable {
    case none, preschool, primary, lowerSecondary = "lower-secondary", upperSecondary = "upper-secondary"
    case vocational, college, university, postgraduate

    public var label: String {
        switch self {
        case .none: "Chưa đi học"
        case .preschool: "Mầm non"
        case .primary: "Tiểu học"
        case .lowerSecondary: "Trung học cơ sở"
        case .upperSecondary: "Trung học phổ thông"
        case .vocational: "Trung cấp, nghề"
        case .college: "Cao đẳng"
        case .university: "Đại học"
        case .postgraduate: "Sau đại học"
        }
    }

    public init?(parsing text: String) {
        if let value = Self(rawValue: text) { self = value; return }
        guard let match = Self.byFoldedLabel[VietnameseText.fold(text)] else { return nil }
        self = match
    }
}

/// The four target groups of the learning-citizen criteria (QĐ 324/QĐ-KHVN).
public enum TargetGroup: String, CaseIterable, Codable, Sendable {
    case resident, worker, staff, student

    public var label: String {
        switch self {
        case .resident: "Người dân trong xã"
        case .worker: "Người lao động"
        case .staff: "Cán bộ công nhân viên, doanh nhân"
        case .student: "Học sinh, sinh viên, học viên"
        }
    }

    public init?(parsing text: String) {
        if let value = Self(rawValue: text) { self = value; return }
        guard let match = Self.byFoldedLabel[VietnameseText.fold(text)] else { return nil }
        self = match
    }
}

/// A person as a form or a file gives them: a household member, a learning citizen, or both.
public struct PersonDraft: Hashable, Sendable {
    public var fullName: String
    public var birthYear: Int?
    public var sex: Sex?
    /// Set for household members.
    public var relation: HouseholdRelation?
    public var schooling: Schooling?
    public var literate: Bool?
    public var studying: Bool?
    /// Set for learning citizens (QĐ 324).
    public var targetGroup: TargetGroup?
    public var personalID: PersonalID?

    public init(fullName: String, birthYear: Int? = nil, sex: Sex? = nil, relation: HouseholdRelation? = nil,
                schooling: Schooling? = nil, literate: Bool? = nil, studying: Bool? = nil,
                targetGroup: TargetGroup? = nil, personalID: PersonalID? = nil) {
        self.fullName = fullName
        self.birthYear = birthYear
        self.sex = sex
        self.relation = relation
        self.schooling = schooling
        self.literate = literate
        self.studying = studying
        self.targetGroup = targetGroup
        self.personalID = personalID
    }

    /// The problems of the draft by field name, checked against the current year.
    public func problems(currentYear: Int) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        let name = VietnameseText.normalized(fullName)
        if name.isEmpty { problems.append(("fullName", "Họ tên không được để trống.")) }
        if name.utf8.count > 120 && name.count > 120 { problems.append(("fullName", "Họ tên dài quá 120 ký tự.")) }
        if let birthYear, !((currentYear - 120)...currentYear).contains(birthYear) {
            problems.append(("birthYear", "Năm sinh \(birthYear) không hợp lệ (từ \(currentYear - 120) đến \(currentYear))."))
        }
        return problems
    }
}

/// Choices that officers write by their Vietnamese label ("Chủ hộ", "chu ho"), matched on the
/// folded label through a table built once (imports parse millions of rows).
protocol FoldedLabelled: CaseIterable {
    var label: String { get }
}

extension FoldedLabelled {
    static func foldedLabels() -> [String: Self] {
        Dictionary(allCases.map { (VietnameseText.fold($0.label), $0) }, uniquingKeysWith: { first, _ in first })
    }
}

extension HouseholdRelation: FoldedLabelled {
    static let byFoldedLabel = foldedLabels()
}

extension Schooling: FoldedLabelled {
    static let byFoldedLabel = foldedLabels()
}

extension TargetGroup: FoldedLabelled {
    static let byFoldedLabel = foldedLabels()
}
