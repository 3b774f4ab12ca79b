import TerminalUI

/// `?`: every key of the command table, by screen.
enum HelpView {
    static let screenTitles: [(WorkbenchScreen, String)] = [
        (.grid, "Data grid"), (.picker, "Lists (strategy, kind)"), (.form, "Parameter form"),
        (.fidelity, "Fidelity dashboard"), (.help, "This help"), (.prompt, "Prompts and the : palette"), (.confirm, "Questions"),
        (.cell, "Cell view"), (.frequency, "Frequency table (F)"), (.describe, "Describe sheet (I)"),
        (.rules, "Rules panel (R)"), (.plan, "Plan sheet (P)"),
    ]

    static func lines(ascii: Bool) -> [String] {
        var lines = ["Keys (: runs any command by name; w FILE saves as, e FILE opens, q! quits)"]
        for (screen, title) in screenTitles {
            let bindings = CommandTable.bindings.filter { $0.screens.contains(screen) }
            guard !bindings.isEmpty else { continue }
            lines.append("")
            lines.append(title)
            for binding in bindings {
                let keys = binding.keyLabels(ascii: ascii).joined(separator: " ")
                lines.append("  " + DisplayWidth.pad(keys, to: 16) + DisplayWidth.pad(binding.name, to: 15) + binding.help)
            }
        }
        return lines
    }

    static func render(scroll: Int, _ state: WorkbenchState, into buffer: inout Buffer) {
        let area = Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
        buffer.fill(area, with: .blank)
        let all = lines(ascii: state.palette.isASCII)
        for (offset, line) in all.dropFirst(scroll).prefix(area.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            buffer.set(area.x + 1, area.y + offset, DisplayWidth.truncate(line, to: area.width - 2, ellipsis: state.palette.glyphs.ellipsis),
                       isHeading ? state.palette.title : .plain)
        }
    }
}
