/// One row of a household file: one member per row, rows of a household share its key.
///
/// ```
/// household,village,address,full_name,relation,birth_year,sex,schooling,literate,studying,target_group,citizen_id
/// 1,01,Xóm Đông,Nguyễn Văn An,chủ hộ,1975,nam,trung học phổ thông,có,,resident,001075000001
/// 1,01,,Trần Thị Bình,vợ/chồng,1978,nữ,trung học cơ sở,có,,,
/// ```
public struct HouseholdRow: Hashable, Sendable {
    /// Groups the rows of one household within the file (any text: "1", "H01"…).
    public var householdKey: String
    /// The village's local code in the commune ("01") or its full code ("00376-01").
    public var villageCode: String
    public var address: String?
    public var person: PersonDraft
    public var line: Int

    public static let requiredColumns = ["household", "village", "full_name", "relation"]
    public static let columnAliases = [
        "hộ": "household", "ho": "household", "mã hộ": "household", "ma ho": "household",
        "thôn": "village", "thon": "village", "mã thôn": "village", "ma thon": "village",
        "địa chỉ": "address", "dia chi": "address",
        "họ tên": "full_name", "ho ten": "full_name", "họ và tên": "full_name", "ho va ten": "full_name",
        "quan hệ": "relation", "quan he": "relation", "quan hệ với chủ hộ": "relation",
        "năm sinh": "birth_year", "nam sinh": "birth_year",
        "giới tính": "sex", "gioi tinh": "sex",
        "học vấn": "schooling", "hoc van": "schooling", "trình độ": "schooling", "trinh do": "schooling",
        "biết chữ": "literate", "biet chu": "literate",
        "đang đi học": "studying", "dang di hoc": "studying",
        "nhóm công dân học tập": "target_group", "nhom cong dan hoc tap": "target_group",
        "cccd": "citizen_id", "số định danh": "citizen_id", "so dinh danh": "citizen_id",
    ]

    public static func parse(_ row: CSVRow, currentYear: Int) -> Result<HouseholdRow, ImportFailure> {
        var row = row
        let key = row.text("household", maxLength: 40)
        let village = row.text("village", maxLength: 40)
        let address = row.header.has("address") ? row.text("address", required: false, maxLength: 300) : nil
        let name = row.text("full_name", maxLength: 120)
        var draft = PersonDraft(fullName: name ?? "")
        if let text = row.text("relation", maxLength: 40) {
            draft.relation = HouseholdRelation(parsing: text)
            if draft.relation == nil {
                row.report("relation", "Quan hệ \"\(text)\" không hợp lệ; dùng: \(HouseholdRelation.allCases.map(\.label).joined(separator: ", ")).")
            }
        }
        if row.header.has("birth_year"), let text = row.text("birth_year", required: false, maxLength: 4) {
            if let year = Int(text), ((currentYear - 120)...currentYear).contains(year) { draft.birthYear = year } else {
                row.report("birth_year", "Năm sinh \"\(text)\" không hợp lệ (từ \(currentYear - 120) đến \(currentYear)).")
            }
        }
        if row.header.has("sex"), let text = row.text("sex", required: false, maxLength: 10) {
            draft.sex = Sex(parsing: text)
            if draft.sex == nil { row.report("sex", "Giới tính \"\(text)\" không hợp lệ; dùng Nam hoặc Nữ.") }
        }
        if row.header.has("schooling"), let text = row.text("schooling", required: false, maxLength: 40) {
            draft.schooling = Schooling(parsing: text)
            if draft.schooling == nil {
                row.report("schooling", "Học vấn \"\(text)\" không hợp lệ; dùng: \(Schooling.allCases.map(\.label).joined(separator: ", ")).")
            }
        }
        for (column, keyPath) in [("literate", \PersonDraft.literate), ("studying", \PersonDraft.studying)] where row.header.has(column) {
            if let text = row.text(column, required: false, maxLength: 10) {
                switch VietnameseText.fold(text) {
                case "co", "x", "1", "yes", "true": draft[keyPath: keyPath] = true
                case "khong", "0", "no", "false": draft[keyPath: keyPath] = false
                default: row.report(column, "Giá trị \"\(text)\" không hợp lệ; ghi Có hoặc Không.")
                }
            }
        }
        if row.header.has("target_group"), let text = row.text("target_group", required: false, maxLength: 60) {
            draft.targetGroup = TargetGroup(parsing: text)
            if draft.targetGroup == nil {
                row.report("target_group", "Nhóm \"\(text)\" không hợp lệ; dùng: \(TargetGroup.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }
        if row.header.has("citizen_id"), let text = row.text("citizen_id", required: false, maxLength: 20) {
            draft.personalID = PersonalID(parsing: text)
            if draft.personalID == nil { row.report("citizen_id", PersonalID.problem) }
        }
        guard row.issues.isEmpty, let key, let village, name != nil else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(HouseholdRow(householdKey: key, villageCode: village, address: address, person: draft, line: row.line))
    }
}
