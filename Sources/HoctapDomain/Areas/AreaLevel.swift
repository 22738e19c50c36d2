/// A level of Vietnam's administrative hierarchy.
///
/// Since 1 July 2025 the hierarchy is nation → province → commune → village. The district level
/// exists only for units that ended on 30 June 2025; it is kept so that history stays addressable.
public enum AreaLevel: String, CaseIterable, Codable, Sendable, Comparable {
    case nation
    case province
    case district
    case commune
    case village

    /// Depth below the nation; used to order levels and check that a child sits below its parent.
    public var depth: Int {
        switch self {
        case .nation: 0
        case .province: 1
        case .district: 2
        case .commune: 3
        case .village: 4
        }
    }

    /// The Vietnamese name of the level.
    public var label: String {
        switch self {
        case .nation: "Toàn quốc"
        case .province: "Tỉnh/thành phố"
        case .district: "Quận/huyện (trước 7/2025)"
        case .commune: "Xã/phường/đặc khu"
        case .village: "Thôn/tổ dân phố"
        }
    }

    /// The Vietnamese plural used above a list of children of this level.
    public var pluralLabel: String {
        switch self {
        case .nation: "Toàn quốc"
        case .province: "Tỉnh, thành phố"
        case .district: "Quận, huyện"
        case .commune: "Xã, phường, đặc khu"
        case .village: "Thôn, bản, ấp, tổ dân phố"
        }
    }

    public static func < (lhs: AreaLevel, rhs: AreaLevel) -> Bool { lhs.depth < rhs.depth }
}
