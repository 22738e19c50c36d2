/// Search insensitive to Vietnamese diacritics and case, identical on both engines: text and
/// queries are folded ("Nguyễn Đường" → "nguyen duong") and cut into the same words here, so
/// the engines' full-text indexes only ever see plain words separated by spaces.
public enum SearchText {
    /// Words of folded `text`: runs of letters and digits.
    public static func words(_ text: String) -> [String] {
        VietnameseText.fold(text).split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// The indexed form of a record's fields: their words, space-separated.
    public static func indexed(_ fields: [String]) -> String {
        fields.flatMap(words).joined(separator: " ")
    }

    /// The terms of a query, each matched as the start of a word; at most eight, of at most
    /// forty characters, so that no query makes the index work unboundedly.
    public static func terms(_ query: String) -> [String] {
        var seen: Set<String> = []
        return words(query).map { String($0.prefix(40)) }.filter { seen.insert($0).inserted }.prefix(8).map { $0 }
    }

    /// How well `fields` (most important first, e.g. title, creators, the rest) match every
    /// term: a term found as the start of a word counts 3 in the first field, 2 in the second,
    /// 1 after, and one more when a word is exactly the term. Each term counts once per field,
    /// so a long body that repeats a word does not outrank a title that has every word.
    /// Ties are left to the caller's stable order.
    public static func score(_ fields: [[String]], terms: [String]) -> Int {
        var total = 0
        for (rank, values) in fields.enumerated() {
            let weight = max(1, 3 - rank)
            let words = Set(values.flatMap(Self.words))
            for term in terms where words.contains(where: { $0.hasPrefix(term) }) {
                total += weight + (words.contains(term) ? 1 : 0)
            }
        }
        return total
    }

    /// A piece of a snippet: text, and whether it matched a term.
    public struct Segment: Hashable, Sendable {
        public var text: String
        public var marked: Bool

        public init(text: String, marked: Bool) {
            self.text = text
            self.marked = marked
        }
    }

    /// About `width` characters of `text` around its first word that starts with a term, the
    /// matching words marked; the start of the text when nothing matches. "…" shows a cut.
    public static func snippet(_ text: String, terms: [String], width: Int = 180) -> [Segment] {
        let characters = Array(text)
        // Each character folded on its own: a letter stays one letter, so positions line up.
        let folded: [Character?] = characters.map { character in
            guard character.isLetter || character.isNumber else { return nil }
            return VietnameseText.fold(String(character)).first
        }
        var words: [(range: Range<Int>, marked: Bool)] = []
        var start: Int?
        for index in 0...characters.count {
            let inWord = index < characters.count && folded[index] != nil
            if inWord, start == nil { start = index }
            if !inWord, let begin = start {
                let word = String(folded[begin..<index].compactMap { $0 })
                words.append((begin..<index, terms.contains { word.hasPrefix($0) }))
                start = nil
            }
        }
        let first = words.first { $0.marked }?.range.lowerBound ?? 0
        var from = max(0, first - width / 3)
        if from > 0, let boundary = words.first(where: { $0.range.lowerBound >= from })?.range.lowerBound { from = boundary }
        var to = min(characters.count, from + width)
        if to < characters.count, let boundary = words.last(where: { $0.range.upperBound <= to })?.range.upperBound, boundary > from { to = boundary }
        var segments: [Segment] = []
        func append(_ text: String, _ marked: Bool) {
            guard !text.isEmpty else { return }
            if let last = segments.last, last.marked == marked { segments[segments.count - 1].text += text } else { segments.append(Segment(text: text, marked: marked)) }
        }
        if from > 0 { append("…", false) }
        var cursor = from
        for word in words where word.marked && word.range.lowerBound >= from && word.range.upperBound <= to {
            append(String(characters[cursor..<word.range.lowerBound]), false)
            append(String(characters[word.range]), true)
            cursor = word.range.upperBound
        }
        append(String(characters[cursor..<to]), false)
        if to < characters.count { append("…", false) }
        return segments
    }
}
