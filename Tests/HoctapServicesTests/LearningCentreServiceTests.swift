import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Community learning centres")
struct LearningCentreServiceTests {
    static func activity(_ topic: String, _ month: Int, participants: Int = 20) -> CentreActivityDraft {
        CentreActivityDraft(kind: .course, topic: topic, startsOn: Day(2026, month, 10)!, endsOn: Day(2026, month, 12)!, hours: 6, participants: participants)
    }

    @Test("a household whose member attended a class is offered that class as evidence for the items naming the centre",
          arguments: TestDatabases.engines)
    func suggestedEvidence(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment), village = try await area(.village, "00376-01", environment)
            let centres = LearningCentreService(environment)
            _ = try await centres.save(commune: commune.id, CentreDraft(name: "TTHTCĐ xã Sóc Sơn", establishedYear: 2008, address: "", resources: ""),
                                       expectedVersion: nil, by: officer)
            let computers = try await centres.addActivity(commune: commune.id, Self.activity("Tin học cơ bản", 3), by: officer)
            let lastYear = try await centres.addActivity(commune: commune.id, CentreActivityDraft(
                kind: .talk, topic: "Năm trước", startsOn: Day(2025, 6, 1)!, endsOn: Day(2025, 6, 1)!, hours: 2, participants: 10), by: officer)

            let evaluations = EvaluationService(environment)
            let cycle = try await evaluations.openCycle(communeID: commune.id, year: 2026, model: .family, by: officer)
            _ = try await evaluations.registerAll(cycleID: cycle.id, in: village.id, by: officer)
            let rows = try await evaluations.overview(cycle.id, pageSize: 100, by: officer).evaluations.rows.sorted { $0.subjectName < $1.subjectName }
            let first = try #require(rows.first), second = try #require(rows.dropFirst().first)
            let members = try await environment.database.read { try await RegistryRepository($0).members(of: first.subjectID) }
            let member = try #require(members.first)
            try await centres.recordAttendance(computers.id, add: [member.id], remove: [], by: officer)
            try await centres.recordAttendance(lastYear.id, add: [member.id], remove: [], by: officer)

            let suggestions = try await centres.suggestions(for: try await evaluations.evaluation(first.id, by: officer))
            #expect(suggestions.items == ["2.2", "2.3"], "the demo set's items whose evidence is the centre's lists")
            #expect(suggestions.attendance.map(\.activity.draft.topic) == ["Tin học cơ bản"], "only the cycle's year")
            #expect(suggestions.attendance.first?.personName == member.fullName)
            let none = try await centres.suggestions(for: try await evaluations.evaluation(second.id, by: officer))
            #expect(none.attendance.isEmpty && none.isEmpty)
        }
    }

    @Test("attendance is all or nothing, only for people of the centre's commune, never above the participants",
          arguments: TestDatabases.engines)
    func attendanceRules(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment)
            let centres = LearningCentreService(environment)
            await #expect(throws: ServiceError.self, "no centre yet") {
                _ = try await centres.addActivity(commune: commune.id, Self.activity("Tin học", 3), by: officer)
            }
            _ = try await centres.save(commune: commune.id, CentreDraft(name: "TTHTCĐ", establishedYear: nil, address: "", resources: ""),
                                       expectedVersion: nil, by: officer)
            let small = try await centres.addActivity(commune: commune.id, Self.activity("Lớp nhỏ", 4, participants: 2), by: officer)
            let households = try await RegistryService(environment).households(in: commune.id, pageSize: 3, by: officer).rows
            var people: [Int64] = []
            for household in households {
                people += try await environment.database.read { try await RegistryRepository($0).members(of: household.id) }.map(\.id)
            }
            // A person of another commune: the admin registers a citizen in Kim Anh.
            let kimAnh = try await area(.commune, "00382", environment)
            let admin = try await actor("admin", environment)
            let stranger = try await RegistryService(environment).createCitizen(PersonDraft(fullName: "Người xã khác", targetGroup: .resident),
                                                                                in: kimAnh.id, by: admin).record
            await #expect(throws: ServiceError.self) { try await centres.recordAttendance(small.id, add: [people[0], stranger.id], remove: [], by: officer) }
            await #expect(throws: ServiceError.self) { try await centres.recordAttendance(small.id, add: Array(people.prefix(3)), remove: [], by: officer) }
            let (_, attendees, _) = try await centres.activity(small.id, by: officer)
            #expect(attendees.isEmpty, "a refused list leaves nothing behind")
            try await centres.recordAttendance(small.id, add: [people[0], people[0], people[1]], remove: [], by: officer)
            #expect(try await centres.activity(small.id, by: officer).1.map(\.personID).sorted() == [people[0], people[1]].sorted())
            try await centres.recordAttendance(small.id, add: [], remove: [people[1]], by: officer)
            #expect(try await centres.activity(small.id, by: officer).1.map(\.personID) == [people[0]])

            // Another commune's officer does not see the activity; a council member may not change it.
            let quePhong = try await actor("quephong.hoi", environment)
            do {
                _ = try await centres.activity(small.id, by: quePhong)
                Issue.record("another commune's officer saw the activity")
            } catch ServiceError.notFound {}
            let council = try await actor("socson.hoidong", environment)
            do {
                try await centres.recordAttendance(small.id, add: [people[1]], remove: [], by: council)
                Issue.record("a council member changed the attendance")
            } catch ServiceError.forbidden {}
            let entries = try await environment.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'centre.%'").first(decodingColumn: "n", as: Int.self)
            }
            #expect(entries == 4, "centre, activity and two attendance changes are audited")
        }
    }

    @Test("two officers saving the same version of the centre: the second is refused; bad values are named",
          arguments: TestDatabases.engines)
    func conflictsAndValidation(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment), province = try await actor("hanoi.tinh", environment)
            let commune = try await area(.commune, "00376", environment)
            let centres = LearningCentreService(environment)
            let created = try await centres.save(commune: commune.id, CentreDraft(name: "TTHTCĐ", establishedYear: 2010, address: "", resources: ""),
                                                 expectedVersion: nil, by: officer)
            _ = try await centres.save(commune: commune.id, CentreDraft(name: "TTHTCĐ Sóc Sơn", establishedYear: 2010, address: "", resources: ""),
                                       expectedVersion: created.version, by: province)
            do {
                _ = try await centres.save(commune: commune.id, CentreDraft(name: "Tên khác", establishedYear: 2010, address: "", resources: ""),
                                           expectedVersion: created.version, by: officer)
                Issue.record("a stale save went through")
            } catch ServiceError.conflict {}
            do {
                _ = try await centres.save(commune: commune.id, CentreDraft(name: " ", establishedYear: 1800, address: "", resources: ""),
                                           expectedVersion: created.version + 1, by: officer)
                Issue.record("bad values were saved")
            } catch ServiceError.invalid(let issues) {
                #expect(Set(issues.map(\.field)) == ["name", "establishedYear"])
            }
            do {
                _ = try await centres.addActivity(commune: commune.id, CentreActivityDraft(
                    kind: .course, topic: "Sau này", startsOn: Day(2026, 12, 24)!, endsOn: Day(2026, 12, 20)!, hours: 0, participants: 0), by: officer)
                Issue.record("a bad activity was saved")
            } catch ServiceError.invalid(let issues) {
                #expect(Set(issues.map(\.field)) == ["startsOn", "endsOn", "hours", "participants"])
            }
            let kimAnh = try await area(.commune, "00382", environment)
            do {
                _ = try await centres.save(commune: kimAnh.id, CentreDraft(name: "X", establishedYear: nil, address: "", resources: ""), expectedVersion: nil, by: officer)
                Issue.record("an officer wrote another commune's centre")
            } catch ServiceError.notFound {}
        }
    }

    @Test("figures by province and commune equal a count of the rows; the demo's centres and attendance", arguments: TestDatabases.engines)
    func figures(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment)
            try await DemoNetwork(environment: environment).seed(by: admin)
            let centres = LearningCentreService(environment)
            let nation = try await area(.nation, "VN", environment)
            let figures = try await centres.figures(nation.id, year: 2026, by: admin)
            let counted = try await environment.database.read { db in
                (centres: try await db.raw("SELECT COUNT(*) AS n FROM learning_centres").first(decodingColumn: "n", as: Int.self) ?? -1,
                 led: try await db.raw("SELECT COUNT(DISTINCT centre_id) AS n FROM centre_managers WHERE office <> ''").first(decodingColumn: "n", as: Int.self) ?? -1,
                 activities: try await db.raw("SELECT COUNT(*) AS n FROM centre_activities WHERE year = 2026").first(decodingColumn: "n", as: Int.self) ?? -1,
                 participants: try await db.raw("SELECT SUM(participants) AS n FROM centre_activities WHERE year = 2026").first(decodingColumn: "n", as: Int.self) ?? -1)
            }
            #expect(figures.total.communes == 102 && figures.children.count == 34)
            #expect(figures.total.centres == counted.centres && counted.centres > 80 && counted.centres < 102, "most communes, not all")
            #expect(figures.total.ledByAssociation == counted.led && counted.led < counted.centres)
            #expect(figures.total.activities == counted.activities && figures.total.participants == counted.participants)
            #expect(figures.children.map(\.figure.centres).reduce(0, +) == counted.centres, "the provinces add up to the nation")
            let hanoi = try await area(.province, "01", environment)
            let province = try await centres.figures(hanoi.id, year: 2026, by: try await actor("hanoi.tinh", environment))
            #expect(province.children.count == 3 && province.total.communes == 3)
            #expect(figures.children.first { $0.area.id == hanoi.id }?.figure == CentreFigureRow(areaID: hanoi.id).with(province.total))
            let socSon = try await area(.commune, "00376", environment)
            let commune = try await centres.figures(socSon.id, year: 2026, by: admin)
            #expect(commune.total.attendees > 20, "Sóc Sơn's classes have attendance from its register")
            await #expect(throws: ServiceError.self) { _ = try await centres.figures(nation.id, year: 2019, by: admin) }
        }
    }
}

extension CentreFigureRow {
    /// `other`'s figures under this row's area, to compare a child row with a dashboard's total.
    func with(_ other: CentreFigureRow) -> CentreFigureRow {
        var copy = other
        copy.areaID = areaID
        return copy
    }
}
