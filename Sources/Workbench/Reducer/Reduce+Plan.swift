import Fidelity
import Synthesis
import Tabular

extension Workbench {
    // MARK: Opening the editors

    static func openStrategyPicker(_ state: inout WorkbenchState) {
        guard let column = state.cursorColumn else { return }
        let ids = StrategyRegistry.strategies(for: column.kind).map { $0.descriptor.id }
        state.overlay = .strategyPicker(ListPicker(column: column.name, items: ids, selected: ids.firstIndex(of: column.strategy) ?? 0))
    }

    static func openKindPicker(_ state: inout WorkbenchState) {
        guard let column = state.cursorColumn else { return }
        let kinds = ColumnKind.allCases.map(\.rawValue)
        state.overlay = .kindPicker(ListPicker(column: column.name, items: kinds, selected: kinds.firstIndex(of: column.kind.rawValue) ?? 0))
    }

    static func openParameterForm(_ state: inout WorkbenchState) {
        guard let column = state.cursorColumn, let strategy = StrategyRegistry.strategy(id: column.strategy) else { return }
        let descriptor = strategy.descriptor
        let shape = shape(of: column, state)
        let schema = descriptor.schema(for: shape)
        var parameters = column.parameters
        if parameters["values"] == nil {
            for (name, value) in startingParameters(column.strategy, column: column.name, state).values { parameters[name] = value }
        }
        state.overlay = .form(ParameterForm(column: column.name, strategy: column.strategy, schema: schema, parameters: parameters,
                                            shape: shape))
        if let plan = state.document?.plan, let membership = JointMembership.of(column.name, in: plan) {
            state.message = StatusMessage(membership.drawnBy == nil
                ? "\(column.name) is in joint group '\(membership.group.name)' (\(membership.group.model)): null_rate is not used"
                : "\(column.name) is drawn by the \(membership.group.model) model: only edge_rate, clip and round apply")
        }
    }

    /// The storage shape a column's values take (which decides the numeric options).
    static func shape(of column: ColumnPlan, _ state: WorkbenchState) -> ValueShape {
        if StrategyRegistry.strategy(id: column.strategy)?.descriptor.producesText == true { return .text }
        if let real = state.document?.table.column(named: column.name) { return ValueShape(of: real.values) }
        return state.preview.fitted[column.name]?.column.shape ?? .text
    }

    // MARK: Lists and forms

    static func pickerCommand(_ command: WorkbenchCommand, _ picker: ListPicker, isKind: Bool,
                              _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        var picker = picker
        let page = max(1, state.height - 8)
        switch command {
        case .moveUp: picker.selected -= 1
        case .moveDown: picker.selected += 1
        case .pageUp: picker.selected -= page
        case .pageDown: picker.selected += page
        case .firstRow: picker.selected = 0
        case .lastRow: picker.selected = picker.items.count - 1
        case .close:
            state.overlay = nil
            return []
        case .select:
            state.overlay = nil
            guard picker.items.indices.contains(picker.selected) else { return [] }
            let choice = picker.items[picker.selected]
            return isKind ? setKind(choice, column: picker.column, &state) : setStrategy(choice, column: picker.column, &state)
        default:
            break
        }
        picker.selected = max(0, min(picker.selected, picker.items.count - 1))
        state.overlay = isKind ? .kindPicker(picker) : .strategyPicker(picker)
        return []
    }

    static func formCommand(_ command: WorkbenchCommand, _ form: ParameterForm, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        var form = form
        let count = form.fields.count
        switch command {
        case .moveUp, .previousField: form.selected = (form.selected - 1 + max(1, count)) % max(1, count)
        case .moveDown, .nextField: form.selected = (form.selected + 1) % max(1, count)
        case .nextChoice: if count > 0 { form.cycle(form.selected, by: 1) }
        case .previousChoice: if count > 0 { form.cycle(form.selected, by: -1) }
        case .deleteBackward:
            if count > 0, !ParameterForm.isChoice(form.fields[form.selected].spec), !form.fields[form.selected].text.isEmpty {
                form.fields[form.selected].text.removeLast()
                form.validate(form.selected)
            }
        case .close:
            state.overlay = nil
            return []
        case .select:
            guard form.isValid else {
                let bad = form.fields.first { $0.error != nil }!
                state.message = StatusMessage("\(bad.spec.name): \(bad.error!)", isError: true)
                state.overlay = .form(form)
                return []
            }
            let parameters = form.parameters
            if let plan = state.document?.plan, let membership = JointMembership.of(form.column, in: plan),
               let refusal = membership.refusal(column: form.column, parameters: parameters,
                                                before: plan.column(named: form.column)?.parameters ?? Parameters()) {
                // Kept open: the value is refused here, not silently ignored by the joint model.
                state.message = StatusMessage(refusal, isError: true)
                state.overlay = .form(form)
                return []
            }
            state.overlay = nil
            return edit(&state, describing: "\(form.column): parameters") { plan in
                guard let index = plan.columns.firstIndex(where: { $0.name == form.column }),
                      plan.columns[index].parameters != parameters else { return false }
                plan.columns[index].parameters = parameters
                return true
            }
        default:
            break
        }
        state.overlay = .form(form)
        return []
    }

    // MARK: Edits

    static func setStrategy(_ id: String, column name: String, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let plan = state.document?.plan else { return [] }
        let leaves = StrategyRegistry.strategy(id: id)?.descriptor.family != .statistical
        var description = "\(name): strategy \(id)"
        if let membership = JointMembership.of(name, in: plan) {
            // A member's strategy must take effect: refused where the joint model draws the
            // column itself; a made-up or derived strategy takes the column out of the group.
            if leaves {
                description += "; it left joint group '\(membership.group.name)'"
            } else if let refusal = membership.refusal(column: name, strategy: id) {
                state.message = StatusMessage(refusal, isError: true)
                return []
            }
        }
        let start = startingParameters(id, column: name, state)
        return edit(&state, describing: description) { plan in
            guard let index = plan.columns.firstIndex(where: { $0.name == name }), plan.columns[index].strategy != id else { return false }
            plan.columns[index].strategy = id
            // Parameters belong to a strategy: the new one starts from its defaults.
            plan.columns[index].parameters = start
            // A column made up or derived leaves its joint group (the model learns real columns).
            if leaves {
                for group in plan.joint.indices { plan.joint[group].columns.removeAll { $0 == name } }
                plan.joint.removeAll { $0.columns.count < 2 }
            }
            return true
        }
    }

    /// The parameters a strategy starts from on a column: its defaults, except `choice`, which
    /// starts from the column's real levels (most common first) with their counts as weights,
    /// not from an empty list the preview would refuse.
    static func startingParameters(_ strategy: String, column: String, _ state: WorkbenchState) -> Parameters {
        guard strategy == ChoiceStrategy.descriptor.id,
              let levels = state.document?.profile(named: column)?.topCategories, !levels.isEmpty else { return Parameters() }
        return Parameters(["values": .list(levels.map { ParameterValue.text($0.value) }),
                           "weights": .list(levels.map { ParameterValue.number(Double($0.count)) })])
    }

    static func setKind(_ raw: String, column name: String, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let kind = ColumnKind(rawValue: raw) else { return [] }
        let real = state.document?.table.column(named: name)
        if let real, let refusal = KindFit.refusal(kind, column: real) {
            state.message = StatusMessage(refusal, isError: true)
            return []
        }
        return edit(&state, describing: "\(name): kind \(raw)") { plan in
            guard let index = plan.columns.firstIndex(where: { $0.name == name }), plan.columns[index].kind != kind else { return false }
            plan.columns[index].kind = kind
            let supported = StrategyRegistry.strategy(id: plan.columns[index].strategy)?.descriptor.supportedKinds.contains(kind) ?? false
            if !supported {
                // The planner's default for the new kind, as `doppel plan` would choose it; for
                // numbers the planner tests distribution families on every value, too slow for
                // a key press on a large table, so the kernel density estimate (which follows
                // any shape) is taken and the picker offers the rest.
                if kind.isNumeric, StrategyRegistry.strategy(id: KDEStrategy.descriptor.id)?.descriptor.supportedKinds.contains(kind) == true {
                    plan.columns[index].strategy = KDEStrategy.descriptor.id
                    plan.columns[index].parameters = Parameters()
                } else if let real {
                    let proposal = DefaultPlanner.plan(for: Table(columns: [real]), kinds: [kind], seed: plan.seed).columns[0]
                    plan.columns[index].strategy = proposal.strategy
                    plan.columns[index].parameters = proposal.parameters
                } else {
                    plan.columns[index].strategy = StrategyRegistry.strategies(for: kind).first?.descriptor.id ?? plan.columns[index].strategy
                    plan.columns[index].parameters = Parameters()
                }
            }
            return true
        }
    }

    static func reseed(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        edit(&state, describing: "new seed") { plan in
            var generator = SplitMix64(state: plan.seed)
            // Below 2^53, like `DefaultPlanner.randomSeed`, so JSON tools keep it exact.
            plan.seed = generator.next() & ((1 << 53) - 1)
            return true
        }
    }

    static let planningRefusal = "the default plan is still being made (kinds, rules, joint model); edits wait for it"

    /// Applies an edit to the plan: undo history, preview refresh, autosave. `change` returns
    /// false when it changed nothing.
    static func edit(_ state: inout WorkbenchState, describing description: String,
                     _ change: (inout Plan) -> Bool) -> [WorkbenchEffect] {
        guard var document = state.document else { return [] }
        guard !state.planning else {
            state.message = StatusMessage(planningRefusal, isError: true)
            return []
        }
        let before = document.plan
        guard change(&document.plan) else { return [] }
        document.refitWidths()
        state.document = document
        state.history.undo.append(EditHistory.Entry(plan: before, description: description))
        state.history.redo.removeAll()
        state.message = StatusMessage(description)
        return planChanged(&state)
    }

    static func undo(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var document = state.document, let previous = state.history.undo.popLast() else {
            state.message = StatusMessage("nothing to undo")
            return []
        }
        state.history.redo.append(EditHistory.Entry(plan: document.plan, description: previous.description))
        document.plan = previous.plan
        document.refitWidths()
        state.document = document
        state.message = StatusMessage("undone: \(previous.description)")
        return planChanged(&state)
    }

    static func redo(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard var document = state.document, let next = state.history.redo.popLast() else {
            state.message = StatusMessage("nothing to redo")
            return []
        }
        state.history.undo.append(EditHistory.Entry(plan: document.plan, description: next.description))
        document.plan = next.plan
        document.refitWidths()
        state.document = document
        state.message = StatusMessage("redone: \(next.description)")
        return planChanged(&state)
    }

    /// After any change of the plan: refresh the preview and write the autosave.
    static func planChanged(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        keepCursorVisible(&state)
        var effects = requestPreview(&state)
        state.autosave.generation += 1
        effects += autosaveEffects(state)
        return effects
    }

    /// The autosave for the plan as it is now: written at once on every edit (a session file
    /// of a few kilobytes, written atomically off the UI thread), so that Ctrl-C, a closed
    /// terminal or a crash right after an edit loses nothing; removed when the edits were all
    /// undone (nothing is left to recover).
    static func autosaveEffects(_ state: WorkbenchState) -> [WorkbenchEffect] {
        guard let path = state.autosave.path, let document = state.document else { return [] }
        guard document.isDirty else { return [.removeFile(path: path)] }
        return [.writeAutosave(SessionMapping.session(for: document, state: state, savingTo: path), path: path)]
    }
}
