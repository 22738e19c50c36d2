import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import HTTPTypes
import NIOCore
import Testing

/// Community learning centres over real HTTP: the commune describes its centre, its board and
/// its classes, ticks who attended, and a household's assessment offers the class as evidence.
@Suite("Community learning centre pages")
struct LearningCentrePageTests {
    /// This year's family cycle in Sóc Sơn with Thôn Đông's households registered.
    static func cycle(_ environment: ServiceEnvironment) async throws {
        let officer = try #require(try await environment.database.read { try await AccountRepository($0).find(username: DemoUser.communeOfficer) }).actor
        let commune = try #require(try await environment.database.read { try await AreaRepository($0).current(level: .commune, code: "00376") })
        let village = try #require(try await environment.database.read { try await AreaRepository($0).current(level: .village, code: "00376-01") })
        let cycle = try await EvaluationService(environment).openCycle(communeID: commune.id, year: 2026, model: .family, by: officer)
        _ = try await EvaluationService(environment).registerAll(cycleID: cycle.id, in: village.id, by: officer)
    }

    /// A form body with repeated fields (`add=1&add=2`), which a dictionary cannot hold.
    static func repeated(_ pairs: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }.joined(separator: "&"))
    }

    @Test("describe the centre, its board and a class, tick who attended; the household's assessment offers the class as evidence",
          arguments: TestDatabases.engines)
    func centreFlow(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine, prepare: Self.cycle) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let centrePath = "/areas/\(fixture.socSon.id)/tthtcd"
            let empty = try await browser.get(centrePath)
            #expect(empty.status == .ok && empty.body.contains("Chưa ghi thông tin trung tâm") && MarkupCheck.problems(empty.body).isEmpty,
                    "\(MarkupCheck.problems(empty.body))")
            let csrf = try #require(empty.csrfToken)

            // The centre: bad values named and kept, then saved, then a stale save refused.
            let bad = try await browser.post(centrePath, form: ["name": " ", "establishedYear": "năm <b>2000</b>", "address": "Nhà văn hóa", "version": ""], csrf: csrf)
            #expect(bad.status == .unprocessableContent && bad.body.contains("không phải số") && bad.body.contains("năm &lt;b&gt;2000&lt;/b&gt;"))
            let tooOld = try await browser.post(centrePath, form: ["name": "TTHTCĐ", "establishedYear": "1950", "version": ""], csrf: csrf)
            #expect(tooOld.status == .unprocessableContent && tooOld.body.contains("Năm thành lập phải từ 1990"))
            let saved = try await browser.post(centrePath, form: ["name": "Trung tâm học tập cộng đồng xã Sóc Sơn", "establishedYear": "2008",
                                                                  "address": "Nhà văn hóa xã", "resources": "Tủ sách, 8 máy tính", "version": ""], csrf: csrf)
            #expect(saved.status == .seeOther && saved.location?.contains("ok=centre") == true)
            #expect(try await browser.post(centrePath, form: ["name": "Tên mới", "version": "1"], csrf: csrf).status == .seeOther)
            let stale = try await browser.post(centrePath, form: ["name": "Tên khác", "version": "1"], csrf: csrf)
            #expect(stale.status == .conflict && stale.body.contains("Tên khác"), "the typed name stays in the form")

            // The board.
            let managers = "\(centrePath)/can-bo"
            let noOffice = try await browser.post(managers, form: ["fullName": "Vũ Thị Lan", "position": "Phó Giám đốc", "office": "boss"], csrf: csrf)
            #expect(noOffice.status == .unprocessableContent && noOffice.body.contains("Chọn chức vụ") && noOffice.body.contains("Vũ Thị Lan"))
            let noName = try await browser.post(managers, form: ["fullName": "", "position": "", "office": ""], csrf: csrf)
            #expect(noName.status == .unprocessableContent && noName.body.contains("Ghi họ và tên") && noName.body.contains("Ghi chức danh"))
            #expect(try await browser.post(managers, form: ["fullName": "Vũ Thị Lan", "position": "Phó Giám đốc", "office": "vice-chair"], csrf: csrf).status == .seeOther)
            #expect(try await browser.post(managers, form: ["fullName": "Trần Văn Bình", "position": "Giám đốc", "office": ""], csrf: csrf).status == .seeOther)
            let withBoard = try await browser.get(centrePath)
            #expect(withBoard.body.contains("Vũ Thị Lan – Phó Giám đốc (Phó Chủ tịch Hội Khuyến học xã)") && withBoard.body.contains("1 / 1 (100,0 %)"))
            let removeID = try #require(withBoard.body.firstMatch(of: /\/tthtcd\/can-bo\/(\d+)\/xoa/).map { String($0.1) })
            #expect(try await browser.post("/tthtcd/can-bo/\(removeID)/xoa", form: [:], csrf: csrf).status == .seeOther)
            #expect(try await browser.post("/tthtcd/can-bo/999999/xoa", form: [:], csrf: csrf).status == .notFound)
            #expect(!(try await browser.get(centrePath).body.contains("Vũ Thị Lan – ")))

            // A class: unreadable values named together, then recorded.
            let activities = "\(centrePath)/hoat-dong"
            let unreadable = try await browser.post(activities, form: ["kind": "lop-hoc", "topic": "Tin học", "startsOn": "32/13/2026", "hours": "nhiều",
                                                                       "participants": "20"], csrf: csrf)
            #expect(unreadable.status == .unprocessableContent && unreadable.body.contains("không phải ngày") && unreadable.body.contains("Số giờ \"nhiều\""))
            let future = try await browser.post(activities, form: ["kind": "lop-hoc", "topic": "Tin học", "startsOn": "20/12/2026", "hours": "6",
                                                                   "participants": "20"], csrf: csrf)
            #expect(future.status == .unprocessableContent && future.body.contains("chưa tới"))
            let added = try await browser.post(activities, form: ["kind": "lop-hoc", "topic": "Tin học cơ bản cho người lớn", "startsOn": "10/03/2026",
                                                                  "endsOn": "12/03/2026", "hours": "7,5", "participants": "2"], csrf: csrf)
            #expect(added.status == .seeOther)
            let activityPath = try #require(added.location?.components(separatedBy: "?").first)
            let activityID = try #require(activityPath.split(separator: "/").last.map(String.init))
            #expect(try await browser.get(centrePath).body.contains("10/03/2026 – 12/03/2026"))

            // Attendance: find the household by its code, tick its members.
            let found = try await browser.get("\(activityPath)?q=00376-01-0001")
            #expect(found.status == .ok && MarkupCheck.problems(found.body).isEmpty, "\(MarkupCheck.problems(found.body))")
            let people = found.body.matches(of: /name="add" value="(\d+)"/).map { String($0.1) }
            #expect(people.count >= 2, "the household's members are offered")
            let byName = try await browser.get("\(activityPath)?q=\("nguyen van an".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(byName.body.contains("Nguyễn Văn An"), "names are found without diacritics")
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            let attendancePath = "/tthtcd/hoat-dong/\(activityID)/diem-danh"
            let three = try await browser.request(.post, attendancePath, headers: form, body: Self.repeated([("_csrf", csrf)] + people.map { ("add", $0) } + [("add", people[0])]))
            #expect(people.count < 3 || three.status == .unprocessableContent, "more people than the class had")
            let notNumber = try await browser.request(.post, attendancePath, headers: form, body: Self.repeated([("_csrf", csrf), ("add", "abc")]))
            #expect(notNumber.status == .unprocessableContent && notNumber.body.contains("không phải số"))
            let nobody = try await browser.request(.post, attendancePath, headers: form, body: Self.repeated([("_csrf", csrf)]))
            #expect(nobody.status == .unprocessableContent && nobody.body.contains("Chọn ít nhất một người"))
            let ticked = try await browser.request(.post, attendancePath, headers: form, body: Self.repeated([("_csrf", csrf), ("add", people[0])]))
            #expect(ticked.status == .seeOther)
            #expect(try await browser.get(activityPath).body.contains("Người trong sổ theo dõi đã tham gia (1)"))

            // The household's assessment shows the class, and records it as evidence in one step.
            let evaluationID = try await {
                let url = try #require(fixture.databaseURL)
                let database = try await DatabaseFactory.open(url, logger: TestDatabases.logger)
                defer { Task { await database.close() } }
                return try await database.read { db in
                    try await db.raw("SELECT e.id FROM evaluations e JOIN households h ON h.id = e.subject_id WHERE e.subject_kind = 'household' AND h.code = '00376-01-0001'")
                        .first(decodingColumn: "id", as: Int64.self)
                }
            }()
            let evaluation = try await browser.get("/evaluations/\(try #require(evaluationID))")
            #expect(evaluation.body.contains("Gợi ý minh chứng từ trung tâm học tập cộng đồng") && evaluation.body.contains("Tin học cơ bản cho người lớn"))
            #expect(MarkupCheck.problems(evaluation.body).isEmpty, "\(MarkupCheck.problems(evaluation.body))")
            let note = try #require(evaluation.body.firstMatch(of: /name="note" value="([^"]*tham gia[^"]*)"/).map { String($0.1) })
                .replacingOccurrences(of: "&quot;", with: "\"")
            let token = try #require(evaluation.csrfToken)
            let used = try await browser.multipart("/evaluations/\(try #require(evaluationID))/evidence?_csrf=\(token)",
                                                   fields: ["note": note, "capturedOn": "2026-03-12", "items": "2.3"], files: [])
            #expect(used.status == .seeOther, "\(used.body.prefix(300))")
            #expect(try await browser.get("/evaluations/\(try #require(evaluationID))").body.contains("đã ghi làm minh chứng"))

            // Removing the person takes the suggestion away.
            let removed = try await browser.request(.post, attendancePath, headers: form, body: Self.repeated([("_csrf", csrf), ("remove", people[0])]))
            #expect(removed.status == .seeOther)
            #expect(try await browser.get(activityPath).body.contains("Chưa điểm danh ai."))
        }
    }

    @Test("figures of the province and the country; other areas not found, read-only roles refused, bad years named")
    func figuresAndAccess() async throws {
        try await TestApp.run(.sqlite) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let csrf = try #require(try await browser.get("/areas/\(fixture.socSon.id)/tthtcd").csrfToken)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd", form: ["name": "TTHTCĐ xã Sóc Sơn", "version": ""], csrf: csrf).status == .seeOther)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd/hoat-dong", form: [
                "kind": "tap-huan", "topic": "Trồng rau an toàn", "startsOn": "2026-05-09", "hours": "8", "participants": "30"], csrf: csrf).status == .seeOther)
            let activityID = try #require(try await browser.get("/areas/\(fixture.socSon.id)/tthtcd").body
                .firstMatch(of: /\/tthtcd\/hoat-dong\/(\d+)"/).map { String($0.1) })
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/tthtcd?year=abc").status == .unprocessableContent)
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/tthtcd?year=1999").status == .unprocessableContent)
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)/tthtcd").status == .notFound, "a village has no centre page")
            #expect(try await browser.get("/areas/\(fixture.kimAnh.id)/tthtcd").status == .notFound, "another commune")

            try await browser.login(DemoUser.province)
            let province = try await browser.get("/areas/\(fixture.hanoi.id)/tthtcd")
            #expect(province.status == .ok && province.body.contains("Xã có trung tâm") && province.body.contains("1 / 3 (33,3 %)"))
            #expect(MarkupCheck.problems(province.body).isEmpty, "\(MarkupCheck.problems(province.body))")
            #expect(try await browser.get("/areas/\(fixture.nghean.id)/tthtcd").status == .notFound, "another province")
            try await browser.login(DemoUser.admin)
            let nation = try await browser.get("/areas/\(fixture.nation.id)/tthtcd")
            #expect(nation.status == .ok && nation.body.contains("Tỉnh, thành phố") && nation.body.contains("1 / 102"))

            // The council member reads but changes nothing; the other province's officer sees nothing.
            try await browser.login(DemoUser.council)
            let read = try await browser.get("/areas/\(fixture.socSon.id)/tthtcd")
            #expect(read.status == .ok && !read.body.contains("Ghi lớp học, hoạt động") && !read.body.contains("Lưu thông tin"))
            let token = read.csrfToken
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd", form: ["name": "X", "version": "1"], csrf: token).status == .forbidden)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd/can-bo", form: ["fullName": "X", "position": "Y", "office": ""], csrf: token).status == .forbidden)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd/hoat-dong", form: ["topic": "X"], csrf: token).status == .forbidden)
            #expect(try await browser.post("/tthtcd/hoat-dong/\(activityID)/diem-danh", form: ["add": "1"], csrf: token).status == .forbidden)
            #expect(try await browser.get("/tthtcd/hoat-dong/\(activityID)").status == .ok)
            try await browser.login(DemoUser.otherProvinceCommune)
            let other = try #require(try await browser.get("/").csrfToken)
            #expect(try await browser.get("/tthtcd/hoat-dong/\(activityID)").status == .notFound)
            #expect(try await browser.get("/tthtcd/hoat-dong/999999").status == .notFound, "the same answer as for one that exists elsewhere")
            #expect(try await browser.post("/tthtcd/hoat-dong/\(activityID)/diem-danh", form: ["add": "1"], csrf: other).status == .notFound)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd", form: ["name": "X", "version": ""], csrf: other).status == .notFound)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd/can-bo", form: ["fullName": "X"], csrf: other).status == .notFound)
            #expect(try await browser.post("/areas/\(fixture.socSon.id)/tthtcd/hoat-dong", form: ["topic": "X"], csrf: other).status == .notFound)
        }
    }
}
