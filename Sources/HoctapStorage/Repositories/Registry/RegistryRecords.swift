import Foundation
import HoctapDomain

/// Where a registered subject lives, for scope checks.
public struct SubjectPlace: Hashable, Sendable {
    public var provinceID: Area.ID
    public var communeID: Area.ID
    public var villageID: Area.ID?

    public init(provinceID: Area.ID, communeID: Area.ID, villageID: Area.ID?) {
        self.provinceID = provinceID
        self.communeID = communeID
        self.villageID = villageID
    }

    /// The position access rules compare with the actor's scope.
    public var position: AreaPosition {
        if let villageID {
            return AreaPosition(level: .village, areaID: villageID, provinceID: provinceID, communeID: communeID, villageID: villageID)
        }
        return AreaPosition(level: .commune, areaID: communeID, provinceID: provinceID, communeID: communeID)
    }
}

public struct HouseholdRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var place: SubjectPlace
    public var villageName: String
    public var code: String
    public var headName: String
    public var address: String
    public var memberCount: Int
    public var version: Int
}

public struct PersonRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var householdID: HouseholdRecord.ID?
    public var householdCode: String?
    public var place: SubjectPlace
    public var fullName: String
    public var birthYear: Int?
    public var sex: Sex?
    public var relation: HouseholdRelation?
    public var schooling: Schooling?
    public var literate: Bool?
    public var studying: Bool?
    public var targetGroup: TargetGroup?
    /// The sealed ID number, when one is recorded (never the digits).
    public var sealedID: String?
    /// Its lookup hash, the key of its row, which the seal is bound to.
    public var personalIDHash: String?
    public var version: Int
}

public struct UnitRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var place: SubjectPlace
    public var name: String
    public var kind: UnitKind
    public var staffCount: Int?
    public var version: Int
}

public struct ClanRecord: Hashable, Sendable {
    public typealias ID = Int64
    public var id: ID
    public var place: SubjectPlace
    public var name: String
    public var headName: String
    public var householdCount: Int
    public var version: Int
}

/// An ID number already recorded for someone; where, so the refusal can point to it.
public struct PersonalIDHolder: Sendable {
    public var personID: PersonRecord.ID
    public var place: SubjectPlace
}
