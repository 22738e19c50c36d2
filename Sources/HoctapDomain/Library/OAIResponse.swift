import Foundation

/// Unqualified Dublin Core, the metadata every OAI-PMH repository must offer (`oai_dc`).
public struct DublinCore: Hashable, Sendable, Codable {
    public var titles: [String] = []
    public var creators: [String] = []
    public var subjects: [String] = []
    public var descriptions: [String] = []
    public var dates: [String] = []
    public var types: [String] = []
    public var identifiers: [String] = []
    public var publishers: [String] = []
    public var languages: [String] = []

    public init() {}

    /// The first identifier that is a web address: the record's page in the library's own catalogue.
    public var link: String? {
        identifiers.first { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
    }

    /// Adds the text of a `dc:` element by its local name; other elements are ignored.
    mutating func add(_ element: String, _ text: String) {
        let value = VietnameseText.normalized(text)
        guard !value.isEmpty else { return }
        switch element {
        case "title": titles.append(value)
        case "creator", "contributor": creators.append(value)
        case "subject": subjects.append(value)
        case "description": descriptions.append(value)
        case "date": dates.append(value)
        case "type": types.append(value)
        case "identifier": identifiers.append(value)
        case "publisher": publishers.append(value)
        case "language": languages.append(value)
        default: break
        }
    }
}

/// One record of a `ListRecords` answer: its header and, unless deleted, its Dublin Core.
public struct OAIRecord: Hashable, Sendable {
    public var identifier: String
    public var datestamp: String
    public var deleted: Bool
    public var sets: [String]
    public var metadata: DublinCore

    public init(identifier: String, datestamp: String, deleted: Bool = false, sets: [String] = [], metadata: DublinCore = DublinCore()) {
        self.identifier = identifier
        self.datestamp = datestamp
        self.deleted = deleted
        self.sets = sets
        self.metadata = metadata
    }
}

/// What a repository says about itself (`Identify`).
public struct OAIIdentify: Hashable, Sendable {
    public var repositoryName: String
    public var baseURL: String
    public var protocolVersion: String
    public var earliestDatestamp: String
    public var deletedRecord: String
    /// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ`: the precision `from` must be sent in.
    public var granularity: String

    public var secondsGranularity: Bool { granularity.contains("hh") }
}

/// An error the repository answered with, by its OAI-PMH code.
public struct OAIError: Error, Hashable, Sendable {
    public var code: String
    public var message: String

    /// The code's meaning in Vietnamese, for the administrator reading the harvest status.
    public var explanation: String {
        let meaning = switch code {
        case "badArgument": "yêu cầu có tham số sai hoặc thiếu"
        case "badResumptionToken": "mã trang tiếp theo (resumptionToken) hết hạn hoặc không hợp lệ"
        case "badVerb": "lệnh không hợp lệ"
        case "cannotDisseminateFormat": "thư viện không cung cấp định dạng oai_dc"
        case "idDoesNotExist": "không có biểu ghi này"
        case "noRecordsMatch": "không có biểu ghi nào khớp"
        case "noMetadataFormats": "không có định dạng siêu dữ liệu nào"
        case "noSetHierarchy": "thư viện không chia bộ sưu tập"
        default: "lỗi không thuộc chuẩn OAI-PMH"
        }
        return "Thư viện trả lỗi \(code) (\(meaning))" + (message.isEmpty ? "." : ": \(message)")
    }
}

/// One parsed OAI-PMH response.
public struct OAIResponse: Hashable, Sendable {
    public var responseDate: String = ""
    public var errors: [OAIError] = []
    public var identify: OAIIdentify?
    public var sets: [(spec: String, name: String)] { setPairs.map { ($0.spec, $0.name) } }
    public var records: [OAIRecord] = []
    /// The token of the next page; empty or absent on the last one.
    public var resumptionToken: String?
    var setPairs: [SetPair] = []

    struct SetPair: Hashable, Sendable { var spec: String; var name: String }

    public init() {}

    /// "There is nothing", said the OAI way: a normal answer to an incremental harvest.
    public var isNoRecordsMatch: Bool { errors.contains { $0.code == "noRecordsMatch" } }
    /// A repository without sets; harvesters treat it as an empty list.
    public var isNoSetHierarchy: Bool { errors.contains { $0.code == "noSetHierarchy" } }
}
