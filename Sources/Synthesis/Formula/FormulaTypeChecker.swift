import Tabular
/// Gives every node a type and rejects mixes such as `price + "a"` or `if(x > 1, 1, "no")`.
///
/// Strict mode (fitting a plan) throws at the first fault. Lenient mode (compiling against the
/// generated columns) replaces a faulty sub-expression by `null` instead: it only meets faults
/// that depend on a column's type being unknown when the plan was fitted, and the documented
/// outcome for those is a null value, not a failed run.
struct FormulaTypeChecker {
    let source: String
    /// Types of the columns; a column not listed is `.unknown`.
    let columns: [String: FormulaType]
    let lenient: Bool

    func check(_ node: FormulaNode) throws(FormulaError) -> (node: FormulaNode, type: FormulaType) {
        switch node.kind {
        case .number: return (node, .number)
        case .text: return (node, .text)
        case .boolean: return (node, .boolean)
        case .null: return (node, .null)
        case .column(let name): return (node, columns[name] ?? .unknown)
        case .unary(let op, let operand):
            let (checked, type) = try check(operand)
            let rebuilt = FormulaNode(.unary(op, checked), at: node.position)
            if op == .not {
                guard Self.isBooleanLike(type) else { return try fail("'not' needs true/false, got \(type.phrase)", rebuilt) }
                return (rebuilt, .boolean)
            }
            guard type.fits(.number) else { return try fail("'\(op.symbol)' needs a number, got \(type.phrase)", rebuilt) }
            return (rebuilt, .number)
        case .binary(let op, let left, let right):
            let (checkedLeft, leftType) = try check(left)
            let (checkedRight, rightType) = try check(right)
            let rebuilt = FormulaNode(.binary(op, checkedLeft, checkedRight), at: node.position)
            return try binary(op, leftType, rightType, rebuilt)
        case .call(let function, let arguments):
            var checked: [FormulaNode] = []
            var types: [FormulaType] = []
            for argument in arguments {
                let (node, type) = try check(argument)
                checked.append(node)
                types.append(type)
            }
            let rebuilt = FormulaNode(.call(function, checked), at: node.position)
            if function.takesTimeZone, checked.count == 2 {
                guard case .text(let zone) = checked[1].kind else {
                    return try fail("\(function.name)() needs a time zone name in quotes as argument 2, e.g. \"America/New_York\"", rebuilt)
                }
                do { _ = try TimeZoneRules.named(zone) } catch { return try fail("\(function.name)(): \(error.description)", rebuilt) }
            }
            if function == .clockAdd, checked.count == 3 {
                guard case .number(let midnight) = checked[2].kind, midnight == 0 || midnight == 2400 else {
                    return try fail("clock_add() writes midnight as 0 or 2400 (argument 3)", rebuilt)
                }
            }
            return try call(function, types, rebuilt)
        }
    }

    private func binary(_ op: FormulaOperator, _ left: FormulaType, _ right: FormulaType, _ node: FormulaNode) throws(FormulaError) -> (node: FormulaNode, type: FormulaType) {
        if op.isArithmetic {
            for (side, type) in [("left", left), ("right", right)] where !type.fits(.number) {
                let hint = op == .add && type == .text ? " (use & to join text)" : ""
                return try fail("'\(op.symbol)' needs numbers, but its \(side) side is \(type.phrase)\(hint)", node)
            }
            return (node, .number)
        }
        switch op {
        case .concatenate:
            return (node, .text)
        case .and, .or:
            for (side, type) in [("left", left), ("right", right)] where !Self.isBooleanLike(type) {
                return try fail("'\(op.symbol)' needs true/false values, but its \(side) side is \(type.phrase)", node)
            }
            return (node, .boolean)
        default:
            precondition(op.isComparison, "unexpected binary operator \(op)")
            guard let shared = FormulaType.unify(left, right) else {
                return try fail("cannot compare \(left.phrase) with \(right.phrase)", node)
            }
            if shared == .boolean && op.isOrdering {
                return try fail("'\(op.symbol)' cannot order true/false values (only = and != compare them)", node)
            }
            return (node, .boolean)
        }
    }

    private func call(_ function: FormulaFunction, _ types: [FormulaType], _ node: FormulaNode) throws(FormulaError) -> (node: FormulaNode, type: FormulaType) {
        switch function.signature {
        case .fixed(let parameters, let result):
            for (index, type) in types.enumerated() {
                let parameter = parameters[min(index, parameters.count - 1)]
                guard type.fits(parameter) else {
                    let expected = parameter == .number ? "a number" : "text"
                    let hint = parameter == .text && type == .number ? " (wrap it in str())" : parameter == .number && type == .text ? " (wrap it in num())" : ""
                    return try fail("\(function.name)() needs \(expected) as argument \(index + 1), got \(type.phrase)\(hint)", node)
                }
            }
            return (node, result)
        case .unifying:
            var values = types
            if function == .if {
                guard Self.isBooleanLike(types[0]) else {
                    return try fail("if() needs a true/false condition, got \(types[0].phrase)", node)
                }
                values.removeFirst()
            }
            var shared = values[0]
            for type in values.dropFirst() {
                guard let next = FormulaType.unify(shared, type) else {
                    let what = function == .if ? "its two branches" : "all its arguments"
                    return try fail("\(function.name)() needs \(what) to have one type, got \(shared.phrase) and \(type.phrase)", node)
                }
                shared = next
            }
            if (function == .min || function == .max) && shared == .boolean {
                return try fail("\(function.name)() needs numbers or texts, got true/false", node)
            }
            return (node, shared)
        }
    }

    static func isBooleanLike(_ type: FormulaType) -> Bool {
        type == .boolean || type == .null || type == .unknown
    }

    /// Strict: the error. Lenient: a null in place of the faulty node.
    private func fail(_ message: String, _ node: FormulaNode) throws(FormulaError) -> (node: FormulaNode, type: FormulaType) {
        guard lenient else { throw FormulaError(formula: source, message: message, position: node.position) }
        return (FormulaNode(.null, at: node.position), .null)
    }
}
