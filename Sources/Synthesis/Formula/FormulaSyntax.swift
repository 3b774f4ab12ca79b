/// A parsed formula: a tree of nodes, each remembering where it was written, so that type
/// errors can point at it.
public struct FormulaNode: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case number(Double)
        case text(String)
        case boolean(Bool)
        case null
        /// Another column of the same row.
        case column(String)
        case unary(FormulaOperator, FormulaNode)
        case binary(FormulaOperator, FormulaNode, FormulaNode)
        case call(FormulaFunction, [FormulaNode])
    }

    public var kind: Kind {
        didSet { height = Self.height(of: kind) }
    }
    /// 1-based character offset: the literal or name, the operator, or the function's name.
    public var position: Int
    /// Levels from this node down to its deepest leaf (a leaf is 1), kept with the node (from
    /// its children's, so in constant time) so that the parser bounds the depth of every tree it
    /// builds without walking it, left-leaning chains such as `a + b + c + ...` included: every
    /// later pass (references, type check, compiler, the compiled closures) recurses per level.
    public private(set) var height: Int

    public init(_ kind: Kind, at position: Int) {
        self.kind = kind
        self.position = position
        height = Self.height(of: kind)
    }

    private static func height(of kind: Kind) -> Int {
        switch kind {
        case .number, .text, .boolean, .null, .column: 1
        case .unary(_, let operand): operand.height + 1
        case .binary(_, let left, let right): max(left.height, right.height) + 1
        case .call(_, let arguments): (arguments.lazy.map(\.height).max() ?? 0) + 1
        }
    }

    /// Column names read anywhere in the tree, first appearance first, each once.
    public var references: [String] {
        var names: [String] = []
        var seen = Set<String>()
        func walk(_ node: FormulaNode) {
            switch node.kind {
            case .number, .text, .boolean, .null: break
            case .column(let name): if seen.insert(name).inserted { names.append(name) }
            case .unary(_, let operand): walk(operand)
            case .binary(_, let left, let right): walk(left); walk(right)
            case .call(_, let arguments): arguments.forEach(walk)
            }
        }
        walk(self)
        return names
    }
}

/// Operators, as written. `=`/`==`, `!=`/`<>`, `and`/`&&`, `or`/`||`, `not`/`!` parse to the
/// same operator.
public enum FormulaOperator: Hashable, Sendable {
    case add, subtract, multiply, divide, remainder, power
    case negate, plus
    case concatenate
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case and, or, not

    /// How the operator reads in an error message.
    public var symbol: String {
        switch self {
        case .add, .plus: "+"
        case .subtract, .negate: "-"
        case .multiply: "*"
        case .divide: "/"
        case .remainder: "%"
        case .power: "^"
        case .concatenate: "&"
        case .equal: "="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        case .and: "and"
        case .or: "or"
        case .not: "not"
        }
    }

    var isArithmetic: Bool { [.add, .subtract, .multiply, .divide, .remainder, .power].contains(self) }
    var isComparison: Bool { [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
    var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
}
