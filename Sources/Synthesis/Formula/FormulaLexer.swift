/// Splits a formula into tokens. Positions count characters (what an editor shows), 1-based.
struct FormulaLexer {
    private let source: String
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        self.source = source
        characters = Array(source)
    }

    static func tokens(_ source: String) throws(FormulaError) -> [FormulaToken] {
        var lexer = FormulaLexer(source)
        var tokens: [FormulaToken] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// Two-character operators are matched before their one-character prefixes.
    private static let twoCharacterSymbols: Set<String> = ["==", "!=", "<>", "<=", ">=", "&&", "||"]
    private static let oneCharacterSymbols: Set<Character> = ["+", "-", "*", "/", "%", "^", "=", "<", ">", "!", "&", "(", ")", ","]

    private func error(_ message: String, at index: Int) -> FormulaError {
        FormulaError(formula: source, message: message, position: index + 1)
    }

    private mutating func next() throws(FormulaError) -> FormulaToken {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        let start = index
        guard index < characters.count else { return FormulaToken(kind: .end, position: start + 1) }
        let character = characters[index]

        if character.isASCII && character.isNumber || character == "." && peek(1)?.isASCIIDigit == true {
            return FormulaToken(kind: .number(try number()), position: start + 1)
        }
        if character == "\"" || character == "'" {
            return FormulaToken(kind: .text(try quoted(by: character, what: "text")), position: start + 1)
        }
        if character == "`" {
            let name = try quoted(by: "`", what: "column name")
            guard !name.isEmpty else { throw error("empty column name", at: start) }
            return FormulaToken(kind: .quotedIdentifier(name), position: start + 1)
        }
        if character.isLetter || character == "_" {
            while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                index += 1
            }
            return FormulaToken(kind: .identifier(String(characters[start..<index])), position: start + 1)
        }
        if let second = peek(1), Self.twoCharacterSymbols.contains(String([character, second])) {
            index += 2
            return FormulaToken(kind: .symbol(String([character, second])), position: start + 1)
        }
        if Self.oneCharacterSymbols.contains(character) {
            index += 1
            return FormulaToken(kind: .symbol(String(character)), position: start + 1)
        }
        throw error("unexpected character '\(character)'", at: start)
    }

    private func peek(_ offset: Int) -> Character? {
        index + offset < characters.count ? characters[index + offset] : nil
    }

    /// digits [. digits] [e [+-] digits], or . digits ...
    private mutating func number() throws(FormulaError) -> Double {
        let start = index
        func digits() { while index < characters.count, characters[index].isASCIIDigit { index += 1 } }
        digits()
        if index < characters.count, characters[index] == "." {
            index += 1
            digits()
        }
        if index < characters.count, characters[index] == "e" || characters[index] == "E" {
            var probe = index + 1
            if probe < characters.count, characters[probe] == "+" || characters[probe] == "-" { probe += 1 }
            // Only an exponent when digits follow: otherwise `2e` is 2 followed by a name.
            if probe < characters.count, characters[probe].isASCIIDigit {
                index = probe
                digits()
            }
        }
        let text = String(characters[start..<index])
        guard let value = Double(text), value.isFinite else { throw error("number \(text) is out of range", at: start) }
        return value
    }

    /// Text between `quote`s; a backslash escapes the quote, a backslash, or writes \n and \t.
    /// In backquoted names, a doubled backquote stands for one (as SQL doubles its quotes).
    private mutating func quoted(by quote: Character, what: String) throws(FormulaError) -> String {
        let start = index
        index += 1
        var text = ""
        while index < characters.count {
            let character = characters[index]
            if character == quote {
                if quote == "`", peek(1) == "`" {
                    text.append("`")
                    index += 2
                    continue
                }
                index += 1
                return text
            }
            if character == "\\" && quote != "`" {
                guard let escaped = peek(1) else { break }
                switch escaped {
                case "\\", "\"", "'": text.append(escaped)
                case "n": text.append("\n")
                case "t": text.append("\t")
                default: throw error("unknown escape '\\\(escaped)' (use \\\\, \\\", \\', \\n or \\t)", at: index)
                }
                index += 2
                continue
            }
            text.append(character)
            index += 1
        }
        throw error("unterminated \(what): missing closing \(quote)", at: start)
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
