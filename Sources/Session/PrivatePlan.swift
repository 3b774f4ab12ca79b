import Synthesis
import Tabular

/// `doppel plan --epsilon E`: the default plan's marginals, then one `mst` group over every
/// column it can model, with that ε. No rules are discovered (they are read from the data
/// without noise), and the joint model is not chosen by scoring candidates on the data.
public enum PrivatePlan {
    public static func make(for table: Table, kinds: [ColumnKind], seed: UInt64, rows: Int?, epsilon: Double) -> Plan {
        var plan = JointModelChoice.defaultPlan(for: table, kinds: kinds, seed: seed, rows: rows, candidates: [], discoverRules: false).plan
        let supported = MSTStrategy.descriptor.supportedKinds
        let members = plan.outputColumns.filter { column in
            supported.contains(column.kind) && StrategyRegistry.strategy(id: column.strategy)?.descriptor.needsSourceColumn ?? false
        }.map(\.name)
        guard !members.isEmpty else { return plan }
        plan.joint = [JointPlan(name: "private", model: MSTStrategy.descriptor.id, columns: members,
                                parameters: Parameters(["epsilon": .number(epsilon)]))]
        return plan
    }
}
