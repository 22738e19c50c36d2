/// One administrative unit as read from an official list, before it is stored.
public struct OfficialUnit: Hashable, Sendable {
    public var code: String
    public var kind: AreaKind
    public var name: String
    public var fullName: String
    /// Code of the parent unit in the same list family (a commune's province, an old commune's
    /// district), or `nil` for provinces.
    public var parentCode: String?
    /// For pre-2025 units only: the code of today's province the unit was merged into.
    public var successorProvinceCode: String?
    /// Where the row came from, for error messages.
    public var file: String?
    public var line: Int

    public var level: AreaLevel { kind.level }

    public init(code: String, kind: AreaKind, name: String, fullName: String, parentCode: String?,
                successorProvinceCode: String? = nil, file: String?, line: Int) {
        self.code = code
        self.kind = kind
        self.name = name
        self.fullName = fullName
        self.parentCode = parentCode
        self.successorProvinceCode = successorProvinceCode
        self.file = file
        self.line = line
    }
}

/// One row of the old → new commune mapping of the July 2025 reform.
public struct SuccessionLink: Hashable, Sendable {
    public enum Part: String, Sendable, CaseIterable {
        /// The whole old unit went into the new one.
        case full
        /// Only part of the old unit's area or population did.
        case partial
    }

    public var oldCode: String
    public var oldFullName: String
    /// `.commune`, or `.district` for the five island districts that had no communes.
    public var oldLevel: AreaLevel
    public var oldProvinceCode: String
    public var newCode: String
    public var newProvinceCode: String
    public var part: Part
    public var file: String?
    public var line: Int

    public init(oldCode: String, oldFullName: String, oldLevel: AreaLevel, oldProvinceCode: String,
                newCode: String, newProvinceCode: String, part: Part, file: String?, line: Int) {
        self.oldCode = oldCode
        self.oldFullName = oldFullName
        self.oldLevel = oldLevel
        self.oldProvinceCode = oldProvinceCode
        self.newCode = newCode
        self.newProvinceCode = newProvinceCode
        self.part = part
        self.file = file
        self.line = line
    }
}
