import Foundation
@testable import HoctapServices
import HoctapTestSupport
import Testing

@Suite("Random tokens")
struct SecretsTests {
    @Test("property: the URL-safe encoding equals Foundation's base64 with + / = replaced, for any bytes and length")
    func encoding() {
        var random = SeededRandom(seed: 677)
        for length in 0...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &random) }
            let reference = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(Secrets.base64URL(bytes) == reference, "\(length) bytes")
        }
    }

    @Test("a token is 43 URL-safe characters (256 bits) and never repeats")
    func tokens() {
        let tokens = (0..<2_000).map { _ in Secrets.token() }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy(allowed.contains) })
        #expect(Set(tokens).count == tokens.count)
        // Every position takes many values: the bytes are not stuck (a draw of 8 bytes reused, say).
        for position in [0, 10, 21, 32, 42] {
            #expect(Set(tokens.map { Array($0)[position] }).count > (position == 42 ? 10 : 50), "position \(position)")
        }
    }
}
