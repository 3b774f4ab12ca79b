import Synthesis
import Tabular

/// Whether a discovered rule is in force, read from the plan alone, so that undo, the autosave
/// and a reopened session all agree with the panel: a derivation while its column is computed
/// by the rule's strategy (a formula, a lookup, or a dependency kept the other way round), an
/// order or a null implication while its constraint is in the plan.
enum RulePlacement {
    /// The plan column that carries a derivation in force (the derived column, or the key of a
    /// dependency kept the other way round); nil when it is not in force or not a derivation.
    static func column(of rule: DataRule, in plan: Plan) -> String? {
        switch rule.form {
        case .linear(let target, _), .ratio(let target, _, _), .datetimePart(let target, _, _, _), .clockSum(let target, _, _, _):
            return plan.column(named: target)?.strategy == FormulaStrategy.descriptor.id ? target : nil
        case .functionalDependency(let determinants, let dependent):
            if plan.column(named: dependent)?.strategy == LookupStrategy.descriptor.id { return dependent }
            if determinants.count == 1, let key = plan.column(named: determinants[0]),
               key.strategy == GivenCategoricalStrategy.descriptor.id,
               key.parameters["given"]?.list?.contains(where: { $0.text == dependent }) == true {
                return key.name
            }
            return nil
        case .order, .nullImplication:
            return nil
        }
    }

    /// The index of the plan constraint that keeps an order or a null implication.
    static func constraint(of rule: DataRule, in plan: Plan) -> Int? {
        switch rule.form {
        case .order(let smaller, let larger, let strict):
            return plan.constraints.firstIndex { $0.type == (strict ? .less : .lessEqual) && $0.columns == [smaller, larger] }
        case .nullImplication(let source, let target):
            return plan.constraints.firstIndex { $0.type == .nullImplies && $0.columns == [source, target] }
        default:
            return nil
        }
    }

    static func isInForce(_ rule: DataRule, in plan: Plan) -> Bool {
        column(of: rule, in: plan) != nil || constraint(of: rule, in: plan) != nil
    }

    /// True for a derived column in force whose parameters are no longer the ones `RulePlanner`
    /// gives the rule (its formula edited by hand, say): in force, but not as found.
    static func isEdited(_ rule: DataRule, in plan: Plan, table: Table) -> Bool {
        guard let target = rule.derivedColumn, column(of: rule, in: plan) == target,
              let current = plan.column(named: target), let index = plan.columns.firstIndex(where: { $0.name == target }) else { return false }
        // The planner replaces models only: ask it about the column as a model.
        var probe = plan
        probe.columns[index] = ColumnPlan(name: target, kind: current.kind, strategy: EmpiricalStrategy.descriptor.id)
        guard let planned = RulePlanner.apply([rule], to: probe, table: table).column(named: target) else { return false }
        return planned.strategy != current.strategy || planned.parameters != current.parameters
    }
}
