/// Recursive-descent parser, one function per precedence level (lowest first):
///
///     or      or ||                    left
///     and     and &&                   left
///     not     not !                    prefix
///     compare = == != <> < <= > >=     none (a < b < c is an error)
///     concat  &                        left
///     sum     + -                      left
///     product * / %                    left
///     sign    - +                      prefix
///     power   ^                        right; binds tighter than a sign on its left (-2^2 = -4)
///     primary literal, column, function call, ( ... )
///
/// Input is bounded: at most `Formula.maximumLength` bytes of text, and trees at most
/// `Formula.maximumDepth` levels deep — counting brackets, calls and prefix operators while
/// parsing (the parser recurses on them) and each operator of a chain such as `a + b + c` in the
/// tree it builds (what comes after the parser recurses once per level of the tree).
struct FormulaParser {
    private let source: String
    private let tokens: [FormulaToken]
    private var index = 0
    /// Brackets, calls and prefix operators open around the current token.
    private var depth = 0

    static func parse(_ source: String) throws(FormulaError) -> FormulaNode {
        let length = source.utf8.count
        if length > Formula.maximumLength {
            throw FormulaError(formula: String(source.prefix(40)) + "…",
                               message: "formula is \(length) bytes long (the most is \(Formula.maximumLength))", position: 1)
        }
        var parser = FormulaParser(source: source, tokens: try FormulaLexer.tokens(source))
        let node = try parser.expression()
        guard parser.current.kind == .end else {
            throw parser.error("unexpected \(parser.current.display) after a complete expression", at: parser.current)
        }
        return node
    }

    private init(source: String, tokens: [FormulaToken]) {
        self.source = source
        self.tokens = tokens
    }

    private var current: FormulaToken { tokens[index] }

    private mutating func advance() -> FormulaToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func error(_ message: String, at token: FormulaToken) -> FormulaError {
        FormulaError(formula: source, message: message, position: token.position)
    }

    private var tooDeep: String { "formula nests deeper than \(Formula.maximumDepth) levels" }

    /// Enters a bracket, call or prefix operator at `token`; `depth -= 1` when it is parsed.
    private mutating func descend(at token: FormulaToken) throws(FormulaError) {
        depth += 1
        if depth > Formula.maximumDepth { throw error(tooDeep, at: token) }
    }

    /// A node, refused when its tree is deeper than the limit (a long operator chain).
    private func node(_ kind: FormulaNode.Kind, at token: FormulaToken) throws(FormulaError) -> FormulaNode {
        let node = FormulaNode(kind, at: token.position)
        if node.height > Formula.maximumDepth {
            throw error(tooDeep + " (each operator of a chain such as a + b + c is a level)", at: token)
        }
        return node
    }

    private mutating func expect(_ symbol: String) throws(FormulaError) {
        guard current.isSymbol(symbol) else { throw error("expected '\(symbol)'", at: current) }
        _ = advance()
    }

    private mutating func expression() throws(FormulaError) -> FormulaNode { try or() }

    private mutating func or() throws(FormulaError) -> FormulaNode {
        var left = try and()
        while current.isKeyword("or") || current.isSymbol("||") {
            let token = advance()
            left = try node(.binary(.or, left, try and()), at: token)
        }
        return left
    }

    private mutating func and() throws(FormulaError) -> FormulaNode {
        var left = try not()
        while current.isKeyword("and") || current.isSymbol("&&") {
            let token = advance()
            left = try node(.binary(.and, left, try not()), at: token)
        }
        return left
    }

    private mutating func not() throws(FormulaError) -> FormulaNode {
        if current.isKeyword("not") || current.isSymbol("!") {
            let token = advance()
            try descend(at: token)
            defer { depth -= 1 }
            return try node(.unary(.not, try not()), at: token)
        }
        return try comparison()
    }

    private static let comparisons: [String: FormulaOperator] = [
        "=": .equal, "==": .equal, "!=": .notEqual, "<>": .notEqual,
        "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    private mutating func comparison() throws(FormulaError) -> FormulaNode {
        let left = try concatenation()
        guard case .symbol(let symbol) = current.kind, let op = Self.comparisons[symbol] else { return left }
        let token = advance()
        let compared = try node(.binary(op, left, try concatenation()), at: token)
        if case .symbol(let next) = current.kind, Self.comparisons[next] != nil {
            throw error("comparisons do not chain; join them with 'and'", at: current)
        }
        return compared
    }

    private mutating func concatenation() throws(FormulaError) -> FormulaNode {
        var left = try sum()
        while current.isSymbol("&") {
            let token = advance()
            left = try node(.binary(.concatenate, left, try sum()), at: token)
        }
        return left
    }

    private mutating func sum() throws(FormulaError) -> FormulaNode {
        var left = try product()
        while current.isSymbol("+") || current.isSymbol("-") {
            let token = advance()
            let op: FormulaOperator = token.isSymbol("+") ? .add : .subtract
            left = try node(.binary(op, left, try product()), at: token)
        }
        return left
    }

    private mutating func product() throws(FormulaError) -> FormulaNode {
        var left = try sign()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let token = advance()
            let op: FormulaOperator = token.isSymbol("*") ? .multiply : token.isSymbol("/") ? .divide : .remainder
            left = try node(.binary(op, left, try sign()), at: token)
        }
        return left
    }

    private mutating func sign() throws(FormulaError) -> FormulaNode {
        if current.isSymbol("-") || current.isSymbol("+") {
            let token = advance()
            try descend(at: token)
            defer { depth -= 1 }
            return try node(.unary(token.isSymbol("-") ? .negate : .plus, try sign()), at: token)
        }
        return try power()
    }

    private mutating func power() throws(FormulaError) -> FormulaNode {
        let base = try primary()
        guard current.isSymbol("^") else { return base }
        let token = advance()
        try descend(at: token)
        defer { depth -= 1 }
        // The exponent may carry its own sign (2^-1) and is itself a power: right-associative.
        return try node(.binary(.power, base, try sign()), at: token)
    }

    private mutating func primary() throws(FormulaError) -> FormulaNode {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return FormulaNode(.number(value), at: token.position)
        case .text(let value):
            _ = advance()
            return FormulaNode(.text(value), at: token.position)
        case .quotedIdentifier(let name):
            _ = advance()
            return FormulaNode(.column(name), at: token.position)
        case .identifier(let name):
            _ = advance()
            if current.isSymbol("(") { return try call(name, at: token) }
            switch name.lowercased() {
            case "true": return FormulaNode(.boolean(true), at: token.position)
            case "false": return FormulaNode(.boolean(false), at: token.position)
            case "null": return FormulaNode(.null, at: token.position)
            case "and", "or", "not":
                throw error("expected an expression, found '\(name)' (write `\(name)` for a column of that name)", at: token)
            default: return FormulaNode(.column(name), at: token.position)
            }
        case .symbol("("):
            _ = advance()
            try descend(at: token)
            defer { depth -= 1 }
            let inner = try expression()
            try expect(")")
            return inner
        default:
            throw error("expected an expression, found \(token.display)", at: token)
        }
    }

    private mutating func call(_ name: String, at token: FormulaToken) throws(FormulaError) -> FormulaNode {
        guard let function = FormulaFunction(name: name) else {
            let known = FormulaFunction.allCases.map(\.name).sorted().joined(separator: ", ")
            throw error("unknown function '\(name)' (functions: \(known))", at: token)
        }
        let open = current
        try expect("(")
        try descend(at: open)
        defer { depth -= 1 }
        var arguments: [FormulaNode] = []
        if !current.isSymbol(")") {
            arguments.append(try expression())
            while current.isSymbol(",") {
                _ = advance()
                arguments.append(try expression())
            }
        }
        guard current.isSymbol(")") else {
            throw error("expected ',' or ')' in the arguments of \(function.name)()", at: current)
        }
        _ = advance()
        guard function.arity.contains(arguments.count) else {
            throw error("\(function.name)() takes \(Self.describe(function.arity)), got \(arguments.count) (usage: \(function.usage))", at: token)
        }
        return try node(.call(function, arguments), at: token)
    }

    private static func describe(_ arity: ClosedRange<Int>) -> String {
        let noun = { (count: Int) in count == 1 ? "argument" : "arguments" }
        if arity.upperBound == Int.max { return "at least \(arity.lowerBound) \(noun(arity.lowerBound))" }
        if arity.count == 1 { return "\(arity.lowerBound) \(noun(arity.lowerBound))" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}
