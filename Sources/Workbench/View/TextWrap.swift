import TerminalUI

/// Text wrapped to a width, for every screen that must show a text whole (messages, help,
/// forms, cells): nothing the workbench says is cut.
extension Workbench {
    /// `text` at word breaks, in lines of at most `width` columns.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        // A word longer than a line (a path, a long value) is broken, not cut.
        return lines.flatMap { DisplayWidth.of($0) > width ? wrapCharacters($0, width: max(1, width)) : [$0] }
    }

    /// `text` wrapped at word breaks to `width`, later lines indented by `indent` (a word longer
    /// than a line is broken anywhere: nothing is cut).
    static func wrapHanging(_ text: String, indent: Int, width: Int) -> [String] {
        let hang = String(repeating: " ", count: min(indent, width / 2))
        var result: [String] = []
        var rest = Substring(text)
        var prefix = ""
        while DisplayWidth.of(prefix + rest) > width {
            let room = max(1, width - DisplayWidth.of(prefix))
            let characters = Array(rest)
            var used = 0, index = 0, cut = 0
            while index < characters.count {
                let w = DisplayWidth.of(characters[index])
                if used + w > room { break }
                if characters[index] == " ", index > 0, characters[index - 1] != " " { cut = index }
                used += w
                index += 1
            }
            if cut == 0 { cut = max(1, index) }
            result.append(prefix + String(characters[..<cut]))
            rest = Substring(String(characters[cut...])).drop { $0 == " " }
            prefix = hang
        }
        if !rest.isEmpty || result.isEmpty { result.append(prefix + rest) }
        return result
    }

    /// `text` in lines of at most `width` columns, broken anywhere (a value has no words to keep).
    static func wrapCharacters(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > width, !line.isEmpty {
                lines.append(line)
                line = ""
                used = 0
            }
            line.append(character)
            used += w
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
