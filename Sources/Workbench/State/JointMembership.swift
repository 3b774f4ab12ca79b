import Synthesis
import Tabular

/// What a joint group's model really takes from a member's own plan column, so that the grid,
/// the panel and the editors show and accept only what will be generated (Synthesis/Joint):
/// the Gaussian copula maps through every member's own strategy (its marginal); the Bayesian
/// network draws states and shapes numbers inside a bin by the member's strategy, but draws
/// categories and booleans as its own states; CART draws its first member (and members with
/// method `sample`) from their own strategy and every other one from real values in tree
/// leaves. No joint model applies `null_rate`: missing is a state of each member, drawn with
/// the others at the real rate. `edge_rate`, `clip` and `round` apply to every member, except
/// in the differentially private `mst`, which takes nothing from its members' plans.
public struct JointMembership: Sendable, Equatable {
    public var group: JointPlan
    /// Nil when the member's own strategy shapes its values; else what draws them instead
    /// (`cart`, `norm`, `logreg`, `polyreg`, `bn`), shown in place of the strategy.
    public var drawnBy: String?

    /// Options of the member's strategy that its joint model does not apply.
    public static let ignoredOptions: Set<String> = ["null_rate"]
    /// Options applied to every member's share of the joint output (`FittedColumn.finish`).
    static let appliedOptions: Set<String> = ["edge_rate", "clip", "round"]

    public static func of(_ name: String, in plan: Plan) -> JointMembership? {
        guard let group = plan.jointGroup(of: name) else { return nil }
        let kind = plan.column(named: name)?.kind
        switch group.model {
        case CARTStrategy.descriptor.id:
            let method = group.memberParameters[name]?["method"]?.text ?? "cart"
            let first = group.columns.first == name
            return JointMembership(group: group, drawnBy: first || method == "sample" ? nil : method)
        case BayesianNetworkStrategy.descriptor.id:
            // Numbers inside a bin follow the member's marginal unless within_bin is uniform.
            let numeric = kind.map { $0.isNumeric || $0 == .datetime } ?? false
            let marginal = (group.parameters["within_bin"]?.text ?? "auto") != "uniform"
            return JointMembership(group: group, drawnBy: numeric && marginal ? nil : "bn")
        case MSTStrategy.descriptor.id:
            // A private group draws every member itself and keeps nothing of its own fit.
            return JointMembership(group: group, drawnBy: "mst")
        default:
            return JointMembership(group: group, drawnBy: nil)
        }
    }

    /// Why the member's own strategy cannot be changed to `strategy`, or nil when it takes effect.
    public func refusal(column: String, strategy: String) -> String? {
        guard let drawnBy else { return nil }
        if group.model == CARTStrategy.descriptor.id {
            return "\(column): cart draws this column from its leaves (method \(drawnBy)); take it out of the group (J) to use \(strategy)"
        }
        return "\(column): the \(group.model) draws this column as one of its states; take it out of the group (J) to use \(strategy)"
    }

    /// Why `parameters` (the form's result) would not all take effect, or nil when they would.
    public func refusal(column: String, parameters: Parameters, before: Parameters) -> String? {
        let changed = Set(parameters.values.keys).union(before.values.keys).filter { parameters[$0] != before[$0] }
        if let option = changed.sorted().first(where: { Self.ignoredOptions.contains($0) }) {
            return "\(column): the \(group.model) joint model draws nulls with the group's other columns at the real rate, so \(option) has no effect; take it out of the group (J) to set it"
        }
        if group.model == MSTStrategy.descriptor.id, let parameter = changed.sorted().first {
            return "\(column): the differentially private mst group draws this column and applies none of its own options, so \(parameter) has no effect; take it out of the group (J) to set it"
        }
        if drawnBy != nil, let parameter = changed.sorted().first(where: { !Self.appliedOptions.contains($0) }) {
            return (refusal(column: column, strategy: "its strategy") ?? "") + " (\(parameter) has no effect in the group)"
        }
        return nil
    }

    /// Whether the joint model applies the member's parameter `name` (the form marks the rest).
    public func applies(_ name: String) -> Bool {
        if Self.ignoredOptions.contains(name) { return false }
        return drawnBy == nil || Self.appliedOptions.contains(name)
    }

    /// The badge text in place of the strategy: what really draws the column.
    public func badge(strategy: String) -> String { drawnBy ?? strategy }

    /// One line for the column panel: the group, its model, and what it takes from this column.
    public func summary(strategy: String) -> String {
        let role = drawnBy.map { "drawn by the \(group.model) model (\($0)); strategy \(strategy) not used" }
            ?? "\(strategy) is its marginal"
        return "J: in joint group '\(group.name)', model \(group.model): \(role); null_rate not used"
    }
}
