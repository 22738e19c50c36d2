import Foundation
import HoctapDomain
import HoctapStorage
import SQLKit

/// What a training course's page shows to one actor.
public struct TrainingCourseView: Sendable {
    public var course: TrainingCourseRecord
    /// The attendees the actor may see: all of them from the organiser's level, a commune's own from below.
    public var attendees: [AssociationOfficerRecord]
    public var canRecord: Bool
    /// Where the actor may pick attendees from: the narrower of the course's area and the actor's.
    public var pickScope: AreaPosition
}

/// Training courses for association officers, organised by the nation, a province or a commune;
/// each level records who of its own officers attended (the IT courses feed the QĐ 387 target).
public struct TrainingService: Sendable {
    let environment: ServiceEnvironment

    public init(_ environment: ServiceEnvironment) { self.environment = environment }

    var today: Day { Day(containing: environment.clock.now()) }

    public func courses(of areaID: Area.ID, year: Int, by actor: Actor) async throws -> (area: Area, courses: [TrainingCourseRecord], canOrganise: Bool) {
        let area = try await AreaService(environment).find(areaID, by: actor)
        guard [.nation, .province, .commune].contains(area.level) else { throw ServiceError.notFound("Lớp tập huấn xem theo toàn quốc, tỉnh hoặc xã.") }
        try LearningCentreService.check(year: year)
        let courses = try await environment.database.read { try await AssociationRepository($0).courses(visibleFrom: area.position, year: year) }
        return (area, courses, AccessPolicy.decide(actor, .organiseTraining(area: area.position)) == .allow)
    }

    public func addCourse(organisedBy areaID: Area.ID, _ draft: TrainingCourseDraft, by actor: Actor) async throws -> TrainingCourseRecord.ID {
        let area = try await AreaService(environment).find(areaID, by: actor)
        try Authorization.require(actor, .organiseTraining(area: area.position))
        let problems = draft.problems(today: today)
        if !problems.isEmpty { throw ServiceError.invalid(problems.map { FieldIssue($0.field, $0.message) }) }
        let moment = environment.clock.now()
        return try await environment.database.transaction { db in
            let id = try await AssociationRepository(db).insertCourse(organisedBy: area, draft, by: actor.username, at: moment)
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "training.course_add", entityType: "training_course", entityID: String(id), area: area.position,
                summary: "Ghi lớp tập huấn \"\(draft.title)\" (\(draft.topic.label.lowercased())) do \(draft.organiser) tổ chức"), at: moment)
            return id
        }
    }

    public func course(_ id: TrainingCourseRecord.ID, by actor: Actor) async throws -> TrainingCourseView {
        try await environment.database.read { db in
            let repository = AssociationRepository(db)
            guard let course = try await repository.course(id: id), let scope = Self.pickScope(course, actor) else {
                throw ServiceError.notFound("Không có lớp tập huấn này.")
            }
            return TrainingCourseView(course: course, attendees: try await repository.attendees(of: id, within: scope),
                                      canRecord: AccessPolicy.decide(actor, .organiseTraining(area: scope)) == .allow, pickScope: scope)
        }
    }

    /// Commune associations' officers the actor may mark as attending, by name or commune.
    public func candidates(for view: TrainingCourseView, search: String) async throws -> [AssociationOfficerRecord] {
        let search = VietnameseText.normalized(search)
        guard search.count <= 100 else { throw ServiceError.invalid([FieldIssue("q", "Từ tìm dài quá 100 ký tự.")]) }
        return try await environment.database.read { try await AssociationRepository($0).officerCandidates(within: view.pickScope, search: search, limit: 50) }
    }

    /// Marks officers as attending (or not), all or nothing, only officers inside the actor's part of the course.
    public func recordAttendance(_ id: TrainingCourseRecord.ID, add: [Int64], remove: [Int64], by actor: Actor) async throws {
        guard !add.isEmpty || !remove.isEmpty else { throw ServiceError.invalid([FieldIssue("officer", "Chọn ít nhất một cán bộ.")]) }
        guard add.count + remove.count <= 1_000 else { throw ServiceError.invalid([FieldIssue("officer", "Mỗi lần ghi tối đa 1.000 người.")]) }
        let view = try await course(id, by: actor)
        try Authorization.require(actor, .organiseTraining(area: view.pickScope))
        let moment = environment.clock.now()
        try await environment.database.transaction { db in
            let repository = AssociationRepository(db)
            let inside = try await repository.officers(add + remove, within: view.pickScope)
            let outside = Set(add + remove).subtracting(inside)
            if !outside.isEmpty {
                throw ServiceError.invalid([FieldIssue("officer", "Cán bộ mã \(outside.sorted().map(String.init).joined(separator: ", ")) không thuộc phạm vi bạn được ghi.")])
            }
            let added = try await repository.addAttendance(id, officers: add)
            var removed = 0
            for officer in Set(remove).sorted() where try await repository.removeAttendance(id, officer: officer) { removed += 1 }
            guard added + removed > 0 else { return }
            try await AuditRepository(db).append(AuditEntry(
                actor: AuditActor(actor), action: "training.attendance", entityType: "training_course", entityID: String(id), area: view.pickScope,
                summary: "Điểm danh lớp \"\(view.course.draft.title)\": thêm \(added), bỏ \(removed) cán bộ",
                after: AuditEntry.json(["added": add.sorted(), "removed": remove.sorted()])), at: moment)
        }
    }

    /// The narrower of the course's area and the actor's (the actor reads officers there), or nil
    /// when neither contains the other (another province's course: not found). Village accounts
    /// read at their commune's level, where officers are recorded.
    static func pickScope(_ course: TrainingCourseRecord, _ actor: Actor) -> AreaPosition? {
        var scope = actor.scope
        if scope.level == .village {
            scope = AreaPosition(level: .commune, areaID: scope.communeID, provinceID: scope.provinceID, communeID: scope.communeID)
        }
        if scope.contains(course.position) { return course.position }
        if course.position.contains(scope) { return scope }
        return nil
    }
}
