import Synthesis
import Tabular

/// `doppel plan --epsilon E`: the default plan's marginals, then one `mst` group over every
/// column it can model, with that ε. No rules are discovered (they are read from the data
/// without noise), and the joint model is not chosen by scoring candidates on the data.
/// Columns made without the data (`sequence`, `pattern`, `choice`) get `null_rate: 0`.
public enum PrivatePlan {
    public static func make(for table: Table, kinds: [ColumnKind], seed: UInt64, rows: Int?, epsilon: Double) -> Plan {
        var plan = JointModelChoice.defaultPlan(for: table, kinds: kinds, seed: seed, rows: rows, candidates: [], discoverRules: false).plan
        let supported = MSTStrategy.descriptor.supportedKinds
        let members = plan.outputColumns.filter { column in
            supported.contains(column.kind) && StrategyRegistry.strategy(id: column.strategy)?.descriptor.needsSourceColumn ?? false
        }.map(\.name)
        guard !members.isEmpty else { return plan }
        // Columns made without the data still take their share of nulls from the real column:
        // a private plan sets it to 0 (set null_rate to keep nulls in them, at the cost of the guarantee).
        for index in plan.columns.indices where PlanPrivacy.dataFree.contains(plan.columns[index].strategy)
            && plan.columns[index].parameters["null_rate"] == nil {
            plan.columns[index].parameters["null_rate"] = .number(0)
        }
        plan.joint = [JointPlan(name: "private", model: MSTStrategy.descriptor.id, columns: members,
                                parameters: Parameters(["epsilon": .number(epsilon)]))]
        return plan
    }
}
