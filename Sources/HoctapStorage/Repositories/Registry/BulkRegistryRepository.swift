import Foundation
import HoctapDomain
import SQLKit

/// A current village as the bulk importers resolve it from a file's code.
public struct VillagePlace: Sendable, Hashable {
    public var id: Area.ID
    public var code: String
    public var provinceID: Area.ID
    public var communeID: Area.ID
}

/// The lookups and row layouts of bulk registry imports (`hoctap import`), on a `BulkSession`.
/// Everything here is one query per village, per batch or per file, never per row.
public struct BulkRegistryRepository: Sendable {
    let session: BulkSession

    public init(_ session: BulkSession) { self.session = session }

    /// Every current village inside `scope`, by full code ("00004-01"): at national size about
    /// 100,000 entries, a few megabytes, read once per import.
    public func villages(within scope: AreaPosition) async throws -> [String: VillagePlace] {
        let rows = try await session.sql.raw("""
            SELECT a.id, a.code, a.province_id, a.commune_id FROM areas a
            WHERE a.level = 'village' AND a.valid_to IS NULL AND \(ScopeFilter.areas(scope, alias: "a"))
            """).all()
        var places: [String: VillagePlace] = [:]
        places.reserveCapacity(rows.count)
        for row in rows {
            let place = VillagePlace(id: try row.decode(column: "id", as: Int64.self), code: try row.decode(column: "code", as: String.self),
                                     provinceID: try row.decode(column: "province_id", as: Int64.self),
                                     communeID: try row.decode(column: "commune_id", as: Int64.self))
            places[place.code] = place
        }
        return places
    }

    /// Household numbers a village already uses.
    public func householdSequences(village: Area.ID) async throws -> [Int] {
        try await session.sql.raw("SELECT sequence FROM households WHERE village_id = \(bind: village)").all()
            .map { try $0.decode(column: "sequence", as: Int.self) }
    }

    /// Which of `hashes` are already registered to someone.
    public func registeredPersonalIDs(_ hashes: [String]) async throws -> Set<String> {
        guard !hashes.isEmpty else { return [] }
        return Set(try await session.sql.select().column("id_hash").from("personal_ids").where("id_hash", .in, hashes).all()
            .map { try $0.decode(column: "id_hash", as: String.self) })
    }

    public static let householdColumns = ["id", "province_id", "commune_id", "village_id", "sequence", "code", "head_name", "address",
                                          "search_text", "version", "created_at", "updated_at"]

    /// A household row in `householdColumns` order, with the same code and search text as a household added by hand.
    public static func householdRow(id: Int64, village: VillagePlace, sequence: Int, headName: String, address: String, at epoch: Int64) -> [BulkValue] {
        let code = RegistryRepository.householdCode(villageCode: village.code, sequence: sequence)
        return [.int(id), .int(village.provinceID), .int(village.communeID), .int(village.id), .int(Int64(sequence)), .text(code),
                .text(headName), .text(address), .text(RegistryRepository.householdSearch(code: code, head: headName, address: address)),
                .int(1), .int(epoch), .int(epoch)]
    }

    public static let personColumns = ["id", "household_id", "province_id", "commune_id", "village_id", "full_name", "search_name", "birth_year",
                                       "sex", "relation", "schooling", "literate", "studying", "target_group", "version", "created_at", "updated_at"]

    /// A person row in `personColumns` order (the name already NFC-normalised).
    public static func personRow(id: Int64, householdID: Int64?, village: VillagePlace, draft: PersonDraft, at epoch: Int64) -> [BulkValue] {
        personRow(id: id, householdID: householdID, place: SubjectPlace(provinceID: village.provinceID, communeID: village.communeID, villageID: village.id),
                  draft: draft, at: epoch)
    }

    /// A person row for a member of a household or a learning citizen of a commune or village.
    public static func personRow(id: Int64, householdID: Int64?, place: SubjectPlace, draft: PersonDraft, at epoch: Int64) -> [BulkValue] {
        [.int(id), householdID.map { .int($0) } ?? .null, .int(place.provinceID), .int(place.communeID), place.villageID.map { .int($0) } ?? .null,
         .text(draft.fullName), .text(VietnameseText.fold(draft.fullName)), .int(draft.birthYear), .text(draft.sex?.rawValue),
         .text(draft.relation?.rawValue), .text(draft.schooling?.rawValue), .int(draft.literate.map { $0 ? 1 : 0 }),
         .int(draft.studying.map { $0 ? 1 : 0 }), .text(draft.targetGroup?.rawValue), .int(1), .int(epoch), .int(epoch)]
    }

    public static let personalIDColumns = ["id_hash", "person_id", "sealed"]

    public static let unitColumns = ["id", "province_id", "commune_id", "village_id", "name", "search_name", "kind", "staff_count",
                                     "version", "created_at", "updated_at"]

    /// A unit row in `unitColumns` order, with the same search name as a unit added by hand.
    public static func unitRow(id: Int64, place: SubjectPlace, draft: UnitDraft, at epoch: Int64) -> [BulkValue] {
        let name = VietnameseText.normalized(draft.name)
        return [.int(id), .int(place.provinceID), .int(place.communeID), place.villageID.map { .int($0) } ?? .null, .text(name), .text(VietnameseText.fold(name)),
                .text(draft.kind.rawValue), .int(draft.staffCount), .int(1), .int(epoch), .int(epoch)]
    }

    public static let clanColumns = ["id", "province_id", "commune_id", "village_id", "name", "search_name", "head_name", "version", "created_at", "updated_at"]

    /// A clan row in `clanColumns` order.
    public static func clanRow(id: Int64, place: SubjectPlace, draft: ClanDraft, at epoch: Int64) -> [BulkValue] {
        let name = VietnameseText.normalized(draft.name)
        return [.int(id), .int(place.provinceID), .int(place.communeID), place.villageID.map { .int($0) } ?? .null, .text(name), .text(VietnameseText.fold(name)),
                .text(VietnameseText.normalized(draft.headName)), .int(1), .int(epoch), .int(epoch)]
    }

    public static let clanHouseholdColumns = ["clan_id", "household_id"]

    /// The folded names of the clans already registered in `communes`, per commune.
    public func clanNames(communes: Set<Area.ID>) async throws -> [Area.ID: Set<String>] {
        guard !communes.isEmpty else { return [:] }
        var names: [Area.ID: Set<String>] = [:]
        for row in try await session.sql.select().columns("commune_id", "search_name").from("clans").where("commune_id", .in, Array(communes)).all() {
            names[try row.decode(column: "commune_id", as: Int64.self), default: []].insert(try row.decode(column: "search_name", as: String.self))
        }
        return names
    }

    /// The ids of the households of `communeID` among `codes` that lie inside `scope`, by code
    /// (a seek on the `(commune_id, code)` index; a code starts with its commune's code).
    public func householdIDs(commune communeID: Area.ID, codes: [String], within scope: AreaPosition) async throws -> [String: Int64] {
        guard !codes.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        for row in try await session.sql.raw("""
            SELECT h.id, h.code FROM households h
            WHERE h.commune_id = \(bind: communeID) AND h.code IN \(SQLGroupExpression(codes.map { SQLBind($0) })) AND \(ScopeFilter.subjects(scope, alias: "h"))
            """).all() {
            found[try row.decode(column: "code", as: String.self)] = try row.decode(column: "id", as: Int64.self)
        }
        return found
    }
}
