import Foundation
import HoctapDomain
import HoctapServices
import Testing

@Suite("TOTP and base32")
struct TOTPTests {
    @Test("RFC 6238's SHA-1 test vectors; base32 as authenticator apps read it")
    func vectors() throws {
        let secret = Array("12345678901234567890".utf8)
        for (time, code) in [(59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"), (1_234_567_890, "89005924"),
                             (2_000_000_000, "69279037"), (20_000_000_000, "65353130")] as [(Int64, String)] {
            #expect(TOTP.code(secret: secret, step: time / 30, digits: 8) == code, "\(time)")
        }
        #expect(TOTP.code(secret: secret, step: 1, digits: 6) == "287082")
        let moment = Date(timeIntervalSince1970: 59)
        #expect(TOTP.matchingStep("287082", secret: secret, at: moment) == 1)
        #expect(TOTP.matchingStep("287 082", secret: secret, at: moment.addingTimeInterval(30)) == 1, "one step of drift, spaces ignored")
        #expect(TOTP.matchingStep("287082", secret: secret, at: moment.addingTimeInterval(90)) == nil, "three steps later")
        #expect(TOTP.matchingStep("28708a", secret: secret, at: moment) == nil && TOTP.matchingStep("", secret: secret, at: moment) == nil)
        #expect(Base32.decode("JBSWY3DPEHPK3PXP") == Array("Hello!".utf8) + [0xDE, 0xAD, 0xBE, 0xEF])
        #expect(Base32.decode("jbsw y3dp") == Array("Hello".utf8) && Base32.decode("1") == nil)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            #expect(Base32.decode(Base32.encode(bytes)) == bytes)
        }
        #expect(TOTP.provisioningURI(secret: secret, account: "socson.ubnd").hasPrefix("otpauth://totp/hoctap%3Asocson.ubnd?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
    }
}
