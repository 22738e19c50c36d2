/// The files the portal publishes: images for articles, and documents as offices exchange
/// them (PDF scans, Word and Excel forms, their OpenDocument equivalents). Recognised by their
/// content, never by their name, like evidence.
public enum PortalMediaType: String, CaseIterable, Codable, Sendable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case pdf = "application/pdf"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case odt = "application/vnd.oasis.opendocument.text"
    case ods = "application/vnd.oasis.opendocument.spreadsheet"

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        case .docx: "docx"
        case .xlsx: "xlsx"
        case .odt: "odt"
        case .ods: "ods"
        }
    }

    public var isImage: Bool { self == .jpeg || self == .png }

    /// What a reader is told the file is.
    public var label: String {
        switch self {
        case .jpeg, .png: "Ảnh \(fileExtension.uppercased())"
        case .pdf: "PDF"
        case .docx: "Word"
        case .xlsx: "Excel"
        case .odt: "OpenDocument văn bản"
        case .ods: "OpenDocument bảng tính"
        }
    }

    /// Images and PDF as evidence recognises them; office files as ZIP archives (local file
    /// header first, end-of-central-directory record at the end) naming the part that only
    /// their format has.
    public static func sniff(_ bytes: [UInt8]) -> PortalMediaType? {
        if let evidence = EvidenceMediaType.sniff(bytes) {
            switch evidence {
            case .jpeg: return .jpeg
            case .png: return .png
            case .pdf: return .pdf
            }
        }
        guard bytes.count >= 30, Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04],
              contains([0x50, 0x4B, 0x05, 0x06], in: bytes.suffix(65_557)) else { return nil }
        let head = bytes.prefix(4_096)
        if contains(Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8), in: head) { return .odt }
        if contains(Array("mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8), in: head) { return .ods }
        if contains(Array("word/".utf8), in: bytes[...]) { return .docx }
        if contains(Array("xl/".utf8), in: bytes[...]) { return .xlsx }
        return nil
    }

    private static func contains(_ marker: [UInt8], in bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= marker.count, let first = marker.first else { return false }
        var index = bytes.startIndex
        let last = bytes.endIndex - marker.count
        while index <= last {
            if bytes[index] == first, bytes[index..<index + marker.count].elementsEqual(marker) { return true }
            index += 1
        }
        return false
    }
}
