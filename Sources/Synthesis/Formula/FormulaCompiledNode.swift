/// A compiled sub-expression: a constant, or a closure from a row index to a value of one type
/// (nil is null). Typed closures keep per-row work to plain arithmetic on `Double?`, with no
/// boxing or type dispatch once compiled.
enum CompiledNode: Sendable {
    case constant(FormulaValue)
    case number(@Sendable (Int) -> Double?)
    case text(@Sendable (Int) -> String?)
    case boolean(@Sendable (Int) -> Bool?)

    var type: FormulaType {
        switch self {
        case .constant(let value): value.type
        case .number: .number
        case .text: .text
        case .boolean: .boolean
        }
    }

    var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }

    var isNullConstant: Bool {
        if case .constant(.null) = self { return true }
        return false
    }

    func value(at row: Int) -> FormulaValue {
        switch self {
        case .constant(let value): return value
        case .number(let function): return function(row).map(FormulaValue.number) ?? .null
        case .text(let function): return function(row).map(FormulaValue.text) ?? .null
        case .boolean(let function): return function(row).map(FormulaValue.boolean) ?? .null
        }
    }

    /// The node's values as `T`; the type checker has made sure the node is a `T` or null.
    func function<T: FormulaScalar>(_: T.Type) -> @Sendable (Int) -> T? {
        if case .constant(let value) = self {
            let constant = T(value)
            return { _ in constant }
        }
        guard let function = T.function(of: self) else {
            preconditionFailure("formula compiler: \(type) used as \(T.formulaType)")
        }
        return function
    }

    /// The node's values as text, whatever their type (for `&`, `concat`, `str`).
    var textFunction: @Sendable (Int) -> String? {
        switch self {
        case .constant(let value):
            let text = value.text
            return { _ in text }
        case .text(let function): return function
        case .number(let function): return { row in function(row).map(FormulaValue.text(of:)) }
        case .boolean(let function): return { row in function(row).map { $0 ? "true" : "false" } }
        }
    }
}

/// The three value types a compiled closure can return, so that helpers such as `if` and
/// `coalesce` are written once.
protocol FormulaScalar: Sendable {
    static var formulaType: FormulaType { get }
    static func function(of node: CompiledNode) -> (@Sendable (Int) -> Self?)?
    static func node(_ function: @escaping @Sendable (Int) -> Self?) -> CompiledNode
    init?(_ value: FormulaValue)
}

extension Double: FormulaScalar {
    static var formulaType: FormulaType { .number }
    static func function(of node: CompiledNode) -> (@Sendable (Int) -> Double?)? {
        if case .number(let function) = node { return function }
        return nil
    }
    static func node(_ function: @escaping @Sendable (Int) -> Double?) -> CompiledNode { .number(function) }
    init?(_ value: FormulaValue) {
        guard case .number(let number) = value else { return nil }
        self = number
    }
}

extension String: FormulaScalar {
    static var formulaType: FormulaType { .text }
    static func function(of node: CompiledNode) -> (@Sendable (Int) -> String?)? {
        if case .text(let function) = node { return function }
        return nil
    }
    static func node(_ function: @escaping @Sendable (Int) -> String?) -> CompiledNode { .text(function) }
    init?(_ value: FormulaValue) {
        guard case .text(let text) = value else { return nil }
        self = text
    }
}

extension Bool: FormulaScalar {
    static var formulaType: FormulaType { .boolean }
    static func function(of node: CompiledNode) -> (@Sendable (Int) -> Bool?)? {
        if case .boolean(let function) = node { return function }
        return nil
    }
    static func node(_ function: @escaping @Sendable (Int) -> Bool?) -> CompiledNode { .boolean(function) }
    init?(_ value: FormulaValue) {
        guard case .boolean(let flag) = value else { return nil }
        self = flag
    }
}
