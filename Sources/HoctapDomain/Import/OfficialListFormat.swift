/// The column layouts of the official unit lists (as in `shared/data/vn-admin/`) and the rules
/// each row must satisfy. Pure: the storage layer feeds parsed records in and stores what
/// comes out, so the same validation serves the command line, the web upload and the tests.
public enum OfficialListFormat: Sendable {
    /// `provinces.csv`: today's 34 provinces and centrally-run cities.
    case provinces
    /// `communes.csv`: today's communes, wards and special zones, with their province.
    case communes
    /// `old-provinces-2025-03.csv`: the 63 provinces before the reform, with their successor.
    case oldProvinces
    /// `old-districts-2025-03.csv`: districts before the reform.
    case oldDistricts
    /// `old-communes-2025-03.csv`: communes before the reform, with district and province.
    case oldCommunes

    public var requiredColumns: [String] {
        switch self {
        case .provinces: ["code", "name", "full_name", "type"]
        case .communes: ["code", "name", "full_name", "type", "province_code"]
        case .oldProvinces: ["code", "name", "full_name", "type", "new_province_code"]
        case .oldDistricts: ["code", "name", "full_name", "type", "province_code"]
        case .oldCommunes: ["code", "name", "full_name", "type", "district_code", "province_code"]
        }
    }

    var codeDigits: Int {
        switch self {
        case .provinces, .oldProvinces: 2
        case .oldDistricts: 3
        case .communes, .oldCommunes: 5
        }
    }

    var kinds: [AreaKind] {
        switch self {
        case .provinces, .oldProvinces: AreaKind.kinds(of: .province)
        case .oldDistricts: AreaKind.kinds(of: .district)
        case .communes: [.ward, .commune, .specialZone]
        case .oldCommunes: [.ward, .commune, .township]
        }
    }

    /// Validates one row; returns the unit or the row's issues.
    public func unit(from row: CSVRow) -> Result<OfficialUnit, ImportFailure> {
        var row = row
        let code = row.code("code", digits: codeDigits)
        let name = row.text("name")
        let fullName = row.text("full_name")
        let kind = row.choice("type", from: kinds)
        var parent: String?
        var successor: String?
        switch self {
        case .provinces: break
        case .communes: parent = row.code("province_code", digits: 2)
        case .oldProvinces: successor = row.code("new_province_code", digits: 2)
        case .oldDistricts: parent = row.code("province_code", digits: 2)
        case .oldCommunes:
            parent = row.code("district_code", digits: 3)
            _ = row.code("province_code", digits: 2)
        }
        guard row.issues.isEmpty, let code, let name, let fullName, let kind else {
            return .failure(ImportFailure(issues: row.issues))
        }
        return .success(OfficialUnit(code: code, kind: kind, name: name, fullName: fullName, parentCode: parent,
                                     successorProvinceCode: successor, file: row.header.file, line: row.line))
    }
}

extension SuccessionLink {
    /// `old-to-new-communes.csv`.
    public static let requiredColumns = [
        "old_code", "old_full_name", "old_level", "old_province_code", "new_code", "new_province_code", "part",
    ]

    /// Validates one mapping row.
    public static func parse(_ row: CSVRow) -> Result<SuccessionLink, ImportFailure> {
        var row = row
        let oldLevel = row.choice("old_level", from: [AreaLevel.commune, .district])
        let oldCode = row.code("old_code", digits: oldLevel == .district ? 3 : 5)
        let oldFullName = row.text("old_full_name")
        let oldProvince = row.code("old_province_code", digits: 2)
        let newCode = row.code("new_code", digits: 5)
        let newProvince = row.code("new_province_code", digits: 2)
        let part = row.choice("part", from: Part.allCases)
        guard row.issues.isEmpty, let oldLevel, let oldCode, let oldFullName, let oldProvince, let newCode,
              let newProvince, let part else { return .failure(ImportFailure(issues: row.issues)) }
        return .success(SuccessionLink(oldCode: oldCode, oldFullName: oldFullName, oldLevel: oldLevel,
                                       oldProvinceCode: oldProvince, newCode: newCode, newProvinceCode: newProvince,
                                       part: part, file: row.header.file, line: row.line))
    }
}
