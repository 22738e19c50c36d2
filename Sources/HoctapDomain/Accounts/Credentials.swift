/// Rules for user names and passwords, with Vietnamese messages that say how to fix the input.
public enum Credentials {
    /// Letters a user name may contain: lower-case ASCII, digits, ".", "_" and "-".
    public static func validateUsername(_ username: String) -> String? {
        guard (3...64).contains(username.count) else {
            return "Tên đăng nhập phải dài từ 3 đến 64 ký tự."
        }
        let allowed = username.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_" || $0 == "-"
        }
        guard allowed else {
            return "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số và các dấu . _ -"
        }
        return nil
    }

    /// The shortest password we accept.
    public static let minimumPasswordLength = 10
    /// bcrypt reads only the first 72 bytes; a longer password would be silently truncated.
    public static let maximumPasswordBytes = 72

    /// Returns what is wrong with `password`, or `nil` when it is acceptable.
    public static func validatePassword(_ password: String, username: String) -> String? {
        if password.count < minimumPasswordLength {
            return "Mật khẩu phải có ít nhất \(minimumPasswordLength) ký tự."
        }
        if password.utf8.count > maximumPasswordBytes {
            return "Mật khẩu dài quá \(maximumPasswordBytes) byte (chữ có dấu chiếm 2–3 byte)."
        }
        let folded = VietnameseText.fold(password)
        if !username.isEmpty && folded.contains(VietnameseText.fold(username)) {
            return "Mật khẩu không được chứa tên đăng nhập."
        }
        if Set(password).count < 4 {
            return "Mật khẩu quá đơn giản: cần ít nhất 4 ký tự khác nhau."
        }
        if commonPasswords.contains(folded) {
            return "Mật khẩu này quá phổ biến, hãy chọn mật khẩu khác."
        }
        return nil
    }

    /// A short list of passwords seen most often in leaks, including Vietnamese favourites.
    static let commonPasswords: Set<String> = [
        "1234567890", "0123456789", "12345678910", "1234567890a", "qwertyuiop", "password123",
        "password1234", "matkhau123", "matkhau1234", "123456789a", "iloveyou123", "admin12345",
        "abc1234567", "anhyeuem123", "khuyenhoc123", "hoctap12345", "vietnam123", "vietnam1234",
    ]
}
