import Foundation
import HoctapDomain
import HoctapStorage

/// The demo portal: a few published articles and the programme's founding decisions, written
/// for the demo from the verified facts in the research notes (no text copied from the press).
public struct DemoPortal: Sendable {
    let environment: ServiceEnvironment

    public init(environment: ServiceEnvironment) { self.environment = environment }

    struct Article {
        var province: String?
        var kind: ArticleKind
        var title: String
        var summary: String
        var body: String
        var category: String
        var tags: [String]
    }

    static let articles: [Article] = [
        Article(
            province: nil, kind: .guidance, title: "Mục tiêu đến năm 2025 của Chương trình học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị",
            summary: "Quyết định 387/QĐ-TTg ngày 25/3/2022 đặt chỉ tiêu cho từng mô hình học tập; hoctap tính tiến độ theo đúng các chỉ tiêu này.",
            body: """
                Chương trình *"Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021–2030"* \
                (Quyết định 387/QĐ-TTg) đặt các chỉ tiêu đến năm 2025:

                - **70 %** gia đình được công nhận danh hiệu "Gia đình học tập";
                - **65 %** dòng họ đạt danh hiệu "Dòng họ học tập";
                - **65 %** thôn, bản, tổ dân phố đạt danh hiệu "Cộng đồng học tập";
                - **80 %** cơ quan, trường học, doanh nghiệp trên địa bàn xã đạt danh hiệu "Đơn vị học tập";
                - **40 %** người lao động trong gia đình, dòng họ, cộng đồng học tập và **60 %** cán bộ, công chức, viên chức \
                trong đơn vị học tập đạt danh hiệu "Công dân học tập".

                ## Cách tính trên hoctap

                Mỗi tỉ lệ lấy mẫu số là tổng số tương ứng của địa bàn (số hộ, số dòng họ, số thôn, tổ dân phố, số đơn vị). \
                Trang **Tiến độ** của mỗi xã, tỉnh cho thấy tỉ lệ hiện tại so với chỉ tiêu.
                """,
            category: "Văn bản chỉ đạo", tags: ["Quyết định 387", "chỉ tiêu"]),
        Article(
            province: nil, kind: .news, title: "Tuần lễ hưởng ứng học tập suốt đời diễn ra từ ngày 1 đến 7 tháng 10 hằng năm",
            summary: "Các xã lập kế hoạch và báo cáo Tuần lễ; đây cũng là minh chứng trong tiêu chí Cộng đồng học tập cấp xã.",
            body: """
                Tuần lễ hưởng ứng học tập suốt đời được tổ chức từ **ngày 1 đến ngày 7 tháng 10** hằng năm theo hướng dẫn của Bộ Giáo dục và Đào tạo.

                Hội Khuyến học xã tải kế hoạch và báo cáo Tuần lễ lên phiếu đánh giá của xã làm minh chứng.
                """,
            category: "Hoạt động", tags: ["Tuần lễ học tập suốt đời"]),
        Article(
            province: "01", kind: .news, title: "Hà Nội: các xã bắt đầu đánh giá Gia đình học tập năm 2026 trên điện thoại",
            summary: "Chi hội khuyến học thôn chấm điểm, chụp minh chứng ngay tại nhà; xã xét và ra quyết định công nhận trên hoctap.",
            body: """
                Từ năm 2026, chi hội khuyến học các thôn ở Hà Nội chấm điểm **Gia đình học tập** ngay tại hộ gia đình, \
                kèm ảnh minh chứng; Hội đồng xét của xã xem phiếu và UBND xã ký quyết định công nhận.

                1. Chi hội đăng ký hộ tham gia đầu năm.
                2. Cán bộ chấm điểm theo bộ tiêu chí, đính kèm minh chứng.
                3. Hội đồng xét duyệt, UBND xã ra quyết định có số.
                """,
            category: "Gia đình học tập", tags: ["Gia đình học tập", "chuyển đổi số"]),
        Article(
            province: "40", kind: .training, title: "Tài liệu tập huấn: chấm điểm Công dân học tập theo Quyết định 324/QĐ-KHVN",
            summary: "Người được đánh giá đạt khi có từ 80/100 điểm và không chỉ số nào dưới 5/10.",
            body: """
                Theo Quyết định 324/QĐ-KHVN ngày 25/10/2023 của Hội Khuyến học Việt Nam, một người đạt danh hiệu **Công dân học tập** \
                khi tổng điểm từ **80/100** trở lên và **không có chỉ số nào dưới 5/10**.

                > Mẹo: trên phiếu đánh giá, hoctap báo ngay chỉ số nào đang dưới 5 điểm.
                """,
            category: "Công dân học tập", tags: ["Công dân học tập", "tập huấn"]),
    ]

    static let documents: [(DocumentDraft, summary: String)] = [
        (DocumentDraft(kind: .decision, number: "387/QĐ-TTg", issuedOn: Day(2022, 3, 25), issuer: "Thủ tướng Chính phủ",
                       title: "Phê duyệt Chương trình \"Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021–2030\"",
                       summary: "Chỉ tiêu đến năm 2025 cho Gia đình, Dòng họ, Cộng đồng, Đơn vị học tập và Công dân học tập."), "387"),
        (DocumentDraft(kind: .decision, number: "677/QĐ-TTg", issuedOn: Day(2022, 6, 3), issuer: "Thủ tướng Chính phủ",
                       title: "Phê duyệt Chương trình \"Xây dựng mô hình Công dân học tập giai đoạn 2021–2030\"",
                       summary: "Chỉ tiêu Công dân học tập và kỹ năng số đến năm 2025 và 2030."), "677"),
        (DocumentDraft(kind: .decision, number: "324/QĐ-KHVN", issuedOn: Day(2023, 10, 25), issuer: "Hội Khuyến học Việt Nam",
                       title: "Ban hành Bộ tiêu chí đánh giá, công nhận danh hiệu \"Công dân học tập\"",
                       summary: "Thay thế Quyết định 244/QĐ-KHVN năm 2022."), "324"),
    ]

    /// Nominates two of Sóc Sơn's families recognised last year (one with consent, one
    /// without) and approves them, so that the honour board has something to show.
    func seedHonourBoard(by admin: Actor) async throws {
        let village = try await environment.database.read { try await AreaRepository($0).current(level: .village, code: "00376-01") }
        guard let village else { return }
        let year = Day(containing: environment.clock.now()).year - 1
        let recognised = try await environment.database.read { try await EvaluationRepository($0).evaluations(inVillage: village.id, year: year) }
            .filter { $0.evaluation.state == .recognised }.prefix(2)
        let service = ExemplaryService(environment)
        for (index, subject) in recognised.enumerated() {
            let consent = index == 0
            let model = try await service.nominate(
                evaluation: subject.evaluation.id,
                NominationDraft(story: """
                    Ba thế hệ cùng học: ông bà theo lớp tin học ở trung tâm học tập cộng đồng của xã, bố mẹ học nghề trồng rau an toàn,                     các cháu đều đạt học sinh giỏi. Tủ sách gia đình mở cho cả xóm mượn.
                    """, consent: consent, consentNote: consent ? "Chủ hộ ký giấy đồng ý công khai tên (lưu tại Hội Khuyến học xã)" : ""),
                photos: [], by: admin)
            _ = try await service.decide(model.id, approve: true, note: "", version: model.version, by: admin)
        }
    }

    /// Writes the demo's articles and documents, published, by the national administrator.
    public func seed(by admin: Actor) async throws {
        let portal = PortalService(environment)
        let areas = try await environment.database.read { db in
            let repository = AreaRepository(db)
            return (nation: try await repository.nation(), provinces: try await repository.currentByCode(level: .province))
        }
        for article in Self.articles {
            let area = article.province.flatMap { areas.provinces[$0] } ?? areas.nation
            let stored = try await portal.createArticle(
                ArticleDraft(kind: article.kind, title: article.title, summary: article.summary, body: article.body, category: article.category, tags: article.tags),
                area: area.id, by: admin)
            _ = try await portal.setArticleState(stored.id, .published, version: stored.version, by: admin)
        }
        for (draft, short) in Self.documents {
            let file = DocumentUpload(fileName: "qd-\(short).pdf", bytes: MinimalPDF.make(lines: [
                "hoctap demo", SearchText.words(draft.number + " " + draft.title).joined(separator: " "),
                "Ban ghi thu cua cong thong tin; van ban goc do co quan ban hanh cong bo.",
            ]))
            let stored = try await portal.createDocument(draft, file: file, area: areas.nation.id, by: admin)
            _ = try await portal.setDocumentState(stored.id, .published, version: stored.version, by: admin)
        }
        try await seedHonourBoard(by: admin)
    }
}

/// A one-page PDF with lines of ASCII text, for demo files that every reader opens.
enum MinimalPDF {
    static func make(lines: [String]) -> [UInt8] {
        let text = lines.enumerated().map { index, line in
            let safe = line.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }.map(String.init).joined()
                .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
            return "BT /F1 11 Tf 50 \(780 - index * 18) Td (\(safe.prefix(90))) Tj ET"
        }.joined(separator: "\n")
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length \(text.utf8.count) >>\nstream\n\(text)\nendstream",
        ]
        var pdf = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(pdf.utf8.count)
            pdf += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = pdf.utf8.count
        pdf += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { pdf += String(format: "%010d 00000 n \n", offset) }
        pdf += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(pdf.utf8)
    }
}
