/// An administrative unit, effective-dated.
///
/// Areas form a tree through `parentID`. Each area also carries the identifiers of the current
/// province and commune whose subtree it belongs to (`provinceID`, `communeID`; a province or
/// commune names itself), so that "inside this subtree" is an equality test on an indexed column
/// instead of a recursive walk; the hierarchy has a fixed depth, which keeps this cheap to
/// maintain. Units that ended with the July 2025 reform carry the current province they were
/// merged into, so that province's officers can still find their history.
public struct Area: Identifiable, Hashable, Codable, Sendable {
    public typealias ID = Int64

    public var id: ID
    /// Official code as text (leading zeros matter: "01", "00004"); villages get
    /// "<commune code>-<local code>".
    public var code: String
    public var level: AreaLevel
    public var kind: AreaKind
    /// Short name ("Ba Đình").
    public var name: String
    /// Name with its kind ("Phường Ba Đình").
    public var fullName: String

    /// The full name as it reads inside a sentence or another name: "xã Sóc Sơn", "thôn Đông",
    /// "thành phố Hà Nội" (the kind in lower case, as Vietnamese writes it after a noun).
    public var nameInSentence: String { kind == .nation ? name : "\(kind.label.lowercased()) \(name)" }
    public var parentID: ID?
    public var provinceID: ID?
    public var communeID: ID?
    /// First day the unit exists in this form; `nil` when unknown (units older than our records).
    public var validFrom: Day?
    /// Last day the unit existed; `nil` while it is current.
    public var validTo: Day?
    /// Optimistic-concurrency version, incremented on every change.
    public var version: Int

    public init(
        id: ID, code: String, level: AreaLevel, kind: AreaKind, name: String, fullName: String,
        parentID: ID?, provinceID: ID?, communeID: ID?, validFrom: Day?, validTo: Day?, version: Int = 1
    ) {
        self.id = id
        self.code = code
        self.level = level
        self.kind = kind
        self.name = name
        self.fullName = fullName
        self.parentID = parentID
        self.provinceID = provinceID
        self.communeID = communeID
        self.validFrom = validFrom
        self.validTo = validTo
        self.version = version
    }

    /// Whether the unit exists on `day`.
    public func isValid(on day: Day) -> Bool {
        (validFrom.map { $0 <= day } ?? true) && (validTo.map { day <= $0 } ?? true)
    }

    /// Whether the unit is part of today's hierarchy (not ended).
    public var isCurrent: Bool { validTo == nil }

    /// The position of this area in the hierarchy, for scope checks.
    public var position: AreaPosition {
        AreaPosition(
            level: level,
            areaID: id,
            provinceID: provinceID,
            communeID: communeID,
            villageID: level == .village ? id : nil
        )
    }
}
