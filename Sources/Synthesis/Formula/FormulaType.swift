import Tabular

/// The type of a formula's value. Datetimes are numbers (seconds since the epoch, UTC), as the
/// columns store them.
public enum FormulaType: String, Hashable, Sendable, Codable {
    case number
    case text
    case boolean
    /// Only the literal `null`: fits wherever any other type does.
    case null
    /// A column whose type is not known yet (one the plan adds, checked before it is generated);
    /// checked again, with its real type, when the formula is compiled.
    case unknown

    /// The type a column's storage reads as.
    public init(of values: ColumnValues) {
        switch values {
        case .integers, .decimals, .datetimes: self = .number
        case .booleans: self = .boolean
        case .strings: self = .text
        }
    }

    /// "a number", "text"... for error messages.
    var phrase: String {
        switch self {
        case .number: "a number"
        case .text: "text"
        case .boolean: "true/false"
        case .null: "null"
        case .unknown: "a value of unknown type"
        }
    }

    /// True when a value of this type may stand where `parameter` is expected. Unknown types
    /// are given the benefit of the doubt; a mismatch found later makes the value null.
    func fits(_ parameter: FormulaFunction.Parameter) -> Bool {
        switch (parameter, self) {
        case (.any, _), (_, .null), (_, .unknown): true
        case (.number, .number), (.text, .text): true
        default: false
        }
    }

    /// The type two branches share (`if`, `coalesce`): null and unknown yield to the other;
    /// nil when they differ.
    static func unify(_ a: FormulaType, _ b: FormulaType) -> FormulaType? {
        if a == b { return a }
        if a == .null || a == .unknown { return b == .null ? a : b }
        if b == .null || b == .unknown { return a }
        return nil
    }
}
