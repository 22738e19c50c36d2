import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage

/// The JSON shapes of the registries in `/api/v1`.
extension APIModels {
    struct Household: Codable, Sendable {
        var id: Int64
        var code: String
        var villageId: Int64?
        var villageName: String
        var headName: String
        var address: String
        var memberCount: Int
        var version: Int
        var members: [Person]?

        init(_ record: HouseholdRecord, members: [PersonView]? = nil) {
            id = record.id
            code = record.code
            villageId = record.place.villageID
            villageName = record.villageName
            headName = record.headName
            address = record.address
            memberCount = record.memberCount
            version = record.version
            self.members = members?.map(Person.init)
        }
    }

    struct Person: Codable, Sendable {
        var id: Int64
        var householdId: Int64?
        var fullName: String
        var birthYear: Int?
        var sex: String?
        var relation: String?
        var schooling: String?
        var literate: Bool?
        var studying: Bool?
        var targetGroup: String?
        /// Masked ("••••••••1234") unless the caller may read the digits.
        var personalId: String?
        var version: Int

        init(_ view: PersonView) {
            let record = view.record
            id = record.id
            householdId = record.householdID
            fullName = record.fullName
            birthYear = record.birthYear
            sex = record.sex?.rawValue
            relation = record.relation?.rawValue
            schooling = record.schooling?.rawValue
            literate = record.literate
            studying = record.studying
            targetGroup = record.targetGroup?.rawValue
            personalId = view.personalID
            version = record.version
        }
    }

    /// A person as sent: the same fields, every one optional but the name.
    struct PersonBody: Codable, Sendable {
        var fullName: String
        var birthYear: Int?
        var sex: String?
        var relation: String?
        var schooling: String?
        var literate: Bool?
        var studying: Bool?
        var targetGroup: String?
        var personalId: String?
        var clearPersonalId: Bool?
        var version: Int?

        /// The draft, or every field that names an unknown value.
        func draft() throws -> PersonDraft {
            var issues: [FieldIssue] = []
            func choice<T: RawRepresentable>(_ value: String?, _ field: String, _ type: T.Type) -> T? where T.RawValue == String {
                guard let value else { return nil }
                guard let parsed = T(rawValue: value) else { issues.append(FieldIssue(field, "Giá trị \"\(value)\" không hợp lệ.")); return nil }
                return parsed
            }
            var draft = PersonDraft(fullName: fullName, birthYear: birthYear, sex: choice(sex, "sex", Sex.self),
                                    relation: choice(relation, "relation", HouseholdRelation.self), schooling: choice(schooling, "schooling", Schooling.self),
                                    literate: literate, studying: studying, targetGroup: choice(targetGroup, "targetGroup", TargetGroup.self))
            if let personalId {
                if let id = PersonalID(parsing: personalId) { draft.personalID = id } else { issues.append(FieldIssue("personalId", PersonalID.problem)) }
            }
            if !issues.isEmpty { throw ServiceError.invalid(issues) }
            return draft
        }
    }

    struct HouseholdBody: Codable, Sendable {
        var headName: String
        var address: String?
        var version: Int?
    }

    struct Unit: Codable, Sendable {
        var id: Int64
        var name: String
        var kind: String
        var staffCount: Int?
        var villageId: Int64?
        var version: Int

        init(_ record: UnitRecord) {
            id = record.id
            name = record.name
            kind = record.kind.rawValue
            staffCount = record.staffCount
            villageId = record.place.villageID
            version = record.version
        }
    }

    struct UnitBody: Codable, Sendable {
        var name: String
        var kind: String
        var staffCount: Int?
        var version: Int?

        func draft() throws -> UnitDraft {
            guard let kind = UnitKind(rawValue: kind) else {
                throw ServiceError.invalid([FieldIssue("kind", "Loại \"\(self.kind)\" không có; dùng: \(UnitKind.allCases.map(\.rawValue).joined(separator: ", ")).")])
            }
            return UnitDraft(name: name, kind: kind, staffCount: staffCount)
        }
    }

    struct Clan: Codable, Sendable {
        var id: Int64
        var name: String
        var headName: String
        var householdCount: Int
        var households: [Household]?

        init(_ record: ClanRecord, households: [HouseholdRecord]? = nil) {
            id = record.id
            name = record.name
            headName = record.headName
            householdCount = record.householdCount
            self.households = households?.map { Household($0) }
        }
    }

    struct ClanBody: Codable, Sendable {
        var name: String
        var headName: String?
    }

    struct CodeBody: Codable, Sendable {
        var code: String
    }

    /// A page of a list read by key; `after` / `before` are the cursors of the next and previous pages.
    struct Paged<T: Codable & Sendable>: Codable, Sendable {
        var items: [T]
        var total: Int
        /// More than `total` (the count limit) match.
        var totalCapped: Bool
        var after: Int64?
        var before: Int64?

        init<Row>(_ page: PagedRows<Row>, id: (Row) -> Int64, item: (Row) -> T) {
            items = page.rows.map(item)
            total = page.total
            totalCapped = page.totalCapped
            after = PageCursor.nextID(page, id: id)
            before = PageCursor.previousID(page, id: id)
        }
    }
}
