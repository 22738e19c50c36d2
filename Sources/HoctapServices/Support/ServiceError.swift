import Foundation
import HoctapDomain

/// A problem with one input field, for forms and the JSON API alike.
public struct FieldIssue: Error, Hashable, Sendable, Codable {
    /// The field's name as submitted (`username`, `password`…).
    public var field: String
    /// What is wrong, in Vietnamese.
    public var message: String
    /// The line in an uploaded file the field comes from, when it comes from one.
    public var line: Int?

    public init(_ field: String, _ message: String, line: Int? = nil) {
        self.field = field
        self.message = message
        self.line = line
    }
}

/// Why a use case refused; each case maps to one HTTP status and one stable machine code.
public enum ServiceError: Error, Sendable {
    /// Does not exist, or exists outside the actor's subtree (deliberately indistinguishable).
    case notFound(String)
    /// Inside the actor's subtree, but the role does not allow it.
    case forbidden(String)
    /// Input failed validation; nothing was written.
    case invalid([FieldIssue])
    /// An imported file failed validation; nothing was written.
    case importRejected(ImportFailure)
    /// The record changed since it was read, or would duplicate another.
    case conflict(String)
    /// Not signed in, or wrong credentials.
    case unauthenticated(String)
    /// Too many failed attempts; try again after the date.
    case throttled(until: Date)

    /// The message for the person who caused it.
    public var message: String {
        switch self {
        case .notFound(let message), .forbidden(let message), .conflict(let message), .unauthenticated(let message):
            return message
        case .invalid(let issues):
            return issues.map(\.message).joined(separator: " ")
        case .importRejected(let failure):
            return "Tệp có \(failure.issues.count)\(failure.truncated ? "+" : "") lỗi; chưa ghi gì. Sửa các dòng được chỉ ra rồi tải lên lại."
        case .throttled(let until):
            return "Đăng nhập sai quá nhiều lần. Hãy thử lại sau \(VietnameseFormat.dateTime(until))."
        }
    }
}

/// Applies `AccessPolicy` and turns refusals into service errors; the only place policy
/// decisions become errors (use cases and controllers both call it).
public enum Authorization {
    public static func require(_ actor: Actor, _ action: AccessPolicy.Action, notFound: String = "Không tìm thấy.") throws {
        switch AccessPolicy.decide(actor, action) {
        case .allow: return
        case .hidden: throw ServiceError.notFound(notFound)
        case .forbidden(let reason): throw ServiceError.forbidden(reason)
        }
    }
}
