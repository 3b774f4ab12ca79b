import Synthesis
import Tabular

/// The panel's edits of one rule, as plan transformations (the reducer makes each an ordinary
/// edit: undoable, autosaved, previewed).
enum RuleEdits {
    /// The plan with `rule` put in by `RulePlanner`, for that rule alone; unchanged when it is in
    /// force already or cannot be put in (a column it names is made up, kept or computed).
    static func accept(_ rule: DataRule, in plan: Plan, table: Table, rules: [DataRule]) -> Plan {
        guard !RulePlacement.isInForce(rule, in: plan) else { return plan }
        var result = RulePlanner.apply([rule], to: plan, table: table)
        // Alone, RulePlanner cannot see the derivations already in the plan: swapping a value a
        // formula reads, or a computed one, would break that formula, so such an order is kept by
        // rejection as it would be had all the rules been applied together.
        if case .order(let smaller, let larger, _) = rule.form, let index = RulePlacement.constraint(of: rule, in: result),
           result.constraints[index].enforce == .swap, !canSwap(smaller, larger, in: result, rules: rules) {
            result.constraints[index].enforce = .reject
        }
        return result
    }

    /// Swapping keeps an order only between modelled columns of one kind that no derivation in
    /// force reads.
    static func canSwap(_ smaller: String, _ larger: String, in plan: Plan, rules: [DataRule]) -> Bool {
        swapRefusal(smaller, larger, in: plan, rules: rules) == nil
    }

    /// Why two columns' values cannot be swapped (nil when they can).
    static func swapRefusal(_ smaller: String, _ larger: String, in plan: Plan, rules: [DataRule]) -> String? {
        guard let first = plan.column(named: smaller), let second = plan.column(named: larger) else { return "a column is not in the plan" }
        guard first.kind == second.kind else { return "the columns are of different kinds" }
        // A computed, kept or made-up column has no model to draw its values again.
        if let fixed = [first, second].first(where: { StrategyRegistry.strategy(id: $0.strategy)?.descriptor.family != .statistical }) {
            return "\(fixed.name) is not modelled"
        }
        let read = Set(rules.filter { RulePlacement.column(of: $0, in: plan) != nil }
            .flatMap { rule in rule.columns.filter { $0 != rule.derivedColumn } })
        return read.contains(smaller) || read.contains(larger) ? "swapping would break a formula that reads them" : nil
    }

    /// The plan without `rule`: a derived column goes back to the default strategy for its kind
    /// (`DefaultPlanner`, on the real sample so that a key press stays quick), a constraint is
    /// removed.
    static func drop(_ rule: DataRule, in plan: Plan, sample: Table) -> Plan {
        var result = plan
        if let name = RulePlacement.column(of: rule, in: plan), let index = result.columns.firstIndex(where: { $0.name == name }) {
            let column = result.columns[index]
            if let real = sample.column(named: name) {
                let proposal = DefaultPlanner.plan(for: Table(columns: [real]), kinds: [column.kind], seed: plan.seed).columns[0]
                result.columns[index] = ColumnPlan(name: name, kind: column.kind, strategy: proposal.strategy, parameters: proposal.parameters)
            } else {
                let first = StrategyRegistry.strategies(for: column.kind).first?.descriptor.id ?? column.strategy
                result.columns[index] = ColumnPlan(name: name, kind: column.kind, strategy: first)
            }
            // The pair key RulePlanner added so that only real keys reach the lookup goes too.
            if case .functionalDependency(let determinants, _) = rule.form, determinants.count > 1 {
                result.constraints.removeAll { $0.type == .fixedCombinations && $0.columns == determinants && $0.discovered == true }
            }
        }
        if let index = RulePlacement.constraint(of: rule, in: result) { result.constraints.remove(at: index) }
        return result
    }

    /// An order's constraint switched between swapping the two values and drawing the row
    /// again; nil when the rule has no such constraint in force, or swapping cannot apply.
    static func switchEnforcement(_ rule: DataRule, in plan: Plan, rules: [DataRule]) -> Plan? {
        guard case .order(let smaller, let larger, _) = rule.form, let index = RulePlacement.constraint(of: rule, in: plan) else { return nil }
        var result = plan
        let current = result.constraints[index].enforce ?? .reject
        guard current == .swap || canSwap(smaller, larger, in: plan, rules: rules) else { return nil }
        result.constraints[index].enforce = current == .swap ? .reject : .swap
        return result
    }
}
