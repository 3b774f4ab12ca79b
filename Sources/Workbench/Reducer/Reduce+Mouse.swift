import TerminalUI

/// The mouse (`--mouse` only): the wheel runs the same commands as the arrow keys, three lines
/// a notch; a press on the grid selects the cell under it, on a list the line under it.
extension Workbench {
    static let wheelLines = 3

    static func mouse(_ event: MouseEvent, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        switch event {
        case .wheelUp, .wheelDown:
            let command: WorkbenchCommand = if case .wheelUp = event { .moveUp } else { .moveDown }
            // Lists, sheets and pages scroll; text being typed is left alone.
            guard !state.screen.takesText, state.screen != .confirm else { return [] }
            if state.overlay == nil && state.page == .grid {
                scrollGrid(by: command == .moveUp ? -wheelLines : wheelLines, &state)
                return []
            }
            var effects: [WorkbenchEffect] = []
            for _ in 0..<wheelLines { effects += run(command, &state) }
            return effects
        case .press(let x, let y):
            switch state.overlay {
            case .frequency(var sheet):
                // The list starts under the title, the heading and the column names.
                let index = sheet.top + (y - 3)
                guard sheet.levels.indices.contains(index) else { return [] }
                sheet.selected = index
                state.overlay = .frequency(sheet)
            case .describe(var sheet):
                let index = sheet.top + (y - 3) / 2
                guard y >= 3, sheet.rows.indices.contains(index) else { return [] }
                sheet.selected = index
                state.overlay = .describe(sheet)
            case .rules(var sheet):
                // One line per rule under the title, the heading and the column names.
                let index = sheet.top + (y - 3)
                guard y >= 3, y < state.height - 2, (state.rules.rules ?? []).indices.contains(index) else { return [] }
                sheet.selected = index
                state.overlay = .rules(sheet)
            case nil where state.page == .grid:
                selectCell(x: x, y: y, &state)
            default:
                break
            }
            return []
        }
    }

    /// The wheel moves the rows under a still cursor, as far as it stays on screen.
    static func scrollGrid(by lines: Int, _ state: inout WorkbenchState) {
        let page = WorkbenchLayout(state).dataRows
        let rows = gridRowCount(state)
        let top = max(0, min(state.grid.topRow + lines, rows - page))
        state.grid.cursorRow += top - state.grid.topRow
        state.grid.topRow = top
        keepCursorVisible(&state)
    }

    /// The cell at a screen position: its row from the line, its column by walking the widths
    /// drawn from the first column shown (as `GridView` draws them).
    static func selectCell(x: Int, y: Int, _ state: inout WorkbenchState) {
        guard let document = state.document else { return }
        let layout = WorkbenchLayout(state)
        guard let pane = layout.panes(state.grid.view).first(where: { $0.contains(x: x, y: y) }) else { return }
        let offset = y - pane.y - WorkbenchLayout.headerRows
        if offset >= 0 { state.grid.cursorRow = state.grid.topRow + offset }
        var left = pane.x + GridView.gutterWidth(rows: gutterRowCount(state))
        let columns = document.plan.columns
        var index = state.grid.leftColumn
        while index < columns.count, left < pane.right {
            let width = document.widths[columns[index].name] ?? 8
            if x >= left && x < left + width {
                state.grid.cursorColumn = index
                break
            }
            left += width + 1
            index += 1
        }
        keepCursorVisible(&state)
    }
}
