import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// Shared bits of the criteria pages.
enum CriteriaText {
    static func statusTag(_ status: CriteriaSetStatus) -> BodyNode {
        let classes = switch status {
        case .official: "tag ok"
        case .incomplete: "tag warn"
        case .draft: "tag"
        }
        return .span(.class(classes), .text(status.label))
    }

    static func document(_ document: LegalDocument) -> String {
        let dates = document.dates.map(VietnameseFormat.date).joined(separator: " hoặc ")
        return document.number + (dates.isEmpty ? "" : " ngày \(dates)")
    }

    static func period(_ from: Day?, _ to: Day?) -> String {
        switch (from, to) {
        case (nil, nil): "không ghi thời hạn"
        case (let from?, nil): "từ \(VietnameseFormat.date(from))"
        case (nil, let to?): "đến \(VietnameseFormat.date(to))"
        case (let from?, let to?): "\(VietnameseFormat.date(from)) – \(VietnameseFormat.date(to))"
        }
    }

    static func scope(_ provinceName: String?) -> String { provinceName.map { "Biến thể của \($0)" } ?? "Toàn quốc" }

    /// "Đạt khi tổng từ 80 điểm…" — the scoring rules in one sentence.
    static func rules(_ set: CriteriaSet) -> String {
        switch set.scoring {
        case .points(let rules):
            guard !rules.grades.isEmpty else { return "Chưa có ngưỡng xếp loại: chưa kết luận được đạt hay không đạt." }
            let grades = rules.grades.map { "\($0.outcome.label) từ \(CriteriaSetValidator.format($0.minTotal)) điểm" }.joined(separator: "; ")
            var text = "Xếp loại theo tổng điểm: \(grades); dưới mức thấp nhất: \(rules.fail.label)."
            if let floor = rules.minPerItem { text += " Không nội dung nào được dưới \(CriteriaSetValidator.format(floor)) điểm." }
            if set.criteria.contains(where: { $0.minPoints != nil }) { text += " Mỗi tiêu chí phải đạt điểm tối thiểu ghi trong bảng." }
            return text
        case .levels(let rules):
            return "Mỗi chỉ tiêu đánh giá đạt hoặc không đạt; tiêu chí đạt khi mọi chỉ tiêu đạt; được công nhận \(rules.levels.map(\.label).joined(separator: " hoặc ")) khi đạt mọi chỉ tiêu của mức đó."
        }
    }
}

/// Every criteria set, by learning model.
enum CriteriaListPage {
    struct Model {
        var summaries: [CriteriaSetSummary]
        var provinceNames: [Area.ID: String]
        var canImport: Bool
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let groups = LearningModel.allCases.map { learningModel in
            (learningModel, model.summaries.filter { $0.model == learningModel })
        }.filter { !$0.1.isEmpty }
        return Layout.page(title: "Bộ tiêu chí", chrome: model.chrome, [
            .unwrap(model.notice) { Notice.ok($0) },
            .p(.text("Mỗi bộ tiêu chí là dữ liệu có phiên bản, ghi rõ văn bản pháp lý. Bộ \"Chưa đầy đủ\" xem và chấm thử được nhưng chưa dùng được để công nhận chính thức.")),
            .if(model.canImport, .div(.class("actions"), Tag.link("Nhập tệp bộ tiêu chí (YAML)", SiteURL.criteriaImport.path, classes: "button secondary"))),
            .forEach(groups) { learningModel, rows in
                .group(
                    .h2(.text(learningModel.label)),
                    .div(.class("table-wrap"), .table(
                        .class("cards"),
                        .thead(.tr(.th(.text("Bộ tiêu chí")), .th(.text("Văn bản")), .th(.text("Phạm vi")), .th(.text("Trạng thái")), .th(.text("Phiên bản")))),
                        .tbody(.forEach(rows) { row in
                            .tr(
                                .td(.attr("data-label", "Bộ tiêu chí"), Tag.link(row.name, SiteURL.criteriaSet(row.setID).path)),
                                .td(.attr("data-label", "Văn bản"), .text(row.latest.map { number(of: $0) } ?? "—")),
                                .td(.attr("data-label", "Phạm vi"), .text(CriteriaText.scope(row.provinceID.flatMap { model.provinceNames[$0] }))),
                                .td(.attr("data-label", "Trạng thái"), row.latest.map { CriteriaText.statusTag($0.status) } ?? .span(.class("tag"), .text("Chưa công bố"))),
                                .td(.attr("data-label", "Phiên bản"),
                                    .text(row.latest.map { "\($0.version)" } ?? "—"),
                                    .if(row.draft != nil, .span(.class("tag"), .text(" có bản nháp"))))
                            )
                        })
                    ))
                )
            },
        ])
    }

    static func number(of record: CriteriaVersionRecord) -> String {
        (try? CriteriaDocument.parse(record.yaml).document.number) ?? record.setID
    }
}

/// One set: what it is, where it comes from, whether it can be used officially, its versions.
enum CriteriaSetPage {
    struct Model {
        var detail: CriteriaSetDetail
        var provinceName: String?
        var canDerive: Bool
        var notice: String?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let detail = model.detail
        let set = detail.latest?.set ?? detail.draft?.set
        return Layout.page(title: set?.name ?? detail.setID, chrome: model.chrome,
                           breadcrumbs: [("Bộ tiêu chí", SiteURL.criteria.path)], [
            .unwrap(model.notice) { Notice.ok($0) },
            .unwrap(detail.latest) { published in overview(published.set, record: published.record, provinceName: model.provinceName) },
            .if(detail.latest == nil, Notice.error("Bộ tiêu chí này chưa được công bố; dưới đây là bản nháp.")),
            .unwrap(detail.latest) { published in
                .if(!published.officialUseBlockers.isEmpty, .div(.class("notice warn"),
                    .p(.class("lead"), .text("Chưa dùng được để công nhận chính thức vì:")),
                    .ul(.forEach(published.officialUseBlockers) { .li(.text($0)) })))
            },
            actions(model),
            .unwrap(detail.draft) { draft in
                .div(.class("card"),
                     .h2(.text("Bản nháp")),
                     .p(.text("Lần sửa \(draft.record.version), \(VietnameseFormat.dateTime(draft.record.updatedAt)) bởi \(draft.record.updatedBy). "),
                        .text(draft.issues.isEmpty ? "Hợp lệ, có thể công bố." : "Còn \(draft.issues.count) lỗi cần sửa trước khi công bố.")),
                     .div(.class("actions"), Tag.link("Sửa bản nháp", SiteURL.criteriaDraft(detail.setID).path, classes: "button")))
            },
            .if(!detail.versions.isEmpty, .group(
                .h2(.text("Các phiên bản đã công bố")),
                .p(.class("hint"), .text("Mỗi phiên bản không bao giờ thay đổi; kết quả đánh giá ghi lại phiên bản đã dùng để chấm.")),
                .div(.class("table-wrap"), .table(
                    .thead(.tr(.th(.text("Phiên bản")), .th(.text("Trạng thái")), .th(.text("Hiệu lực")), .th(.text("Công bố")), .th(.text("")))),
                    .tbody(.forEach(detail.versions) { record in
                        .tr(.td(.text(String(record.version))), .td(CriteriaText.statusTag(record.status)),
                            .td(.text(CriteriaText.period(record.effectiveFrom, record.effectiveTo))),
                            .td(.text("\(VietnameseFormat.dateTime(record.publishedAt)) · \(record.publishedBy)")),
                            .td(Tag.link("Bảng chấm", SiteURL.criteriaRubric(record.setID).with(["version": String(record.version)])),
                                .text(" · "),
                                Tag.link("YAML", SiteURL.criteriaYAML(record.setID).with(["version": String(record.version)]))))
                    })
                ))
            )),
        ])
    }

    static func overview(_ set: CriteriaSet, record: CriteriaVersionRecord, provinceName: String?) -> BodyNode {
        .group(
            .div(.class("card"), .dl(.class("facts"),
                .dt(.text("Mô hình")), .dd(.text(set.model.label)),
                .dt(.text("Cơ quan ban hành")), .dd(.text(set.issuer)),
                .dt(.text("Văn bản")), .dd(.text(CriteriaText.document(set.document))),
                .unwrap(set.document.title) { .group(.dt(.text("Trích yếu")), .dd(.text($0))) },
                .dt(.text("Hiệu lực")), .dd(.text(CriteriaText.period(set.effective.from, set.effective.to))),
                .unwrap(set.validYears) { .group(.dt(.text("Bảo lưu kết quả")), .dd(.text("\($0) năm sau năm công nhận"))) },
                .dt(.text("Phạm vi")), .dd(.text(CriteriaText.scope(provinceName))),
                .unwrap(set.variant) { variant in
                    .group(.dt(.text("Biến thể của")), .dd(Tag.link("\(variant.setID)\(variant.version.map { " (phiên bản \($0))" } ?? "")",
                                                                SiteURL.criteriaSet(variant.setID).path)))
                },
                .unwrap(set.targetGroup) { .group(.dt(.text("Nhóm đối tượng")), .dd(.text(TargetGroups.label($0)))) },
                .dt(.text("Trạng thái")), .dd(CriteriaText.statusTag(set.status), .text(" · phiên bản \(record.version)")),
                .dt(.text("Cách chấm")), .dd(.text(CriteriaText.rules(set))),
                .dt(.text("Nội dung")), .dd(.text("\(set.criteria.count) tiêu chí, \(set.items.count) chỉ tiêu/nội dung"))
            )),
            .if(!set.provenance.isEmpty, .group(
                .h2(.text("Nguồn gốc và ghi chú")),
                .ul(.forEach(set.provenance) { .li(.text($0)) })
            ))
        )
    }

    static func actions(_ model: Model) -> BodyNode {
        let id = model.detail.setID
        var links: [BodyNode] = []
        if model.detail.latest != nil {
            links.append(Tag.link("Bảng chấm (in được)", SiteURL.criteriaRubric(id).path, classes: "button"))
            links.append(Tag.link("Chấm thử", SiteURL.criteriaScore(id).path, classes: "button secondary"))
            links.append(Tag.link("Tải YAML", SiteURL.criteriaYAML(id).path, classes: "button secondary"))
            if model.canDerive { links.append(Tag.link("Tạo biến thể của tỉnh", SiteURL.criteriaDerive(id).path, classes: "button secondary")) }
            if model.detail.canManage && model.detail.draft == nil {
                links.append(Tag.postButton("Mở bản nháp để sửa", action: SiteURL.criteriaOpenDraft(id).path, csrf: model.chrome.csrfToken))
            }
        }
        return .if(!links.isEmpty, .div(.class("actions"), .group(links)))
    }
}

/// Names of the target groups of QĐ 324/QĐ-KHVN.
enum TargetGroups {
    static func label(_ code: String) -> String {
        switch code {
        case "resident": "Người dân trong xã"
        case "worker": "Người lao động"
        case "staff": "Cán bộ công nhân viên, doanh nhân"
        case "student": "Học sinh, sinh viên, học viên"
        default: code
        }
    }
}
