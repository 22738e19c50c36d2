import Foundation

/// The official type of an administrative unit within its level.
///
/// Raw values are the type codes of the official lists (`../shared/data/vn-admin/`), so the
/// importers can map a CSV `type` column directly. Village kinds have no official code list; the
/// commune chooses one when it creates a village.
public enum AreaKind: String, CaseIterable, Codable, Sendable {
    case nation
    // Province level
    case municipality
    case province
    // District level (before July 2025)
    case urbanDistrict = "urban_district"
    case district
    case town
    case provincialCity = "provincial_city"
    case municipalCity = "municipal_city"
    // Commune level
    case ward
    case commune
    case specialZone = "special_zone"
    case township
    // Village level
    case thon
    case ban
    case ap
    case buon
    case lang
    case soc
    case phum
    case khom
    case khuPho = "khu_pho"
    case toDanPho = "to_dan_pho"

    /// The level a unit of this kind belongs to.
    public var level: AreaLevel {
        switch self {
        case .nation: .nation
        case .municipality, .province: .province
        case .urbanDistrict, .district, .town, .provincialCity, .municipalCity: .district
        case .ward, .commune, .specialZone, .township: .commune
        case .thon, .ban, .ap, .buon, .lang, .soc, .phum, .khom, .khuPho, .toDanPho: .village
        }
    }

    /// The Vietnamese name of the kind, as written before a unit's name ("Phường Ba Đình").
    public var label: String {
        switch self {
        case .nation: "Toàn quốc"
        case .municipality: "Thành phố"
        case .province: "Tỉnh"
        case .urbanDistrict: "Quận"
        case .district: "Huyện"
        case .town: "Thị xã"
        case .provincialCity: "Thành phố"
        case .municipalCity: "Thành phố"
        case .ward: "Phường"
        case .commune: "Xã"
        case .specialZone: "Đặc khu"
        case .township: "Thị trấn"
        case .thon: "Thôn"
        case .ban: "Bản"
        case .ap: "Ấp"
        case .buon: "Buôn"
        case .lang: "Làng"
        case .soc: "Sóc"
        case .phum: "Phum"
        case .khom: "Khóm"
        case .khuPho: "Khu phố"
        case .toDanPho: "Tổ dân phố"
        }
    }

    /// Kinds of a level, in the order forms offer them.
    public static func kinds(of level: AreaLevel) -> [AreaKind] {
        allCases.filter { $0.level == level }
    }

    /// Reads a village kind from a code (`to_dan_pho`) or its Vietnamese name in any case or
    /// diacritic form ("Tổ dân phố", "to dan pho"), as officers type them into CSV files.
    public static func village(parsing text: String) -> AreaKind? {
        let key = VietnameseText.fold(text).replacingOccurrences(of: "_", with: " ")
        return kinds(of: .village).first {
            VietnameseText.fold($0.label) == key || $0.rawValue.replacingOccurrences(of: "_", with: " ") == key
        }
    }
}
