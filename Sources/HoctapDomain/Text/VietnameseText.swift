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
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isControl($0) || $0.properties.isWhitespace }))
        let composed = visible.precomposedStringWithCanonicalMapping
        return composed.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether `text` holds characters that never belong in a name or a code (NUL, escape…).
    public static func containsControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { isControl($0) && !$0.properties.isWhitespace }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        // Format characters (BOM, bidi marks…) go too, but not the joiners some scripts need.
        scalar.properties.generalCategory == .control
            || (scalar.properties.generalCategory == .format && scalar != "\u{200D}" && scalar != "\u{200C}")
    }

    /// The search key: no diacritics, lower case, "đ" → "d", whitespace collapsed.
    ///
    /// `fold("Nguyễn Đường") == "nguyen duong"`, and the same for "Nguye\u{0302}\u{0303}n".
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if isCombiningMark(scalar) || (isControl(scalar) && !scalar.properties.isWhitespace) { continue }
            if scalar.properties.isWhitespace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
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
        text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
