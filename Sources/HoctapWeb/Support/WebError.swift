import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird
import NIOCore

/// Request-level problems that are not use-case refusals.
enum WebError: Error {
    case badRequest(String)
    case unsupportedMediaType(String)
    case csrf(String)
}

/// How an error is shown: status, stable machine code, Vietnamese message, and details.
struct ErrorPresentation: Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var issues: [APIIssue] = []
    /// Unexpected failures are logged with the request id; the user sees a generic message.
    var isUnexpected = false

    init(status: HTTPResponse.Status, code: String, message: String, issues: [APIIssue] = [], isUnexpected: Bool = false) {
        self.status = status
        self.code = code
        self.message = message
        self.issues = issues
        self.isUnexpected = isUnexpected
    }

    init(_ error: any Error) {
        switch error {
        case let error as ServiceError:
            switch error {
            case .notFound(let message):
                self.init(status: .notFound, code: "not_found", message: message)
            case .forbidden(let message):
                self.init(status: .forbidden, code: "forbidden", message: message)
            case .invalid(let issues):
                self.init(status: .unprocessableContent, code: "invalid_input", message: error.message,
                          issues: issues.map { APIIssue(field: $0.field, line: $0.line, message: $0.message) })
            case .importRejected(let failure):
                self.init(status: .unprocessableContent, code: "import_rejected", message: error.message,
                          issues: failure.issues.map(APIIssue.init))
            case .conflict(let message):
                self.init(status: .conflict, code: "conflict", message: message)
            case .unauthenticated(let message):
                self.init(status: .unauthorized, code: "unauthenticated", message: message)
            case .throttled:
                self.init(status: .tooManyRequests, code: "too_many_attempts", message: error.message)
            }
        case let error as WebError:
            switch error {
            case .badRequest(let message): self.init(status: .badRequest, code: "bad_request", message: message)
            case .unsupportedMediaType(let message): self.init(status: .unsupportedMediaType, code: "unsupported_media_type", message: message)
            case .csrf(let message): self.init(status: .forbidden, code: "csrf_failed", message: message)
            }
        case is NIOTooManyBytesError:
            self.init(status: .contentTooLarge, code: "payload_too_large", message: "Dữ liệu gửi lên quá lớn.")
        case let error as DecodingError:
            self.init(status: .badRequest, code: "bad_request", message: Self.describe(error))
        case let error as HTTPError:
            switch error.status {
            case .notFound:
                self.init(status: .notFound, code: "not_found", message: "Không tìm thấy trang hoặc tài nguyên này.")
            case .contentTooLarge:
                self.init(status: .contentTooLarge, code: "payload_too_large", message: "Dữ liệu gửi lên quá lớn.")
            case .methodNotAllowed:
                self.init(status: .methodNotAllowed, code: "method_not_allowed", message: "Phương thức không được hỗ trợ ở địa chỉ này.")
            case .badRequest:
                self.init(status: .badRequest, code: "bad_request", message: "Yêu cầu không hợp lệ: \(error.body ?? "dữ liệu không đọc được").")
            default:
                self.init(status: error.status, code: "http_\(error.status.code)", message: error.body ?? error.status.reasonPhrase)
            }
        default:
            self.init(status: .internalServerError, code: "internal_error",
                      message: "Đã có lỗi ngoài dự kiến. Dữ liệu của bạn chưa bị thay đổi; hãy thử lại hoặc báo quản trị viên.",
                      isUnexpected: true)
        }
    }

    /// Says which JSON field was wrong, in Vietnamese.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let joined = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "dữ liệu" : "trường \"\(joined)\""
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "Thiếu trường \"\(key.stringValue)\"\(parent == "dữ liệu" ? "" : " trong \(parent)")."
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "Giá trị của \(path(context)) sai kiểu."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "Dữ liệu JSON không hợp lệ." : "Giá trị của \(path(context)) không hợp lệ: \(context.debugDescription)"
        @unknown default:
            return "Dữ liệu không hợp lệ."
        }
    }
}

/// One detail of an API error: a field, or a line and column of an uploaded file.
struct APIIssue: Codable, Sendable, Equatable {
    var field: String?
    var file: String?
    var line: Int?
    var column: Int?
    var columnName: String?
    var message: String

    init(field: String? = nil, file: String? = nil, line: Int? = nil, column: Int? = nil, columnName: String? = nil, message: String) {
        self.field = field
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.message = message
    }

    init(_ issue: ImportIssue) {
        self.init(file: issue.file, line: issue.line, column: issue.column, columnName: issue.columnName, message: issue.message)
    }
}

/// The JSON body of every API error.
struct APIErrorBody: Codable, Sendable {
    var code: String
    var message: String
    var issues: [APIIssue]?
}
