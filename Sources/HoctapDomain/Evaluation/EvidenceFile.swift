/// The kinds of file accepted as evidence, recognised by their content, never by their name.
public enum EvidenceMediaType: String, CaseIterable, Codable, Sendable {
    case jpeg = "image/jpeg"
    case png = "image/png"
    case pdf = "application/pdf"

    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .pdf: "pdf"
        }
    }

    public var isImage: Bool { self != .pdf }

    /// The type the bytes really are, or nil: JPEG starts FF D8 FF and ends FF D9, PNG has its
    /// eight-byte signature and an IHDR chunk, PDF starts "%PDF-" and has "%%EOF" near its end.
    /// A renamed executable, an HTML page or a polyglot that only starts like an image is refused.
    public static func sniff(_ bytes: [UInt8]) -> EvidenceMediaType? {
        if bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF, contains([0xFF, 0xD9], in: bytes.suffix(64)) {
            return .jpeg
        }
        let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        if bytes.count >= 33, Array(bytes.prefix(8)) == pngSignature, Array(bytes[12..<16]) == Array("IHDR".utf8),
           Array(bytes.suffix(12).dropFirst(4).prefix(4)) == Array("IEND".utf8) {
            return .png
        }
        if bytes.count >= 8, Array(bytes.prefix(5)) == Array("%PDF-".utf8), contains(Array("%%EOF".utf8), in: bytes.suffix(1024)) {
            return .pdf
        }
        return nil
    }

    private static func contains(_ marker: [UInt8], in tail: ArraySlice<UInt8>) -> Bool {
        guard tail.count >= marker.count else { return false }
        let tail = Array(tail)
        for start in 0...(tail.count - marker.count) where Array(tail[start..<start + marker.count]) == marker { return true }
        return false
    }
}

/// The code evidence is filed under, like the school accreditation codes: model, year,
/// criterion, item and a sequence number ("GD-2026-1-1.2-003").
public enum EvidenceCode {
    public static func make(model: LearningModel, year: Int, criterionID: String, itemID: String, sequence: Int) -> String {
        let number = String(sequence)
        return "\(model.evidencePrefix)-\(year)-\(criterionID)-\(itemID)-\(String(repeating: "0", count: max(0, 3 - number.count)) + number)"
    }
}

extension LearningModel {
    /// Two letters for evidence codes.
    public var evidencePrefix: String {
        switch self {
        case .family: "GD"
        case .clan: "DH"
        case .communityVillage: "CT"
        case .communityCommune: "CX"
        case .unit: "DV"
        case .citizen: "CD"
        }
    }
}
