/// Reads a criteria-set document (format `hoctap-criteria/1`, see docs/criteria-format.md) into a
/// `CriteriaSet`, checking every field and the rules between them. All problems are reported at
/// once, each with its path and line; a set with any problem is refused as a whole.
public enum CriteriaSetReader {
    public static let format = "hoctap-criteria/1"

    public static func read(_ root: DocumentNode) throws(CriteriaSetInvalid) -> CriteriaSet {
        let issues = IssueList()
        let set = readSet(NodeReader(root, path: "", issues: issues))
        if let set { CriteriaSetValidator.check(set, lines: LineIndex(root), into: issues) }
        guard issues.issues.isEmpty, let set else {
            throw CriteriaSetInvalid(issues: issues.issues.isEmpty
                ? [CriteriaIssue(path: "", line: nil, message: "tài liệu trống.")] : issues.issues)
        }
        return set
    }

    private static func readSet(_ reader: NodeReader) -> CriteriaSet? {
        guard reader.isPresent, let fields = reader.map(allowed: [
            "format", "id", "model", "name", "issuer", "document", "effective", "status", "provenance", "variant_of",
            "target_group", "valid_years", "assessor", "scoring", "criteria",
        ]) else {
            reader.report("tài liệu phải là một bảng với các khóa format, id, model, name, …")
            return nil
        }
        func field(_ key: String) -> NodeReader { fields[key] ?? NodeReader(nil, path: key, issues: reader.issues) }

        if let format = field("format").string(required: true), format != Self.format {
            field("format").report("định dạng \"\(format)\" không được hỗ trợ; dùng \(Self.format).")
        }
        let id = field("id").string(required: true)
        if let id, !isSlug(id, maxLength: 64) {
            field("id").report("chỉ gồm chữ thường không dấu, số và dấu -, dài 3–64 ký tự.")
        } else if let id, reservedIDs.contains(id) {
            field("id").report("\"\(id)\" là từ dành riêng cho đường dẫn; chọn mã khác.")
        }
        let model = field("model").choice(LearningModel.self)
        let name = field("name").string(required: true)
        let issuer = field("issuer").string(required: true)
        let document = readDocument(field("document"))
        let effective = readEffective(field("effective"))
        let status = field("status").choice(CriteriaSetStatus.self)
        let provenance = field("provenance").strings()
        let variant = readVariant(field("variant_of"))
        let targetGroup = field("target_group").string()
        var validYears: Int?
        if let years = field("valid_years").number() {
            if years == years.rounded(), (1...10).contains(years) { validYears = Int(years) } else {
                field("valid_years").report("phải là số năm nguyên từ 1 đến 10.")
            }
        }
        let assessor = field("assessor").choice(AssessorKind.self, required: false)
        let scoring = readScoring(field("scoring"))
        var criteria: [Criterion] = []
        if let list = field("criteria").list() {
            criteria = list.compactMap { readCriterion($0, scoring: scoring) }
        } else if !field("criteria").isPresent {
            field("criteria").report("bắt buộc (có thể là danh sách rỗng [] khi chưa biết nội dung).")
        }
        guard let id, let model, let name, let issuer, let document, let status, let scoring else { return nil }
        return CriteriaSet(id: id, model: model, name: name, issuer: issuer, document: document,
                           effective: effective ?? EffectivePeriod(from: nil, to: nil), status: status, provenance: provenance,
                           variant: variant, targetGroup: targetGroup, validYears: validYears, assessor: assessor, scoring: scoring, criteria: criteria)
    }

    private static func readDocument(_ reader: NodeReader) -> LegalDocument? {
        guard reader.isPresent else {
            reader.report("bắt buộc: số hiệu và ngày của văn bản.")
            return nil
        }
        guard let fields = reader.map(allowed: ["number", "date", "dates", "title", "url"]) else { return nil }
        let number = fields["number"]?.string(required: true)
        var dates: [Day] = []
        if let date = fields["date"]?.day() { dates.append(date) }
        if let list = fields["dates"]?.list() { dates += list.compactMap { $0.day() } }
        if number == nil { reader.report("thiếu number (số hiệu văn bản).") }
        guard let number else { return nil }
        return LegalDocument(number: number, dates: dates, title: fields["title"]?.string(), url: fields["url"]?.string())
    }

    private static func readEffective(_ reader: NodeReader) -> EffectivePeriod? {
        guard reader.isPresent, let fields = reader.map(allowed: ["from", "to"]) else { return nil }
        let period = EffectivePeriod(from: fields["from"]?.day(), to: fields["to"]?.day())
        if let from = period.from, let to = period.to, to < from {
            reader.report("ngày kết thúc \(to.iso) trước ngày bắt đầu \(from.iso).")
        }
        return period
    }

    private static func readVariant(_ reader: NodeReader) -> VariantOrigin? {
        guard reader.isPresent, let fields = reader.map(allowed: ["set", "version", "province"]) else { return nil }
        let set = fields["set"]?.string(required: true)
        let version = fields["version"]?.integer()
        let province = fields["province"]?.string(required: true)
        if let province, !(province.count == 2 && province.allSatisfy(\.isNumber)) {
            fields["province"]?.report("mã tỉnh phải gồm 2 chữ số (ví dụ \"01\").")
        }
        if let version, version < 1 { fields["version"]?.report("phiên bản bắt đầu từ 1.") }
        guard let set, let province else {
            if fields["set"] == nil { reader.report("thiếu set (mã bộ tiêu chí gốc).") }
            if fields["province"] == nil { reader.report("thiếu province (mã tỉnh của biến thể).") }
            return nil
        }
        return VariantOrigin(setID: set, version: version, provinceCode: province)
    }

    private static func readOutcome(_ reader: NodeReader) -> Outcome? {
        guard reader.isPresent else {
            reader.report("bắt buộc: code và label.")
            return nil
        }
        guard let fields = reader.map(allowed: ["code", "label", "min_total"]) else { return nil }
        let code = fields["code"]?.string(required: true)
        let label = fields["label"]?.string(required: true)
        if let code, !isSlug(code, maxLength: 32, minLength: 1) {
            fields["code"]?.report("chỉ gồm chữ thường không dấu, số và dấu -.")
        }
        if fields["code"] == nil { reader.report("thiếu code.") }
        if fields["label"] == nil { reader.report("thiếu label.") }
        guard let code, let label else { return nil }
        return Outcome(code: code, label: label)
    }

    private static func readScoring(_ reader: NodeReader) -> Scoring? {
        guard reader.isPresent else {
            reader.report("bắt buộc: cách chấm (style: points hoặc levels).")
            return nil
        }
        guard let fields = reader.map(allowed: ["style", "grades", "fail", "min_per_item", "levels"]) else { return nil }
        let fail = readOutcome(fields["fail"] ?? NodeReader(nil, path: reader.path + ".fail", issues: reader.issues))
        switch fields["style"]?.string(required: true) {
        case "points":
            if fields["levels"] != nil { fields["levels"]?.report("chỉ dùng với style: levels.") }
            var grades: [PointsRules.Grade] = []
            for grade in fields["grades"]?.list() ?? [] {
                guard let outcome = readOutcome(grade) else { continue }
                guard let minTotal = grade.map(allowed: ["code", "label", "min_total"])?["min_total"]?.number(required: true) else {
                    grade.report("thiếu min_total (tổng điểm tối thiểu của mức này).")
                    continue
                }
                grades.append(PointsRules.Grade(outcome: outcome, minTotal: minTotal))
            }
            let minPerItem = fields["min_per_item"]?.number()
            if let minPerItem, minPerItem < 0 { fields["min_per_item"]?.report("không được âm.") }
            guard let fail else { return nil }
            return .points(PointsRules(grades: grades, fail: fail, minPerItem: minPerItem))
        case "levels":
            for key in ["grades", "min_per_item"] where fields[key] != nil {
                fields[key]?.report("chỉ dùng với style: points.")
            }
            let levels = fields["levels"]?.list()?.compactMap(readOutcome) ?? []
            if levels.isEmpty { (fields["levels"] ?? reader).report("cần ít nhất một mức độ (levels).") }
            guard let fail else { return nil }
            return .levels(LevelRules(levels: levels, fail: fail))
        case let other?:
            fields["style"]?.report("cách chấm \"\(other)\" không hợp lệ; dùng points hoặc levels.")
            return nil
        case nil:
            if fields["style"] == nil { reader.report("thiếu style (points hoặc levels).") }
            return nil
        }
    }

    private static func readCriterion(_ reader: NodeReader, scoring: Scoring?) -> Criterion? {
        guard let fields = reader.map(allowed: ["id", "name", "status", "note", "points", "min_points", "items"]) else { return nil }
        let id = fields["id"]?.string(required: true)
        if fields["id"] == nil { reader.report("thiếu id.") }
        if let id, !isItemID(id) { fields["id"]?.report("chỉ gồm chữ, số và các dấu . _ -, dài 1–32 ký tự.") }
        let name = fields["name"]?.string(required: true)
        if fields["name"] == nil { reader.report("thiếu name.") }
        let status = fields["status"]?.choice(SourceStatus.self) ?? .verified
        let points = fields["points"]?.number()
        let minPoints = fields["min_points"]?.number()
        let items = fields["items"]?.list()?.compactMap { readItem($0, scoring: scoring) } ?? []
        guard let id, let name else { return nil }
        return Criterion(id: id, name: name, status: status, note: fields["note"]?.string(), points: points,
                         minPoints: minPoints, items: items)
    }

    private static func readItem(_ reader: NodeReader, scoring: Scoring?) -> Item? {
        guard let fields = reader.map(allowed: [
            "id", "text", "status", "points", "min_points", "mandatory", "evidence", "answer", "measure", "unit", "range",
            "require", "class_require", "applies_to", "except_for", "note",
        ]) else { return nil }
        let id = fields["id"]?.string(required: true)
        if fields["id"] == nil { reader.report("thiếu id.") }
        if let id, !isItemID(id) { fields["id"]?.report("chỉ gồm chữ, số và các dấu . _ -, dài 1–32 ký tự.") }
        let status = fields["status"]?.choice(SourceStatus.self) ?? .verified
        let text = fields["text"]?.string()
        if text == nil && status != .unknown {
            reader.report("thiếu text; nếu chưa có văn bản, ghi status: unknown.")
        }
        guard let answer = readAnswer(fields, reader: reader, scoring: scoring), let id else { return nil }
        return Item(id: id, text: text, status: status, answer: answer, mandatory: fields["mandatory"]?.bool() ?? false,
                    evidence: fields["evidence"]?.strings() ?? [], appliesTo: fields["applies_to"]?.strings() ?? [],
                    exceptFor: fields["except_for"]?.strings() ?? [], note: fields["note"]?.string())
    }

    private static func readAnswer(_ fields: [String: NodeReader], reader: NodeReader, scoring: Scoring?) -> AnswerKind? {
        if case .points = scoring {
            for key in ["answer", "measure", "unit", "range", "require", "class_require"] where fields[key] != nil {
                fields[key]?.report("chỉ dùng với style: levels.")
            }
            guard let max = fields["points"]?.number(required: true) else {
                if fields["points"] == nil { reader.report("thiếu points (điểm tối đa của nội dung).") }
                return nil
            }
            return .points(max: max, min: fields["min_points"]?.number())
        }
        for key in ["points", "min_points"] where fields[key] != nil {
            fields[key]?.report("chỉ dùng với style: points.")
        }
        let kind = fields["answer"]?.string() ?? (fields["measure"] != nil ? "measure" : "check")
        switch kind {
        case "check":
            var levels: [String] = []
            if let require = fields["require"] {
                if case .scalar("all", _) = require.node?.kind {} else { levels = require.strings() }
            }
            return .check(requiredAt: levels)
        case "number", "measure":
            let unit = fields["unit"]?.choice(NumberUnit.self) ?? .share
            var range: ClosedRange<Double> = unit == .share ? 0...1 : unit == .level ? 0...10 : 0...1e12
            if let rangeFields = fields["range"]?.map(allowed: ["min", "max"]) {
                let low = rangeFields["min"]?.number() ?? range.lowerBound
                let high = rangeFields["max"]?.number() ?? range.upperBound
                if low >= high { fields["range"]?.report("min phải nhỏ hơn max.") } else { range = low...high }
            }
            let minimum = readMinimums(fields["require"])
            var classMinimum: [String: [String: Double]] = [:]
            if let classes = fields["class_require"], classes.isPresent, case .map(let entries) = classes.node?.kind {
                for entry in entries {
                    classMinimum[entry.key] = readMinimums(NodeReader(entry.value, path: "\(classes.path).\(entry.key)", issues: reader.issues))
                }
            }
            let rule = NumberRule(unit: unit, range: range, minimum: minimum, classMinimum: classMinimum)
            if kind == "measure" {
                guard let name = fields["measure"]?.string(required: true) else {
                    reader.report("thiếu measure (tên phép đo cung cấp giá trị).")
                    return nil
                }
                return .measure(name: name, rule: rule)
            }
            return .number(rule)
        default:
            fields["answer"]?.report("loại trả lời \"\(kind)\" không hợp lệ; dùng check, number hoặc measure.")
            return nil
        }
    }

    private static func readMinimums(_ reader: NodeReader?) -> [String: Double] {
        guard let reader, reader.isPresent, case .map(let entries) = reader.node?.kind else {
            if let reader, reader.isPresent { reader.report("phải là bảng mức độ: giá trị tối thiểu.") }
            return [:]
        }
        var values: [String: Double] = [:]
        for entry in entries {
            if let value = NodeReader(entry.value, path: "\(reader.path).\(entry.key)", issues: reader.issues).number(required: true) {
                values[entry.key] = value
            }
        }
        return values
    }

    /// Whether `id` is a valid set identifier.
    public static func isValidID(_ id: String) -> Bool { isSlug(id, maxLength: 64) && !reservedIDs.contains(id) }

    /// Words the web and API paths use next to set ids (`/criteria/import`, `/criteria-sets/in-force`).
    public static let reservedIDs: Set<String> = ["import", "in-force", "validate"]

    static func isSlug(_ text: String, maxLength: Int, minLength: Int = 3) -> Bool {
        (minLength...maxLength).contains(text.count)
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func isItemID(_ text: String) -> Bool {
        (1...32).contains(text.count)
            && text.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || ".-_".unicodeScalars.contains($0)
            }
    }
}

/// Where each criterion and item sits in the source, for semantic errors found after reading.
struct LineIndex {
    private var lines: [String: Int] = [:]

    init(_ root: DocumentNode) {
        record(root, path: "")
    }

    /// Records the line of every node under `node`, by the same paths the reader uses.
    private mutating func record(_ node: DocumentNode, path: String) {
        if let line = node.line, lines[path] == nil { lines[path] = line }
        switch node.kind {
        case .map(let entries):
            for entry in entries {
                let child = path.isEmpty ? entry.key : "\(path).\(entry.key)"
                if let line = entry.line { lines[child] = line }
                record(entry.value, path: child)
            }
        case .list(let elements):
            for (index, element) in elements.enumerated() { record(element, path: "\(path)[\(index)]") }
        case .scalar, .null:
            break
        }
    }

    init() {}

    func line(_ path: String) -> Int? {
        var key = path
        while true {
            if let line = lines[key] { return line }
            guard let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            key = String(key[..<cut])
        }
    }
}
