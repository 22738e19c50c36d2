import Crypto
import Foundation
import HoctapDomain

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, six
/// digits, the defaults every authenticator app uses.
public enum TOTP {
    public static let period: TimeInterval = 30

    /// The step a moment falls in.
    public static func step(at moment: Date) -> Int64 {
        Int64((moment.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The code of a step, `digits` long.
    public static func code(secret: [UInt8], step: Int64, digits: Int = 6) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let value = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let number = String(value % modulus)
        return String(repeating: "0", count: digits - number.count) + number
    }

    /// The step `code` belongs to, accepting one step of clock drift either way, or nil.
    public static func matchingStep(_ code: String, secret: [UInt8], at moment: Date) -> Int64? {
        let digits = code.filter { !$0.isWhitespace }
        guard digits.count == 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let now = step(at: moment)
        return [now, now - 1, now + 1].first { Secrets.constantTimeEquals(self.code(secret: secret, step: $0), digits) }
    }

    /// A new 20-byte secret.
    public static func newSecret() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<20).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// The address an authenticator app reads (typed in, or from a QR code made elsewhere).
    public static func provisioningURI(secret: [UInt8], account: String, issuer: String = "hoctap") -> String {
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? account
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuer)&algorithm=SHA1&digits=6&period=30"
    }
}
