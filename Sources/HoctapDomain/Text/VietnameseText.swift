import Foundation

/// Text handling for Vietnamese: canonical storage form and a folded form for search.
///
/// Vietnamese text arrives in both composed (NFC) and decomposed (NFD) Unicode forms, and with
/// two tone-placement styles ("hòa" / "hoà"). We store NFC and search on a folded key that drops
/// tone marks, vowel marks and case, and maps "đ"/"Đ" to "d" (đ is a separate letter, not a
/// combining mark, so plain diacritic folding misses it).
public enum VietnameseText {
    /// The canonical stored form: NFC, trimmed, inner whitespace collapsed to single spaces,
    /// control characters removed (a NUL byte, for one, cannot be stored by PostgreSQL).
    public static func normalized(_ text: String) -> String {
        // Most fields of a file are plain printable ASCII with single spaces: already canonical.
        if isTidyASCII(text) || (isTidy(text) && isSurelyNFC(text)) { return text }
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isControl($0) || isWhitespace($0) }))
        let composed = isSurelyNFC(visible) ? visible : visible.precomposedStringWithCanonicalMapping
        return composed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Printable ASCII, no leading, trailing or doubled spaces: what `normalized` leaves alone.
    static func isTidyASCII(_ text: String) -> Bool {
        var previousSpace = true
        for byte in text.utf8 {
            guard byte >= 0x20 && byte < 0x7F else { return false }
            let space = byte == 0x20
            if space && previousSpace { return false }
            previousSpace = space
        }
        return !previousSpace || text.isEmpty
    }

    /// No control characters, and single plain spaces between words only.
    static func isTidy(_ text: String) -> Bool {
        var previousSpace = true
        for scalar in text.unicodeScalars {
            if scalar == " " {
                if previousSpace { return false }
                previousSpace = true
                continue
            }
            if isWhitespace(scalar) || isControl(scalar) { return false }
            previousSpace = false
        }
        return !previousSpace || text.isEmpty
    }

    /// Whether `text` holds characters that never belong in a name or a code (NUL, escape…).
    public static func containsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { isControl($0) && !$0.properties.isWhitespace }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII and the Latin letters of Vietnamese answer by range, without a property lookup.
        if scalar.value < 0xA0 { return scalar.value < 0x20 || scalar.value >= 0x7F }
        if scalar.value == 0xAD { return true }
        if scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value) { return false }
        // Format characters (BOM, bidi marks…) go too, but not the joiners some scripts need.
        return scalar.properties.generalCategory == .control
            || (scalar.properties.generalCategory == .format && scalar != "\u{200D}" && scalar != "\u{200C}")
    }

    /// The search key: no diacritics, lower case, "đ" → "d", whitespace collapsed.
    ///
    /// `fold("Nguyễn Đường") == "nguyen duong"`, and the same for "Nguye\u{0302}\u{0303}n".
    public static func fold(_ text: String) -> String {
        if isSurelyNFC(text) { return foldComposed(text) }
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar) || (isControl(scalar) && !isWhitespace(scalar)) { continue }
            if isWhitespace(scalar) {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if scalar.isASCII {
                scalars.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32)! : scalar)
                continue
            }
            switch scalar {
            case "đ", "Đ": scalars.append("d")
            default:
                for lowered in scalar.properties.lowercaseMapping.unicodeScalars {
                    scalars.append(lowered)
                }
            }
        }
        if scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// True when `text` is already in NFC, the form every stored string must have.
    public static func isNFC(_ text: String) -> Bool {
        isSurelyNFC(text) || text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// A quick answer for the common case, without Foundation: text made only of scalars below
    /// U+0300 (Latin letters with their precomposed accents) and of Latin Extended Additional
    /// (U+1E00–U+1EFF, where composed Vietnamese letters live) is in NFC, because none of those
    /// scalars is a combining mark or changes under composition. Anything else is checked fully.
    static func isSurelyNFC(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }
    }

    /// `fold` for text of the scalars `isSurelyNFC` accepts, by table: the same result
    /// without decomposing through Foundation (what made bulk imports slow).
    static func foldComposed(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            if isWhitespace(scalar) {
                if !lastWasSpace { bytes.append(0x20) }
                lastWasSpace = true
                continue
            }
            if isControl(scalar) { continue }
            lastWasSpace = false
            let value = scalar.value
            if value < 0x80 {
                bytes.append(UInt8(value >= 0x41 && value <= 0x5A ? value + 32 : value))
            } else {
                let index = value < 0x300 ? Int(value - 0x80) : Int(value - 0x1E00) + 0x280
                bytes.append(contentsOf: foldedLetters[index])
            }
        }
        if bytes.last == 0x20 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every precomposed letter of Latin-1, Latin Extended-A/B (U+0080–U+02FF, from index 0)
    /// and Latin Extended Additional (U+1E00–U+1EFF, from index 0x280), folded once to UTF-8:
    /// "Ễ" → "e", "Đ" → "d".
    private static let foldedLetters: [[UInt8]] = (Array(0x80..<0x300) + Array(0x1E00...0x1EFF)).map { value in
        Array(String(slowFoldedLetter(Unicode.Scalar(value)!)).utf8)
    }

    private static func slowFoldedLetter(_ scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        var folded = String.UnicodeScalarView()
        for part in String(String.UnicodeScalarView([scalar])).decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(part) || isControl(part) { continue }
            switch part {
            case "đ", "Đ": folded.append("d")
            default: folded.append(contentsOf: part.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return folded
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        if scalar.value == 0x85 || scalar.value == 0xA0 { return true }
        if scalar.value < 0x300 || (0x1E00...0x1EFF).contains(scalar.value) { return false }
        return scalar.properties.isWhitespace
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
