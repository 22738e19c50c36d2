import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The recognition decision in the Vietnamese administrative layout (two-column heading, number,
/// place and date, title, legal bases, articles, recipients and signature), then its list on a
/// new page. Prints on A4 from the browser.
enum DecisionPage {
    static func render(_ document: DecisionDocument, notice: String?, chrome: PageChrome) -> HTML {
        let decision = document.decision
        let commune = document.commune
        let title = "Quyết định số \(decision.number)"
        return Layout.page(title: title, chrome: chrome,
                           breadcrumbs: [("\(document.cycle.model.label) \(document.cycle.year)", SiteURL.cycle(document.cycle.id).path)], [
            .unwrap(notice) { Notice.ok($0) },
            .div(.class("actions no-print"),
                 Tag.link("Giấy công nhận (in)", SiteURL.decisionCertificates(decision.id).path, classes: "button secondary"),
                 .p(.class("hint"), .text("Dùng lệnh In của trình duyệt (khổ A4)."))),
            .div(.class("document"),
                 heading(document),
                 .p(.class("doc-title"), .text("QUYẾT ĐỊNH")),
                 .p(.class("doc-subject"), .text("Về việc công nhận danh hiệu “\(document.cycle.model.label)” năm \(document.cycle.year)"
                                                  + (document.amends.map { " (sửa đổi Quyết định số \($0.number))" } ?? ""))),
                 .p(.class("doc-authority"), .text("\(decision.signerTitle.uppercased()) ỦY BAN NHÂN DÂN \(commune.fullName.uppercased())")),
                 .div(.class("doc-basis"), .forEach(decision.legalBasis.split(whereSeparator: \.isNewline).map(String.init)) { .p(.text($0)) }),
                 .p(.class("doc-title"), .text("QUYẾT ĐỊNH:")),
                 .p(.element(named: "strong", nodes: [BodyNode.text("Điều 1. ")]),
                    .text("Công nhận \(decision.subjects.count) \(SubjectKind.of(document.cycle.model).label.lowercased()) đạt danh hiệu “\(document.cycle.model.label)” năm \(document.cycle.year) theo văn bản số \(CriteriaText.document(document.set.set.document)) (danh sách kèm theo)."
                          + (decision.validUntil.map { " Kết quả công nhận có giá trị đến ngày \(VietnameseFormat.date($0))." } ?? ""))),
                 .unwrap(document.amends) { amended in
                     .p(.element(named: "strong", nodes: [BodyNode.text("Điều 2. ")]),
                        .text("Quyết định này sửa đổi, thay thế danh sách kèm theo Quyết định số \(amended.number) ngày \(VietnameseFormat.date(amended.signedOn))."))
                 },
                 .p(.element(named: "strong", nodes: [BodyNode.text("Điều \(document.amends == nil ? 2 : 3). ")]),
                    .text("Quyết định có hiệu lực kể từ ngày ký.")),
                 .p(.element(named: "strong", nodes: [BodyNode.text("Điều \(document.amends == nil ? 3 : 4). ")]),
                    .text("Văn phòng HĐND và UBND xã, Hội Khuyến học xã và các cá nhân, tổ chức có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")),
                 signature(document, recipients: true),
                 .div(.class("page-break"),
                      .p(.class("doc-title"), .text("DANH SÁCH")),
                      .p(.class("doc-subject"), .text("\(SubjectKind.of(document.cycle.model).label) đạt danh hiệu “\(document.cycle.model.label)” năm \(document.cycle.year)")),
                      .p(.class("doc-date"), .text("(Kèm theo Quyết định số \(decision.number) ngày \(VietnameseFormat.date(decision.signedOn)) của \(decision.signerTitle) UBND \(commune.fullName))")),
                      .table(.class("doc-list"),
                             .thead(.tr(.th(.text("STT")), .th(.text("Tên")), .th(.text("Kết quả")))),
                             .tbody(.forEach(Array(decision.subjects.enumerated())) { index, subject in
                                 .tr(.td(.class("num"), .text(String(index + 1))), .td(.text(subject.subjectName)), .td(.text(subject.verdictLabel)))
                             })))),
        ])
    }

    static func heading(_ document: DecisionDocument) -> BodyNode {
        let decision = document.decision
        return .div(.class("doc-header"),
            .div(.p(.text("ỦY BAN NHÂN DÂN")), .p(.element(named: "strong", nodes: [BodyNode.text(document.commune.fullName.uppercased())])),
                 .p(.class("rule"), .text("")), .p(.text("Số: \(decision.number)"))),
            .div(.p(.element(named: "strong", nodes: [BodyNode.text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")])),
                 .p(.element(named: "strong", nodes: [BodyNode.text("Độc lập - Tự do - Hạnh phúc")])), .p(.class("rule"), .text("")),
                 .p(.class("doc-date"), .text("\(document.commune.name), ngày \(decision.signedOn.day) tháng \(decision.signedOn.month) năm \(decision.signedOn.year)"))))
    }

    static func signature(_ document: DecisionDocument, recipients: Bool) -> BodyNode {
        .div(.class("doc-sign"),
             .div(.if(recipients, .group(.p(.element(named: "strong", nodes: [BodyNode.text("Nơi nhận:")])),
                                         .p(.text("- Như Điều \(document.amends == nil ? 3 : 4);")), .p(.text("- Hội Khuyến học tỉnh;")), .p(.text("- Lưu: VT."))))),
             .div(.p(.element(named: "strong", nodes: [BodyNode.text("TM. ỦY BAN NHÂN DÂN")])),
                  .p(.element(named: "strong", nodes: [BodyNode.text(document.decision.signerTitle.uppercased())])),
                  .p(.class("signature-space"), .text("")),
                  .p(.element(named: "strong", nodes: [BodyNode.text(document.decision.signerName)]))))
    }
}

/// One certificate (giấy công nhận) per recognised subject, each on its own A4 page.
enum CertificatesPage {
    static func render(_ document: DecisionDocument, chrome: PageChrome) -> HTML {
        let decision = document.decision
        return Layout.page(title: "Giấy công nhận – Quyết định số \(decision.number)", chrome: chrome,
                           breadcrumbs: [("Quyết định số \(decision.number)", SiteURL.decision(decision.id).path)], [
            .p(.class("hint no-print"), .text("\(decision.subjects.count) giấy, mỗi giấy một trang A4. Dùng lệnh In của trình duyệt.")),
            .forEach(decision.subjects) { subject in
                .div(.class("certificate"),
                     DecisionPage.heading(document),
                     .p(.class("certificate-title"), .text("GIẤY CÔNG NHẬN")),
                     .p(.class("doc-authority"), .text("\(decision.signerTitle.uppercased()) ỦY BAN NHÂN DÂN \(document.commune.fullName.uppercased())")),
                     .p(.class("doc-subject"), .text("Công nhận")),
                     .p(.class("certificate-name"), .text(subject.subjectName)),
                     .p(.class("doc-subject"), .text("Đạt danh hiệu “\(document.cycle.model.label)” năm \(document.cycle.year)")),
                     .p(.class("doc-date"), .text("(\(subject.verdictLabel); Quyết định số \(decision.number) ngày \(VietnameseFormat.date(decision.signedOn)))")),
                     DecisionPage.signature(document, recipients: false))
            },
        ])
    }
}
