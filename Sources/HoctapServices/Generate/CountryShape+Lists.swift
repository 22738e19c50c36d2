import Foundation
import HoctapDomain
import HoctapStorage

extension CountryShape {
    /// The shape of the real country from the official lists: `provinces.csv`, `communes.csv`
    /// and, when present, `households.csv` (households per province, 2024 estimate) for weights.
    public static func read(officialLists directory: URL) throws -> CountryShape {
        var weights: [String: Double] = [:]
        let householdsFile = directory.appendingPathComponent("households.csv")
        if FileManager.default.fileExists(atPath: householdsFile.path) {
            let rows: [(String, Double)] = try CSVSource.table(file: householdsFile, required: ["province_code", "households_est_2024"]) { row in
                var row = row
                let code = row.text("province_code")
                let text = row.text("households_est_2024")
                guard let code, let text, let value = Double(text), value > 0 else {
                    if let text, Double(text) == nil { row.report("households_est_2024", "Số hộ \"\(text)\" không phải là số.") }
                    return .failure(ImportFailure(issues: row.issues))
                }
                return .success((code, value))
            }
            for (code, value) in rows { weights[code] = value }
        }
        let provinces: [(code: String, name: String)] = try CSVSource.table(file: directory.appendingPathComponent("provinces.csv"), required: ["code", "name"]) { row in
            var row = row
            guard let code = row.code("code", digits: 2), let name = row.text("name") else { return .failure(ImportFailure(issues: row.issues)) }
            return .success((code, name))
        }
        let communes: [(province: String, commune: Commune)] = try CSVSource.table(
            file: directory.appendingPathComponent("communes.csv"), required: ["code", "name", "type", "province_code"]) { row in
            var row = row
            let code = row.code("code", digits: 5), name = row.text("name"), type = row.text("type"), province = row.code("province_code", digits: 2)
            guard let code, let name, let type, let province else { return .failure(ImportFailure(issues: row.issues)) }
            return .success((province, Commune(code: code, name: name, isWard: type == "ward")))
        }
        let byProvince = Dictionary(grouping: communes, by: { $0.province })
        return CountryShape(provinces: provinces.map { province in
            Province(code: province.code, name: province.name, weight: weights[province.code] ?? 1,
                     communes: byProvince[province.code, default: []].map(\.commune))
        })
    }
}
