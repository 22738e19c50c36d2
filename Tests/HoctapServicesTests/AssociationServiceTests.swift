import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("The association's network and officers' training")
struct AssociationServiceTests {
    @Test("bodies are one per commune, village, unit and clan; the year's grid saves all or nothing; the shares count what was recorded",
          arguments: TestDatabases.engines)
    func network(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let officer = try await actor("socson.hoi", environment)
            let commune = try await area(.commune, "00376", environment), dong = try await area(.village, "00376-01", environment)
            let network = AssociationService(environment)
            let association = try await network.addBody(commune: commune.id, kind: .commune, attachedTo: nil, name: "", foundedYear: 2001, by: officer)
            let branch = try await network.addBody(commune: commune.id, kind: .villageBranch, attachedTo: dong.id, name: "", foundedYear: nil, by: officer)
            do {
                try await network.addBody(commune: commune.id, kind: .villageBranch, attachedTo: dong.id, name: "Chi hội thứ hai", foundedYear: nil, by: officer)
                Issue.record("a second branch in one village")
            } catch ServiceError.conflict {}
            let kimAnhVillage = try await area(.village, "00382-01", environment)
            do {
                try await network.addBody(commune: commune.id, kind: .villageBranch, attachedTo: kimAnhVillage.id, name: "", foundedYear: nil, by: officer)
                Issue.record("a branch for another commune's village")
            } catch ServiceError.invalid {}
            do {
                try await network.addBody(commune: commune.id, kind: .religiousBoard, attachedTo: nil, name: " ", foundedYear: 1900, by: officer)
                Issue.record("a nameless religious board")
            } catch ServiceError.invalid(let issues) { #expect(Set(issues.map(\.field)) == ["name", "foundedYear"]) }
            let view = try await network.network(commune: commune.id, year: 2026, by: officer)
            let unit = try #require(view.unitsWithout.first), clan = try #require(view.clansWithout.first)
            let unitBoard = try await network.addBody(commune: commune.id, kind: .unitBoard, attachedTo: unit.id, name: "", foundedYear: nil, by: officer)
            _ = try await network.addBody(commune: commune.id, kind: .clanBoard, attachedTo: clan.id, name: "", foundedYear: nil, by: officer)
            let names = try await network.network(commune: commune.id, year: 2026, by: officer).bodies.map(\.draft.name)
            #expect(names.contains("Hội Khuyến học xã Sóc Sơn") && names.contains("Chi hội khuyến học thôn Đông") && names.contains("Ban khuyến học \(unit.name)"))

            // One bad row refuses the whole grid; then it saves; a stale version is refused.
            let good = AssociationYearEntry(bodyID: association, figures: AssociationYearFigures(members: 200, studied: 150, active: true), expectedVersion: nil)
            let bad = AssociationYearEntry(bodyID: branch, figures: AssociationYearFigures(members: 30, studied: 31, active: true), expectedVersion: nil)
            do { try await network.saveYear(commune: commune.id, year: 2026, [good, bad], by: officer); Issue.record("studied above members") } catch ServiceError.invalid {}
            #expect(try await network.network(commune: commune.id, year: 2026, by: officer).bodies.allSatisfy { $0.figures == nil }, "nothing half-saved")
            try await network.saveYear(commune: commune.id, year: 2026, [
                good, AssociationYearEntry(bodyID: branch, figures: AssociationYearFigures(members: 30, studied: 20, active: true), expectedVersion: nil),
                AssociationYearEntry(bodyID: unitBoard, figures: AssociationYearFigures(members: 12, studied: 12, active: false), expectedVersion: nil),
            ], by: officer)
            do {
                try await network.saveYear(commune: commune.id, year: 2026, [AssociationYearEntry(
                    bodyID: branch, figures: AssociationYearFigures(members: 31, studied: 20, active: true), expectedVersion: nil)], by: officer)
                Issue.record("a second writer overwrote the figures")
            } catch ServiceError.conflict {}

            let dashboard = try await MovementService(environment).dashboard(commune.id, year: 2026, by: officer)
            #expect(dashboard.figures[.villageBranches] == MovementFigure(indicator: .villageBranches, numerator: 1, denominator: 5))
            #expect(dashboard.figures[.unitBoards]?.numerator == 0 && dashboard.figures[.unitBoards]?.denominator == 3, "the unit's board did not run the movement")
            #expect(dashboard.figures[.membersStudied]?.numerator == 182 && dashboard.figures[.membersStudied]?.denominator == 242)

            // Officers: added to a body of the commune, removed; others refused.
            try await network.addOfficer(commune: commune.id, body: association, AssociationOfficerDraft(fullName: "Trần Văn Sơn", position: "Chủ tịch"), by: officer)
            let council = try await actor("socson.hoidong", environment)
            do {
                try await network.addOfficer(commune: commune.id, body: association, AssociationOfficerDraft(fullName: "X", position: "Y"), by: council)
                Issue.record("a council member added an officer")
            } catch ServiceError.forbidden {}
            let kimAnh = try await area(.commune, "00382", environment)
            do {
                try await network.addOfficer(commune: kimAnh.id, body: association, AssociationOfficerDraft(fullName: "X", position: "Y"), by: try await actor("admin", environment))
                Issue.record("an officer added through another commune")
            } catch ServiceError.invalid {}
            let recorded = try #require(try await network.network(commune: commune.id, year: 2026, by: officer).officers.first)
            do { _ = try await network.removeOfficer(recorded.id, by: try await actor("quephong.hoi", environment)); Issue.record("removed from elsewhere") } catch ServiceError.notFound {}
            #expect(try await network.removeOfficer(recorded.id, by: officer) == commune.id)
            let audited = try await environment.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_events WHERE action LIKE 'network.%'").first(decodingColumn: "n", as: Int.self)
            }
            #expect(audited == 7, "four bodies, one year, one officer added and removed")
        }
    }

    @Test("IT courses count towards the officers' target up to their year; each level records its own officers; other provinces see nothing",
          arguments: TestDatabases.engines)
    func training(engine: DatabaseEngine) async throws {
        try await withDemo(engine) { environment in
            let admin = try await actor("admin", environment), socSonOfficer = try await actor("socson.hoi", environment)
            let province = try await actor("hanoi.tinh", environment)
            let network = AssociationService(environment)
            var officers: [Area.ID: [Int64]] = [:]
            for code in ["00376", "00382"] {
                let commune = try await area(.commune, code, environment)
                let body = try await network.addBody(commune: commune.id, kind: .commune, attachedTo: nil, name: "", foundedYear: nil, by: admin)
                for name in ["Nguyễn Văn An", "Lê Thị Hoa", "Phạm Minh Dũng", "Vũ Thu Hằng"] {
                    try await network.addOfficer(commune: commune.id, body: body, AssociationOfficerDraft(fullName: name, position: "Ủy viên"), by: admin)
                }
                officers[commune.id] = try await network.network(commune: commune.id, year: 2026, by: admin).officers.map(\.id)
            }
            let socSon = try await area(.commune, "00376", environment), kimAnh = try await area(.commune, "00382", environment)
            let training = TrainingService(environment)
            let nation = try await area(.nation, "VN", environment)
            let it = try await training.addCourse(organisedBy: nation.id, TrainingCourseDraft(
                topic: .informationTechnology, title: "Chuyển đổi số", organiser: "Trung ương Hội", startsOn: Day(2025, 5, 1)!, endsOn: Day(2025, 5, 2)!, hours: 16), by: admin)
            let criteria = try await training.addCourse(organisedBy: nation.id, TrainingCourseDraft(
                topic: .criteria, title: "Tiêu chí công dân học tập", organiser: "Trung ương Hội", startsOn: Day(2025, 6, 1)!, endsOn: Day(2025, 6, 1)!, hours: 4), by: admin)
            do {
                _ = try await training.addCourse(organisedBy: nation.id, TrainingCourseDraft(
                    topic: .skills, title: "X", organiser: "Y", startsOn: Day(2025, 1, 1)!, endsOn: Day(2025, 1, 1)!, hours: 1), by: socSonOfficer)
                Issue.record("a commune organised a national course")
            } catch ServiceError.notFound {}
            // Sóc Sơn records its own two; Kim Anh's officers are not in its reach.
            try await training.recordAttendance(it, add: Array(officers[socSon.id]!.prefix(2)), remove: [], by: socSonOfficer)
            do {
                try await training.recordAttendance(it, add: [officers[kimAnh.id]![0]], remove: [], by: socSonOfficer)
                Issue.record("a commune recorded another commune's officer")
            } catch ServiceError.invalid {}
            try await training.recordAttendance(it, add: [officers[kimAnh.id]![0]], remove: [], by: province)
            try await training.recordAttendance(criteria, add: officers[kimAnh.id]!, remove: [], by: province)
            #expect(try await training.course(it, by: socSonOfficer).attendees.count == 2, "a commune sees its own officers at a national course")
            #expect(try await training.course(it, by: province).attendees.count == 3)

            let hanoi = try await area(.province, "01", environment)
            let dashboard = try await MovementService(environment).dashboard(hanoi.id, year: 2026, by: province)
            #expect(dashboard.figures[.officersTrainedIT]?.numerator == 3 && dashboard.figures[.officersTrainedIT]?.denominator == 8, "only the IT course counts")
            let before = try await MovementService(environment).dashboard(hanoi.id, year: 2024, by: province)
            #expect(before.figures[.officersTrainedIT]?.numerator == 0, "a 2025 course does not count in 2024")

            let quePhong = try await actor("quephong.hoi", environment)
            let local = try await training.addCourse(organisedBy: socSon.id, TrainingCourseDraft(
                topic: .informationTechnology, title: "Tin học văn phòng", organiser: "Hội Khuyến học xã Sóc Sơn", startsOn: Day(2026, 3, 1)!, endsOn: Day(2026, 3, 1)!,
                hours: 6), by: socSonOfficer)
            do { _ = try await training.course(local, by: quePhong); Issue.record("another province saw a commune's course") } catch ServiceError.notFound {}
            #expect(try await training.course(it, by: quePhong).attendees.isEmpty, "a national course is visible everywhere, with one's own officers only")
            do {
                _ = try await training.addCourse(organisedBy: socSon.id, TrainingCourseDraft(
                    topic: .skills, title: "", organiser: "", startsOn: Day(2027, 1, 1)!, endsOn: Day(2026, 1, 1)!, hours: 0), by: socSonOfficer)
                Issue.record("a bad course was saved")
            } catch ServiceError.invalid(let issues) { #expect(Set(issues.map(\.field)) == ["title", "organiser", "endsOn", "startsOn", "hours"]) }
        }
    }
}
