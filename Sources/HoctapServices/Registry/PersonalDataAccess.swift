import Foundation
import HoctapDomain
import HoctapStorage

/// Opening a household's or a person's record for someone to read it: the same scoped read as
/// `household(_:by:)` and `person(_:by:)`, plus an entry in the personal-data access log.
/// Pages and API reads that show a record use these; the plain reads stay for scope checks
/// in front of a change, which the audit trail records anyway.
extension RegistryService {
    /// Entries shown next to a record.
    static let recentReadLimit = 20

    public func openHousehold(_ id: HouseholdRecord.ID, for purpose: PersonalDataPurpose, by actor: Actor) async throws -> HouseholdDetail {
        var detail = try await household(id, by: actor)
        try await logRead(.household(id), purpose, place: detail.household.place.position, by: actor)
        if detail.canManage { detail.recentReads = try await recentReads([.household(id)]) }
        return detail
    }

    /// The form (`.personForm`) opens only for those who manage the record: refused before anything is logged.
    public func openPerson(_ id: PersonRecord.ID, for purpose: PersonalDataPurpose, by actor: Actor) async throws -> PersonView {
        var view = try await person(id, by: actor)
        let manages = AccessPolicy.decide(actor, .manageSubject(view.record.place.position)) == .allow
        if purpose == .personForm { try Authorization.require(actor, .manageSubject(view.record.place.position)) }
        try await logRead(.person(id), purpose, place: view.record.place.position, by: actor)
        if manages {
            view.recentReads = try await recentReads(Self.subjects(of: view.record))
        }
        return view
    }

    /// Appends one entry to the access log, in its own short transaction.
    func logRead(_ subject: PersonalDataSubject, _ purpose: PersonalDataPurpose, place: AreaPosition, by actor: Actor) async throws {
        let who = AuditActor(actor)
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            try await PersonalDataReadRepository(db).append(subject, purpose: purpose, place: place, accountID: who.accountID,
                                                           actorLabel: who.label, at: moment)
        }
    }

    func recentReads(_ subjects: [PersonalDataSubject], limit: Int = recentReadLimit) async throws -> [PersonalDataRead] {
        try await environment.database.read { try await PersonalDataReadRepository($0).recent(subjects, limit: limit) }
    }

    /// A person's own record and, for a household member, the household's (its page shows them).
    static func subjects(of person: PersonRecord) -> [PersonalDataSubject] {
        [.person(person.id)] + (person.householdID.map { [.household($0)] } ?? [])
    }
}
