import Synthesis
import TerminalUI

/// `?`: what the grid's marks mean (with the joint model in use), then every key of the
/// command table, by screen. Long lines wrap under their description; none is cut.
enum HelpView {
    static let screenTitles: [(WorkbenchScreen, String)] = [
        (.grid, "Data grid"), (.picker, "Lists (strategy, kind)"), (.form, "Parameter form"),
        (.fidelity, "Fidelity dashboard"), (.help, "This help"), (.prompt, "Prompts and the : palette"), (.confirm, "Questions"),
        (.cell, "Cell view"), (.frequency, "Frequency table (F)"), (.describe, "Describe sheet (I)"),
        (.rules, "Rules panel (R)"), (.plan, "Plan sheet (P)"), (.tables, "Table list (related tables)"),
    ]

    /// Where a binding's description starts (keys, then the command's name).
    static let descriptionColumn = 33

    /// The help's lines at `width` (unbounded: one line per binding).
    static func lines(ascii: Bool, plan: Plan? = nil, width: Int = .max, relational: Bool = false) -> [String] {
        var lines = Workbench.wrapHanging("Keys (: runs any command by name; w FILE saves as, e FILE opens, q! quits)", indent: 0, width: width)
        if relational {
            lines.append("")
            lines += Workbench.wrapHanging("Related tables: Enter on the table list opens a table; q or Esc on its grid goes back to the "
                + "table list (where q quits); ^S saves the relational session (every table's plan) from either", indent: 0, width: width)
        }
        lines.append("")
        lines.append("Marks in the grid's header")
        for text in marks(plan) { lines += Workbench.wrapHanging("  " + text, indent: 4, width: width) }
        for (screen, title) in screenTitles {
            let bindings = CommandTable.bindings.filter { $0.screens.contains(screen) }
            guard !bindings.isEmpty else { continue }
            lines.append("")
            lines.append(title)
            for binding in bindings {
                let keys = binding.keyLabels(ascii: ascii).joined(separator: " ")
                // A name as long as its column still gets a space before the help.
                let name = DisplayWidth.pad(binding.name, to: 15)
                let line = "  " + DisplayWidth.pad(keys, to: 16) + name + (name.hasSuffix(" ") ? "" : " ") + binding.help
                lines += Workbench.wrapHanging(line, indent: descriptionColumn, width: width)
            }
        }
        return lines
    }

    /// The marks, with the joint model of this plan (never one it does not use).
    static func marks(_ plan: Plan?) -> [String] {
        var lines = ["int kde    the column's kind, then its strategy (what draws its values)",
                     "!          the preview failed at this column (the column panel, Enter, says why)"]
        if let group = plan?.joint.first, let descriptor = JointRegistry.strategy(id: group.model)?.descriptor {
            lines.append("J          in joint group '\(group.name)', model \(group.model): \(descriptor.help). "
                + "Members are drawn together; null_rate does not apply to them (the model draws nulls at the real rate)")
            if group.model == CARTStrategy.descriptor.id {
                lines.append("J int cart the first member comes from its own strategy; each later one from real values in a tree's leaf "
                    + "(norm, logreg, polyreg: a regression), so its header shows that instead of its strategy")
            }
        } else {
            lines.append("J          in the joint group, drawn with its other columns so relations survive (J makes one, "
                + "a gaussian_copula; M switches its model)")
        }
        return lines
    }


    static func render(scroll: Int, _ state: WorkbenchState, into buffer: inout Buffer) {
        let area = Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
        buffer.fill(area, with: .blank)
        let all = lines(ascii: state.palette.isASCII, plan: state.document?.plan, width: max(1, area.width - 2),
                        relational: state.relational != nil)
        for (offset, line) in all.dropFirst(scroll).prefix(area.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.set(area.x + 1, area.y + offset, line, isHeading ? state.palette.title : .plain)
        }
    }
}
