import HoctapDomain

/// The programme plans hoctap ships with, as far as their figures were read in the documents
/// (see the research notes). A figure that was not read is left empty and says so: an
/// administrator completes it from the original text, never a guess.
enum ShippedPlans {
    struct Plan {
        var draft: PlanDraft
        /// The province code a province plan binds (installed once that province exists).
        var provinceCode: String?
    }

    static let plans: [Plan] = [qd387, qd677, hanoi291]

    static let qd387 = Plan(draft: PlanDraft(
        code: "qd387-2022", name: "Chương trình \"Đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng, đơn vị giai đoạn 2021–2030\"",
        documentNumber: "387/QĐ-TTg", documentDate: Day(2022, 3, 25), issuer: "Thủ tướng Chính phủ", provinceID: nil, fromYear: 2021, toYear: 2030,
        provenance: "Chỉ tiêu 2025 đối chiếu với nhiều bản đăng lại toàn văn trên cổng thông tin Chính phủ (đã xác minh). Chỉ tiêu 2030 chưa đọc được trong toàn văn: để trống cho quản trị viên nhập từ văn bản gốc (Kế hoạch 291/KH-UBND của Hà Nội ghi 80 %, 75 %, 75 %, 90 %, 60 %, 80 %, chưa đối chiếu). Chỉ tiêu 60 % cán bộ, công chức, viên chức trong đơn vị học tập đạt Công dân học tập trùng với QĐ 677/QĐ-TTg và được ghi ở đó.",
        targets: [
            PlanTarget(indicator: .family, year: 2025, percent: 70, status: .verified),
            PlanTarget(indicator: .clan, year: 2025, percent: 65, status: .verified),
            PlanTarget(indicator: .communityVillage, year: 2025, percent: 65, status: .verified),
            PlanTarget(indicator: .unit, year: 2025, percent: 80, status: .verified, note: "Cơ quan, tổ chức, trường học, doanh nghiệp, cơ sở sản xuất trên địa bàn xã."),
            PlanTarget(indicator: .citizenWorker, year: 2025, percent: 40, status: .verified, note: "Người lao động trong gia đình, dòng họ, cộng đồng học tập."),
            PlanTarget(indicator: .family, year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
            PlanTarget(indicator: .clan, year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
            PlanTarget(indicator: .communityVillage, year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
            PlanTarget(indicator: .unit, year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
            PlanTarget(indicator: .citizenWorker, year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
            PlanTarget(indicator: .movement(.centreLeadership), year: 2025, percent: 100, status: .verified,
                       note: "Chủ tịch hoặc Phó Chủ tịch Hội Khuyến học cấp xã tham gia quản lý trung tâm học tập cộng đồng."),
            PlanTarget(indicator: .movement(.officersTrainedIT), year: 2025, percent: 40, status: .verified,
                       note: "Cán bộ Hội Khuyến học cấp xã được tập huấn ứng dụng công nghệ thông tin."),
            PlanTarget(indicator: .movement(.centreLeadership), year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
            PlanTarget(indicator: .movement(.officersTrainedIT), year: 2030, percent: nil, status: .unknown, note: "Chưa đọc được trong toàn văn."),
        ]), provinceCode: nil)

    static let qd677 = Plan(draft: PlanDraft(
        code: "qd677-2022", name: "Chương trình \"Xây dựng mô hình Công dân học tập giai đoạn 2021–2030\"",
        documentNumber: "677/QĐ-TTg", documentDate: Day(2022, 6, 3), issuer: "Thủ tướng Chính phủ", provinceID: nil, fromYear: 2021, toYear: 2030,
        provenance: "Chỉ tiêu 2025 và 2030 đối chiếu với văn bản và hai kế hoạch của tỉnh (đã xác minh; một bản tóm tắt tiếng Anh ghi 70 % người lớn năm 2030, các nguồn chính thức ghi 60 %). Chỉ tiêu kỹ năng số (70 %, 90 %) tính trên người đạt danh hiệu trong năm; \"trong đó 60 % / 80 %\" thành thạo có hai cách đọc cơ số, cả hai được ghi và báo cáo.",
        targets: [
            PlanTarget(indicator: .citizenResident, year: 2025, percent: 40, status: .verified, note: "Người lớn trong gia đình, dòng họ, cộng đồng học tập."),
            PlanTarget(indicator: .citizenResident, year: 2030, percent: 60, status: .verified, note: "Người lớn trong gia đình, dòng họ, cộng đồng học tập."),
            PlanTarget(indicator: .citizenStaff, year: 2025, percent: 60, status: .verified, note: "Cán bộ, công chức, viên chức, người lao động trong đơn vị học tập các cấp."),
            PlanTarget(indicator: .citizenStaff, year: 2030, percent: 80, status: .verified, note: "Cán bộ, công chức, viên chức, người lao động trong đơn vị học tập các cấp."),
            PlanTarget(indicator: .movement(.membersStudied), year: 2025, percent: 100, status: .verified,
                       note: "Cán bộ, hội viên Hội Khuyến học học tập, quán triệt tiêu chí Công dân học tập."),
            PlanTarget(indicator: .movement(.citizensDigital), year: 2025, percent: 70, status: .verified,
                       note: "Người đạt Công dân học tập có kỹ năng số đáp ứng Chương trình chuyển đổi số quốc gia."),
            PlanTarget(indicator: .movement(.citizensDigital), year: 2030, percent: 90, status: .verified,
                       note: "Người đạt Công dân học tập có kỹ năng số đáp ứng Chương trình chuyển đổi số quốc gia."),
            PlanTarget(indicator: .movement(.citizensProficientOfHolders), year: 2025, percent: 60, status: .verified,
                       note: "\"Trong đó 60 %\" đọc là phần của tất cả người đạt danh hiệu; văn bản không nói rõ cơ số, cách đọc kia ở chỉ tiêu bên cạnh."),
            PlanTarget(indicator: .movement(.citizensProficientOfHolders), year: 2030, percent: 80, status: .verified,
                       note: "\"Trong đó 80 %\" đọc là phần của tất cả người đạt danh hiệu; văn bản không nói rõ cơ số."),
            PlanTarget(indicator: .movement(.citizensProficientOfSkilled), year: 2025, percent: 60, status: .verified,
                       note: "\"Trong đó 60 %\" đọc là phần của những người có kỹ năng số; văn bản không nói rõ cơ số, cách đọc kia ở chỉ tiêu bên cạnh."),
            PlanTarget(indicator: .movement(.citizensProficientOfSkilled), year: 2030, percent: 80, status: .verified,
                       note: "\"Trong đó 80 %\" đọc là phần của những người có kỹ năng số; văn bản không nói rõ cơ số."),
        ]), provinceCode: nil)

    static let hanoi291 = Plan(draft: PlanDraft(
        code: "hanoi-kh291", name: "Kế hoạch thực hiện Chương trình \"Đẩy mạnh phong trào học tập suốt đời…\" trên địa bàn thành phố Hà Nội",
        documentNumber: "291/KH-UBND", documentDate: nil, issuer: "Ủy ban nhân dân thành phố Hà Nội", provinceID: nil, fromYear: 2021, toYear: 2030,
        provenance: "Các khoảng 2025 → 2030 đọc từ bản đăng lại kế hoạch (một nguồn thứ cấp, chưa đối chiếu bản gốc); ngày ban hành chưa rõ.",
        targets: [
            PlanTarget(indicator: .family, year: 2025, percent: 70, status: .secondary), PlanTarget(indicator: .family, year: 2030, percent: 80, status: .secondary),
            PlanTarget(indicator: .clan, year: 2025, percent: 65, status: .secondary), PlanTarget(indicator: .clan, year: 2030, percent: 75, status: .secondary),
            PlanTarget(indicator: .communityVillage, year: 2025, percent: 65, status: .secondary),
            PlanTarget(indicator: .communityVillage, year: 2030, percent: 75, status: .secondary),
            PlanTarget(indicator: .unit, year: 2025, percent: 80, status: .secondary), PlanTarget(indicator: .unit, year: 2030, percent: 90, status: .secondary),
            PlanTarget(indicator: .citizenWorker, year: 2025, percent: 40, status: .secondary),
            PlanTarget(indicator: .citizenWorker, year: 2030, percent: 60, status: .secondary),
            PlanTarget(indicator: .citizenStaff, year: 2025, percent: 60, status: .secondary),
            PlanTarget(indicator: .citizenStaff, year: 2030, percent: 80, status: .secondary),
        ]), provinceCode: "01")
}
