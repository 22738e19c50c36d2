/// What an account may do. Every account holds exactly one role, bound to one area.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// Ban điều hành / quản trị quốc gia: everything, everywhere.
    case nationalAdmin = "national_admin"
    /// Cán bộ cấp tỉnh (Hội Khuyến học tỉnh, Sở GD&ĐT): oversight of one province.
    case provinceOfficer = "province_officer"
    /// Cán bộ Hội Khuyến học xã: runs the movement in one commune.
    case communeOfficer = "commune_officer"
    /// UBND xã: signs recognition decisions for one commune.
    case communeAuthority = "commune_authority"
    /// Thành viên Hội đồng xét công nhận: reviews in one commune.
    case councilMember = "council_member"
    /// Chi hội khuyến học thôn/tổ dân phố: registers and scores in one village.
    case villageOfficer = "village_officer"
    /// Chỉ xem: reads its area's data, changes nothing.
    case viewer

    /// The Vietnamese name shown in the UI.
    public var label: String {
        switch self {
        case .nationalAdmin: "Quản trị toàn quốc"
        case .provinceOfficer: "Cán bộ cấp tỉnh"
        case .communeOfficer: "Cán bộ Hội Khuyến học xã"
        case .communeAuthority: "UBND xã (ký quyết định)"
        case .councilMember: "Thành viên Hội đồng xét công nhận"
        case .villageOfficer: "Chi hội khuyến học thôn/tổ dân phố"
        case .viewer: "Chỉ xem"
        }
    }

    /// The levels an account with this role may be bound to.
    public var allowedLevels: Set<AreaLevel> {
        switch self {
        case .nationalAdmin: [.nation]
        case .provinceOfficer: [.province]
        case .communeOfficer, .communeAuthority, .councilMember: [.commune]
        case .villageOfficer: [.village]
        case .viewer: [.nation, .province, .commune, .village]
        }
    }

    /// Roles whose accounts this role may create and disable (inside its own subtree).
    ///
    /// Nobody manages their own role except the national administrator, so an officer cannot
    /// mint a peer with the same powers; the UBND account that signs decisions is created from
    /// above the commune, not by the commune association whose proposals it signs.
    public var manageableRoles: Set<Role> {
        switch self {
        case .nationalAdmin: Set(Role.allCases)
        case .provinceOfficer: [.communeOfficer, .communeAuthority, .councilMember, .villageOfficer, .viewer]
        case .communeOfficer: [.councilMember, .villageOfficer, .viewer]
        case .communeAuthority, .councilMember, .villageOfficer, .viewer: []
        }
    }

    /// Whether the role may change anything at all.
    public var isReadOnly: Bool { self == .viewer }
}
