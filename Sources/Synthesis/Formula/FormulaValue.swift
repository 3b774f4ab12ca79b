/// One value of a formula, for row-at-a-time use (constraint predicates, tests, constants).
public enum FormulaValue: Hashable, Sendable {
    case null
    case number(Double)
    case text(String)
    case boolean(Bool)

    public var type: FormulaType {
        switch self {
        case .null: .null
        case .number: .number
        case .text: .text
        case .boolean: .boolean
        }
    }

    public var isNull: Bool { self == .null }

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var boolean: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The value as `str()` writes it; nil for null. Whole numbers have no decimal point
    /// (`3`, not `3.0`); others use the shortest text that reads back to the same number.
    public var text: String? {
        switch self {
        case .null: return nil
        case .text(let value): return value
        case .boolean(let value): return value ? "true" : "false"
        case .number(let value): return Self.text(of: value)
        }
    }

    static func text(of number: Double) -> String {
        if number == number.rounded(), number.magnitude < 1e15 { return String(Int64(number)) }
        return number.description
    }
}
