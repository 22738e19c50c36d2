import Foundation
import HoctapDomain
import HoctapStorage

/// The demo's community learning centres: most demo communes have one (some without the
/// association's leaders on the board, a few with none at all), each with classes this year and
/// last; xã Sóc Sơn's classes carry attendance from its register, so that households in this
/// year's cycle show the classes as suggested evidence. Written through the officers' service.
public struct DemoNetwork: Sendable {
    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    static let topics: [(CentreActivityKind, String, Double)] = [
        (.course, "Tin học cơ bản và sử dụng điện thoại thông minh", 24),
        (.talk, "Phòng chống lừa đảo trên không gian mạng", 3),
        (.training, "Kỹ thuật trồng rau an toàn theo VietGAP", 8),
        (.course, "Dịch vụ công trực tuyến cho người dân", 6),
        (.club, "Câu lạc bộ đọc sách gia đình", 12),
        (.talk, "Chăm sóc sức khỏe người cao tuổi", 2),
        (.training, "Nuôi dạy con trong thời đại số", 4),
    ]

    public func seed(by admin: Actor) async throws {
        let service = LearningCentreService(environment)
        let today = Day(containing: environment.clock.now())
        for (provinceIndex, province) in DemoCountry.provinces.enumerated() {
            for (communeIndex, planned) in province.communes.enumerated() {
                let serial = provinceIndex * 3 + communeIndex
                let inCommune = planned.kind.label.lowercased() + " " + planned.name  // "xã Sóc Sơn", mid-sentence
                // Every seventh commune has not set its centre up yet.
                guard serial % 7 != 5, let commune = try await environment.database.read({ try await AreaRepository($0).current(level: .commune, code: planned.code) })
                else { continue }
                _ = try await service.save(commune: commune.id, CentreDraft(
                    name: "Trung tâm học tập cộng đồng \(inCommune)", establishedYear: 2005 + serial % 15,
                    address: "Nhà văn hóa \(inCommune)", resources: ["Một phòng học, tủ sách 300 đầu sách", "Hai phòng học, 10 máy tính nối mạng, tủ sách",
                                                                            "Hội trường nhà văn hóa, tủ sách pháp luật"][serial % 3]),
                    expectedVersion: nil, by: admin)
                let family = DemoRegistry.familyNames[serial % DemoRegistry.familyNames.count]
                try await service.addManager(commune: commune.id, CentreManagerDraft(
                    fullName: "\(family) \(DemoRegistry.maleNames[serial % DemoRegistry.maleNames.count])", position: "Giám đốc (Phó Chủ tịch UBND xã)", office: .none), by: admin)
                // Two communes in three have the association's chair or vice-chair on the board (a QĐ 387 target).
                if serial % 3 != 2 {
                    try await service.addManager(commune: commune.id, CentreManagerDraft(
                        fullName: "\(DemoRegistry.familyNames[(serial + 4) % 10]) \(DemoRegistry.femaleNames[serial % 8])", position: "Phó Giám đốc",
                        office: serial % 2 == 0 ? .chair : .viceChair), by: admin)
                }
                for year in [today.year - 1, today.year] {
                    for (index, day) in Self.days(year: year, today: today).enumerated() where (index + serial) % 4 != 3 {
                        let (kind, topic, hours) = Self.topics[(serial + index) % Self.topics.count]
                        _ = try await service.addActivity(commune: commune.id, CentreActivityDraft(
                            kind: kind, topic: topic, startsOn: day, endsOn: day, hours: hours, participants: 18 + (serial * 7 + index * 5) % 40), by: admin)
                    }
                }
            }
        }
        try await seedAttendance(by: admin, today: today)
        try await seedDigitalSkills(by: admin, year: today.year - 1)
        try await seedAssociation(by: admin, today: today)
    }

    static let positions = ["Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch", "Ủy viên Ban Thường vụ", "Ủy viên Ban Chấp hành"]

    /// Every demo commune's association with five officers, branches in most villages, boards in
    /// Sóc Sơn's units and clan, figures for this year and last; an IT course of the nation last
    /// year and one of each province this year, attended by about half of the communes' officers.
    private func seedAssociation(by admin: Actor, today: Day) async throws {
        let network = AssociationService(environment)
        let training = TrainingService(environment)
        var officersByProvince: [Area.ID: [Int64]] = [:]
        for (provinceIndex, province) in DemoCountry.provinces.enumerated() {
            for (communeIndex, planned) in province.communes.enumerated() {
                let serial = provinceIndex * 3 + communeIndex
                guard let commune = try await environment.database.read({ try await AreaRepository($0).current(level: .commune, code: planned.code) }) else { continue }
                try await network.addBody(commune: commune.id, kind: .commune, attachedTo: nil, name: "", foundedYear: 1998 + serial % 12, by: admin)
                let first = try await network.network(commune: commune.id, year: today.year, by: admin)
                guard let association = first.bodies.first(where: { $0.kind == .commune }) else { continue }
                for (index, position) in Self.positions.enumerated() {
                    let family = DemoRegistry.familyNames[(serial + index * 3) % DemoRegistry.familyNames.count]
                    let given = index % 2 == 0 ? DemoRegistry.maleNames[(serial + index) % 8] : DemoRegistry.femaleNames[(serial + index) % 8]
                    try await network.addOfficer(commune: commune.id, body: association.id, AssociationOfficerDraft(fullName: "\(family) \(given)", position: position), by: admin)
                }
                // Branches in all villages but every fourth commune's last one; boards for the commune's units and clans.
                for (index, village) in first.villagesWithout.enumerated() where !(serial % 4 == 0 && index == first.villagesWithout.count - 1) {
                    try await network.addBody(commune: commune.id, kind: .villageBranch, attachedTo: village.id, name: "", foundedYear: nil, by: admin)
                }
                for unit in first.unitsWithout.prefix(2) { try await network.addBody(commune: commune.id, kind: .unitBoard, attachedTo: unit.id, name: "", foundedYear: nil, by: admin) }
                for clan in first.clansWithout { try await network.addBody(commune: commune.id, kind: .clanBoard, attachedTo: clan.id, name: "", foundedYear: nil, by: admin) }
                for year in [today.year - 1, today.year] {
                    let bodies = try await network.network(commune: commune.id, year: year, by: admin).bodies
                    try await network.saveYear(commune: commune.id, year: year, bodies.enumerated().map { index, body in
                        let members = body.kind == .commune ? 180 + serial * 7 % 120 : 25 + (serial * 5 + index * 11) % 50
                        let share = year == today.year ? 70 + (serial + index) % 31 : 45 + (serial + index) % 40
                        return AssociationYearEntry(bodyID: body.id, figures: AssociationYearFigures(
                            members: members, studied: members * share / 100, active: (serial + index + year) % 6 != 0), expectedVersion: nil)
                    }, by: admin)
                }
                let officers = try await network.network(commune: commune.id, year: today.year, by: admin).officers
                officersByProvince[commune.provinceID ?? 0, default: []] += officers.enumerated().filter { ($0.offset + serial) % 5 < 2 }.map(\.element.id)
            }
        }
        guard let nation = try await environment.database.read({ try await AreaRepository($0).current(level: .nation, code: "VN") }) else { return }
        let lastYear = Self.days(year: today.year - 1, today: today).first ?? today
        let national = try await training.addCourse(organisedBy: nation.id, TrainingCourseDraft(
            topic: .informationTechnology, title: "Ứng dụng công nghệ thông tin trong công tác khuyến học", organiser: "Trung ương Hội Khuyến học Việt Nam",
            startsOn: lastYear, endsOn: lastYear, hours: 16), by: admin)
        let all = officersByProvince.keys.sorted().flatMap { officersByProvince[$0] ?? [] }
        for batch in stride(from: 0, to: all.count, by: 500) {
            try await training.recordAttendance(national, add: Array(all[batch..<min(all.count, batch + 500)].enumerated().filter { $0.offset % 2 == 0 }.map(\.element)),
                                                remove: [], by: admin)
        }
        let thisYear = Self.days(year: today.year, today: today).last ?? today
        for (provinceID, officers) in officersByProvince.sorted(by: { $0.key < $1.key }) {
            guard let province = try await environment.database.read({ try await AreaRepository($0).find(id: provinceID) }) else { continue }
            let course = try await training.addCourse(organisedBy: province.id, TrainingCourseDraft(
                topic: .informationTechnology, title: "Chuyển đổi số cho cán bộ Hội Khuyến học cấp xã", organiser: "Hội Khuyến học \(province.nameInSentence)",
                startsOn: thisYear, endsOn: thisYear, hours: 8), by: admin)
            let odd = officers.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            if !odd.isEmpty { try await training.recordAttendance(course, add: odd, remove: [], by: admin) }
        }
    }

    /// Last year's learning citizens of xã Sóc Sơn, recorded from the commune's paper decision
    /// through the results importer, and their digital skills: three in four have them, half of
    /// those proficiently (the current citizen sets are incomplete, so this year's cycle cannot
    /// recognise anyone yet).
    private func seedDigitalSkills(by admin: Actor, year: Int) async throws {
        guard let commune = try await environment.database.read({ try await AreaRepository($0).current(level: .commune, code: "00376") }) else { return }
        let residents = try await environment.database.read {
            try await RegistryRepository($0).citizens(within: commune.position, group: .resident, limit: 500).rows
        }
        // Results name citizens by name inside the commune, so only names that occur once are used.
        let byName = Dictionary(grouping: residents) { VietnameseText.fold($0.fullName) }
        let citizens = residents.filter { byName[VietnameseText.fold($0.fullName)]?.count == 1 }.sorted { $0.id < $1.id }
        guard !citizens.isEmpty else { return }
        var csv = "year,model,commune,subject,verdict,decision_number,decided_on\n"
        for (index, citizen) in citizens.enumerated() {
            let recognised = index % 5 != 4
            csv += "\(year),citizen,\(commune.code),\(citizen.fullName),\(recognised ? "công nhận,62/QĐ-UBND,\(year)-12-19" : "không công nhận,,")\n"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hoctap-demo-cong-dan-\(UUID().uuidString).csv")
        try Data(csv.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await BulkImportService(environment, batchSize: 500).importResults(file: file, displayName: "cong-dan-hoc-tap-\(year).csv", by: admin)
        let records = LearningRecordService(environment)
        for (index, citizen) in citizens.enumerated() where index % 5 != 4 {
            let level: DigitalSkillLevel = index % 4 == 3 ? .none : index % 2 == 0 ? .proficient : .basic
            try await records.setDigitalSkill(citizen.id, year: year, level: level, note: "Tự đánh giá theo phiếu của chi hội", expectedVersion: nil, by: admin)
        }
    }

    /// Days of `year` the demo's classes are held on, none after today.
    static func days(year: Int, today: Day) -> [Day] {
        let wanted = [(3, 14), (5, 9), (7, 18), (9, 12), (11, 6)].compactMap { Day(year, $0.0, $0.1) }.filter { $0 <= today }
        return wanted.isEmpty ? [today] : wanted
    }

    /// Adults of xã Sóc Sơn's households attended this year's classes: two households in three
    /// have a member on a list.
    private func seedAttendance(by admin: Actor, today: Day) async throws {
        guard let commune = try await environment.database.read({ try await AreaRepository($0).current(level: .commune, code: "00376") }) else { return }
        let service = LearningCentreService(environment)
        let activities = try await service.overview(commune: commune.id, year: today.year, by: admin).activities
        guard !activities.isEmpty else { return }
        let households = try await RegistryService(environment).households(in: commune.id, pageSize: 1_000, by: admin).rows.sorted { $0.code < $1.code }
        var lists: [CentreActivityRecord.ID: [Int64]] = [:]
        for (index, household) in households.enumerated() where index % 3 != 2 {
            let adults = try await environment.database.read { try await RegistryRepository($0).members(of: household.id) }
                .filter { ($0.birthYear ?? today.year) <= today.year - 18 }
            for (offset, adult) in adults.prefix(2).enumerated() {
                let activity = activities[(index + offset) % activities.count]
                if lists[activity.id, default: []].count < activity.draft.participants { lists[activity.id, default: []].append(adult.id) }
            }
        }
        for (activityID, persons) in lists.sorted(by: { $0.key < $1.key }) {
            try await service.recordAttendance(activityID, add: persons, remove: [], by: admin)
        }
    }
}
