/// Conditional sampling, for rare events: every row meets `equals` (several columns at once),
/// and/or `rebalance` sets a column's proportions. Rows are drawn from the plan's joint
/// distribution and kept when they match, so they keep their relationships to the conditioned
/// values.
public struct SamplingConditions: Hashable, Sendable, Codable {
    /// Column → the value every row must have, as written in the output (`Yes`, `3`, `2024-01-31`).
    public var equals: [String: String]
    public var rebalance: Rebalance?

    public struct Rebalance: Hashable, Sendable, Codable {
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

    private enum CodingKeys: String, CodingKey { case equals = "where", rebalance }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        equals = try container.decodeIfPresent([String: String].self, forKey: .equals) ?? [:]
        rebalance = try container.decodeIfPresent(Rebalance.self, forKey: .rebalance)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !equals.isEmpty { try container.encode(equals, forKey: .equals) }
        try container.encodeIfPresent(rebalance, forKey: .rebalance)
    }
}
