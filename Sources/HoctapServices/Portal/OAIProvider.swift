import Foundation
import HoctapDomain
import HoctapStorage

/// hoctap as an OAI-PMH 2.0 data provider: published articles and documents as Dublin Core,
/// so that libraries and the national digital knowledge system can harvest the portal.
///
/// Identifiers are `oai:<host>:bai-viet/<id>` and `oai:<host>:van-ban/<id>`; datestamps are
/// the last change, to the second; sets are the two kinds. A withdrawn item is reported as
/// deleted from then on (`deletedRecord` persistent: published content is never deleted, only
/// withdrawn). Lists come a page at a time with resumption tokens that carry the selection and
/// the last item's position, so a page costs the same wherever it is and needs no server state.
public struct OAIProvider: Sendable {
    let environment: ServiceEnvironment
    /// The repository's address as harvesters call it (`https://host/oai`).
    public let baseURL: String
    public let adminEmail: String
    public var pageSize: Int

    public static let sets: [(spec: String, name: String, kind: Int)] = [("bai-viet", "Bài viết", 0), ("van-ban", "Văn bản", 1)]

    public init(_ environment: ServiceEnvironment, baseURL: String, adminEmail: String, pageSize: Int = 100) {
        self.environment = environment
        self.baseURL = baseURL
        self.adminEmail = adminEmail
        self.pageSize = pageSize
    }

    var host: String { URLComponents(string: baseURL)?.host ?? "localhost" }

    /// The response document for the request's arguments; protocol errors are answers too.
    public func respond(to arguments: [String: [String]]) async throws -> String {
        let now = environment.clock.now()
        let request: OAIRequest
        do {
            request = try OAIRequest.parse(arguments)
        } catch {
            // For badVerb and badArgument the protocol wants the request element without attributes.
            return envelope(now: now, attributes: [], body: Self.error(error))
        }
        let attributes = arguments.sorted { $0.key < $1.key }.compactMap { key, values in values.first.map { (key, $0) } }
        do {
            return envelope(now: now, attributes: attributes, body: try await body(request))
        } catch let failure as OAIRequest.Failure {
            return envelope(now: now, attributes: failure.code == .badResumptionToken ? [] : attributes, body: Self.error(failure))
        }
    }

    func body(_ request: OAIRequest) async throws -> String {
        switch request {
        case .identify:
            let earliest = try await environment.database.read { try await PortalRepository($0).oaiEarliest() } ?? Int64(environment.clock.now().timeIntervalSince1970)
            return """
                <Identify><repositoryName>\(Self.escape("Học tập suốt đời — cổng thông tin"))</repositoryName><baseURL>\(Self.escape(baseURL))</baseURL>\
                <protocolVersion>2.0</protocolVersion><adminEmail>\(Self.escape(adminEmail))</adminEmail>\
                <earliestDatestamp>\(Self.datestamp(earliest))</earliestDatestamp><deletedRecord>persistent</deletedRecord>\
                <granularity>YYYY-MM-DDThh:mm:ssZ</granularity>\
                <description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" \
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
                xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">\
                <scheme>oai</scheme><repositoryIdentifier>\(Self.escape(host))</repositoryIdentifier><delimiter>:</delimiter>\
                <sampleIdentifier>oai:\(Self.escape(host)):bai-viet/1</sampleIdentifier></oai-identifier></description></Identify>
                """
        case .listMetadataFormats(let identifier):
            if let identifier { _ = try await item(identifier) }
            return """
                <ListMetadataFormats><metadataFormat><metadataPrefix>oai_dc</metadataPrefix>\
                <schema>http://www.openarchives.org/OAI/2.0/oai_dc.xsd</schema>\
                <metadataNamespace>http://www.openarchives.org/OAI/2.0/oai_dc/</metadataNamespace></metadataFormat></ListMetadataFormats>
                """
        case .listSets(let token):
            if token != nil { throw OAIRequest.Failure(.badResumptionToken, "Danh sách bộ sưu tập không chia trang; không có resumptionToken nào.") }
            return "<ListSets>" + Self.sets.map { "<set><setSpec>\($0.spec)</setSpec><setName>\(Self.escape($0.name))</setName></set>" }.joined() + "</ListSets>"
        case .getRecord(let identifier, let prefix):
            let found = try await item(identifier)
            try Self.checkFormat(prefix)
            return "<GetRecord>\(try await record(found, headerOnly: false))</GetRecord>"
        case .listIdentifiers(let arguments):
            return try await list(arguments, verb: "ListIdentifiers", headerOnly: true)
        case .listRecords(let arguments):
            return try await list(arguments, verb: "ListRecords", headerOnly: false)
        }
    }

    func list(_ arguments: OAIListArguments, verb: String, headerOnly: Bool) async throws -> String {
        try Self.checkFormat(arguments.metadataPrefix)
        var kind: Int?
        if let set = arguments.set {
            guard let known = Self.sets.first(where: { $0.spec == set }) else { throw OAIRequest.Failure(.noRecordsMatch, "Không có bộ sưu tập \"\(set)\".") }
            kind = known.kind
        }
        let items = try await environment.database.read {
            try await PortalRepository($0).oaiItems(kind: kind, from: arguments.from, until: arguments.until, after: arguments.after, limit: pageSize + 1)
        }
        if items.isEmpty {
            if arguments.after != nil { return "<\(verb)><resumptionToken/></\(verb)>" }
            throw OAIRequest.Failure(.noRecordsMatch, "Không có biểu ghi nào khớp yêu cầu.")
        }
        var body = "<\(verb)>"
        for item in items.prefix(pageSize) { body += try await record(item, headerOnly: headerOnly) }
        if items.count > pageSize, let last = items.prefix(pageSize).last {
            body += "<resumptionToken>\(arguments.token(after: last.position))</resumptionToken>"
        } else if arguments.after != nil {
            // The last page of a list that was resumed ends with an empty token.
            body += "<resumptionToken/>"
        }
        return body + "</\(verb)>"
    }

    /// The item an identifier names, if it was ever published here.
    func item(_ identifier: String) async throws -> PortalRepository.OAIItem {
        let prefix = "oai:\(host):"
        let missing = OAIRequest.Failure(.idDoesNotExist, "Không có biểu ghi \(identifier.prefix(120)).")
        guard identifier.hasPrefix(prefix) else { throw missing }
        let local = identifier.dropFirst(prefix.count).split(separator: "/")
        guard local.count == 2, let set = Self.sets.first(where: { $0.spec == local[0] }), let id = Int64(local[1]) else { throw missing }
        guard let item = try await environment.database.read({ try await PortalRepository($0).oaiItem(kind: set.kind, id: id) }) else { throw missing }
        return item
    }

    func identifier(_ item: PortalRepository.OAIItem) -> String {
        "oai:\(host):\(item.isDocument ? "van-ban" : "bai-viet")/\(item.position.id)"
    }

    func record(_ item: PortalRepository.OAIItem, headerOnly: Bool) async throws -> String {
        let header = """
            <header\(item.deleted ? " status=\"deleted\"" : "")><identifier>\(Self.escape(identifier(item)))</identifier>\
            <datestamp>\(Self.datestamp(item.position.updatedAt))</datestamp><setSpec>\(item.isDocument ? "van-ban" : "bai-viet")</setSpec></header>
            """
        if headerOnly { return header }
        if item.deleted { return "<record>\(header)</record>" }
        let fields = try await dublinCore(item)
        let metadata = fields.map { "<dc:\($0.0)>\(Self.escape($0.1))</dc:\($0.0)>" }.joined()
        return """
            <record>\(header)<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">\(metadata)</oai_dc:dc></metadata></record>
            """
    }

    /// The Dublin Core elements of an item, in the schema's order.
    func dublinCore(_ item: PortalRepository.OAIItem) async throws -> [(String, String)] {
        let site = baseURL.hasSuffix("/oai") ? String(baseURL.dropLast(4)) : baseURL
        if item.isDocument {
            guard let document = try await environment.database.read({ try await PortalRepository($0).document(item.position.id) }) else { return [] }
            var fields: [(String, String)] = [("title", document.title), ("creator", document.issuer), ("subject", "Xã hội học tập")]
            if !document.summary.isEmpty { fields.append(("description", document.summary)) }
            fields.append(("publisher", document.areaName))
            if let day = document.issuedOn { fields.append(("date", day.iso)) }
            fields += [("type", document.kind.label), ("type", "Text"), ("format", document.mediaType.rawValue),
                       ("identifier", site + "/van-ban/\(document.id)-\(document.slug)")]
            if !document.number.isEmpty { fields.append(("identifier", document.number)) }
            fields.append(("language", "vi"))
            return fields
        }
        guard let article = try await environment.database.read({ try await PortalRepository($0).article(item.position.id) }) else { return [] }
        var fields: [(String, String)] = [("title", article.title), ("creator", article.areaName)]
        for subject in ([article.category] + article.tags) where !subject.isEmpty { fields.append(("subject", subject)) }
        let text = ArticleMarkdown.text(ofHTML: article.bodyHTML)
        fields.append(("description", article.summary.isEmpty ? ArticleMarkdown.excerpt(text, limit: 500) : article.summary))
        fields.append(("publisher", article.areaName))
        if let published = article.publishedAt { fields.append(("date", Day(containing: published).iso)) }
        fields += [("type", article.kind.label), ("type", "Text"), ("format", "text/html"),
                   ("identifier", site + "/bai-viet/\(article.id)-\(article.slug)"), ("language", "vi")]
        return fields
    }

    static func checkFormat(_ prefix: String) throws {
        guard prefix == "oai_dc" else { throw OAIRequest.Failure(.cannotDisseminateFormat, "Chỉ có định dạng oai_dc; không có \"\(prefix.prefix(40))\".") }
    }

    func envelope(now: Date, attributes: [(String, String)], body: String) -> String {
        let request = attributes.map { " \($0.0)=\"\(Self.escape($0.1))\"" }.joined()
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\
            <responseDate>\(Self.datestamp(Int64(now.timeIntervalSince1970)))</responseDate><request\(request)>\(Self.escape(baseURL))</request>\(body)</OAI-PMH>

            """
    }

    static func error(_ failure: OAIRequest.Failure) -> String {
        "<error code=\"\(failure.code.rawValue)\">\(escape(failure.message))</error>"
    }

    static func datestamp(_ seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    static func escape(_ text: String) -> String { XMLText.escape(text) }
}
