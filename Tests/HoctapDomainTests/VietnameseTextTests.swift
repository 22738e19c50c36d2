import Foundation
import HoctapDomain
import HoctapTestSupport
import Testing

@Suite("Vietnamese text")
struct VietnameseTextTests {
    @Test("folding drops tones, vowel marks and case, and maps đ to d", arguments: [
        ("Nguyễn Đường", "nguyen duong"),
        ("nguyen duong", "nguyen duong"),
        ("ĐẶC KHU Phú Quốc", "dac khu phu quoc"),
        ("Hòa Bình", "hoa binh"),
        ("Hoà Bình", "hoa binh"),
        ("  Thôn   Đông\tBắc ", "thon dong bac"),
        ("Thủy", "thuy"),
        ("Thuỷ", "thuy"),
    ])
    func fold(input: String, expected: String) {
        #expect(VietnameseText.fold(input) == expected)
    }

    @Test("property: the table-driven fast paths give what the full Unicode path gives", arguments: [UInt64(11), 12, 13])
    func fastPathsAgree(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let alphabet: [Character] = vietnameseAlphabet + ["\t", " ", "ß", "Ø", "ÿ", "ǅ", "\u{00A0}", "\u{00AD}", "Ȁ", "ẞ"]
        for _ in 0..<400 {
            let composed = random.string(from: alphabet, length: Int.random(in: 0...24, using: &random))
            // The decomposed spelling has combining marks, so it takes the full path through Foundation.
            let decomposed = composed.decomposedStringWithCanonicalMapping
            #expect(VietnameseText.fold(composed) == VietnameseText.fold(decomposed), "\(composed.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(Array(VietnameseText.normalized(composed).utf8) == Array(VietnameseText.normalized(decomposed).utf8))
            #expect(VietnameseText.isNFC(VietnameseText.normalized(decomposed)))
        }
    }

    @Test("composed and decomposed spellings fold alike")
    func decomposed() {
        let nfd = "Nguye\u{0302}\u{0303}n Du\u{031B}o\u{031B}\u{0300}ng"
        #expect(VietnameseText.fold(nfd) == VietnameseText.fold("Nguyễn Dường"))
        #expect(VietnameseText.normalized(nfd) == "Nguyễn Dường")
        #expect(VietnameseText.isNFC(VietnameseText.normalized(nfd)))
        #expect(!VietnameseText.isNFC(nfd))
    }

    @Test("property: folding is idempotent, form-independent and leaves plain lower-case text")
    func foldProperties() {
        var random = SeededRandom(seed: 20_261_122)
        for _ in 0..<2_000 {
            let text = random.string(from: vietnameseAlphabet, length: Int.random(in: 0...24, using: &random))
            let folded = VietnameseText.fold(text)
            #expect(VietnameseText.fold(folded) == folded, "idempotent: \(text)")
            #expect(VietnameseText.fold(text.decomposedStringWithCanonicalMapping) == folded, "NFD: \(text)")
            #expect(VietnameseText.fold(text.uppercased()) == folded, "case: \(text)")
            #expect(folded.unicodeScalars.allSatisfy { $0.isASCII }, "ASCII only: \(text) → \(folded)")
            #expect(!folded.hasPrefix(" ") && !folded.hasSuffix(" ") && !folded.contains("  "))
        }
    }

    @Test("control characters never survive normalising or folding")
    func controls() {
        #expect(VietnameseText.normalized("Thôn\u{0}Đông\u{1B}[31m\u{FEFF}") == "ThônĐông[31m")
        #expect(VietnameseText.fold("a\u{0}b") == "ab")
        #expect(VietnameseText.containsControlCharacters("x\u{7}"))
        #expect(!VietnameseText.containsControlCharacters("Thôn Đông\n"))
    }

    @Test("property: normalising is idempotent and yields NFC")
    func normalizeProperties() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<1_000 {
            let text = random.string(from: vietnameseAlphabet + ["\u{0301}", "\u{0323}", "\t", "\n"], length: Int.random(in: 0...20, using: &random))
            let normalized = VietnameseText.normalized(text)
            #expect(VietnameseText.normalized(normalized) == normalized)
            #expect(VietnameseText.isNFC(normalized))
        }
    }
}

@Suite("Vietnamese number and date formats")
struct VietnameseFormatTests {
    @Test("integers group thousands with dots", arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1.000"), (28_146_939, "28.146.939"), (-3_321, "-3.321"),
    ])
    func integers(value: Int, expected: String) {
        #expect(VietnameseFormat.integer(value) == expected)
    }

    @Test("property: removing the dots gives the number back")
    func integerRoundTrip() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<1_000 {
            let value = Int.random(in: -1_000_000_000...1_000_000_000, using: &random)
            let text = VietnameseFormat.integer(value)
            #expect(Int(text.replacingOccurrences(of: ".", with: "")) == value)
            let groups = text.drop { $0 == "-" }.split(separator: ".")
            #expect(groups.dropFirst().allSatisfy { $0.count == 3 } && (1...3).contains(groups.first?.count ?? 0))
        }
    }

    @Test("decimals and shares use a decimal comma")
    func decimals() {
        #expect(VietnameseFormat.decimal(1234.56, fractionDigits: 1) == "1.234,6")
        #expect(VietnameseFormat.decimal(0.05, fractionDigits: 2) == "0,05")
        #expect(VietnameseFormat.percent(0.705) == "70,5 %")
        #expect(VietnameseFormat.percent(1) == "100,0 %")
        #expect(VietnameseFormat.decimal(.nan) == "—")
    }

    @Test("dates are day/month/year; times are in Vietnam's zone")
    func dates() {
        #expect(VietnameseFormat.date(Day(2025, 7, 1)!) == "01/07/2025")
        // 2026-11-22T02:05:00Z is 09:05 in Hà Nội.
        #expect(VietnameseFormat.dateTime(Date(timeIntervalSince1970: 1_795_313_100)) == "09:05 22/11/2026")
    }
}
