import RealModule
import Tabular

/// Turns a type-checked tree into closures over the input columns. Sub-expressions without
/// columns are folded into constants, and an operator with a constant side captures the
/// constant, so `price * 2 + 1` costs three closure calls a row.
struct FormulaCompiler {
    let columns: [String: FormulaColumn]

    func compile(_ node: FormulaNode) -> CompiledNode {
        switch node.kind {
        case .number(let value): return .constant(.number(value))
        case .text(let value): return .constant(.text(value))
        case .boolean(let value): return .constant(.boolean(value))
        case .null: return .constant(.null)
        case .column(let name):
            guard let column = columns[name] else { preconditionFailure("formula compiler: column '\(name)' is not bound") }
            return column.compiled
        case .unary(let op, let operand):
            return folded([compile(operand)]) { Self.unary(op, $0[0]) }
        case .binary(let op, let left, let right):
            return folded([compile(left), compile(right)]) { Self.binary(op, $0[0], $0[1]) }
        case .call(let function, let arguments):
            return folded(arguments.map(compile)) { FormulaBuiltins.call(function, $0) }
        }
    }

    /// Builds the node, then evaluates it once when none of its inputs depends on the row.
    private func folded(_ children: [CompiledNode], _ build: ([CompiledNode]) -> CompiledNode) -> CompiledNode {
        let node = build(children)
        guard children.allSatisfy(\.isConstant), !node.isConstant else { return node }
        return .constant(node.value(at: 0))
    }

    private static func unary(_ op: FormulaOperator, _ operand: CompiledNode) -> CompiledNode {
        switch op {
        case .not:
            let value = operand.function(Bool.self)
            return .boolean { row in value(row).map { !$0 } }
        case .negate:
            let value = operand.function(Double.self)
            return .number { row in value(row).map { -$0 } }
        case .plus:
            return operand.isConstant ? operand : .number(operand.function(Double.self))
        default:
            preconditionFailure("formula compiler: \(op) is not a prefix operator")
        }
    }

    private static func binary(_ op: FormulaOperator, _ left: CompiledNode, _ right: CompiledNode) -> CompiledNode {
        switch op {
        case .and: return and(left, right)
        case .or: return or(left, right)
        default: break
        }
        // Every other operator is null when either side is.
        if left.isNullConstant || right.isNullConstant { return .constant(.null) }
        switch op {
        case .add: return arithmetic(Add.self, left, right)
        case .subtract: return arithmetic(Subtract.self, left, right)
        case .multiply: return arithmetic(Multiply.self, left, right)
        case .divide: return arithmetic(Divide.self, left, right)
        case .remainder: return arithmetic(Remainder.self, left, right)
        case .power: return arithmetic(Power.self, left, right)
        case .concatenate:
            let first = left.textFunction, second = right.textFunction
            return .text { row in
                guard let a = first(row), let b = second(row) else { return nil }
                return a + b
            }
        case .equal: return comparison(Equal.self, left, right)
        case .notEqual: return comparison(NotEqual.self, left, right)
        case .less: return comparison(Less.self, left, right)
        case .lessOrEqual: return comparison(LessOrEqual.self, left, right)
        case .greater: return comparison(Greater.self, left, right)
        case .greaterOrEqual: return comparison(GreaterOrEqual.self, left, right)
        default: preconditionFailure("formula compiler: \(op) is not a binary operator")
        }
    }

    // MARK: Arithmetic

    /// Generic over the operation so that each operator gets its own specialised closure.
    private static func arithmetic<Op: NumberOperation>(_: Op.Type, _ left: CompiledNode, _ right: CompiledNode) -> CompiledNode {
        if case .constant(.number(let b)) = right {
            let first = left.function(Double.self)
            return .number { row in
                guard let a = first(row) else { return nil }
                return Op.apply(a, b)
            }
        }
        if case .constant(.number(let a)) = left {
            let second = right.function(Double.self)
            return .number { row in
                guard let b = second(row) else { return nil }
                return Op.apply(a, b)
            }
        }
        let first = left.function(Double.self), second = right.function(Double.self)
        return .number { row in
            guard let a = first(row), let b = second(row) else { return nil }
            return Op.apply(a, b)
        }
    }

    // MARK: Comparison

    private static func comparison<Op: ComparisonOperation>(_: Op.Type, _ left: CompiledNode, _ right: CompiledNode) -> CompiledNode {
        switch FormulaType.unify(left.type, right.type) {
        case .number?: return compare(Op.self, Double.self, left, right)
        case .text?: return compare(Op.self, String.self, left, right)
        case .boolean?:
            // Only = and != reach here for flags (the checker refuses ordering them).
            let first = left.function(Bool.self), second = right.function(Bool.self)
            let wantEqual = Op.self == Equal.self
            return .boolean { row in
                guard let a = first(row), let b = second(row) else { return nil }
                return (a == b) == wantEqual
            }
        default:
            return .constant(.null)
        }
    }

    private static func compare<Op: ComparisonOperation, T: FormulaScalar & Comparable>(_: Op.Type, _: T.Type, _ left: CompiledNode, _ right: CompiledNode) -> CompiledNode {
        let first = left.function(T.self), second = right.function(T.self)
        return .boolean { row in
            guard let a = first(row), let b = second(row) else { return nil }
            return Op.compare(a, b)
        }
    }

    // MARK: Logic

    /// SQL's three-valued logic: false and null is false; true and null is null.
    private static func and(_ left: CompiledNode, _ right: CompiledNode) -> CompiledNode {
        let first = left.function(Bool.self), second = right.function(Bool.self)
        return .boolean { row in
            let a = first(row)
            if a == false { return false }
            let b = second(row)
            if b == false { return false }
            return a == nil || b == nil ? nil : true
        }
    }

    /// true or null is true; false or null is null.
    private static func or(_ left: CompiledNode, _ right: CompiledNode) -> CompiledNode {
        let first = left.function(Bool.self), second = right.function(Bool.self)
        return .boolean { row in
            let a = first(row)
            if a == true { return true }
            let b = second(row)
            if b == true { return true }
            return a == nil || b == nil ? nil : false
        }
    }
}

// MARK: Operations

/// A numeric operator. Results are always finite: what would be infinite or NaN (division by
/// zero, overflow, a negative to a fractional power) is null.
fileprivate protocol NumberOperation: SendableMetatype {
    static func apply(_ a: Double, _ b: Double) -> Double?
}

/// A number, or null when it is infinite or NaN.
@inline(__always)
func finiteOrNull(_ value: Double) -> Double? { value.isFinite ? value : nil }

fileprivate enum Add: NumberOperation {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double? { finiteOrNull(a + b) }
}

fileprivate enum Subtract: NumberOperation {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double? { finiteOrNull(a - b) }
}

fileprivate enum Multiply: NumberOperation {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double? { finiteOrNull(a * b) }
}

fileprivate enum Divide: NumberOperation {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double? { b == 0 ? nil : finiteOrNull(a / b) }
}

/// Floored remainder: the result has the divisor's sign (-7 % 3 = 2), as in Python and R, so
/// that `% 7` on day numbers gives a weekday for dates before 1970 too.
fileprivate enum Remainder: NumberOperation {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double? {
        guard b != 0 else { return nil }
        let remainder = a.truncatingRemainder(dividingBy: b)
        return finiteOrNull(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder)
    }
}

fileprivate enum Power: NumberOperation {
    @inline(__always) static func apply(_ a: Double, _ b: Double) -> Double? {
        // Whole exponents go through the integer power so that (-2)^3 = -8 (the real-exponent
        // power is NaN for every negative base).
        if b == b.rounded(), b.magnitude < 1e9 { return finiteOrNull(Double.pow(a, Int(b))) }
        return finiteOrNull(Double.pow(a, b))
    }
}

fileprivate protocol ComparisonOperation: SendableMetatype {
    static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool
}

fileprivate enum Equal: ComparisonOperation {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a == b }
}

fileprivate enum NotEqual: ComparisonOperation {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a != b }
}

fileprivate enum Less: ComparisonOperation {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a < b }
}

fileprivate enum LessOrEqual: ComparisonOperation {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a <= b }
}

fileprivate enum Greater: ComparisonOperation {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a > b }
}

fileprivate enum GreaterOrEqual: ComparisonOperation {
    @inline(__always) static func compare<T: Comparable>(_ a: T, _ b: T) -> Bool { a >= b }
}
