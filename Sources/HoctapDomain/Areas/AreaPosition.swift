/// Where a record sits in the hierarchy: its level and the identifiers of its province, commune
/// and village.
///
/// Accounts and every scoped record reduce to a position; "is B inside A's subtree" is then a
/// comparison of one identifier, which the database can answer from an index at national scale.
public struct AreaPosition: Hashable, Codable, Sendable {
    public var level: AreaLevel
    /// The area itself (nil only for the nation).
    public var areaID: Area.ID?
    public var provinceID: Area.ID?
    public var communeID: Area.ID?
    public var villageID: Area.ID?

    public init(
        level: AreaLevel, areaID: Area.ID?, provinceID: Area.ID?, communeID: Area.ID?, villageID: Area.ID? = nil
    ) {
        self.level = level
        self.areaID = areaID
        self.provinceID = provinceID
        self.communeID = communeID
        self.villageID = villageID
    }

    /// The whole country.
    public static let nation = AreaPosition(level: .nation, areaID: nil, provinceID: nil, communeID: nil)

    /// Whether `other` is this area or lies below it.
    public func contains(_ other: AreaPosition) -> Bool {
        switch level {
        case .nation:
            return true
        case .province:
            return provinceID != nil && other.provinceID == provinceID
        case .district:
            // Districts ended in 2025 and own no accounts; only the district itself matches.
            return areaID != nil && other.areaID == areaID
        case .commune:
            return communeID != nil && other.communeID == communeID
        case .village:
            return villageID != nil && other.villageID == villageID
        }
    }
}
