import Tabular

extension FittedPlan {
    /// Rows drawn to learn a rebalanced column's levels when no source is at hand.
    static let pilotRows = 16_384

    /// This plan sampling under `conditions` (replacing any it had). A uniform rebalance takes
    /// its levels from `source`, or without one from a pilot sample of the plan itself (levels
    /// the model makes at least once in ~16,000 rows).
    public func applying(_ conditions: SamplingConditions, source: Table?) throws -> FittedPlan {
        var outputs: [String: ColumnPlan] = [:]
        for column in columns {
            outputs[column.name] = ColumnPlan(name: column.name, kind: column.kind, strategy: column.strategy)
        }
        var levelSource = source
        if conditions.rebalance != nil && conditions.rebalance?.proportions == nil && source == nil {
            let unconditioned = try FittedPlan(assembling: columns, joints: joints, constraints: constraints, outputOrder: outputOrder,
                                               seed: seed, defaultRows: defaultRows)
            levelSource = try unconditioned.sample(range: 0..<Self.pilotRows, totalRows: Self.pilotRows)
        }
        let fitted = conditions.isEmpty ? nil : try FittedConditions.fit(conditions, table: levelSource, generated: outputs)
        return try FittedPlan(assembling: columns, joints: joints, constraints: constraints, conditions: fitted,
                              outputOrder: outputOrder, seed: seed, defaultRows: defaultRows)
    }
}
