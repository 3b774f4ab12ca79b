import Synthesis

/// Editing joint groups from the grid: `J` adds or removes the cursor's column, `M` switches
/// the group's model; each says what of its members' own plans the model will not use.
extension Workbench {
    /// Puts the cursor's column into the plan's (first) joint group — a Gaussian copula made on
    /// first use — or takes it out of its group (a group goes when its last member does).
    static func toggleJoint(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let column = state.cursorColumn else { return [] }
        // A new group is a Gaussian copula; an existing group keeps its model.
        let model = state.document?.plan.joint.first?.model ?? GaussianCopulaStrategy.descriptor.id
        let kinds = JointRegistry.strategy(id: model)?.descriptor.supportedKinds ?? []
        if !kinds.contains(column.kind), state.document?.plan.jointGroup(of: column.name) == nil {
            state.message = StatusMessage("\(column.name): the \(model) joint model does not take \(column.kind.rawValue) columns", isError: true)
            return []
        }
        let joining = state.document?.plan.jointGroup(of: column.name) == nil
        defer { noteUnused([column.name], &state) }
        return edit(&state, describing: joining ? "\(column.name) joins the joint group" : "\(column.name) leaves the joint group") { plan in
            if let index = plan.joint.firstIndex(where: { $0.columns.contains(column.name) }) {
                plan.joint[index].columns.removeAll { $0 == column.name }
                plan.joint[index].memberParameters[column.name] = nil
                if plan.joint[index].columns.isEmpty { plan.joint.remove(at: index) }
            } else if plan.joint.isEmpty {
                plan.joint = [JointPlan(model: model, columns: [column.name])]
            } else {
                // Members keep the plan's column order.
                let order = plan.columns.map(\.name)
                plan.joint[0].columns.append(column.name)
                plan.joint[0].columns.sort { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! }
            }
            return true
        }
    }

    /// The next joint model for the cursor's group (or the first group) among those that take
    /// every member's kind, its parameters reset.
    static func cycleJointModel(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let plan = state.document?.plan, !plan.joint.isEmpty else {
            state.message = StatusMessage("no joint group yet: J adds the column to one", isError: true)
            return []
        }
        let index = state.cursorColumn.flatMap { column in plan.joint.firstIndex { $0.columns.contains(column.name) } } ?? 0
        // Every model, the private one (mst) last: its preview is one noisy fit, kept until the
        // group is edited (`FitCache`), so it does not change at each refresh.
        let kinds = plan.joint[index].columns.compactMap { plan.column(named: $0)?.kind }
        let current = plan.joint[index].model
        let ids = JointRegistry.allIDs.filter { id in
            id == current || kinds.allSatisfy { JointRegistry.strategy(id: id)?.descriptor.supportedKinds.contains($0) ?? false }
        }
        let next = ids[((ids.firstIndex(of: current) ?? -1) + 1) % ids.count]
        let isPrivate = JointRegistry.strategy(id: next)?.descriptor.differentiallyPrivate ?? false
        let privateNote = isPrivate ? " (differentially private, epsilon 1: the preview is one noisy fit, kept until the group changes; a run fits again)" : ""
        defer { noteUnused(plan.joint[index].columns, &state) }
        return edit(&state, describing: "joint group '\(plan.joint[index].name)': \(next)\(privateNote)") { plan in
            guard plan.joint[index].model != next else { return false }
            plan.joint[index].model = next
            plan.joint[index].parameters = Parameters()
            plan.joint[index].memberParameters = [:]
            return true
        }
    }

    /// After a joint edit: says what of a member's own plan its model does not use (the grid
    /// shows it too; the message says it once, when it starts).
    static func noteUnused(_ names: [String], _ state: inout WorkbenchState) {
        guard let plan = state.document?.plan, let message = state.message, !message.isError else { return }
        var drawn: [String] = [], nullRates: [String] = []
        for name in names {
            guard let column = plan.column(named: name), let membership = JointMembership.of(name, in: plan) else { continue }
            if membership.drawnBy != nil { drawn.append("\(name) (\(column.strategy))") }
            if column.parameters["null_rate"] != nil { nullRates.append(name) }
        }
        guard let model = plan.jointGroup(of: names.first ?? "")?.model ?? names.lazy.compactMap({ plan.jointGroup(of: $0)?.model }).first,
              !drawn.isEmpty || !nullRates.isEmpty else { return }
        var notes: [String] = []
        if !drawn.isEmpty { notes.append("\(model) draws \(drawn.joined(separator: ", ")) itself: the strategy is not used") }
        if !nullRates.isEmpty { notes.append("null_rate of \(nullRates.joined(separator: ", ")) is not used") }
        state.message = StatusMessage(message.text + "; " + notes.joined(separator: "; "))
    }
}
