/// Text for XML content and attribute values (feeds, the sitemap, OAI-PMH responses).
public enum XMLText {
    /// `&`, `<`, `>` and `"` escaped; control characters XML 1.0 does not allow dropped.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
