/// One lexical unit of a formula, with where it starts.
struct FormulaToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case number(Double)
        case text(String)
        /// A bare name: a column, a function or a keyword (`and`, `true`, `null`...).
        case identifier(String)
        /// A backquoted name: always a column, even when it reads like a keyword.
        case quotedIdentifier(String)
        /// An operator or punctuation: `+`, `<=`, `(`, `,` ...
        case symbol(String)
        case end
    }

    var kind: Kind
    /// 1-based character offset of the token's first character.
    var position: Int

    /// How the token reads in an error message.
    var display: String {
        switch kind {
        case .number(let value): "number \(FormulaValue.number(value).text ?? "")"
        case .text(let value): "text \"\(value)\""
        case .identifier(let name): "'\(name)'"
        case .quotedIdentifier(let name): "`\(name)`"
        case .symbol(let symbol): "'\(symbol)'"
        case .end: "end of formula"
        }
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol(symbol) }

    /// True for a bare identifier equal to `keyword`, ignoring case (`AND`, `True`).
    func isKeyword(_ keyword: String) -> Bool {
        if case .identifier(let name) = kind { return name.lowercased() == keyword }
        return false
    }
}
