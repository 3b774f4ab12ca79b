/// An expression over the columns of one row, e.g. `round(price / carat, 2)` or
/// `if(age >= 18, "adult", "minor")`. Used by the `formula` strategy and meant for any place
/// that needs a per-row computation or predicate.
///
/// Use: parse once (`Formula(text)`), check against the column types when they are known
/// (`check(columns:)`, which reports faults with their position), then bind to columns
/// (`compile(columns:)`) and evaluate rows. The grammar is in `FormulaParser`, the functions in
/// `FormulaFunction`.
///
/// Semantics in short:
/// - Numbers are doubles; datetimes are numbers (seconds since the epoch, UTC).
/// - `+` adds numbers only; `&` joins anything as text (`"n=" & 3` is `n=3`).
/// - Nulls propagate through operators and most functions (SQL-like); `and`/`or` use SQL's
///   three-valued logic; `if`, `coalesce` and `concat` look past nulls.
/// - Results are finite: division or remainder by zero, overflow, `sqrt(-1)`, `log(0)` are null.
/// - Texts compare by Unicode order (not a locale's collation); flags compare only with = and !=.
public struct Formula: Hashable, Sendable, CustomStringConvertible {
    public let source: String
    public let root: FormulaNode

    /// The longest formula text, in UTF-8 bytes.
    public static let maximumLength = 64 << 10
    /// The deepest a formula's tree may be: brackets, calls, prefix operators, and each
    /// operator of a chain (`a + b + c` is three levels) count one level each.
    public static let maximumDepth = 256

    public init(_ source: String) throws(FormulaError) {
        self.source = source
        root = try FormulaParser.parse(source)
    }

    public var description: String { source }

    /// The columns the formula reads, in order of first appearance.
    public var references: [String] { root.references }

    /// Type-checks the formula; `columns` gives the types known so far (a column left out is
    /// unknown and accepted wherever some type would fit). Returns the result's type.
    @discardableResult
    public func check(columns: [String: FormulaType] = [:]) throws(FormulaError) -> FormulaType {
        try FormulaTypeChecker(source: source, columns: columns, lenient: false).check(root).type
    }

    /// Binds the formula to columns. Every referenced column must be given. A type fault that
    /// shows only now (a column that was unknown at `check`) makes that part of the formula null.
    public func compile(columns: [String: FormulaColumn]) throws(FormulaError) -> CompiledFormula {
        for name in references where columns[name] == nil {
            throw FormulaError(formula: source, message: "unknown column '\(name)'", position: position(of: name))
        }
        let checker = FormulaTypeChecker(source: source, columns: columns.mapValues(\.type), lenient: true)
        let checked = try checker.check(root).node
        return CompiledFormula(FormulaCompiler(columns: columns).compile(checked))
    }

    /// The value of a formula that reads no columns (a constant expression).
    public func evaluate() throws(FormulaError) -> FormulaValue {
        try compile(columns: [:]).value(at: 0)
    }

    /// Where `name` is first referenced, for error messages.
    private func position(of name: String) -> Int {
        var found: Int?
        func walk(_ node: FormulaNode) {
            guard found == nil else { return }
            switch node.kind {
            case .column(let column) where column == name: found = node.position
            case .unary(_, let operand): walk(operand)
            case .binary(_, let left, let right): walk(left); walk(right)
            case .call(_, let arguments): arguments.forEach(walk)
            default: break
            }
        }
        walk(root)
        return found ?? 1
    }
}

/// Written as its source text, so that a saved plan or model reads as the user wrote it.
extension Formula: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let source = try container.decode(String.self)
        do {
            try self.init(source)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(source)
    }
}
