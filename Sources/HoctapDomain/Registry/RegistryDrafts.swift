/// A household as a form gives it; its members are added separately.
public struct HouseholdDraft: Hashable, Sendable {
    public var headName: String
    public var address: String

    public init(headName: String, address: String) {
        self.headName = headName
        self.address = address
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        let head = VietnameseText.normalized(headName)
        if head.isEmpty { problems.append(("headName", "Tên chủ hộ không được để trống.")) }
        if head.count > 120 { problems.append(("headName", "Tên chủ hộ dài quá 120 ký tự.")) }
        if VietnameseText.normalized(address).count > 300 { problems.append(("address", "Địa chỉ dài quá 300 ký tự.")) }
        return problems
    }
}

/// Kinds of learning unit (đơn vị học tập). The codes are the subject kinds criteria items
/// refer to in `applies_to` / `except_for`.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    case stateAgency = "co-quan-nha-nuoc"
    case publicServiceUnit = "don-vi-su-nghiep-cong-lap"
    case enterprise = "to-chuc-kinh-te"
    case school = "truong-pho-thong"
    case publicPreschool = "mam-non-cong-lap"
    case continuingEducation = "trung-tam-gdtx"
    case university = "dai-hoc"
    case vocationalSchool = "co-so-gdnn"
    case otherEducation = "co-so-giao-duc"
    case production = "co-so-san-xuat"
    case association = "to-chuc-doan-the"

    public var label: String {
        switch self {
        case .stateAgency: "Cơ quan nhà nước"
        case .publicServiceUnit: "Đơn vị sự nghiệp công lập"
        case .enterprise: "Doanh nghiệp, tổ chức kinh tế"
        case .school: "Trường phổ thông"
        case .publicPreschool: "Trường mầm non công lập"
        case .continuingEducation: "Trung tâm giáo dục thường xuyên"
        case .university: "Cơ sở giáo dục đại học"
        case .vocationalSchool: "Cơ sở giáo dục nghề nghiệp"
        case .otherEducation: "Cơ sở giáo dục khác"
        case .production: "Cơ sở sản xuất, kinh doanh"
        case .association: "Tổ chức chính trị - xã hội, đoàn thể"
        }
    }

    public init?(parsing text: String) {
        if let value = Self(rawValue: text) { self = value; return }
        let folded = VietnameseText.fold(text)
        guard let match = Self.allCases.first(where: { VietnameseText.fold($0.label) == folded }) else { return nil }
        self = match
    }
}

/// A unit (agency, school, enterprise…) managed in a commune.
public struct UnitDraft: Hashable, Sendable {
    public var name: String
    public var kind: UnitKind
    public var staffCount: Int?

    public init(name: String, kind: UnitKind, staffCount: Int?) {
        self.name = name
        self.kind = kind
        self.staffCount = staffCount
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        let name = VietnameseText.normalized(self.name)
        if name.isEmpty { problems.append(("name", "Tên đơn vị không được để trống.")) }
        if name.count > 200 { problems.append(("name", "Tên đơn vị dài quá 200 ký tự.")) }
        if let staffCount, !(0...1_000_000).contains(staffCount) { problems.append(("staffCount", "Số thành viên phải từ 0 đến 1.000.000.")) }
        return problems
    }
}

/// A clan (dòng họ); its member households may live in several villages and communes.
public struct ClanDraft: Hashable, Sendable {
    public var name: String
    public var headName: String

    public init(name: String, headName: String) {
        self.name = name
        self.headName = headName
    }

    public func problems() -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if VietnameseText.normalized(name).isEmpty { problems.append(("name", "Tên dòng họ không được để trống.")) }
        if VietnameseText.normalized(name).count > 120 { problems.append(("name", "Tên dòng họ dài quá 120 ký tự.")) }
        if VietnameseText.normalized(headName).count > 120 { problems.append(("headName", "Tên trưởng họ dài quá 120 ký tự.")) }
        return problems
    }
}
