/// How long personal data of one kind is kept before `hoctap retention apply` (or the
/// administrator's button) removes it. No period here comes from a verified regulation: the
/// defaults are hoctap's own, labelled as such, and the national administrator sets the
/// periods their rules require.
public enum RetentionRule: String, CaseIterable, Codable, Sendable {
    /// Entries of the personal-data access log.
    case accessLog = "access-log"
    /// Evidence (photos, documents) of evaluations closed without recognition.
    case evidenceNotRecognised = "evidence-not-recognised"
    /// Evidence of recognised evaluations (the decision itself always stays).
    case evidenceRecognised = "evidence-recognised"

    public var label: String {
        switch self {
        case .accessLog: "Nhật ký truy cập dữ liệu cá nhân"
        case .evidenceNotRecognised: "Minh chứng của phiếu không được công nhận"
        case .evidenceRecognised: "Minh chứng của phiếu đã được công nhận"
        }
    }

    /// What is removed when the period has run out, and what is never removed.
    public var explanation: String {
        switch self {
        case .accessLog: "Xóa các lượt xem hồ sơ hộ và cá nhân cũ hơn thời hạn."
        case .evidenceNotRecognised: "Xóa ảnh, tài liệu minh chứng của phiếu đã kết thúc mà không được công nhận, tính từ lần thay đổi cuối của phiếu. Phiếu và kết quả vẫn giữ."
        case .evidenceRecognised: "Xóa ảnh, tài liệu minh chứng của phiếu đã được công nhận, tính từ lần thay đổi cuối của phiếu. Quyết định công nhận, phiếu và kết quả vẫn giữ."
        }
    }

    /// hoctap's default when no administrator has set a period; `nil` keeps the data.
    public var defaultDays: Int? {
        switch self {
        case .accessLog: 730
        case .evidenceNotRecognised, .evidenceRecognised: nil
        }
    }

    /// The longest period accepted (a hundred years): beyond it, "keep" says the same more honestly.
    public static let maximumDays = 36_500
}
