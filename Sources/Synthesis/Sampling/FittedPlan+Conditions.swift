import Tabular

extension FittedPlan {
    /// Rows drawn to learn a rebalanced column's levels when no source is at hand.
    static let pilotRows = 16_384

    /// This plan sampling under `conditions` (replacing any it had), checked against `source`
    /// (see `FittedConditions.fit`). Without a source, a rebalance takes its levels and the
    /// proportions of unlisted levels from a pilot sample of the plan itself (levels the model
    /// makes at least once in ~16,000 rows), and equalities are checked against the levels
    /// categorical models keep.
    public func applying(_ conditions: SamplingConditions, source: Table?) throws -> FittedPlan {
        var outputs: [String: ColumnPlan] = [:]
        for column in columns {
            outputs[column.name] = ColumnPlan(name: column.name, kind: column.kind, strategy: column.strategy)
        }
        var pilot: Table?
        if conditions.rebalance != nil && source == nil {
            let unconditioned = try FittedPlan(assembling: columns, joints: joints, constraints: constraints, outputOrder: outputOrder,
                                               seed: seed, defaultRows: defaultRows)
            pilot = try unconditioned.sample(range: 0..<Self.pilotRows, totalRows: Self.pilotRows)
        }
        var knownLevels: [String: [String]] = [:]
        for column in columns {
            if let categorical = column.model as? CategoricalStrategy.Model { knownLevels[column.name] = categorical.levels }
        }
        let fitted = conditions.isEmpty ? nil : try FittedConditions.fit(conditions, table: source, generated: outputs,
                                                                         pilot: pilot, knownLevels: knownLevels)
        return try FittedPlan(assembling: columns, joints: joints, constraints: constraints, conditions: fitted,
                              outputOrder: outputOrder, seed: seed, defaultRows: defaultRows)
    }
}
