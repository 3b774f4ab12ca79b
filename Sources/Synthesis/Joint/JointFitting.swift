import Tabular

/// Fits a plan's joint groups, after its columns (each member's own strategy is its marginal).
enum JointFitting {
    /// `conditioned`: columns `where` conditions fix, which sequential models visit first.
    static func fit(_ group: JointPlan, plan: Plan, table: Table, fitted: inout [String: FittedColumn], conditioned: [String] = []) throws -> FittedJoint {
        func fail(_ message: String) -> PlanError { PlanError("joint group '\(group.name)': \(message)", column: nil) }
        guard let strategy = JointRegistry.strategy(id: group.model) else {
            throw fail("unknown joint model '\(group.model)'; known: " + JointRegistry.allIDs.joined(separator: ", "))
        }
        let descriptor = strategy.descriptor
        guard !group.columns.isEmpty else { throw fail("has no columns") }
        for name in group.memberParameters.keys where !group.columns.contains(name) {
            throw fail("member_parameters names '\(name)', which is not one of its columns")
        }
        // A plan made in memory meets here what a plan file meets when it is read.
        if let refusal = group.retiredSetting { throw fail("parameters.\(refusal.parameter): \(refusal.message)") }
        let parameters = try ResolvedParameters(group.parameters, schema: descriptor.parameters, column: "joint group '\(group.name)'")
        var members: [JointMember] = []
        for name in group.columns {
            guard let columnPlan = plan.column(named: name) else { throw fail("column '\(name)' is not in the plan") }
            guard let marginal = fitted[name] else { throw fail("column '\(name)' is dropped; a dropped column cannot be modelled") }
            guard descriptor.supportedKinds.contains(columnPlan.kind) else {
                let kinds = descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", ")
                throw PlanError.at(column: name, "the \(group.model) joint model does not take kind '\(columnPlan.kind.rawValue)' (it takes \(kinds))")
            }
            guard let column = table.column(named: name) else {
                throw PlanError.at(column: name, "joint models learn from the real column, and the source has none of that name")
            }
            let memberParameters = try ResolvedParameters(group.memberParameters[name] ?? Parameters(), schema: descriptor.memberParameters, column: name)
            members.append(JointMember(name: name, kind: columnPlan.kind, shape: marginal.shape, column: column,
                                       marginal: marginal, parameters: memberParameters))
        }
        var input = JointFitInput(groupName: group.name, members: members, parameters: parameters, seed: plan.seed)
        input.conditioned = conditioned.filter(group.columns.contains)
        let model = try fitModel(strategy, input)
        #if DEBUG
        // Every fit in the tests checks that what it made passes the checks a loaded model faces.
        try model.validate()
        #endif
        // The joint model carries its members' nulls (missing is one of their states).
        for name in group.columns { fitted[name]?.nullRate = nil }
        // A private model's members keep nothing of their own fits (which read the data without
        // noise): no model, no clip bounds, no edge cases from the real range.
        if descriptor.differentiallyPrivate {
            for member in members {
                fitted[member.name] = PrivateMemberModel.column(name: member.name, kind: member.kind, strategy: member.marginal.strategy,
                                                                shape: member.shape, group: group.name)
            }
        }
        return FittedJoint(name: group.name, strategy: group.model, model: model)
    }

    private static func fitModel<Strategy: JointStrategy>(_ strategy: Strategy.Type, _ input: JointFitInput) throws -> any JointModel {
        try strategy.fit(input)
    }
}
