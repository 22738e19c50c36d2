import Foundation

/// Why a household's or a person's record was opened: shown to the officials who manage the
/// record and to the person in their data export.
public enum PersonalDataPurpose: String, CaseIterable, Codable, Sendable {
    case householdPage = "household.page"
    case householdAPI = "household.api"
    case personForm = "person.form"
    case personAPI = "person.api"
    case learningRecord = "learning-record.page"
    case learningRecordExport = "learning-record.export"
    case personExport = "person.export"

    public var label: String {
        switch self {
        case .householdPage: "Xem trang hộ và các thành viên"
        case .householdAPI: "Đọc hộ và các thành viên qua API"
        case .personForm: "Mở thông tin của người này để sửa"
        case .personAPI: "Đọc thông tin của người này qua API"
        case .learningRecord: "Xem hồ sơ học tập suốt đời"
        case .learningRecordExport: "Tải hồ sơ học tập suốt đời"
        case .personExport: "Xuất toàn bộ dữ liệu theo yêu cầu của người đó"
        }
    }
}

/// Whose record was read: a household (with its members) or one person.
public enum PersonalDataSubject: Hashable, Sendable {
    case household(Int64)
    case person(Int64)

    public var kind: String {
        switch self {
        case .household: "household"
        case .person: "person"
        }
    }

    public var id: Int64 {
        switch self {
        case .household(let id), .person(let id): id
        }
    }
}

/// One entry of the access log.
public struct PersonalDataRead: Codable, Sendable, Equatable {
    public var at: Date
    public var by: String
    public var purpose: PersonalDataPurpose

    public init(at: Date, by: String, purpose: PersonalDataPurpose) {
        self.at = at
        self.by = by
        self.purpose = purpose
    }
}
