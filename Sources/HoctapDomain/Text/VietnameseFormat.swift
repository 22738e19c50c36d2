import Foundation

/// Vietnamese number and date formats, written out by hand so that output is identical on
/// every platform and locale database (Foundation's locale data differs between Linux and macOS).
///
/// Vietnamese groups thousands with "." and writes decimals with ",": 28.146.939 and 70,5 %.
public enum VietnameseFormat {
    /// `28146939` → `"28.146.939"`.
    public static func integer<T: BinaryInteger>(_ value: T) -> String {
        let negative = value < 0
        let digits = String(value.magnitude)
        var grouped: [Character] = []
        grouped.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(digit)
        }
        return (negative ? "-" : "") + String(grouped)
    }

    /// A decimal with a fixed number of fraction digits: `1234.5` → `"1.234,5"`.
    public static func decimal(_ value: Double, fractionDigits: Int = 1) -> String {
        guard value.isFinite else { return "—" }
        let scale = pow(10.0, Double(fractionDigits))
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + integer(whole)
        if fractionDigits > 0 {
            let digits = String(fraction)
            text += "," + String(repeating: "0", count: fractionDigits - digits.count) + digits
        }
        return text
    }

    /// A decimal without a trailing zero fraction: `80` → `"80"`, `77.5` → `"77,5"`.
    public static func compact(_ value: Double, fractionDigits: Int = 1) -> String {
        let text = decimal(value, fractionDigits: fractionDigits)
        let zeros = "," + String(repeating: "0", count: fractionDigits)
        return fractionDigits > 0 && text.hasSuffix(zeros) ? String(text.dropLast(zeros.count)) : text
    }

    /// A share as a percentage: `0.705` → `"70,5 %"`.
    public static func percent(_ share: Double, fractionDigits: Int = 1) -> String {
        decimal(share * 100, fractionDigits: fractionDigits) + " %"
    }

    /// A file size: `"812 KB"`, `"7,2 MB"` (1 KB = 1,024 bytes, as file managers show them).
    public static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) byte" }
        if count < 1024 * 1024 { return integer((count + 512) / 1024) + " KB" }
        return decimal(Double(count) / 1_048_576, fractionDigits: 1) + " MB"
    }

    /// `Day(2026, 11, 22)` → `"22/11/2026"`.
    public static func date(_ day: Day) -> String {
        String(format: "%02d/%02d/%04d", day.day, day.month, day.year)
    }

    /// A moment in Vietnam's time zone (UTC+7, no daylight saving): `"14:05 22/11/2026"`.
    public static func dateTime(_ moment: Date) -> String {
        let local = moment.addingTimeInterval(7 * 3600)
        let components = Calendar.utc.dateComponents([.year, .month, .day, .hour, .minute], from: local)
        return String(
            format: "%02d:%02d %02d/%02d/%04d",
            components.hour ?? 0, components.minute ?? 0,
            components.day ?? 0, components.month ?? 0, components.year ?? 0
        )
    }
}

extension Calendar {
    /// A Gregorian calendar fixed to UTC, for arithmetic that must not depend on the host's zone.
    public static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
