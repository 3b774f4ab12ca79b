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
struct FormulaParser {
    private let source: String
    private let tokens: [FormulaToken]
    private var index = 0

    static func parse(_ source: String) throws(FormulaError) -> FormulaNode {
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

    private mutating func expect(_ symbol: String) throws(FormulaError) {
        guard current.isSymbol(symbol) else { throw error("expected '\(symbol)'", at: current) }
        _ = advance()
    }

    private mutating func expression() throws(FormulaError) -> FormulaNode { try or() }

    private mutating func or() throws(FormulaError) -> FormulaNode {
        var left = try and()
        while current.isKeyword("or") || current.isSymbol("||") {
            let token = advance()
            left = FormulaNode(.binary(.or, left, try and()), at: token.position)
        }
        return left
    }

    private mutating func and() throws(FormulaError) -> FormulaNode {
        var left = try not()
        while current.isKeyword("and") || current.isSymbol("&&") {
            let token = advance()
            left = FormulaNode(.binary(.and, left, try not()), at: token.position)
        }
        return left
    }

    private mutating func not() throws(FormulaError) -> FormulaNode {
        if current.isKeyword("not") || current.isSymbol("!") {
            let token = advance()
            return FormulaNode(.unary(.not, try not()), at: token.position)
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
        let node = FormulaNode(.binary(op, left, try concatenation()), at: token.position)
        if case .symbol(let next) = current.kind, Self.comparisons[next] != nil {
            throw error("comparisons do not chain; join them with 'and'", at: current)
        }
        return node
    }

    private mutating func concatenation() throws(FormulaError) -> FormulaNode {
        var left = try sum()
        while current.isSymbol("&") {
            let token = advance()
            left = FormulaNode(.binary(.concatenate, left, try sum()), at: token.position)
        }
        return left
    }

    private mutating func sum() throws(FormulaError) -> FormulaNode {
        var left = try product()
        while current.isSymbol("+") || current.isSymbol("-") {
            let token = advance()
            let op: FormulaOperator = token.isSymbol("+") ? .add : .subtract
            left = FormulaNode(.binary(op, left, try product()), at: token.position)
        }
        return left
    }

    private mutating func product() throws(FormulaError) -> FormulaNode {
        var left = try sign()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let token = advance()
            let op: FormulaOperator = token.isSymbol("*") ? .multiply : token.isSymbol("/") ? .divide : .remainder
            left = FormulaNode(.binary(op, left, try sign()), at: token.position)
        }
        return left
    }

    private mutating func sign() throws(FormulaError) -> FormulaNode {
        if current.isSymbol("-") || current.isSymbol("+") {
            let token = advance()
            return FormulaNode(.unary(token.isSymbol("-") ? .negate : .plus, try sign()), at: token.position)
        }
        return try power()
    }

    private mutating func power() throws(FormulaError) -> FormulaNode {
        let base = try primary()
        guard current.isSymbol("^") else { return base }
        let token = advance()
        // The exponent may carry its own sign (2^-1) and is itself a power: right-associative.
        return FormulaNode(.binary(.power, base, try sign()), at: token.position)
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
        try expect("(")
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
        return FormulaNode(.call(function, arguments), at: token.position)
    }

    private static func describe(_ arity: ClosedRange<Int>) -> String {
        let noun = { (count: Int) in count == 1 ? "argument" : "arguments" }
        if arity.upperBound == Int.max { return "at least \(arity.lowerBound) \(noun(arity.lowerBound))" }
        if arity.count == 1 { return "\(arity.lowerBound) \(noun(arity.lowerBound))" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}
