import Fidelity
import Synthesis
import Tabular
import TerminalUI

/// `R`: one line per rule found in the real data — in force in the plan or not, the rule, its
/// kind, its support in the real rows and the share of preview rows that break it — and, under
/// the list, what the highlighted rule is in the plan.
enum RulesView {
    static let statusWidth = 8, kindWidth = 12, supportWidth = 7, previewWidth = 9

    static func render(_ sheet: RulesSheet, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let area = Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
        buffer.fill(area, with: .blank)
        guard area.height >= 4, let plan = state.document?.plan, let table = state.document?.table else { return }
        let ellipsis = palette.glyphs.ellipsis
        guard let rules = state.rules.rules else {
            buffer.set(1, area.y, palette.ui("finding the rules of the real data…"), palette.muted, within: area)
            return
        }
        let inForce = rules.map { RulePlacement.isInForce($0, in: plan) }
        let heading = "Rules found in the real data: \(rules.count), \(inForce.filter { $0 }.count) in force · preview: rows breaking each"
        buffer.set(1, area.y, DisplayWidth.truncate(palette.ui(heading), to: area.width - 2, ellipsis: ellipsis), palette.title)
        let ruleWidth = max(8, area.width - 1 - statusWidth - kindWidth - supportWidth - previewWidth - 5)
        func line(_ status: String, _ rule: String, _ kind: String, _ support: String, _ preview: String) -> String {
            " " + CellText.fit(status, width: statusWidth, number: false, ellipsis: ellipsis)
                + " " + CellText.fit(rule, width: ruleWidth, number: false, ellipsis: ellipsis)
                + " " + CellText.fit(kind, width: kindWidth, number: false, ellipsis: ellipsis)
                + " " + CellText.fit(support, width: supportWidth, number: true, ellipsis: ellipsis)
                + " " + CellText.fit(preview, width: previewWidth, number: true, ellipsis: ellipsis)
        }
        buffer.set(0, area.y + 1, line("in plan", "rule", "kind", "support", "preview"), palette.muted, within: area)
        let listTop = area.y + 2
        let visible = max(0, area.bottom - 1 - listTop)
        let checked = state.preview.pending ? nil : state.fidelity.rules
        for (offset, index) in (sheet.top..<min(rules.count, sheet.top + visible)).enumerated() {
            let rule = rules[index]
            let preview = checked.flatMap { $0.entries.indices.contains(index) ? $0.entries[index].synthetic : nil }
                .map { RuleAdherence.percent($0.violationRate) } ?? ellipsis
            let status = !inForce[index] ? "-" : RulePlacement.isEdited(rule, in: plan, table: table) ? "edited" : "in force"
            let text = line(status, palette.text(rule.text), rule.kindName,
                            RuleAdherence.supportPercent(rule.support), preview)
            let style: Style = inForce[index] ? .plain : palette.muted
            buffer.set(0, listTop + offset, text, index == sheet.selected ? style.adding(.reverse) : style, within: area)
        }
        if rules.isEmpty {
            buffer.set(1, listTop, palette.ui("no rules hold in the real data"), palette.muted, within: area)
        } else if rules.indices.contains(sheet.selected) {
            let detail = detail(rules[sheet.selected], plan: plan)
            buffer.set(1, area.bottom - 1, DisplayWidth.truncate(palette.ui(detail), to: area.width - 2, ellipsis: ellipsis),
                       palette.title, within: area)
        }
    }

    /// What the rule is in the plan, or how to put it there.
    static func detail(_ rule: DataRule, plan: Plan) -> String {
        if let name = RulePlacement.column(of: rule, in: plan), let column = plan.column(named: name) {
            return "in the plan: \(name) is \(column.strategy) \(PlanSummary.formulaText(column)) (e edits it, d drops it)"
        }
        if let index = RulePlacement.constraint(of: rule, in: plan) {
            return "in the plan: " + PlanSummary.describe(plan.constraints[index]) + " (e switches swap/reject, d drops it)"
        }
        return "not in the plan: a puts it in (\(rule.text))"
    }
}
