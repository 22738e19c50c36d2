import Foundation
import HoctapDomain
import HoctapServices
import Hummingbird
import MultipartKit
import NIOCore

/// The fields of a submitted `application/x-www-form-urlencoded` form.
struct FormData: Sendable {
    private var values: [String: [String]] = [:]

    init(values: [String: [String]]) { self.values = values }

    /// Parses a URL-encoded body; `+` is a space and `%XX` a byte, as browsers send them.
    init(urlEncoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
    }

    /// Reads the request body as a form, refusing other content types and oversized bodies.
    static func read(_ request: inout Request, limit: Int) async throws -> FormData {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else {
            throw WebError.unsupportedMediaType("Biểu mẫu phải gửi dạng application/x-www-form-urlencoded.")
        }
        let buffer = try await request.collectBody(upTo: limit)
        return FormData(urlEncoded: String(buffer: buffer))
    }

    /// The first value of `name`, or an empty string.
    subscript(_ name: String) -> String { values[name]?.first ?? "" }

    /// Every value of `name` (repeated checkboxes).
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The first value of every field.
    var firstValues: [String: String] { values.compactMapValues(\.first) }

    /// Every field with every value it was given (OAI-PMH refuses repeated arguments).
    var allValues: [String: [String]] { values }

    /// The first value of `name` when the form has it.
    func optional(_ name: String) -> String? { values[name]?.first }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

/// An uploaded file from a `multipart/form-data` form.
struct UploadedFile: Sendable {
    var fileName: String
    var bytes: [UInt8]

    /// Extracts the part named `field`, refusing uploads over `limit` bytes.
    static func read(_ request: inout Request, field: String, limit: Int) async throws -> UploadedFile {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = Self.boundary(type) else {
            throw WebError.unsupportedMediaType("Tệp phải được gửi bằng biểu mẫu multipart/form-data.")
        }
        let buffer = try await request.collectBody(upTo: limit)
        let part: Part?
        do {
            part = try Self.parts(of: buffer, boundary: boundary).first { Self.parameter("name", in: $0.disposition) == field }
        } catch {
            throw WebError.badRequest("Không đọc được tệp tải lên (dữ liệu multipart hỏng).")
        }
        guard let part, !part.body.isEmpty else {
            throw ServiceError.invalid([FieldIssue(field, "Hãy chọn một tệp CSV để tải lên.")])
        }
        return UploadedFile(fileName: Self.safeFileName(Self.parameter("filename", in: part.disposition) ?? "tep.csv"),
                            bytes: part.body)
    }

    struct Part {
        var disposition = ""
        var body: [UInt8] = []
    }

    /// Splits a multipart body into its parts with MultipartKit's streaming parser.
    static func parts(of buffer: ByteBuffer, boundary: String) throws -> [Part] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var current = Part()
        parser.onHeader = { name, value in
            if name.lowercased() == "content-disposition" { current.disposition = value }
        }
        parser.onBody = { chunk in current.body += chunk.readBytes(length: chunk.readableBytes) ?? [] }
        parser.onPartComplete = {
            parts.append(current)
            current = Part()
        }
        try parser.execute(buffer)
        return parts
    }

    static func boundary(_ contentType: String) -> String? {
        parameter("boundary", in: contentType)
    }

    /// A header parameter (`name="value"` or `name=value`).
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == name.lowercased() else { continue }
            var value = String(pair[1])
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    /// Keeps only the last path component of a client-supplied name; it is shown in messages,
    /// never used as a path.
    static func safeFileName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "tep.csv"
        let cleaned = VietnameseText.normalized(last).filter { $0 != "\"" }
        return cleaned.isEmpty ? "tep.csv" : String(cleaned.prefix(120))
    }
}

/// Query string values, decoded the way browsers encode GET forms ("+" is a space).
extension Request {
    func query(_ name: String) -> String? {
        FormData(urlEncoded: uri.query ?? "").optional(name)
    }

    /// A search box's words (`q`), at most `maximum` characters as the documents say, counted
    /// in Unicode scalars after NFC so that a letter carrying thousands of combining marks is
    /// as long as it really is; longer is refused, never silently cut.
    func searchText(_ name: String = "q", maximum: Int = 100) throws -> String {
        let text = VietnameseText.normalized(query(name) ?? "")
        guard text.unicodeScalars.count <= maximum else {
            throw ServiceError.invalid([FieldIssue(name, "Từ khóa dài quá \(maximum) ký tự.")])
        }
        return text
    }
}

/// A `multipart/form-data` form with text fields and at most one file per field.
struct MultipartForm: Sendable {
    var fields: [String: [String]] = [:]
    var files: [String: UploadedFile] = [:]
    /// Every file of a field that takes several (`<input type="file" multiple>`), in order.
    var allFiles: [String: [UploadedFile]] = [:]

    subscript(_ name: String) -> String { fields[name]?.first ?? "" }

    static func read(_ request: inout Request, limit: Int) async throws -> MultipartForm {
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("multipart/form-data"), let boundary = UploadedFile.boundary(type) else {
            throw WebError.unsupportedMediaType("Biểu mẫu có tệp phải gửi dạng multipart/form-data.")
        }
        let buffer = try await request.collectBody(upTo: limit)
        let parts: [UploadedFile.Part]
        do { parts = try UploadedFile.parts(of: buffer, boundary: boundary) } catch {
            throw WebError.badRequest("Không đọc được biểu mẫu (dữ liệu multipart hỏng).")
        }
        var form = MultipartForm()
        for part in parts {
            guard let name = UploadedFile.parameter("name", in: part.disposition) else { continue }
            if let fileName = UploadedFile.parameter("filename", in: part.disposition) {
                if !part.body.isEmpty {
                    let file = UploadedFile(fileName: UploadedFile.safeFileName(fileName), bytes: part.body)
                    form.files[name] = file
                    form.allFiles[name, default: []].append(file)
                }
            } else {
                form.fields[name, default: []].append(String(decoding: part.body, as: UTF8.self))
            }
        }
        return form
    }
}
