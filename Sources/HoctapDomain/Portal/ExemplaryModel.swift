import Foundation

/// Where a nomination for the honour board stands.
public enum NominationState: String, CaseIterable, Codable, Sendable {
    /// Proposed by the commune (or the province), awaiting the province's decision.
    case nominated
    /// Approved at province level: on the public honour board.
    case approved
    case rejected

    public var label: String {
        switch self {
        case .nominated: "Chờ tỉnh duyệt"
        case .approved: "Đã duyệt, đang hiện trên bảng vinh danh"
        case .rejected: "Không duyệt"
        }
    }
}

/// A nomination of a recognised subject as an exemplary learning model (mô hình tiêu biểu):
/// its story and whether the people concerned agreed to be shown by name and in photos.
public struct NominationDraft: Hashable, Sendable {
    public var story: String
    /// The subject (or, for a family, clan or citizen, the people shown) agreed to their name
    /// and photos being published.
    public var consent: Bool
    /// How the consent was recorded (who agreed, when, on what paper).
    public var consentNote: String

    public static let maximumStoryCharacters = 4_000
    public static let maximumPhotos = 3

    public init(story: String, consent: Bool, consentNote: String) {
        self.story = story.precomposedStringWithCanonicalMapping.replacingOccurrences(of: "\r\n", with: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        self.consent = consent
        self.consentNote = VietnameseText.normalized(consentNote)
    }

    public func problems(photoCount: Int) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if story.count < 40 { problems.append(("story", "Hãy kể ngắn gọn vì sao đây là mô hình tiêu biểu (ít nhất 40 ký tự).")) }
        if story.count > Self.maximumStoryCharacters {
            problems.append(("story", "Câu chuyện dài \(story.count) ký tự; tối đa \(Self.maximumStoryCharacters)."))
        }
        if consent && consentNote.isEmpty {
            problems.append(("consentNote", "Ghi rõ ai đã đồng ý, khi nào, bằng hình thức nào (ví dụ: chủ hộ ký giấy đồng ý ngày 20/11/2026)."))
        }
        if consentNote.count > 300 { problems.append(("consentNote", "Ghi chú về sự đồng ý dài quá 300 ký tự.")) }
        if photoCount > Self.maximumPhotos { problems.append(("photos", "Tối đa \(Self.maximumPhotos) ảnh; đang có \(photoCount).")) }
        if photoCount > 0 && !consent {
            problems.append(("photos", "Chỉ đăng ảnh khi đã có sự đồng ý được ghi nhận; bỏ ảnh hoặc đánh dấu đồng ý."))
        }
        return problems
    }
}
