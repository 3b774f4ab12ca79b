import Synthesis

extension Workbench {
    /// `:where`, `:rebalance`, `:constrain` and `:predictors`: conditions, constraints and a cart
    /// member's predictors, edited from the command line as plan edits (undoable, autosaved,
    /// previewed). Without an argument the first three clear what they set.
    static func planCommand(_ word: String, argument: String?, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        do {
            switch (word, argument) {
            case ("where", nil):
                return edit(&state, describing: "conditions cleared") { plan in
                    guard plan.conditions?.equals.isEmpty == false else { return false }
                    plan.conditions?.equals = [:]
                    return true
                }
            case ("where", let text?):
                let (column, value) = try ConditionSyntax.condition(text)
                try requireColumn(column, state)
                return edit(&state, describing: "where " + ConditionSyntax.describe(column: column, stored: value)) { plan in
                    var conditions = plan.conditions ?? SamplingConditions()
                    conditions.equals[column] = value
                    plan.conditions = conditions
                    return true
                }
            case ("rebalance", nil):
                return edit(&state, describing: "rebalance cleared") { plan in
                    guard plan.conditions?.rebalance != nil else { return false }
                    plan.conditions?.rebalance = nil
                    return true
                }
            case ("rebalance", let text?):
                let rebalance = try ConditionSyntax.rebalance(text)
                try requireColumn(rebalance.column, state)
                return edit(&state, describing: "rebalance \(rebalance.column)") { plan in
                    var conditions = plan.conditions ?? SamplingConditions()
                    conditions.rebalance = rebalance
                    plan.conditions = conditions
                    return true
                }
            case ("constrain", nil):
                return edit(&state, describing: "constraints cleared") { plan in
                    guard !plan.constraints.isEmpty else { return false }
                    plan.constraints = []
                    return true
                }
            case ("constrain", let text?):
                let constraint = try ConditionSyntax.constraint(text)
                return edit(&state, describing: "constraint \(constraint.label)") { plan in
                    plan.constraints.append(constraint)
                    return true
                }
            case ("predictors", let text?):
                let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
                let column = parts[0]
                let predictors = parts.count > 1 ? parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } : []
                guard let group = state.document?.plan.joint.firstIndex(where: { $0.columns.contains(column) }) else {
                    throw ConditionSyntax.Failure(message: "column '\(column)' is in no joint group (J adds it)")
                }
                return edit(&state, describing: "\(column): predictors \(predictors.isEmpty ? "all earlier" : predictors.joined(separator: ", "))") { plan in
                    var parameters = plan.joint[group].memberParameters[column] ?? Parameters()
                    parameters.values["predictors"] = predictors.isEmpty ? nil : .list(predictors.map { .text($0) })
                    plan.joint[group].memberParameters[column] = parameters.isEmpty ? nil : parameters
                    return true
                }
            default:
                throw ConditionSyntax.Failure(message: "usage: :\(word) " + (CommandTable.binding(named: word)?.help ?? ""))
            }
        } catch let failure as ConditionSyntax.Failure {
            state.message = StatusMessage(":\(word): \(failure.message)", isError: true)
            return []
        } catch {
            state.message = StatusMessage(":\(word): \(error)", isError: true)
            return []
        }
    }

    private static func requireColumn(_ name: String, _ state: WorkbenchState) throws {
        guard state.document?.plan.column(named: name) != nil else {
            throw ConditionSyntax.Failure(message: "no column '\(name)'")
        }
    }
}
