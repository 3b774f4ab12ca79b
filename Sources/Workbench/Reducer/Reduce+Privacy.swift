import Session
import Synthesis

/// `:privacy strict|balanced|off`: the joint model chosen again as `doppel plan --privacy`
/// chooses it (candidates measured on rows held back), as one undoable plan edit. The plan's
/// other edits stay; the joint groups and their members' strategies are the new choice's.
extension Workbench {
    static func choosePrivacy(_ argument: String?, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        guard let word = argument, let setting = PrivacySetting(rawValue: word) else {
            let current = document.plan.privacy.map { " (now \($0.rawValue))" } ?? ""
            state.message = StatusMessage("usage: :privacy strict|balanced|off\(current)", isError: true)
            return []
        }
        var base = document.plan
        base.joint = []
        let outcome = JointModelChoice.choose(for: base, table: document.table, candidates: JointModelChoice.allCandidates, privacy: setting)
        let chosen = outcome.plan.joint.map(\.model)
        var description = "privacy \(setting.rawValue): " + (chosen.isEmpty ? "marginals alone" : chosen.joined(separator: ", "))
        if let trial = outcome.trials.first(where: { $0.model == chosen.first }), let measured = trial.privacy {
            description += " (" + measured.summary + ")"
        }
        if let shortfall = outcome.privacyShortfall { description += "; " + shortfall.message }
        return edit(&state, describing: description) { plan in
            let members = Set(outcome.plan.joint.flatMap(\.columns) + plan.joint.flatMap(\.columns))
            for index in plan.columns.indices where members.contains(plan.columns[index].name) {
                if let column = outcome.plan.column(named: plan.columns[index].name) { plan.columns[index] = column }
            }
            plan.joint = outcome.plan.joint
            plan.privacy = setting
            return true
        }
    }
}
