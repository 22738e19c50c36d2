import Foundation
import HoctapDomain
import HoctapStorage

/// Demo households, citizens, units and a clan for xã Sóc Sơn, imported through the same
/// importer and services officers use. Deterministic: the same names every time.
struct DemoRegistry {
    let environment: ServiceEnvironment
    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    static let maleNames = ["Văn An", "Văn Bình", "Đức Cường", "Minh Dũng", "Quang Hải", "Văn Hùng", "Trọng Khánh", "Văn Long"]
    static let femaleNames = ["Thị Hoa", "Thị Lan", "Thu Hằng", "Thị Mai", "Ngọc Ánh", "Thị Nga", "Thanh Hương", "Thị Yến"]
    static let childNames = ["Minh Anh", "Gia Bảo", "Khánh Linh", "Đức Minh", "Bảo Ngọc", "Quốc Huy", "Thảo Vy", "Tuấn Kiệt"]

    /// The household file the demo imports: eight households in each of the commune's five villages.
    static func householdCSV(year: Int, withIDs: Bool) -> String {
        var csv = "household,village,address,full_name,relation,birth_year,sex,schooling,literate,studying,target_group,citizen_id\n"
        var serial = 0
        for village in 1...5 {
            for number in 1...8 {
                let index = (village - 1) * 8 + number - 1
                let family = familyNames[index % familyNames.count]
                let key = "\(village)-\(number)"
                let villageCode = String(format: "%02d", village)
                let address = "\"Xóm \(number), thôn \(["Đông", "Tây", "Nam", "Bắc", "Trung"][village - 1])\""
                func id() -> String {
                    serial += 1
                    return withIDs ? "001\(String(format: "%09d", 700_000 + serial))" : ""
                }
                let headYear = year - 38 - index % 20
                csv += "\(key),\(villageCode),\(address),\(family) \(maleNames[index % maleNames.count]),chủ hộ,\(headYear),nam,trung học phổ thông,có,không,resident,\(id())\n"
                csv += "\(key),\(villageCode),,\(familyNames[(index + 3) % familyNames.count]) \(femaleNames[index % femaleNames.count]),vợ/chồng,\(headYear + 3),nữ,trung học cơ sở,có,không,worker,\(id())\n"
                for child in 0..<(index % 3 + 1) {
                    let age = 6 + child * 4 + index % 5
                    let male = (index + child) % 2 == 0
                    csv += "\(key),\(villageCode),,\(family) \(childNames[(index + child) % childNames.count]),con,\(year - age),\(male ? "nam" : "nữ"),\(age >= 11 ? "tiểu học" : "mầm non"),\(age >= 8 ? "có" : "không"),có,\(age >= 12 ? "student" : ""),\n"
                }
                if index % 4 == 0 {
                    csv += "\(key),\(villageCode),,\(family) \(maleNames[(index + 5) % maleNames.count]),bố/mẹ,\(year - 72),nam,tiểu học,có,không,,\n"
                }
            }
        }
        return csv
    }

    func seed(by admin: Actor) async throws {
        guard let commune = try await environment.database.read({ try await AreaRepository($0).current(level: .commune, code: "00376") }) else { return }
        let registry = RegistryService(environment)
        let year = Day(containing: environment.clock.now()).year
        let csv = Self.householdCSV(year: year, withIDs: environment.personalData != nil)
        _ = try await registry.importHouseholds(Array(csv.utf8), fileName: "ho-gia-dinh-soc-son.csv", intoCommune: commune.id, by: admin)
        for (name, kind, staff) in [("Trường Tiểu học Sóc Sơn", UnitKind.school, 42), ("Ủy ban nhân dân xã Sóc Sơn", .stateAgency, 35),
                                    ("Hợp tác xã nông nghiệp Sóc Sơn", .enterprise, 18)] {
            _ = try await registry.createUnit(UnitDraft(name: name, kind: kind, staffCount: staff), in: commune.id, by: admin)
        }
        let clan = try await registry.createClan(ClanDraft(name: "Họ Nguyễn thôn Đông", headName: "Nguyễn Văn An"), in: commune.id, by: admin)
        for code in ["00376-01-0001", "00376-02-0003", "00376-03-0005"] {
            _ = try await registry.addHousehold(code: code, toClan: clan.id, by: admin)
        }
    }
}
