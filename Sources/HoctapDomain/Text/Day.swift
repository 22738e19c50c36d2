import Foundation

/// A calendar day without time or zone, the unit of effective dates (valid from / valid to).
///
/// Stored and exchanged as ISO 8601 `YYYY-MM-DD` text, which sorts correctly as a string on
/// both database engines.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or `nil` when the date does not exist (30 February, month 13…).
    public init?(_ year: Int, _ month: Int, _ day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly (no time, no other separators).
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(y, m, d)
    }

    /// Parses the Vietnamese form `DD/MM/YYYY` as typed into forms.
    public init?(vietnamese text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 3, let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]),
              parts[2].count == 4 else { return nil }
        self.init(y, m, d)
    }

    /// Noon of this day in Vietnam (UTC+7): a moment that belongs to the day whatever the rounding.
    public var noonInVietnam: Date {
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        components.hour = 12 - 7
        return Calendar.utc.date(from: components)!
    }

    /// The day in UTC+7 (Vietnam) that contains `moment`.
    public init(containing moment: Date) {
        let local = moment.addingTimeInterval(7 * 3600)
        let c = Calendar.utc.dateComponents([.year, .month, .day], from: local)
        self.year = c.year!
        self.month = c.month!
        self.day = c.day!
    }

    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }
    public var description: String { iso }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// The day before this one.
    public var previous: Day {
        if day > 1 { return Day(year, month, day - 1)! }
        if month > 1 { return Day(year, month - 1, Day.daysIn(month: month - 1, year: year))! }
        return Day(year - 1, 12, 31)!
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "Ngày không hợp lệ: \"\(text)\" (cần dạng YYYY-MM-DD)."))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Day {
    /// 1 July 2025, when the two-level local government (34 provinces, 3,321 communes) took effect.
    public static let twoLevelReform = Day(2025, 7, 1)!
}
