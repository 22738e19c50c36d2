import Foundation

/// One row of a unit file: `name,kind[,staff_count][,village]`.
public struct UnitRow: Hashable, Sendable {
    public var draft: UnitDraft
    /// The village's local or full code, when the unit belongs to one.
    public var villageCode: String?
    public var line: Int

    public static let requiredColumns = ["name", "kind"]
    public static let columnAliases = [
        "tên đơn vị": "name", "ten don vi": "name", "tên": "name", "ten": "name",
        "loại": "kind", "loai": "kind", "loại đơn vị": "kind", "loai don vi": "kind",
        "số thành viên": "staff_count", "so thanh vien": "staff_count", "số người": "staff_count",
        "thôn": "village", "thon": "village", "mã thôn": "village",
    ]

    public static func parse(_ row: CSVRow) -> Result<UnitRow, ImportFailure> {
        var row = row
        let name = row.text("name", maxLength: 200)
        var kind: UnitKind?
        if let text = row.text("kind", maxLength: 80) {
            kind = UnitKind(parsing: text)
            if kind == nil { row.report("kind", "Loại \"\(text)\" không hợp lệ; dùng: \(UnitKind.allCases.map(\.label).joined(separator: ", ")).") }
        }
        var staff: Int?
        if row.header.has("staff_count"), let text = row.text("staff_count", required: false, maxLength: 12) {
            let digits = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
            if let value = Int(digits), (0...1_000_000).contains(value) { staff = value } else {
                row.report("staff_count", "Số thành viên \"\(text)\" không hợp lệ (0 đến 1.000.000).")
            }
        }
        let village = row.header.has("village") ? row.text("village", required: false, maxLength: 40) : nil
        guard row.issues.isEmpty, let name, let kind else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(UnitRow(draft: UnitDraft(name: name, kind: kind, staffCount: staff), villageCode: village, line: row.line))
    }
}

/// One row of a learning-citizen file: `full_name,target_group[,birth_year][,sex][,village][,citizen_id]`.
public struct CitizenRow: Hashable, Sendable {
    public var person: PersonDraft
    public var villageCode: String?
    public var line: Int

    public static let requiredColumns = ["full_name", "target_group"]
    public static let columnAliases = [
        "họ tên": "full_name", "ho ten": "full_name", "họ và tên": "full_name", "ho va ten": "full_name",
        "nhóm": "target_group", "nhom": "target_group", "nhóm đối tượng": "target_group", "nhom doi tuong": "target_group",
        "năm sinh": "birth_year", "nam sinh": "birth_year", "giới tính": "sex", "gioi tinh": "sex",
        "thôn": "village", "thon": "village", "mã thôn": "village",
        "cccd": "citizen_id", "số định danh": "citizen_id", "so dinh danh": "citizen_id",
    ]

    public static func parse(_ row: CSVRow, currentYear: Int) -> Result<CitizenRow, ImportFailure> {
        var row = row
        let name = row.text("full_name", maxLength: 120)
        var person = PersonDraft(fullName: name ?? "")
        if let text = row.text("target_group", maxLength: 60) {
            person.targetGroup = TargetGroup(parsing: text)
            if person.targetGroup == nil {
                row.report("target_group", "Nhóm \"\(text)\" không hợp lệ; dùng: \(TargetGroup.allCases.map(\.label).joined(separator: "; ")).")
            }
        }
        if row.header.has("birth_year"), let text = row.text("birth_year", required: false, maxLength: 4) {
            if let year = Int(text), ((currentYear - 120)...currentYear).contains(year) { person.birthYear = year } else {
                row.report("birth_year", "Năm sinh \"\(text)\" không hợp lệ (từ \(currentYear - 120) đến \(currentYear)).")
            }
        }
        if row.header.has("sex"), let text = row.text("sex", required: false, maxLength: 10) {
            person.sex = Sex(parsing: text)
            if person.sex == nil { row.report("sex", "Giới tính \"\(text)\" không hợp lệ; dùng Nam hoặc Nữ.") }
        }
        if row.header.has("citizen_id"), let text = row.text("citizen_id", required: false, maxLength: 20) {
            person.personalID = PersonalID(parsing: text)
            if person.personalID == nil { row.report("citizen_id", PersonalID.problem) }
        }
        let village = row.header.has("village") ? row.text("village", required: false, maxLength: 40) : nil
        guard row.issues.isEmpty, name != nil, person.targetGroup != nil else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(CitizenRow(person: person, villageCode: village, line: row.line))
    }
}

/// One row of a clan file: `clan[,head_name][,village][,household]`, one member household per row;
/// the rows naming the same clan (diacritics and case aside) make one clan.
public struct ClanRow: Hashable, Sendable {
    public var draft: ClanDraft
    /// Where the clan is registered: a village's code, or the commune when empty.
    public var villageCode: String?
    /// A member household's code (a clan may span villages and communes).
    public var householdCode: String?
    public var line: Int

    /// The key rows of the same clan share.
    public var clanKey: String { VietnameseText.fold(VietnameseText.normalized(draft.name)) }

    public static let requiredColumns = ["clan"]
    public static let columnAliases = [
        "dòng họ": "clan", "dong ho": "clan", "tên dòng họ": "clan", "ten dong ho": "clan",
        "trưởng họ": "head_name", "truong ho": "head_name",
        "thôn": "village", "thon": "village", "mã thôn": "village",
        "mã hộ": "household", "ma ho": "household", "hộ": "household",
    ]

    public static func parse(_ row: CSVRow) -> Result<ClanRow, ImportFailure> {
        var row = row
        let name = row.text("clan", maxLength: 120)
        let head = row.header.has("head_name") ? row.text("head_name", required: false, maxLength: 120) : nil
        let village = row.header.has("village") ? row.text("village", required: false, maxLength: 40) : nil
        let household = row.header.has("household") ? row.text("household", required: false, maxLength: 40) : nil
        guard row.issues.isEmpty, let name else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(ClanRow(draft: ClanDraft(name: name, headName: head ?? ""), villageCode: village, householdCode: household, line: row.line))
    }
}
