import Fidelity
import Synthesis
import Tabular
import TerminalUI

/// The plan-wide settings — conditions, rebalancing, constraints, discovered rules in force —
/// which apply to every row yet belong to no column: counted in the header badge and listed,
/// each with what it does, on the plan sheet (`P`).
enum PlanSummary {
    /// `where 1, rebalance, 3 constraints, 12 rules`; nil when the plan has none of them.
    static func badge(_ plan: Plan) -> String? {
        var parts: [String] = []
        let conditions = plan.conditions?.equals.count ?? 0
        if conditions > 0 { parts.append("where \(conditions)") }
        if plan.conditions?.rebalance != nil { parts.append("rebalance") }
        let constraints = plan.constraints.filter { $0.discovered != true }.count
        if constraints > 0 { parts.append(count(constraints, "constraint")) }
        let rules = ruleCount(plan)
        if rules > 0 { parts.append(count(rules, "rule")) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Discovered rules in force: derived columns and discovered constraints (a pair key that
    /// only serves a two-column lookup is part of that rule).
    static func ruleCount(_ plan: Plan) -> Int {
        plan.columns.filter { $0.discovered == true }.count
            + plan.constraints.filter { $0.discovered == true && $0.type != .fixedCombinations }.count
    }

    struct Line: Equatable {
        var text: String
        var isHeading = false
    }

    /// The sheet's lines: a heading per kind of setting, then one line per setting.
    static func lines(_ plan: Plan) -> [Line] {
        var lines: [Line] = []
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            if !lines.isEmpty { lines.append(Line(text: "")) }
            lines.append(Line(text: title, isHeading: true))
            lines += items.map { Line(text: "  " + $0) }
        }
        let equals = (plan.conditions?.equals ?? [:]).sorted { $0.key < $1.key }
        section("Conditions (:where): only rows where each holds are generated",
                equals.map { ConditionSyntax.describe(column: $0.key, stored: $0.value) })
        if let rebalance = plan.conditions?.rebalance {
            let shares = rebalance.proportions.map { proportions in
                proportions.sorted { $0.key < $1.key }.map { "\($0.key) \(ChartFormat.percent($0.value))" }.joined(separator: ", ")
            } ?? "uniform over its levels"
            section("Rebalance (:rebalance): the column's levels come in these shares, not the real ones",
                    ["\(rebalance.column): \(shares)"])
        }
        section("Constraints (:constrain): every generated row satisfies them",
                plan.constraints.filter { $0.discovered != true }.map(describe))
        let derived = plan.columns.filter { $0.discovered == true }.map { column in
            "\(column.name): \(column.strategy) \(formulaText(column)), computed from the row instead of modelled" + support(column.support)
        }
        let constraints = plan.constraints.filter { $0.discovered == true }.map { describe($0) + support($0.support) }
        section("Rules found in the data, in force (R lists them all)", derived + constraints)
        // A private group beside columns that read the data: the plan is not private as a whole.
        let privacy = PlanPrivacy(plan)
        section("Differential privacy (docs/PRIVACY.md)", privacy.lines.map { String($0.drop { $0 == " " }) })
        if lines.isEmpty {
            lines.append(Line(text: "No plan-wide settings: each column follows its own strategy."))
            lines.append(Line(text: ":where COLUMN=VALUE, :rebalance COLUMN, :constrain ... set them; R lists the rules found in the data."))
        }
        return lines
    }

    /// What a constraint does, and how a row that breaks it is repaired.
    static func describe(_ constraint: ConstraintPlan) -> String {
        let columns = constraint.columns ?? []
        let pair = columns.count >= 2 ? (columns[0], columns[1]) : ("?", "?")
        let rule: String = switch constraint.type {
        case .range:
            "\(constraint.column ?? "?") within [\(constraint.min.map(number) ?? "…"), \(constraint.max.map(number) ?? "…")]"
        case .lessEqual: "\(pair.0) <= \(pair.1)"
        case .less: "\(pair.0) < \(pair.1)"
        case .nullImplies: "\(pair.1) missing wherever \(pair.0) is"
        case .fixedCombinations: "only combinations of \(columns.joined(separator: ", ")) found in the real data"
        case .unique: "no value of \(constraint.column ?? "?") repeats"
        case .predicate: constraint.formula ?? "?"
        }
        let repair: String = switch constraint.enforce ?? (constraint.type == .nullImplies ? .null : .reject) {
        case .reject: "rows that break it are drawn again"
        case .swap: "the two values are swapped where it breaks"
        case .clip: "values are clipped to the bound"
        case .null: "the value is made missing"
        }
        return "\(constraint.type.rawValue): \(rule); \(repair)"
    }

    /// The expression or the keys of a derived column.
    static func formulaText(_ column: ColumnPlan) -> String {
        if let expression = column.parameters["expression"]?.text { return expression }
        let keys = (column.parameters["keys"]?.list ?? column.parameters["given"]?.list ?? []).compactMap(\.text)
        return keys.isEmpty ? "" : "of " + keys.joined(separator: ", ")
    }

    static func support(_ value: Double?) -> String {
        value.map { " (support \(RuleAdherence.supportPercent($0)))" } ?? ""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : "\(value)"
    }

    static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)" + (count == 1 ? "" : "s")
    }
}
