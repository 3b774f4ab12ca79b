import TerminalUI

/// `P`: the plan-wide settings, each with what it does (`PlanSummary.lines`).
enum PlanSheetView {
    static func render(scroll: Int, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let area = Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
        buffer.fill(area, with: .blank)
        guard area.height >= 2, let plan = state.document?.plan else { return }
        let ellipsis = palette.glyphs.ellipsis
        let heading = "Plan-wide settings: they apply to every generated row and are saved with the session"
        buffer.set(1, area.y, DisplayWidth.truncate(palette.ui(heading), to: area.width - 2, ellipsis: ellipsis), palette.title)
        for (offset, line) in PlanSummary.lines(plan).dropFirst(scroll).prefix(area.height - 1).enumerated() {
            buffer.set(1, area.y + 1 + offset, DisplayWidth.truncate(palette.ui(line.text), to: area.width - 2, ellipsis: ellipsis),
                       line.isHeading ? palette.title : .plain, within: area)
        }
    }
}
