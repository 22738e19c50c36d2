import HoctapDomain
import Testing

@Suite("User names and passwords")
struct CredentialsTests {
    @Test("user names", arguments: [
        ("socson.hoi", true), ("a_b-c.9", true), ("ab", false), ("Có Dấu", false), ("UPPER", false),
        (String(repeating: "a", count: 65), false), ("đ.thon", false),
    ])
    func usernames(name: String, valid: Bool) {
        #expect((Credentials.validateUsername(name) == nil) == valid)
    }

    @Test("passwords", arguments: [
        ("demo-hoctap-2026", true), ("mật khẩu có dấu", true), ("short", false), ("aaaaaaaaaaaa", false),
        ("1234567890", false), ("Matkhau123", false), ("xx-socson.hoi-xx", false),
        (String(repeating: "ắ", count: 30), false),
    ])
    func passwords(password: String, valid: Bool) {
        #expect((Credentials.validatePassword(password, username: "socson.hoi") == nil) == valid, "\(password)")
    }
}
