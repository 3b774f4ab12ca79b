import Fidelity
import Synthesis
import Tabular

/// The rules panel (`R`): the rules found in the real data, and accepting, dropping and
/// editing each as an ordinary plan edit. Discovery and the preview's check are effects.
extension Workbench {
    static func openRules(_ state: inout WorkbenchState) {
        guard state.document != nil else { return }
        state.overlay = .rules(RulesSheet())
        if state.rules.rules == nil { state.message = StatusMessage("finding the rules of the real data…") }
    }

    static func rulesCommand(_ command: WorkbenchCommand, _ sheet: RulesSheet, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        var sheet = sheet
        let rules = state.rules.rules ?? []
        let rule = rules.indices.contains(sheet.selected) ? rules[sheet.selected] : nil
        switch command {
        case .close:
            state.overlay = nil
            return []
        case .showPlan:
            state.overlay = .planSheet(scroll: 0)
            return []
        case .undo: return undo(&state)
        case .redo: return redo(&state)
        case .acceptRule: return rule.map { acceptRule($0, &state) } ?? []
        case .dropRule: return rule.map { dropRule($0, &state) } ?? []
        case .editRule: return rule.map { editRule($0, &state) } ?? []
        default:
            // Two lines per rule do not fit; one line each, the page less the heading lines.
            let page = max(1, state.height - 5)
            sheet.selected = moved(sheet.selected, count: rules.count, by: command, page: page)
            sheet.top = scrolled(sheet.top, keeping: sheet.selected, page: page)
            state.overlay = .rules(sheet)
            return []
        }
    }

    static func acceptRule(_ rule: DataRule, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        if RulePlacement.isInForce(rule, in: document.plan) {
            state.message = StatusMessage("\(rule.text): in force already")
            return []
        }
        let accepted = RuleEdits.accept(rule, in: document.plan, table: document.table, rules: state.rules.rules ?? [])
        guard accepted != document.plan else {
            // RulePlanner replaces models only: a column made up, kept, dropped or computed by hand stays.
            state.message = StatusMessage("\(rule.text): not put in; a column it names is not modelled (s sets a model)",
                                          isError: true)
            return []
        }
        return edit(&state, describing: "rule accepted: \(rule.text)") { plan in
            plan = accepted
            return true
        }
    }

    static func dropRule(_ rule: DataRule, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        guard RulePlacement.isInForce(rule, in: document.plan) else {
            state.message = StatusMessage("\(rule.text): not in the plan")
            return []
        }
        let dropped = RuleEdits.drop(rule, in: document.plan, sample: document.realSample)
        return edit(&state, describing: "rule dropped: \(rule.text)") { plan in
            guard plan != dropped else { return false }
            plan = dropped
            return true
        }
    }

    /// A derived column opens its parameter form (the formula, the lookup's keys); an order
    /// switches between swapping and rejecting.
    static func editRule(_ rule: DataRule, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        if let name = RulePlacement.column(of: rule, in: document.plan),
           let index = document.plan.columns.firstIndex(where: { $0.name == name }) {
            state.overlay = nil
            state.grid.cursorColumn = index
            keepCursorVisible(&state)
            openParameterForm(&state)
            return []
        }
        guard RulePlacement.constraint(of: rule, in: document.plan) != nil else {
            state.message = StatusMessage("\(rule.text): not in the plan (a accepts it)")
            return []
        }
        let rules = state.rules.rules ?? []
        guard let switched = RuleEdits.switchEnforcement(rule, in: document.plan, rules: rules) else {
            let reason: String
            if case .order(let smaller, let larger, _) = rule.form {
                reason = (RuleEdits.swapRefusal(smaller, larger, in: document.plan, rules: rules) ?? "") + "; kept by drawing rows again"
            } else {
                // A null implication has one repair: the implied value made missing.
                reason = "kept by making the value missing; d drops it"
            }
            state.message = StatusMessage("\(rule.text): \(reason)", isError: true)
            return []
        }
        let repair = RulePlacement.constraint(of: rule, in: switched).flatMap { switched.constraints[$0].enforce } ?? .reject
        let how = repair == .swap ? "swap the two values" : "draw the row again"
        return edit(&state, describing: "\(rule.text): \(how) where it breaks") { plan in
            plan = switched
            return true
        }
    }

    // MARK: Discovery and the preview's check

    /// After a load: the rules the default plan found, or a discovery in the background.
    static func startRules(_ result: LoadResult, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        state.rules = RulesState(generation: state.rules.generation + 1, rules: result.rules)
        guard result.rules == nil else { return [] }
        let document = result.document
        let kinds = document.table.columnNames.map { document.plan.column(named: $0)?.kind ?? .text }
        return [.discoverRules(RulesJob(generation: state.rules.generation, table: document.table, kinds: kinds))]
    }

    static func rulesDiscovered(_ generation: Int, _ rules: [DataRule], _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard generation == state.rules.generation else { return [] }
        state.rules.rules = rules
        return requestRuleCheck(&state)
    }

    /// Checks the newest preview against the rules, once both are there.
    static func requestRuleCheck(_ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let rules = state.rules.rules, !rules.isEmpty, let document = state.document,
              state.fidelity.generation == state.preview.generation else { return [] }
        let names = document.plan.outputColumns.map(\.name).filter { state.preview.generated[$0] != nil }
        guard !names.isEmpty else { return [] }
        let columns = names.map { name -> Column in
            let values = state.preview.generated[name]!.values
            return Column(name: name, values: values.values, validity: values.validity)
        }
        let rows = min(document.realSample.rowCount, state.preview.rowCount)
        return [.checkRules(RuleCheckJob(generation: state.fidelity.generation, rules: rules, syntheticColumns: columns, rows: rows))]
    }
}
