import Declaration
/// Conditional sampling, for rare events: every row meets `equals` (several columns at once),
/// and/or `rebalance` sets a column's proportions. Rows are drawn from the plan's joint
/// distribution and kept when they match, so they keep their relationships to the conditioned
/// values.
public struct SamplingConditions: Hashable, Sendable {
    /// Column → the value every row must have, as written in the output (`Yes`, `3`, `2024-01-31`).
    public var equals: [String: String]
    public var rebalance: Rebalance?

    public struct Rebalance: Hashable, Sendable {
        public var column: String
        /// Level → share; nil for uniform over the levels the column's model can make.
        public var proportions: [String: Double]?

        public init(column: String, proportions: [String: Double]? = nil) {
            self.column = column
            self.proportions = proportions
        }
    }

    public init(equals: [String: String] = [:], rebalance: Rebalance? = nil) {
        self.equals = equals
        self.rebalance = rebalance
    }

    public var isEmpty: Bool { equals.isEmpty && rebalance == nil }
}

extension SamplingConditions: DeclaredRecord {
    public static let empty = SamplingConditions()

    public static let declaration = RecordDeclaration<SamplingConditions>(doc: "Conditional sampling: rows drawn from the plan and kept when they match, inside each chunk (--where and --rebalance override).", [
        .defaulted("where", \.equals, default: [:], "Column → the value every row must have, as written in the output."),
        .optional("rebalance", \.rebalance, "A column whose levels come out in given shares (rare events made common)."),
    ])
}

extension SamplingConditions.Rebalance: DeclaredRecord {
    public static let empty = SamplingConditions.Rebalance(column: "")

    public static let declaration = RecordDeclaration<SamplingConditions.Rebalance>(doc: "Rebalancing: the column's levels in the given shares.", [
        .required("column", \.column, "The column to rebalance."),
        .optional("proportions", \.proportions, "Level → share (normalised); default uniform over the column's levels.",
                  shape: .dictionary(.number(minimum: 0, maximum: nil), keys: "levels")),
    ])
}
