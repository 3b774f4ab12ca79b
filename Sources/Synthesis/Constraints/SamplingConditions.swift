import Declaration
/// Conditional sampling, for rare events: every row meets `equals` (several columns at once),
/// and/or `rebalance` sets a column's proportions. `equals` steers the models (see
/// `SteeringTarget`), so rows are drawn meeting it and keep their relationships to the
/// conditioned values; what cannot be steered is drawn and kept when it matches (rejection).
public struct SamplingConditions: Hashable, Sendable {
    /// Column → the value every row must have, as written in the output (`Yes`, `3`, `2024-01-31`),
    /// or a comparison on a number or date column (`>=120`, `<500`, `!=0`); see
    /// `ConditionSyntax.comparison`.
    public var equals: [String: String]
    public var rebalance: Rebalance?
    /// The fewest real rows a condition may select: rows conditioned on 2 real records describe
    /// those records.
    public var minRows: Int

    public struct Rebalance: Hashable, Sendable {
        public var column: String
        /// Level → share; nil for uniform over the levels the column's model can make.
        public var proportions: [String: Double]?

        public init(column: String, proportions: [String: Double]? = nil) {
            self.column = column
            self.proportions = proportions
        }
    }

    public static let defaultMinRows = 5

    public init(equals: [String: String] = [:], rebalance: Rebalance? = nil, minRows: Int = SamplingConditions.defaultMinRows) {
        self.equals = equals
        self.rebalance = rebalance
        self.minRows = minRows
    }

    public var isEmpty: Bool { equals.isEmpty && rebalance == nil }
}

extension SamplingConditions: DeclaredRecord {
    public static let empty = SamplingConditions()

    public static let declaration = RecordDeclaration<SamplingConditions>(doc: "Conditional sampling: the models are steered to draw rows that meet the where conditions (what cannot be steered is drawn and kept when it matches, inside each chunk; --where and --rebalance override).", [
        .defaulted("where", \.equals, default: [:], "Column → the value every row must have, as written in the output; or a comparison: '>=120', '>120', '<=500', '<500' on a number or date column, '!=VALUE' on any (a value that begins with = ! < or > is written after '=', e.g. '=<none>'). A value that no real row has, or a comparison no real row meets, is an error before any rows are drawn."),
        .optional("rebalance", \.rebalance, "A column whose levels come out in given shares (rare events made common)."),
        .defaulted("min_rows", \.minRows, default: SamplingConditions.defaultMinRows, "The fewest real rows a where condition (alone and all together) or a rebalanced level may select; fewer is an error, because rows conditioned on 2 real people describe those people. Checked against the source (a fitted session without one checks only that categorical levels exist).",
                   shape: .integer(minimum: 1, maximum: nil)),
    ])
}

extension SamplingConditions.Rebalance: DeclaredRecord {
    public static let empty = SamplingConditions.Rebalance(column: "")

    public static let declaration = RecordDeclaration<SamplingConditions.Rebalance>(doc: "Rebalancing: the column's levels in the given shares.", [
        .required("column", \.column, "The column to rebalance."),
        .optional("proportions", \.proportions, "Level → share, each from 0 to 1. Levels left out share what remains (1 − the sum) in their real proportions; when every level is listed the shares must sum to 1. Default: uniform over the column's levels.",
                  shape: .dictionary(.number(minimum: 0, maximum: 1), keys: "levels")),
    ])
}
