import Declaration
/// A rule every synthetic row must satisfy, as in SDV's constraints. Enforced by transformation
/// where one exists (clipping into a range, swapping an inverted pair, uniqueness from the row
/// index), else by rejection sampling inside each chunk with a bound.
public struct ConstraintPlan: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, DeclaredChoice {
        /// `column` within [`min`, `max`] (either may be absent).
        case range
        /// `columns[0] <= columns[1]` in every row where both have values.
        case lessEqual = "less_equal"
        /// `columns[0] < columns[1]` in every row where both have values.
        case less
        /// `columns[1]` is missing wherever `columns[0]` is (enforced by making it missing).
        case nullImplies = "null_implies"
        /// Only combinations of `columns` that occur in the real data.
        case fixedCombinations = "fixed_combinations"
        /// No value of `column` repeats in the whole output (every chunk, every shard).
        case unique
        /// `formula` (the formula language) is true.
        case predicate
    }

    /// How a violation is repaired.
    public enum Enforcement: String, Hashable, Sendable, DeclaredChoice {
        /// Draw rows again until they satisfy the rule (keeps every distribution's shape).
        case reject
        /// Clip out-of-range values to the bound (range only).
        case clip
        /// Swap the two values (less_equal and less, for columns of one kind).
        case swap
        /// Make the implied value missing (null_implies only).
        case null
    }

    public var type: Kind
    public var column: String?
    public var columns: [String]?
    public var min: Double?
    public var max: Double?
    public var formula: String?
    /// Default: reject (null for null_implies).
    public var enforce: Enforcement?
    /// True when `doppel plan` found the rule in the data.
    public var discovered: Bool?
    /// For a discovered rule: the share of real rows it holds on.
    public var support: Double?

    public init(type: Kind, column: String? = nil, columns: [String]? = nil, min: Double? = nil, max: Double? = nil,
                formula: String? = nil, enforce: Enforcement? = nil, discovered: Bool? = nil, support: Double? = nil) {
        self.type = type
        self.column = column
        self.columns = columns
        self.min = min
        self.max = max
        self.formula = formula
        self.enforce = enforce
        self.discovered = discovered
        self.support = support
    }

    /// For messages: `range(price)`, `less_equal(low, high)`, `predicate(x > 0)`.
    public var label: String {
        switch type {
        case .range, .unique: return "\(type.rawValue)(\(column ?? "?"))"
        case .lessEqual, .less, .nullImplies, .fixedCombinations: return "\(type.rawValue)(\((columns ?? []).joined(separator: ", ")))"
        case .predicate: return "predicate(\(formula ?? "?"))"
        }
    }
}

extension ConstraintPlan: DeclaredRecord {
    public static let empty = ConstraintPlan(type: .range)

    public static let declaration = RecordDeclaration<ConstraintPlan>(name: "constraint", doc: "A rule every output row satisfies; enforced by transformation where named (enforce: clip | swap; unique by the row index), else by rejection sampling inside each chunk.", [
        .required("type", \.type, "range, less_equal, less, null_implies, fixed_combinations, unique or predicate."),
        .optional("column", \.column, "range, unique: the column."),
        .optional("columns", \.columns, "less_equal, less: [smaller, larger]; null_implies: [source, target] (target missing where source is); fixed_combinations: two or more columns."),
        .optional("min", \.min, "range: the lower bound."),
        .optional("max", \.max, "range: the upper bound."),
        .optional("formula", \.formula, "predicate: a formula that must be true."),
        .optional("enforce", \.enforce, "reject (default), clip (range), swap (less_equal, less) or null (null_implies, its default)."),
        .optional("discovered", \.discovered, "true when `doppel plan` found the rule in the data (delete it to drop the rule)."),
        .optional("support", \.support, "For a discovered rule: the share of real rows it holds on.", shape: .number(minimum: 0, maximum: 1)),
    ])
}
