import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// The scoring sheet people fill in on paper: every criterion and item with its points or its
/// requirement per level, an empty column to write in, and the evidence expected. Prints on A4.
enum RubricPage {
    static func render(_ published: PublishedCriteriaSet, chrome: PageChrome) -> HTML {
        let set = published.set
        return Layout.page(title: "Bảng chấm: \(set.name)", chrome: chrome,
                           breadcrumbs: [("Bộ tiêu chí", SiteURL.criteria.path), (set.id, SiteURL.criteriaSet(set.id).path)], [
            .div(.class("rubric"),
                 .p(.text("\(CriteriaText.document(set.document)) · \(set.issuer) · phiên bản \(published.record.version) · \(set.status.label)")),
                 .p(.text(CriteriaText.rules(set))),
                 .if(!published.officialUseBlockers.isEmpty,
                     .p(.class("notice warn"), .text("Bản này chưa dùng được để công nhận chính thức: \(published.officialUseBlockers.joined(separator: " ")) "))),
                 .p(.text("Đối tượng đánh giá: ………………………………………………  Năm: ………")),
                 table(set),
                 .div(.class("signatures"),
                      .div(.p(.text("Người tự đánh giá")), .p(.class("hint"), .text("(ký, ghi rõ họ tên)"))),
                      .div(.p(.text("Xác nhận của người đánh giá")), .p(.class("hint"), .text("(ký, ghi rõ họ tên)")))),
                 .div(.class("actions no-print"),
                      Tag.link("Quay lại bộ tiêu chí", SiteURL.criteriaSet(set.id).path, classes: "button secondary"),
                      .p(.class("hint"), .text("Dùng lệnh In của trình duyệt (khổ A4) để in bảng chấm."))))
        ])
    }

    static func table(_ set: CriteriaSet) -> BodyNode {
        switch set.scoring {
        case .points:
            return .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text("Tiêu chí, nội dung")), .th(.class("num"), .text("Điểm tối đa")),
                           .th(.class("num"), .text("Điểm tự chấm")), .th(.text("Minh chứng")))),
                .tbody(.forEach(set.criteria) { criterion in
                    .group(
                        .tr(.class("criterion"),
                            .td(.text("\(criterion.id). \(criterion.name)"), .if(criterion.minPoints != nil,
                                .text(" (tối thiểu \(CriteriaSetValidator.format(criterion.minPoints ?? 0)) điểm)"))),
                            .td(.class("num"), .text(criterion.points.map(CriteriaSetValidator.format) ?? "chưa có")),
                            .td(.class("blank"), .text("")), .td(.text(criterion.items.isEmpty ? "Nội dung chưa có văn bản" : ""))),
                        .forEach(criterion.items) { item in
                            .tr(.td(.text("\(item.id) \(itemText(item))")),
                                .td(.class("num"), .text(item.maxPoints.map(CriteriaSetValidator.format) ?? "")),
                                .td(.class("blank"), .text("")),
                                .td(.text(item.evidence.joined(separator: "; "))))
                        }
                    )
                })
            ))
        case .levels(let rules):
            return .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text("Tiêu chí, chỉ tiêu")), .forEach(rules.levels) { .th(.text("Yêu cầu \($0.label)")) },
                           .th(.text("Kết quả")), .th(.text("Minh chứng")))),
                .tbody(.forEach(set.criteria) { criterion in
                    .group(
                        .tr(.class("criterion"), .td(.attr("colspan", String(rules.levels.count + 3)), .text("\(criterion.id). \(criterion.name)"))),
                        .forEach(criterion.items) { item in
                            .tr(.td(.text("\(item.id) \(itemText(item))"), .unwrap(applicability(item)) { .p(.class("hint"), .text($0)) }),
                                .forEach(rules.levels) { level in .td(.text(requirement(item, level: level.code, levels: rules.levels))) },
                                .td(.class("blank"), .text("")),
                                .td(.text(item.evidence.joined(separator: "; "))))
                        }
                    )
                })
            ))
        }
    }

    static func itemText(_ item: Item) -> String {
        (item.text ?? "(nội dung chưa có văn bản)") + (item.status == .demo ? " [trình diễn]" : "")
    }

    static func applicability(_ item: Item) -> String? {
        var parts: [String] = []
        if !item.appliesTo.isEmpty { parts.append("Chỉ áp dụng: \(item.appliesTo.joined(separator: ", "))") }
        if !item.exceptFor.isEmpty { parts.append("Không áp dụng: \(item.exceptFor.joined(separator: ", "))") }
        return parts.isEmpty ? nil : parts.joined(separator: ". ")
    }

    static func requirement(_ item: Item, level: String, levels: [Outcome]) -> String {
        switch item.answer {
        case .check(let requiredAt):
            return requiredAt.isEmpty || requiredAt.contains(level) ? "Đạt" : "—"
        case .number(let rule), .measure(_, let rule):
            var value: Double?
            for code in levels.map(\.code) {
                if let minimum = rule.minimum[code] { value = minimum }
                if code == level { break }
            }
            guard let value else { return "—" }
            var text = "Từ \(ScoringEngineDisplay.value(value, unit: rule.unit))"
            for (areaClass, minimums) in rule.classMinimum.sorted(by: { $0.key < $1.key }) {
                if let lower = minimums[level] { text += " (\(areaClass): từ \(ScoringEngineDisplay.value(lower, unit: rule.unit)))" }
            }
            return text
        case .points:
            return "—"
        }
    }
}

/// Shows numbers of criteria sets the way the engine's messages do.
enum ScoringEngineDisplay {
    static func value(_ value: Double, unit: NumberUnit) -> String {
        switch unit {
        case .share: VietnameseFormat.percent(value, fractionDigits: value * 100 == (value * 100).rounded() ? 0 : 1)
        case .level: "mức \(CriteriaSetValidator.format(value))"
        case .count: CriteriaSetValidator.format(value)
        }
    }
}
