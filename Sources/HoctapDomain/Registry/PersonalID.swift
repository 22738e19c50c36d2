/// A citizen identification number (số định danh cá nhân / CCCD): 12 digits, the first three the
/// province of birth registration. Unique in the whole country.
public struct PersonalID: Hashable, Sendable {
    public let digits: String

    /// Reads what people type: spaces, dots and dashes between digit groups are ignored.
    public init?(parsing text: String) {
        let digits = text.filter { !" .-".contains($0) }
        guard digits.count == 12, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        self.digits = digits
    }

    /// What lists show: only the last four digits ("••••••••1234").
    public var masked: String { String(repeating: "•", count: 8) + digits.suffix(4) }

    public static let problem = "Số định danh cá nhân (CCCD) gồm đúng 12 chữ số."
}
