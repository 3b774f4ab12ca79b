/// Word lists compiled into the binary, for fake values (Synthesis) and for recognising person
/// names (type inference). Written for this project from common knowledge and shipped under the
/// project's licence; no third-party list is copied.
///
/// Each list is one multi-line raw string, split once at first use: big array literals make the
/// type checker crawl, a string literal compiles instantly.
public enum Words {
    /// The non-empty, trimmed lines of `text`, first occurrence kept when a line repeats.
    static func list(_ text: String) -> [String] {
        var seen = Set<String>()
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let trimmed = line.trimmedForWordList
            if !trimmed.isEmpty && seen.insert(trimmed).inserted { lines.append(trimmed) }
        }
        return lines
    }

    /// The words of `text`: runs of bytes between the ASCII `separators`, counted on its UTF-8
    /// bytes, without a `String` or a grapheme break per word (a 10 MB value costs one pass).
    /// Agrees with splitting the characters at the separators except where a combining mark
    /// follows a separator (the character is then not the separator).
    public static func count(in text: String, separatedBy separators: [UInt8]) -> Int {
        var words = 0
        var inWord = false
        for byte in text.utf8 {
            if separators.contains(byte) {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        return words
    }

    /// Lines of the form `left|right`, split at the bar.
    static func pairs(_ text: String) -> [(String, String)] {
        list(text).map { line in
            let parts = line.split(separator: "|", maxSplits: 1).map { String($0).trimmedForWordList }
            precondition(parts.count == 2, "word list line without a bar: \(line)")
            return (parts[0], parts[1])
        }
    }
}

private extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (Tabular avoids Foundation).
    var trimmedForWordList: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
