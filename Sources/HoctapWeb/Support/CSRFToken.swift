import Foundation
import HoctapServices

/// The CSRF token as pages carry it: masked afresh for every response.
///
/// Pages are gzip-compressed, and a compressed response that holds a secret next to text an
/// attacker can reflect leaks the secret through its length (BREACH). Masking makes the bytes
/// of the token different in every response while the server still recovers the same secret:
/// `m.` + base64url(pad ‖ pad ⊕ token), with a random pad as long as the token.
enum CSRFToken {
    static let prefix = "m."

    static func masked(_ token: String) -> String {
        let secret = Array(token.utf8)
        var generator = SystemRandomNumberGenerator()
        let pad = (0..<secret.count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let mixed = zip(pad, secret).map { $0 ^ $1 }
        return prefix + Secrets.base64URL(pad + mixed)
    }

    /// The secret behind a masked token; an unmasked one (API clients, older pages) as it is.
    static func unmasked(_ provided: String) -> String? {
        guard provided.hasPrefix(prefix) else { return provided }
        var text = String(provided.dropFirst(prefix.count)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        text += String(repeating: "=", count: (4 - text.count % 4) % 4)
        guard let data = Data(base64Encoded: text), data.count % 2 == 0, !data.isEmpty else { return nil }
        let bytes = Array(data)
        let half = bytes.count / 2
        let secret = (0..<half).map { bytes[$0] ^ bytes[half + $0] }
        return String(validating: secret, as: UTF8.self)
    }
}
