import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A response that is not well-formed XML, or not OAI-PMH at all, with where it went wrong.
public struct OAIParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var reason: String

    public var description: String {
        line > 0 ? "Trả lời của thư viện không phải XML hợp lệ (dòng \(line), cột \(column)): \(reason)" : "Trả lời của thư viện không đúng chuẩn OAI-PMH: \(reason)"
    }
}

/// Reads an OAI-PMH 2.0 response (any verb) into an `OAIResponse`, by element names in the
/// OAI-PMH and Dublin Core namespaces, so prefixes and pretty-printing do not matter.
public enum OAIParser {
    static let oaiNamespace = "http://www.openarchives.org/OAI/2.0/"
    static let dcNamespace = "http://purl.org/dc/elements/1.1/"

    public static func parse(_ data: Data) throws(OAIParseError) -> OAIResponse {
        try refuseDeclarations(data)
        let delegate = Delegate()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() || delegate.mismatch != nil {
            if let mismatch = delegate.mismatch { throw mismatch }
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "không đọc được"
            throw OAIParseError(line: parser.lineNumber, column: parser.columnNumber, reason: reason)
        }
        // Foundation's parser on Linux lets some broken documents through; the element stack does not.
        if let open = delegate.open.last {
            throw OAIParseError(line: parser.lineNumber, column: parser.columnNumber, reason: "thẻ <\(open)> không được đóng")
        }
        guard delegate.sawRoot else {
            throw OAIParseError(line: 0, column: 0, reason: "thiếu phần tử gốc OAI-PMH")
        }
        return delegate.response
    }

    /// OAI-PMH answers are UTF-8 and never carry a document type: a DTD is only a way in for
    /// entity expansion ("billion laughs") and external entities, so any is refused before the
    /// XML parser sees it, as is another encoding (which would hide one from this check).
    static func refuseDeclarations(_ data: Data) throws(OAIParseError) {
        let head = Array(data.prefix(4))
        if head.starts(with: [0xFE, 0xFF]) || head.starts(with: [0xFF, 0xFE]) || head.contains(0) {
            throw OAIParseError(line: 1, column: 1, reason: "OAI-PMH phải mã hóa UTF-8")
        }
        // Foundation's XML parser traps on an element whose name or namespace is not UTF-8 (found
        // by fuzzing, issue 18): a library's broken answer would stop the harvest process.
        if String(validating: data, as: UTF8.self) == nil {
            var line = 1, column = 1
            var iterator = data.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                case .emptyInput, .error:
                    break decoding
                }
            }
            throw OAIParseError(line: line, column: column, reason: "byte không phải UTF-8")
        }
        // Foundation's parser also reads a processing instruction without data (`<?x?>`) through a
        // null pointer (fuzzing again): every one must carry some.
        let bytes = [UInt8](data)
        var index = 0
        while index + 1 < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "?") else { continue }
            var cursor = index + 2
            while cursor < bytes.count, ![UInt8(ascii: " "), 0x09, 0x0A, 0x0D, UInt8(ascii: "?")].contains(bytes[cursor]) { cursor += 1 }
            while cursor < bytes.count, [UInt8(ascii: " "), 0x09, 0x0A, 0x0D].contains(bytes[cursor]) { cursor += 1 }
            if cursor >= bytes.count || bytes[cursor] == UInt8(ascii: "?") {
                throw OAIParseError(line: 0, column: 0, reason: "chỉ thị xử lý <?…?> không có nội dung")
            }
        }
        for marker in ["<!DOCTYPE", "<!ENTITY"] where data.range(of: Data(marker.utf8)) != nil {
            throw OAIParseError(line: 0, column: 0, reason: "câu trả lời có khai báo \(marker) (DTD), điều OAI-PMH không dùng; không đọc để tránh bom thực thể")
        }
    }

    private final class Delegate: NSObject, XMLParserDelegate {
        static let identifyFields: Set = ["repositoryName", "baseURL", "protocolVersion", "earliestDatestamp", "deletedRecord", "granularity"]
        var response = OAIResponse()
        var sawRoot = false
        /// Every element still open, and the first end tag that did not match, if any.
        var open: [String] = []
        var mismatch: OAIParseError?
        /// Local names of the open OAI-PMH elements, outermost first.
        private var path: [String] = []
        private var text = ""
        private var record: OAIRecord?
        private var errorCode: String?
        private var identify: [String: String] = [:]
        private var setSpec = "", setName = ""
        private var inMetadata = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            text = ""
            open.append(qualifiedName ?? name)
            if namespaceURI == OAIParser.oaiNamespace {
                if path.isEmpty && name == "OAI-PMH" { sawRoot = true }
                path.append(name)
                switch name {
                case "record": record = OAIRecord(identifier: "", datestamp: "")
                case "header" where record != nil: record?.deleted = attributes["status"] == "deleted"
                case "header": record = OAIRecord(identifier: "", datestamp: "", deleted: attributes["status"] == "deleted")
                case "metadata": inMetadata = true
                case "error": errorCode = attributes["code"] ?? "unknown"
                default: break
                }
            } else if !inMetadata {
                path.append("{\(namespaceURI ?? "")}\(name)")
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard open.last == (qualifiedName ?? name) else {
                if mismatch == nil {
                    mismatch = OAIParseError(line: parser.lineNumber, column: parser.columnNumber,
                                             reason: "thẻ đóng </\(qualifiedName ?? name)> không khớp thẻ mở <\(open.last ?? "")>")
                }
                parser.abortParsing()
                return
            }
            open.removeLast()
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            defer { text = "" }
            if namespaceURI == OAIParser.dcNamespace && inMetadata {
                record?.metadata.add(name, value)
                return
            }
            guard namespaceURI == OAIParser.oaiNamespace else {
                if !inMetadata, path.last == "{\(namespaceURI ?? "")}\(name)" { path.removeLast() }
                return
            }
            if path.last == name { path.removeLast() }
            let parent = path.last
            switch name {
            case "responseDate": response.responseDate = value
            case "error":
                response.errors.append(OAIError(code: errorCode ?? "unknown", message: value))
                errorCode = nil
            case "identifier" where parent == "header": record?.identifier = value
            case "datestamp" where parent == "header": record?.datestamp = value
            case "setSpec" where parent == "header": record?.sets.append(value)
            case "setSpec" where parent == "set": setSpec = value
            case "setName" where parent == "set": setName = value
            case "set":
                response.setPairs.append(.init(spec: setSpec, name: VietnameseText.normalized(setName)))
                (setSpec, setName) = ("", "")
            case "metadata": inMetadata = false
            case "header" where parent != "record":
                // ListIdentifiers: a header on its own.
                if let header = record { response.records.append(header) }
                record = nil
            case "record":
                if let finished = record { response.records.append(finished) }
                record = nil
            case "resumptionToken": response.resumptionToken = value.isEmpty ? nil : value
            case _ where parent == "Identify" && Self.identifyFields.contains(name):
                identify[name] = value
            case "Identify":
                response.identify = OAIIdentify(
                    repositoryName: VietnameseText.normalized(identify["repositoryName"] ?? ""), baseURL: identify["baseURL"] ?? "",
                    protocolVersion: identify["protocolVersion"] ?? "", earliestDatestamp: identify["earliestDatestamp"] ?? "",
                    deletedRecord: identify["deletedRecord"] ?? "", granularity: identify["granularity"] ?? "YYYY-MM-DD")
            default: break
            }
        }
    }
}
