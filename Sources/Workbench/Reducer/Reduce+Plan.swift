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

    /// The next joint model for the cursor's group (or the first group), its parameters reset.
    static func cycleJointModel(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let plan = state.document?.plan, !plan.joint.isEmpty else {
            state.message = StatusMessage("no joint group yet: J adds the column to one", isError: true)
            return []
        }
        let index = state.cursorColumn.flatMap { column in plan.joint.firstIndex { $0.columns.contains(column.name) } } ?? 0
        let ids = JointRegistry.ids
        let next = ids[((ids.firstIndex(of: plan.joint[index].model) ?? -1) + 1) % ids.count]
        defer { noteUnused(plan.joint[index].columns, &state) }
        return edit(&state, describing: "joint group '\(plan.joint[index].name)': \(next)") { plan in
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

    static func reseed(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        edit(&state, describing: "new seed") { plan in
            var generator = SplitMix64(state: plan.seed)
            // Below 2^53, like `DefaultPlanner.randomSeed`, so JSON tools keep it exact.
            plan.seed = generator.next() & ((1 << 53) - 1)
            return true
        }
    }

    /// Applies an edit to the plan: undo history, preview refresh, autosave. `change` returns
    /// false when it changed nothing.
    static func edit(_ state: inout WorkbenchState, describing description: String,
                     _ change: (inout Plan) -> Bool) -> [WorkbenchEffect] {
        guard var document = state.document else { return [] }
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

    // MARK: Preview

    /// Asks for the preview of the current plan, reusing every fitted model and generated
    /// column that the edit left valid.
    static func requestPreview(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        let plan = document.plan
        let total = document.totalRows
        let outputs = plan.outputColumns
        var reuseFitted: [String: PreviewState.Fitted] = [:]
        // Whole plans (joint groups, constraints, conditions) are fitted and sampled together.
        for column in outputs where !PreviewBuilder.needsWholePlan(plan) {
            if let fitted = state.preview.fitted[column.name], fitted.plan == column { reuseFitted[column.name] = fitted }
        }
        var reuseGenerated: [String: PreviewState.Generated] = [:]
        for column in outputs {
            if reuseFitted[column.name] != nil, let generated = state.preview.generated[column.name], generated.plan == column,
               generated.seed == plan.seed, generated.totalRows == total {
                reuseGenerated[column.name] = generated
            }
        }
        // A column that reads a regenerated column is regenerated too (to a fixed point).
        var changed = true
        while changed {
            changed = false
            for (name, _) in reuseGenerated {
                let dependencies = reuseFitted[name]?.column.model.dependencies ?? []
                if dependencies.contains(where: { reuseGenerated[$0] == nil }) {
                    reuseGenerated[name] = nil
                    changed = true
                }
            }
        }
        state.preview.generation += 1
        state.preview.pending = true
        return [.buildPreview(PreviewJob(generation: state.preview.generation, table: document.table, plan: plan,
                                         totalRows: total, reuseFitted: reuseFitted, reuseGenerated: reuseGenerated))]
    }

    static func previewBuilt(_ generation: Int, _ result: PreviewResult, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard generation == state.preview.generation, let document = state.document else { return [] }
        state.preview.pending = false
        state.preview.fitted = result.fitted
        // A failed preview keeps the last good rows of the columns it could not make, marked
        // stale, instead of blanking them: what the edit broke stays comparable.
        var generated = result.generated
        var stale: Set<String> = []
        if !result.errors.isEmpty {
            for (name, previous) in state.preview.generated where generated[name] == nil
                && document.plan.outputColumns.contains(where: { $0.name == name }) {
                generated[name] = previous
                stale.insert(name)
            }
        }
        state.preview.generated = generated
        state.preview.stale = stale
        state.preview.errors = result.errors
        if let message = previewFailure(result.errors, state) { state.message = StatusMessage(message, isError: true) }
        RowOrdering.refreshSynthetic(&state)
        if let restore = state.grid.restoreRows {
            state.grid.restoreRows = nil
            state.grid.cursorRow = restore.cursorRow
            state.grid.topRow = restore.topRow
        }
        keepCursorVisible(&state)
        // Fidelity of this preview, on the columns that were generated.
        let names = document.plan.outputColumns.map(\.name).filter { result.generated[$0] != nil }
        guard stale.isEmpty else { return [] }
        guard !names.isEmpty else { return [] }
        let rows = min(document.realSample.rowCount, state.preview.rowCount)
        let columns = names.map { name -> Column in
            let values = result.generated[name]!.values
            return Column(name: name, values: values.values, validity: values.validity)
        }
        var kinds: [String: ColumnKind] = [:]
        for column in document.plan.columns { kinds[column.name] = column.kind }
        state.fidelity.generation = generation
        state.fidelity.qualityPending = true
        state.fidelity.error = nil
        let job = FidelityJob(generation: generation, real: document.realSample, syntheticColumns: columns, rows: rows,
                              holdout: document.holdout, kinds: kinds, seed: document.plan.seed)
        state.fidelity.privacyJob = job
        state.fidelity.privacy = nil
        state.fidelity.privacyPending = false
        return [.computeQuality(job)] + requestPrivacyIfShown(&state)
    }

    /// The whole error of a failed preview: the column, the message, and the edit to undo.
    static func previewFailure(_ errors: [String: String], _ state: WorkbenchState) -> String? {
        let order = state.document?.plan.columns.map(\.name) ?? []
        guard let key = errors.keys.min(by: { (order.firstIndex(of: $0) ?? -1) < (order.firstIndex(of: $1) ?? -1) }),
              let error = errors[key] else { return nil }
        var text = "preview failed" + (key == PreviewBuilder.planKey ? "" : " at \(key)") + ": " + error
        if let last = state.history.undo.last { text += "; u undoes the last edit (\(last.description))" }
        if !state.preview.stale.isEmpty { text += "; the rows shown are the last good ones" }
        return text
    }

    /// Asks for the privacy figures of the newest preview when a screen that shows them is open.
    static func requestPrivacyIfShown(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let job = state.fidelity.privacyJob, state.page == .fidelity || state.grid.inspect else { return [] }
        state.fidelity.privacyJob = nil
        state.fidelity.privacyPending = true
        return [.computePrivacy(job)]
    }
}
