import Foundation
import Hummingbird

/// The cookies hoctap sets, with their security attributes in one place.
enum SiteCookies {
    static let session = "hoctap_session"
    /// Double-submit token for forms shown before sign-in (the login form).
    static let anonymousCSRF = "hoctap_csrf"

    static func session(_ token: String, secure: Bool) -> Cookie {
        // Lax, not Strict: a link to hoctap from an e-mail or chat opens signed in; every
        // state-changing request still needs the CSRF token.
        Cookie(name: session, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    static func anonymousCSRF(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: anonymousCSRF, value: token, maxAge: 3600, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    static func expired(_ name: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/",
               secure: secure, httpOnly: true, sameSite: .lax)
    }
}
