import Foundation

/// An OAI-PMH 2.0 request to hoctap's own provider, checked as the protocol demands: a known
/// verb, only the arguments that verb takes, each at most once, the required ones present, a
/// resumption token alone, dates in one granularity with `from` not after `until`.
public enum OAIRequest: Hashable, Sendable {
    case identify
    case listMetadataFormats(identifier: String?)
    case listSets(resumptionToken: String?)
    case listIdentifiers(OAIListArguments)
    case listRecords(OAIListArguments)
    case getRecord(identifier: String, metadataPrefix: String)

    /// The protocol's error conditions, with the code a harvester acts on.
    public struct Failure: Error, Hashable, Sendable {
        public enum Code: String, Sendable {
            case badVerb, badArgument, badResumptionToken, cannotDisseminateFormat, idDoesNotExist, noRecordsMatch, noMetadataFormats, noSetHierarchy
        }

        public var code: Code
        public var message: String

        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }
    }

    static let allowed: [String: (required: Set<String>, optional: Set<String>)] = [
        "Identify": ([], []),
        "ListMetadataFormats": ([], ["identifier"]),
        "ListSets": ([], ["resumptionToken"]),
        "ListIdentifiers": (["metadataPrefix"], ["from", "until", "set", "resumptionToken"]),
        "ListRecords": (["metadataPrefix"], ["from", "until", "set", "resumptionToken"]),
        "GetRecord": (["identifier", "metadataPrefix"], []),
    ]

    /// Parses the query arguments (each name with every value it was given).
    public static func parse(_ arguments: [String: [String]]) throws(Failure) -> OAIRequest {
        guard let verbs = arguments["verb"], verbs.count == 1, let verb = verbs.first, let rules = allowed[verb] else {
            throw Failure(.badVerb, arguments["verb"].map { $0.count > 1 ? "Tham số verb lặp lại." : "Verb \"\($0.first ?? "")\" không có trong OAI-PMH 2.0." }
                          ?? "Thiếu tham số verb.")
        }
        var values: [String: String] = [:]
        for (name, given) in arguments where name != "verb" {
            guard rules.required.contains(name) || rules.optional.contains(name) else { throw Failure(.badArgument, "\(verb) không nhận tham số \(name).") }
            guard given.count == 1 else { throw Failure(.badArgument, "Tham số \(name) lặp lại.") }
            values[name] = given[0]
        }
        if let token = values["resumptionToken"] {
            guard values.count == 1 else { throw Failure(.badArgument, "resumptionToken phải là tham số duy nhất đi cùng verb.") }
            switch verb {
            case "ListSets": return .listSets(resumptionToken: token)
            case "ListIdentifiers": return .listIdentifiers(try OAIListArguments(token: token))
            default: return .listRecords(try OAIListArguments(token: token))
            }
        }
        if let missing = rules.required.subtracting(values.keys).sorted().first { throw Failure(.badArgument, "\(verb) cần tham số \(missing).") }
        switch verb {
        case "Identify": return .identify
        case "ListMetadataFormats": return .listMetadataFormats(identifier: values["identifier"])
        case "ListSets": return .listSets(resumptionToken: nil)
        case "GetRecord": return .getRecord(identifier: values["identifier"]!, metadataPrefix: values["metadataPrefix"]!)
        default:
            let list = try OAIListArguments(metadataPrefix: values["metadataPrefix"]!, set: values["set"], from: values["from"], until: values["until"])
            return verb == "ListRecords" ? .listRecords(list) : .listIdentifiers(list)
        }
    }
}

/// The selection of a list request and where in it a page starts.
public struct OAIListArguments: Hashable, Sendable {
    public var metadataPrefix: String
    public var set: String?
    /// Inclusive bounds in seconds since 1970, UTC.
    public var from: Int64?
    public var until: Int64?
    /// The last item of the previous page: its datestamp, kind and id.
    public var after: OAIPosition?

    public init(metadataPrefix: String, set: String?, from: String?, until: String?) throws(OAIRequest.Failure) {
        self.metadataPrefix = metadataPrefix
        self.set = set
        let lower = try from.map { text throws(OAIRequest.Failure) in try Self.moment(text, end: false) }
        let upper = try until.map { text throws(OAIRequest.Failure) in try Self.moment(text, end: true) }
        if let lower, let upper {
            guard lower.dayOnly == upper.dayOnly else { throw .init(.badArgument, "from và until phải cùng độ chi tiết (cùng là ngày, hoặc cùng đến giây).") }
            guard lower.seconds <= upper.seconds else { throw .init(.badArgument, "from (\(from!)) sau until (\(until!)).") }
        }
        self.from = lower?.seconds
        self.until = upper?.seconds
    }

    /// A request continued from a resumption token this provider issued.
    public init(token: String) throws(OAIRequest.Failure) {
        guard let decoded = Data(base64Encoded: Self.padded(token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"))),
              let text = String(data: decoded, encoding: .utf8) else {
            throw .init(.badResumptionToken, "resumptionToken không hợp lệ.")
        }
        let parts = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 8, parts[0] == "1", !parts[1].isEmpty, let updated = Int64(parts[5]), let kind = Int(parts[6]), let id = Int64(parts[7]),
              parts[3].isEmpty || Int64(parts[3]) != nil, parts[4].isEmpty || Int64(parts[4]) != nil else {
            throw .init(.badResumptionToken, "resumptionToken không hợp lệ hoặc đã cũ.")
        }
        metadataPrefix = parts[1]
        set = parts[2].isEmpty ? nil : parts[2]
        from = Int64(parts[3])
        until = Int64(parts[4])
        after = OAIPosition(updatedAt: updated, kind: kind, id: id)
    }

    /// The token that continues this selection after `position`.
    public func token(after position: OAIPosition) -> String {
        let fields = ["1", metadataPrefix, set ?? "", from.map(String.init) ?? "", until.map(String.init) ?? "",
                      String(position.updatedAt), String(position.kind), String(position.id)]
        return Data(fields.joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func padded(_ text: String) -> String {
        text + String(repeating: "=", count: (4 - text.count % 4) % 4)
    }

    /// "2026-11-29" (a day: its first or last second) or "2026-11-29T10:00:00Z".
    static func moment(_ text: String, end: Bool) throws(OAIRequest.Failure) -> (seconds: Int64, dayOnly: Bool) {
        if let day = Day(iso: text), text.count == 10 {
            let start = Int64(day.noonInVietnam.timeIntervalSince1970) - 5 * 3600  // noon UTC+7 is 05:00 UTC; midnight UTC is 5 h before
            return (end ? start + 86_399 : start, true)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        guard text.count == 20, text.hasSuffix("Z"), let date = formatter.date(from: text) else {
            throw .init(.badArgument, "Ngày \"\(text.prefix(30))\" không đúng dạng YYYY-MM-DD hoặc YYYY-MM-DDThh:mm:ssZ.")
        }
        return (Int64(date.timeIntervalSince1970), false)
    }
}

/// Where an item stands in the provider's order: datestamp, then kind (articles before
/// documents), then id.
public struct OAIPosition: Hashable, Sendable {
    public var updatedAt: Int64
    public var kind: Int
    public var id: Int64

    public init(updatedAt: Int64, kind: Int, id: Int64) {
        self.updatedAt = updatedAt
        self.kind = kind
        self.id = id
    }
}
