import Foundation
import HoctapDomain
import HoctapServices
import HoctapStorage
import Plot

/// What the trial-scoring form holds: the raw text of every field, so a refused value is shown
/// back exactly as typed, and the input it parses to.
struct TrialScoringForm: Sendable {
    var values: [String: String] = [:]
    var issues: [FieldIssue] = []
    var input = ScoringInput()

    static func itemField(_ id: String) -> String { "i.\(id)" }
    static func measureField(_ name: String) -> String { "m.\(name)" }
    static func classField(_ name: String) -> String { "c.\(name)" }

    /// Reads the query of a submitted form. Shares are typed as percentages; a decimal comma is
    /// accepted ("84,5").
    init(query: [String: String], set: CriteriaSet) {
        values = query
        var input = ScoringInput()
        if let kind = query["kind"], !kind.isEmpty { input.subjectKind = kind }
        input.areaClasses = Self.areaClasses(of: set).filter { query[Self.classField($0)] != nil }
        for item in set.items {
            let field = Self.itemField(item.id)
            let raw = (query[field] ?? "").trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty else { continue }
            switch item.answer {
            case .check:
                input.items[item.id] = .bool(raw == "1")
            case .points:
                guard let value = Self.number(raw) else { issues.append(FieldIssue("items.\(item.id)", "\(item.id): \"\(raw)\" không phải số điểm.")); continue }
                input.items[item.id] = .number(value)
            case .number(let rule):
                guard let value = Self.number(raw) else { issues.append(FieldIssue("items.\(item.id)", "\(item.id): \"\(raw)\" không phải số.")); continue }
                input.items[item.id] = .number(rule.unit == .share ? value / 100 : value)
            case .measure:
                continue
            }
        }
        for measure in Self.measures(of: set) {
            let raw = (query[Self.measureField(measure.name)] ?? "").trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty else { continue }
            guard let value = Self.number(raw) else { issues.append(FieldIssue("measures.\(measure.name)", "\(measure.label): \"\(raw)\" không phải số.")); continue }
            input.measures[measure.name] = MeasureValue(measure.unit == .share ? value / 100 : value)
        }
        self.input = input
    }

    init() {}

    /// The form values that show `input` (shares as percentages), to fill the form with saved answers.
    static func values(of input: ScoringInput, set: CriteriaSet) -> [String: String] {
        var values: [String: String] = [:]
        for item in set.items {
            guard let answer = input.items[item.id] else { continue }
            switch (item.answer, answer) {
            case (.check, .bool(let met)): values[itemField(item.id)] = met ? "1" : "0"
            case (.number(let rule), .number(let value)): values[itemField(item.id)] = CriteriaSetValidator.format(rule.unit == .share ? value * 100 : value)
            case (_, .number(let value)): values[itemField(item.id)] = CriteriaSetValidator.format(value)
            default: break
            }
        }
        for measure in measures(of: set) {
            guard let value = input.measures[measure.name]?.value else { continue }
            values[measureField(measure.name)] = CriteriaSetValidator.format(measure.unit == .share ? value * 100 : value)
        }
        for areaClass in input.areaClasses { values[classField(areaClass)] = "1" }
        if let kind = input.subjectKind { values["kind"] = kind }
        return values
    }

    static func number(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: " ", with: "")
            .replacingOccurrences(of: ",", with: ".")
        guard let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    /// The measures the set's items read, in catalog order.
    static func measures(of set: CriteriaSet) -> [MeasureDefinition] {
        let names = Set(set.items.compactMap { item -> String? in
            if case .measure(let name, _) = item.answer { return name }
            return nil
        })
        return MeasureCatalog.all.filter { names.contains($0.name) }
    }

    /// Area classes that lower a threshold somewhere in the set.
    static func areaClasses(of set: CriteriaSet) -> [String] {
        var classes = Set<String>()
        for item in set.items {
            switch item.answer {
            case .number(let rule), .measure(_, let rule): classes.formUnion(rule.classMinimum.keys)
            default: break
            }
        }
        return classes.sorted()
    }

    /// Kinds of subject some items are limited to.
    static func subjectKinds(of set: CriteriaSet) -> [String] {
        Set(set.items.flatMap { $0.appliesTo + $0.exceptFor }).sorted()
    }
}

/// Trying a set out: fill in answers, see the verdict, the totals, what failed and the smallest
/// change that reaches the next verdict. Nothing is stored.
enum CriteriaScorePage {
    struct Model {
        var published: PublishedCriteriaSet
        var form: TrialScoringForm
        var result: ScoreResult?
        var chrome: PageChrome
    }

    static func render(_ model: Model) -> HTML {
        let set = model.published.set
        return Layout.page(title: "Chấm thử: \(set.name)", chrome: model.chrome,
                           breadcrumbs: [("Bộ tiêu chí", SiteURL.criteria.path), (set.id, SiteURL.criteriaSet(set.id).path)], [
            .p(.text("Nhập kết quả như trên phiếu chấm rồi bấm \"Chấm\"; không lưu gì. Phiên bản \(model.published.record.version). \(CriteriaText.rules(set))")),
            .if(!model.form.issues.isEmpty, Notice.error("Chưa chấm được: hãy sửa các giá trị sau.", details: model.form.issues.map(\.message))),
            .unwrap(model.result) { result($0, set: set) },
            form(model),
        ])
    }

    static func form(_ model: Model) -> BodyNode {
        let set = model.published.set
        let values = model.form.values
        let kinds = TrialScoringForm.subjectKinds(of: set)
        let classes = TrialScoringForm.areaClasses(of: set)
        let measures = TrialScoringForm.measures(of: set)
        var context: [BodyNode] = []
        if !kinds.isEmpty {
            context.append(Tag.select("kind", label: "Loại đối tượng", options: [("", "Không thuộc loại riêng nào")] + kinds.map { ($0, $0) },
                                      selected: values["kind"] ?? "", hint: "Một số chỉ tiêu chỉ áp dụng hoặc không áp dụng cho một loại đơn vị."))
        }
        for areaClass in classes {
            context.append(checkbox(TrialScoringForm.classField(areaClass), label: "\(AreaClassLabels.label(areaClass)) (ngưỡng thấp hơn)",
                                    checked: values[TrialScoringForm.classField(areaClass)] != nil))
        }
        for measure in measures {
            let field = TrialScoringForm.measureField(measure.name)
            context.append(Tag.field(field, label: measure.label + (measure.unit == .share ? " (%)" : ""), value: values[field] ?? "",
                                     hint: "Số liệu tính từ hồ sơ khác (phép đo \(measure.name)).", extra: [Tag.attribute("inputmode", "decimal")]))
        }
        return .element(named: "form", nodes: [
            BodyNode.attr("action", SiteURL.criteriaScore(set.id).path), .attr("method", "get"), .class("stack"),
            Tag.hidden("version", String(model.published.record.version)),
            .if(!context.isEmpty, .div(.class("card"), .h2(.text("Đối tượng và số liệu")), .group(context))),
            .forEach(set.criteria) { criterion in
                .element(named: "fieldset", nodes: [
                    BodyNode.class("card"),
                    .element(named: "legend", nodes: [BodyNode.text("\(criterion.id). \(criterion.name)")]),
                    .forEach(criterion.items) { item in itemField(item, values: values) },
                ])
            },
            .div(.class("actions"), Tag.submit("Chấm")),
        ])
    }

    static func itemField(_ item: Item, values: [String: String]) -> BodyNode {
        let field = TrialScoringForm.itemField(item.id)
        let label = "\(item.id) \(RubricPage.itemText(item))" + (item.mandatory ? " (bắt buộc)" : "")
        let hint = RubricPage.applicability(item)
        switch item.answer {
        case .points(let max, let min):
            return Tag.field(field, label: label, value: values[field] ?? "",
                             hint: "Từ 0 đến \(CriteriaSetValidator.format(max)) điểm" + (min.map { "; tối thiểu \(CriteriaSetValidator.format($0))" } ?? "") + (hint.map { ". \($0)" } ?? ""),
                             extra: [Tag.attribute("inputmode", "decimal")])
        case .check:
            return Tag.select(field, label: label, options: [("", "Chưa đánh giá"), ("1", "Đạt"), ("0", "Chưa đạt")],
                              selected: values[field] ?? "", hint: hint)
        case .number(let rule):
            let range = "\(CriteriaSetValidator.format(rule.unit == .share ? rule.range.lowerBound * 100 : rule.range.lowerBound))–\(CriteriaSetValidator.format(rule.unit == .share ? rule.range.upperBound * 100 : rule.range.upperBound))"
            return Tag.field(field, label: label + (rule.unit == .share ? " (%)" : ""), value: values[field] ?? "",
                             hint: "Trong khoảng \(range)" + (hint.map { ". \($0)" } ?? ""), extra: [Tag.attribute("inputmode", "decimal")])
        case .measure(let name, _):
            return .p(.text(label), .span(.class("hint"), .text(" — lấy từ số liệu \(MeasureCatalog.measure(named: name)?.label ?? name) ở trên.")))
        }
    }

    /// The answers, read only (an evaluation that is submitted or decided).
    static func readOnly(_ input: ScoringInput, set: CriteriaSet) -> BodyNode {
        let values = TrialScoringForm.values(of: input, set: set)
        return .div(.class("table-wrap"), .table(
            .thead(.tr(.th(.text("Chỉ tiêu")), .th(.text("Kết quả")))),
            .tbody(.forEach(set.items) { item in
                let value = values[TrialScoringForm.itemField(item.id)]
                let shown: String = switch item.answer {
                case .check: value == "1" ? "Đạt" : value == "0" ? "Chưa đạt" : "—"
                case .measure(let name, _): values[TrialScoringForm.measureField(name)].map { "\($0)" } ?? "—"
                default: value ?? "—"
                }
                return .tr(.td(.text("\(item.id) \(RubricPage.itemText(item))")), .td(.text(shown)))
            })))
    }

    static func checkbox(_ name: String, label: String, checked: Bool) -> BodyNode {
        var attributes = [Tag.attribute("type", "checkbox"), Tag.attribute("id", "f-\(name)"), Tag.attribute("name", name), Tag.attribute("value", "1")]
        if checked { attributes.append(Tag.attribute("checked", "checked")) }
        return .div(.element(named: "label", nodes: [
            BodyNode.attr("for", "f-\(name)"), .selfClosedElement(named: "input", attributes: attributes), .text(" \(label)"),
        ]))
    }

    static func result(_ result: ScoreResult, set: CriteriaSet) -> BodyNode {
        let passed = result.verdict.rank > 0
        return .div(.class("card"), .attr("role", "status"),
            .h2(.text("Kết quả")),
            .p(.class("verdict"), .span(.class(passed ? "tag ok" : "tag warn"), .text(result.verdict.label)),
               .unwrap(result.total) { total in .text(" · \(CriteriaSetValidator.format(total))\(result.maxTotal.map { "/\(CriteriaSetValidator.format($0))" } ?? "") điểm") }),
            .if(!result.verdict.determined, .p(.text("Bộ tiêu chí chưa đủ ngưỡng để kết luận."))),
            .if(!result.officialUse.allowed, .p(.class("hint"), .text("Chỉ để thử: bộ này chưa dùng được để công nhận chính thức."))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(.th(.text("Tiêu chí")), .th(.class("num"), .text(result.style == "points" ? "Điểm" : "Mức đạt")))),
                .tbody(.forEach(result.criteria) { criterion in
                    .tr(.td(.text("\(criterion.id). \(criterion.name)")),
                        .td(.class("num"), .text(criterionFigure(criterion, set: set))))
                })
            )),
            .if(!result.failures.isEmpty, .group(
                .h3(.text("Chưa đáp ứng")),
                .ul(.forEach(result.failures) { .li(.text($0.message)) }))),
            .unwrap(result.next) { next in
                .group(
                    .h3(.text("Để đạt \(next.target.label)")),
                    .p(.text(next.message)),
                    .ul(.forEach(next.changes) { .li(.text($0.message)) }))
            }
        )
    }

    static func criterionFigure(_ criterion: ScoreResult.CriterionResult, set: CriteriaSet) -> String {
        if let points = criterion.points {
            return CriteriaSetValidator.format(points) + (criterion.maxPoints.map { "/\(CriteriaSetValidator.format($0))" } ?? "")
        }
        guard let met = criterion.metLevels else { return "—" }
        guard case .levels(let rules) = set.scoring else { return "—" }
        let labels = rules.levels.filter { met.contains($0.code) }.map(\.label)
        return labels.isEmpty ? "Chưa đạt" : labels.joined(separator: ", ")
    }
}

/// Names of the area classes criteria sets lower thresholds for.
enum AreaClassLabels {
    static func label(_ code: String) -> String {
        switch code {
        case "xa-kho-khan": "Xã thuộc vùng khó khăn"
        default: "Địa bàn thuộc nhóm \(code)"
        }
    }
}
