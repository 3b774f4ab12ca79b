import TerminalUI

extension Workbench {
    /// Draws the whole screen for `state` into `buffer` (sized to the screen). Pure, and
    /// proportional to the screen, not to the data.
    public static func render(_ state: WorkbenchState, into buffer: inout Buffer) {
        buffer.fill(buffer.area, with: .blank)
        let layout = WorkbenchLayout(state)
        let palette = state.palette
        switch state.phase {
        case .loading(let text):
            buffer.set(1, state.height / 2, palette.ui(text), palette.muted)
            StatusBar.hints(state, layout: layout, into: &buffer)
            return
        case .failed(let message):
            buffer.set(1, 0, "doppel: could not open", palette.title)
            var y = 2
            for line in wrap(message, width: max(10, state.width - 2)) where y < state.height - 1 {
                buffer.set(1, y, line, palette.bad)
                y += 1
            }
            buffer.set(1, state.height - 1, "q quits", palette.muted)
            return
        case .ready:
            break
        }
        if let relational = state.relational, relational.open == nil {
            TableListView.render(state, into: &buffer)
            if case .help(let scroll) = state.overlay { HelpView.render(scroll: scroll, state, into: &buffer) }
            StatusBar.bottom(state, area: layout.status, into: &buffer)
            return
        }
        StatusBar.title(state, area: layout.title, into: &buffer)
        switch state.page {
        case .grid:
            GridView.render(state, layout: layout, into: &buffer)
            if let panel = layout.panel { InspectPanel.render(state, area: panel, into: &buffer) }
        case .fidelity:
            FidelityDashboard.render(state, area: Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2)), into: &buffer)
        }
        switch state.overlay {
        case .strategyPicker(let picker): OverlayView.strategyPicker(picker, state, into: &buffer)
        case .kindPicker(let picker): OverlayView.kindPicker(picker, state, into: &buffer)
        case .form(let form): OverlayView.form(form, state, into: &buffer)
        case .help(let scroll): HelpView.render(scroll: scroll, state, into: &buffer)
        case .cell(let view): OverlayView.cell(view, state, into: &buffer)
        case .frequency(let sheet): FrequencyView.render(sheet, state, into: &buffer)
        case .describe(let sheet): DescribeView.render(sheet, state, into: &buffer)
        case .rules(let sheet): RulesView.render(sheet, state, into: &buffer)
        case .planSheet(let scroll): PlanSheetView.render(scroll: scroll, state, into: &buffer)
        case .prompt(let prompt) where prompt.purpose == .palette: OverlayView.paletteMatches(prompt, state, into: &buffer)
        case .confirm(.recoverAutosave(_, let path)): RecoveryPrompt.render(path: path, state, into: &buffer)
        default: break
        }
        StatusBar.bottom(state, area: layout.status, into: &buffer)
    }
}
