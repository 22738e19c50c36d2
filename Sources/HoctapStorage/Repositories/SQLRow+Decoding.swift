import HoctapDomain
import SQLKit

/// A stored value that does not match what the code expects: a schema drift or manual edit.
public struct StoredValueError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

extension SQLRow {
    /// Decodes a text column into a `String`-backed enum, failing loudly on unknown values.
    func enumValue<T: RawRepresentable>(_ column: String, as type: T.Type) throws -> T where T.RawValue == String {
        let raw = try decode(column: column, as: String.self)
        guard let value = T(rawValue: raw) else {
            throw StoredValueError(description: "Giá trị \"\(raw)\" của cột \(column) không hợp lệ cho \(T.self).")
        }
        return value
    }

    /// Decodes an optional ISO date column.
    func day(_ column: String) throws -> Day? {
        guard let raw = try decode(column: column, as: String?.self) else { return nil }
        guard let day = Day(iso: raw) else {
            throw StoredValueError(description: "Ngày \"\(raw)\" của cột \(column) không hợp lệ.")
        }
        return day
    }
}

/// SQL fragments that restrict a query to a scope's subtree; one definition for every table
/// that carries `province_id` / `commune_id` (and `village_id` where it has one).
enum ScopeFilter {
    /// Restricts rows of `alias` (an areas-like table) to the subtree of `scope`.
    static func areas(_ scope: AreaPosition, alias: String = "a") -> SQLQueryString {
        switch scope.level {
        case .nation:
            return "1 = 1"
        case .province:
            return "\(ident: alias).province_id = \(bind: scope.provinceID ?? -1)"
        case .commune:
            return "\(ident: alias).commune_id = \(bind: scope.communeID ?? -1)"
        case .district, .village:
            return "\(ident: alias).id = \(bind: scope.areaID ?? -1)"
        }
    }

    /// Restricts rows of a registry table (with `province_id`, `commune_id`, `village_id`) to the subtree of `scope`.
    static func subjects(_ scope: AreaPosition, alias: String) -> SQLQueryString {
        switch scope.level {
        case .nation: "1 = 1"
        case .province: "\(ident: alias).province_id = \(bind: scope.provinceID ?? -1)"
        case .commune: "\(ident: alias).commune_id = \(bind: scope.communeID ?? -1)"
        case .district: "1 = 0"
        case .village: "\(ident: alias).village_id = \(bind: scope.areaID ?? -1)"
        }
    }
}

/// Escapes `%`, `_` and `\` so that user text matches literally inside `LIKE … ESCAPE '\'`.
func likeEscaped(_ text: String) -> String {
    var escaped = ""
    for character in text {
        if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
        escaped.append(character)
    }
    return escaped
}
