import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import HoctapTestSupport
import Testing

@Suite("Registries in the browser: households, members, citizens, units, clans")
struct RegistryPageTests {
    /// The first number after `prefix` in `text` (an identifier in a link).
    static func id(after prefix: String, in text: String) throws -> Int64 {
        let range = try #require(text.range(of: prefix), "\(prefix) in page")
        return try #require(Int64(String(text[range.upperBound...].prefix { $0.isNumber })))
    }

    @Test("a village officer lists, searches, adds and edits the households of their village", arguments: TestDatabases.engines)
    func households(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.village)
            let list = try await browser.get("/areas/\(fixture.thonDong.id)/households")
            #expect(list.status == .ok)
            #expect(list.body.contains("8 hộ."), "the demo's eight households of Thôn Đông")
            #expect(list.body.contains("00376-01-0001"))
            let search = try await browser.get("/areas/\(fixture.thonDong.id)/households?q=nguyen%20van%20an")
            #expect(search.body.contains("Nguyễn Văn An") && search.body.contains("1 hộ khớp"))

            let empty = try await browser.submit("/areas/\(fixture.thonDong.id)/households/new", ["headName": "  ", "address": "Xóm 9"])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Tên chủ hộ không được để trống."))
            #expect(empty.body.contains("Xóm 9"), "what was typed is kept")
            let created = try await browser.submit("/areas/\(fixture.thonDong.id)/households/new", ["headName": "Đinh Công Tráng", "address": "Xóm 9"])
            #expect(created.status == .seeOther)
            let page = try await browser.get(created.location ?? "")
            #expect(page.body.contains("00376-01-0009") && page.body.contains("Đinh Công Tráng"))
            let householdID = try Self.id(after: "/households/", in: created.location ?? "")

            // Two editors: the second, stale save is refused, not applied.
            #expect(try await browser.submit("/households/\(householdID)/edit", ["headName": "Đinh Công Tráng", "address": "Xóm 10", "version": "1"]).status == .seeOther)
            let stale = try await browser.submit("/households/\(householdID)/edit", ["headName": "Ai đó", "address": "", "version": "1"])
            #expect(stale.status == .conflict)
            #expect(try await browser.get("/households/\(householdID)").body.contains("Xóm 10"))

            // Not in a sibling village, not for roles that only look.
            #expect(try await browser.get("/areas/\(fixture.thonTay.id)/households").status == .notFound)
            #expect(try await browser.get("/areas/\(fixture.thonTay.id)/households/new").status == .notFound)
            try await browser.login(DemoUser.council)
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)/households").status == .ok, "the council reads")
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)/households/new").status == .forbidden)
            #expect(try await browser.get("/households/\(householdID)/edit").status == .forbidden)
            let csrf = try await browser.get("/").csrfToken
            #expect(try await browser.post("/areas/\(fixture.thonDong.id)/households/new", form: ["headName": "Lén"], csrf: csrf).status == .forbidden)
        }
    }

    @Test("a commune's households download as CSV and XLSX in the import layout, audited; other provinces see nothing", arguments: TestDatabases.engines)
    func export(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let list = try await browser.get("/areas/\(fixture.socSon.id)/households")
            #expect(list.body.contains("/areas/\(fixture.socSon.id)/households/export.csv") && list.body.contains("Tải Excel"))
            let csv = try await browser.get("/areas/\(fixture.socSon.id)/households/export.csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition]?.contains("ho-gia-dinh-00376.csv") == true)
            var records: [CSVParser.Record] = []
            var parser = CSVParser()
            try parser.feed(csv.bytes) { records.append($0) }
            try parser.finish { records.append($0) }
            #expect(records.first?.fields == ExportKind.households.columns)
            let rows = records.dropFirst()
            #expect(rows.contains { $0.fields == ["00376-01", "1", "Xóm 1, thôn Đông", "Nguyễn Văn An", "Chủ hộ", "1988", "Nam", "Trung học phổ thông", "Có", "Không", "Người dân trong xã"] }, "\(rows.prefix(3))")
            let total = try #require(list.body.range(of: #"([\d.]+) hộ\."#, options: .regularExpression).map { String(list.body[$0]) })
            let households = Set(rows.map { "\($0.fields[0])/\($0.fields[1])" })
            #expect("\(VietnameseFormat.integer(households.count)) hộ." == total, "every household of the commune, once")
            // Every household's first row is its head, so the file imports as it is.
            let heads = rows.filter { $0.fields[4] == "Chủ hộ" }.count
            #expect(heads == households.count)

            let xlsx = try await browser.get("/areas/\(fixture.thonDong.id)/households/export.xlsx")
            #expect(xlsx.status == .ok && xlsx.bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))
            if let sheet = try await Openpyxl.sheets(of: xlsx.bytes)?.first {
                #expect(sheet.rows[1][0].contains("Thôn Đông"))
                #expect(sheet.rows.dropFirst(5).filter { $0[0] == "00376-01" }.count == rows.filter { $0.fields[0] == "00376-01" }.count,
                        "Thôn Đông's member rows, as in the commune's CSV")
            } else {
                Issue.record(Comment(rawValue: Openpyxl.unavailable), severity: .warning)
            }
            let audit = try await browser.get("/audit")
            #expect(audit.body.contains("Tải danh sách hộ gia đình và thành viên của Xã Sóc Sơn (CSV)"), "the download is in the audit trail")

            #expect(try await browser.get("/areas/abc/households/export.csv").status == .notFound)
            browser.clearBearer()
            try await browser.login(DemoUser.otherProvinceCommune)
            let hidden = try await browser.get("/areas/\(fixture.socSon.id)/households/export.csv")
            let missing = try await browser.get("/areas/99999999/households/export.csv")
            #expect(hidden.status == .notFound && missing.status == .notFound && hidden.bodyWithoutToken == missing.bodyWithoutToken)
        }
    }

    @Test("members: added with an ID number that is unique in the country, masked for those who only read, edited and removed", arguments: TestDatabases.engines)
    func members(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let list = try await browser.get("/areas/\(fixture.thonDong.id)/households")
            let householdID = try Self.id(after: "href=\"/households/", in: list.body)
            let form = "/households/\(householdID)/members/new"
            let noRelation = try await browser.submit(form, ["fullName": "Bé Na", "relation": "", "birthYear": "2020"])
            #expect(noRelation.status == .unprocessableContent && noRelation.body.contains("quan hệ"))
            let badID = try await browser.submit(form, ["fullName": "Bé Na", "relation": "child", "birthYear": "2020", "personalID": "12345"])
            #expect(badID.status == .unprocessableContent && badID.body.contains("12 chữ số"))
            let badYear = try await browser.submit(form, ["fullName": "Bé Na", "relation": "child", "birthYear": "1800"])
            #expect(badYear.status == .unprocessableContent && badYear.body.contains("Năm sinh 1800"))
            let taken = try await browser.submit(form, ["fullName": "Bé Na", "relation": "child", "personalID": "001 000 700 001"])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.body.contains("đã được đăng ký cho một người khác ở Thôn Đông"), "the commune officer sees where")

            let added = try await browser.submit(form, ["fullName": "Nguyễn Bảo Na", "relation": "child", "birthYear": "2019", "sex": "female",
                                                        "schooling": "preschool", "literate": "0", "personalID": "001219000123"])
            #expect(added.status == .seeOther)
            let household = try await browser.get("/households/\(householdID)")
            #expect(household.body.contains("Nguyễn Bảo Na") && household.body.contains("001219000123"), "officers read the number")

            try await browser.login(DemoUser.council)
            let masked = try await browser.get("/households/\(householdID)")
            #expect(masked.body.contains("••••••••0123") && !masked.body.contains("001219000123"), "others see the last four digits")

            // A commune elsewhere cannot register the same number, and is not told where it is.
            try await browser.login(DemoUser.otherProvinceCommune)
            let elsewhere = try await browser.submit("/areas/\(fixture.quePhong.id)/citizens/new",
                                                     ["fullName": "Lò Thị Na", "targetGroup": "resident", "personalID": "001219000123"])
            #expect(elsewhere.status == .unprocessableContent)
            #expect(elsewhere.body.contains("ngoài phạm vi của bạn") && !elsewhere.body.contains("Thôn Đông"))

            try await browser.login(DemoUser.communeOfficer)
            let personID = try Self.id(after: "href=\"/persons/", in: try await browser.get("/households/\(householdID)").body.components(separatedBy: "Nguyễn Bảo Na")[1])
            let edit = try await browser.get("/persons/\(personID)/edit")
            #expect(edit.status == .ok && edit.body.contains("Đang lưu: 001219000123"))
            let saved = try await browser.submit("/persons/\(personID)/edit", ["fullName": "Nguyễn Bảo Na", "relation": "child", "birthYear": "2019",
                                                                               "schooling": "primary", "version": "1"])
            #expect(saved.status == .seeOther)
            #expect(try await browser.submit("/persons/\(personID)/edit", ["fullName": "X", "relation": "child", "version": "1"]).status == .conflict)
            #expect(try await browser.get("/households/\(householdID)").body.contains("Tiểu học"))
            #expect(try await browser.submit("/persons/\(personID)/edit", to: "/persons/\(personID)/delete", ["version": "2"]).status == .seeOther)
            #expect(!(try await browser.get("/households/\(householdID)").body.contains("Nguyễn Bảo Na")))
            #expect(try await browser.get("/persons/\(personID)/edit").status == .notFound)
        }
    }

    @Test("a household file is imported whole or not at all, with line-numbered errors", arguments: TestDatabases.engines)
    func importHouseholds(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let url = "/areas/\(fixture.socSon.id)/households/import"
            let page = try await browser.get(url)
            #expect(page.status == .ok)
            let csrf = try #require(page.csrfToken)
            let good = """
                hộ,thôn,họ tên,quan hệ,năm sinh,giới tính,cccd
                A,02,Lý Văn Mạnh,Chủ hộ,1980,Nam,001080999001
                A,02,Lý Thị Hồng,Con,2010,Nữ,
                B,03,Mai Văn Tú,chủ hộ,1969,nam,
                """
            let imported = try await browser.upload("\(url)?_csrf=\(csrf)", field: "file", fileName: "ho.csv", content: Data(good.utf8))
            #expect(imported.status == .ok)
            #expect(imported.body.contains("2 hộ, 3 thành viên"))
            #expect(try await browser.get("/areas/\(fixture.thonTay.id)/households?q=ly%20van%20manh").body.contains("1 hộ khớp"))

            // Rows that cannot be read are named by line and column.
            let unreadable = """
                household,village,full_name,relation,birth_year,citizen_id
                D,02,Hà Văn Ba,chủ hộ,abc,
                E,02,Hà Văn Bốn,chủ hộ,1990,123
                F,02,,chủ hộ,1990,
                """
            let refused = try await browser.upload("\(url)?_csrf=\(csrf)", field: "file", fileName: "loi.csv", content: Data(unreadable.utf8))
            #expect(refused.status == .unprocessableContent)
            for fragment in ["Năm sinh \"abc\"", "12 chữ số", "<td class=\"num\">2</td><td>5 · birth_year</td>", "<td class=\"num\">4</td>"] {
                #expect(refused.body.contains(fragment), "\(fragment)")
            }
            // Rows that read but do not fit together: heads, villages, ID numbers taken or repeated.
            let inconsistent = """
                household,village,full_name,relation,citizen_id
                C,02,Hà Văn Một,chủ hộ,001080999001
                C,02,Hà Văn Hai,chủ hộ,
                G,99,Hà Văn Năm,chủ hộ,
                H,02,Hà Văn Sáu,con,001090000555
                I,03,Hà Văn Bảy,chủ hộ,001090000555
                """
            let rejected = try await browser.upload("\(url)?_csrf=\(csrf)", field: "file", fileName: "loi2.csv", content: Data(inconsistent.utf8))
            #expect(rejected.status == .unprocessableContent)
            for fragment in ["đã được đăng ký cho một người khác", "Hộ C cần đúng một chủ hộ (đang có 2)", "không có thôn mã \"99\"",
                             "Hộ H cần đúng một chủ hộ (đang có 0)", "trùng với dòng 5"] {
                #expect(rejected.body.contains(fragment), "\(fragment)")
            }
            #expect(!(try await browser.get("/areas/\(fixture.socSon.id)/households?q=ha%20van").body.contains("Hà Văn")), "nothing was written")

            try await browser.login(DemoUser.council)
            #expect(try await browser.get(url).status == .forbidden)
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get(url).status == .notFound)
        }
    }

    @Test("citizens, units and clans: registered, listed, edited; bad input named; clans gather households across villages", arguments: TestDatabases.engines)
    func citizensUnitsClans(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let commune = fixture.socSon.id
            #expect(try await browser.get("/areas/\(commune)/citizens").body.contains("người."))
            let noGroup = try await browser.submit("/areas/\(commune)/citizens/new", ["fullName": "Kiều Văn Sáu", "targetGroup": ""])
            #expect(noGroup.status == .unprocessableContent && noGroup.body.contains("nhóm đối tượng"))
            #expect(try await browser.submit("/areas/\(commune)/citizens/new", ["fullName": "Kiều Văn Sáu", "targetGroup": "worker", "birthYear": "1990"]).status == .seeOther)
            #expect(try await browser.get("/areas/\(commune)/citizens?q=kieu").body.contains("Kiều Văn Sáu"))

            let units = try await browser.get("/areas/\(commune)/units")
            #expect(units.body.contains("Trường Tiểu học Sóc Sơn"))
            let noKind = try await browser.submit("/areas/\(commune)/units/new", ["name": "Trạm Y tế", "kind": "", "staffCount": "abc"])
            #expect(noKind.status == .unprocessableContent && noKind.body.contains("loại đơn vị") && noKind.body.contains("không phải số"))
            #expect(try await browser.submit("/areas/\(commune)/units/new", ["name": "Trạm Y tế xã", "kind": "don-vi-su-nghiep-cong-lap", "staffCount": "12"]).status == .seeOther)
            let unitID = try Self.id(after: "href=\"/units/", in: try await browser.get("/areas/\(commune)/units?q=tram%20y%20te").body)
            #expect(try await browser.submit("/units/\(unitID)/edit", ["name": "Trạm Y tế xã Sóc Sơn", "kind": "don-vi-su-nghiep-cong-lap", "staffCount": "1.200", "version": "1"]).status == .seeOther)
            #expect(try await browser.get("/areas/\(commune)/units?q=tram").body.contains("1.200"))

            let clans = try await browser.get("/areas/\(commune)/clans")
            #expect(clans.body.contains("Họ Nguyễn thôn Đông"))
            #expect(try await browser.submit("/areas/\(commune)/clans/new", ["name": " ", "headName": ""]).status == .unprocessableContent)
            let created = try await browser.submit("/areas/\(commune)/clans/new", ["name": "Họ Trần", "headName": "Trần Văn Bình"])
            let clanID = try Self.id(after: "/clans/", in: created.location ?? "")
            #expect(try await browser.submit("/clans/\(clanID)", to: "/clans/\(clanID)/households", ["code": "00376-01-0002"]).status == .seeOther)
            #expect(try await browser.submit("/clans/\(clanID)", to: "/clans/\(clanID)/households", ["code": "00376-02-0002"]).status == .seeOther)
            let twice = try await browser.submit("/clans/\(clanID)", to: "/clans/\(clanID)/households", ["code": "00376-01-0002"])
            #expect(twice.status == .unprocessableContent && twice.body.contains("đã thuộc dòng họ"))
            let unknown = try await browser.submit("/clans/\(clanID)", to: "/clans/\(clanID)/households", ["code": "16738-01-0001"])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("Không có hộ mã"))
            let clan = try await browser.get("/clans/\(clanID)")
            #expect(clan.body.contains("2 hộ") && clan.body.contains("00376-02-0002"))

            try await browser.login(DemoUser.viewer)
            #expect(try await browser.get("/areas/\(commune)/units").status == .notFound, "Nghệ An's viewer does not see Sóc Sơn")
            try await browser.login(DemoUser.council)
            #expect(try await browser.get("/units/\(unitID)/edit").status == .forbidden)
            #expect(try await browser.get("/areas/\(commune)/clans/new").status == .forbidden)
            #expect(try await browser.get("/areas/\(commune)/citizens/new").status == .forbidden)
        }
    }

    @Test("units, citizens and clans come from CSV files too: whole or not at all, with lines and columns", arguments: TestDatabases.engines)
    func importUnitsAndCitizens(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.communeOfficer)
            let units = "/areas/\(fixture.socSon.id)/units/import"
            let csrf = try #require(try await browser.get(units).csrfToken)
            let goodUnits = "tên đơn vị,loại,số thành viên,thôn\nTrường Mầm non Sóc Sơn,Trường mầm non công lập,25,01\nCông ty May Sóc Sơn,to-chuc-kinh-te,1.200,\n"
            let imported = try await browser.upload("\(units)?_csrf=\(csrf)", field: "file", fileName: "don-vi.csv", content: Data(goodUnits.utf8))
            #expect(imported.status == .ok && imported.body.contains("2 đơn vị"))
            #expect(try await browser.get("/areas/\(fixture.thonDong.id)/units").body.contains("Trường Mầm non Sóc Sơn"), "the village's own unit")
            let badUnits = "name,kind,staff_count,village\nA,trường học,5,01\nB,co-quan-nha-nuoc,-3,\nC,co-quan-nha-nuoc,3,99\n"
            let refused = try await browser.upload("\(units)?_csrf=\(csrf)", field: "file", fileName: "loi.csv", content: Data(badUnits.utf8))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Loại \"trường học\" không hợp lệ") && refused.body.contains("Số thành viên \"-3\"") && refused.body.contains("thôn mã \"99\""))
            #expect(!(try await browser.get("/areas/\(fixture.socSon.id)/units?q=c").body.contains(">C<")), "nothing was written")

            let citizens = "/areas/\(fixture.socSon.id)/citizens/import"
            let goodCitizens = "họ tên,nhóm,năm sinh,cccd\nTạ Văn Học,Người lao động,1990,001090123001\nTạ Thị Chăm,student,2008,\n"
            #expect(try await browser.upload("\(citizens)?_csrf=\(csrf)", field: "file", fileName: "cd.csv", content: Data(goodCitizens.utf8)).body.contains("2 công dân học tập"))
            let again = try await browser.upload("\(citizens)?_csrf=\(csrf)", field: "file", fileName: "cd.csv", content: Data(goodCitizens.utf8))
            #expect(again.status == .unprocessableContent && again.body.contains("đã được đăng ký cho một người khác"), "importing twice is refused by the ID number")
            let badGroup = "full_name,target_group\nAi Đó,người già\n"
            #expect(try await browser.upload("\(citizens)?_csrf=\(csrf)", field: "file", fileName: "x.csv", content: Data(badGroup.utf8)).body.contains("Nhóm \"người già\""))

            // Clans: one row per member household; rows of the same clan (diacritics aside) make one clan.
            let clans = "/areas/\(fixture.socSon.id)/clans/import"
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/clans").body.contains(clans), "the clan list links to the import")
            let goodClans = "dòng họ,trưởng họ,thôn,mã hộ\nHọ Lê thôn Đoài,Lê Văn Cả,02,00376-02-0003\nho le thon doai,,,00376-03-0005\nHọ Phạm,,,\n"
            let clanReport = try await browser.upload("\(clans)?_csrf=\(csrf)", field: "file", fileName: "dong-ho.csv", content: Data(goodClans.utf8))
            #expect(clanReport.status == .ok && clanReport.body.contains("2 dòng họ, 2 hộ thành viên"), "\(clanReport.body.prefix(300))")
            let clanList = try await browser.get("/areas/\(fixture.socSon.id)/clans?q=le").body
            #expect(clanList.contains("Họ Lê thôn Đoài") && clanList.contains("Lê Văn Cả"))
            let badClans = "clan,head_name,village,household\nHọ Lê thôn Đoài,,,\nHọ Vũ,Vũ An,,00376-01-0001\nHỌ VŨ,Vũ Bình,,00376-01-0001\nHọ Đỗ,,77,\nHọ Mạc,,,khong-co\n"
            let clanRefused = try await browser.upload("\(clans)?_csrf=\(csrf)", field: "file", fileName: "loi.csv", content: Data(badClans.utf8))
            #expect(clanRefused.status == .unprocessableContent)
            for message in ["đã có trong", "khác với dòng 3", "Hộ 00376-01-0001 đã có ở dòng 3", "thôn mã \"77\"", "Không có hộ mã \"khong-co\""] {
                #expect(clanRefused.body.contains(message), "\(message)")
            }
            #expect(!(try await browser.get("/areas/\(fixture.socSon.id)/clans?q=vu").body.contains("Họ Vũ")), "nothing was written")

            try await browser.login(DemoUser.council)
            #expect(try await browser.get(units).status == .forbidden)
            #expect(try await browser.get(citizens).status == .forbidden)
            #expect(try await browser.get(clans).status == .forbidden)
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get(units).status == .notFound)
            #expect(try await browser.get(clans).status == .notFound)
        }
    }

    @Test("the village officer works only inside their village; other communes see nothing", arguments: TestDatabases.engines)
    func scope(engine: DatabaseEngine) async throws {
        try await TestApp.run(engine) { browser, fixture in
            try await browser.login(DemoUser.village)
            let csrf = try await browser.get("/").csrfToken
            #expect(try await browser.post("/areas/\(fixture.thonTay.id)/households/new", form: ["headName": "Lén"], csrf: csrf).status == .notFound)
            let tayHousehold = try await { () async throws -> Int64 in
                try await browser.login(DemoUser.communeOfficer)
                return try Self.id(after: "href=\"/households/", in: try await browser.get("/areas/\(fixture.thonTay.id)/households").body)
            }()
            try await browser.login(DemoUser.village)
            let csrf2 = try await browser.get("/").csrfToken
            #expect(try await browser.get("/households/\(tayHousehold)").status == .notFound)
            #expect(try await browser.post("/households/\(tayHousehold)/members/new", form: ["fullName": "X", "relation": "child"], csrf: csrf2).status == .notFound)
            try await browser.login(DemoUser.otherProvinceCommune)
            #expect(try await browser.get("/areas/\(fixture.socSon.id)/households").status == .notFound)
            #expect(try await browser.get("/households/\(tayHousehold)").status == .notFound)
            let csrf3 = try await browser.get("/").csrfToken
            #expect(try await browser.post("/clans/1/households", form: ["code": "00376-01-0001"], csrf: csrf3).status == .notFound)
        }
    }
}
