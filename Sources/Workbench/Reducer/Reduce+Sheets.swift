import TerminalUI

/// The frequency table (`F`) and the describe sheet (`I`): opening them, and their keys.
extension Workbench {
    static func openFrequency(_ state: inout WorkbenchState) {
        guard let column = state.cursorColumn else { return }
        state.overlay = .frequency(FrequencySheet(column: column.name, state: state))
    }

    static func openDescribe(_ state: inout WorkbenchState) {
        guard state.document != nil else { return }
        var sheet = DescribeSheet(state: state)
        // Opens on the cursor's column, scrolled to it.
        sheet.top = scrolled(0, keeping: sheet.selected, page: max(1, sheetPage(state) / 2))
        state.overlay = .describe(sheet)
    }

    /// Keys on the frequency table: move, Enter narrows the grid's filter to the level.
    static func frequencyCommand(_ command: WorkbenchCommand, _ sheet: FrequencySheet, _ state: inout WorkbenchState) {
        var sheet = sheet
        if command == .close {
            state.overlay = nil
            return
        }
        if command == .select {
            guard sheet.levels.indices.contains(sheet.selected) else { return }
            let level = sheet.levels[sheet.selected]
            state.overlay = nil
            state.grid.query.filters.append(.level(column: sheet.column, text: level.text))
            applyQuery(&state)
            resetRowCursor(&state)
            state.message = StatusMessage("filter: " + (filterSummary(state) ?? ""))
            return
        }
        sheet.selected = moved(sheet.selected, count: sheet.levels.count, by: command, page: sheetPage(state))
        sheet.top = scrolled(sheet.top, keeping: sheet.selected, page: sheetPage(state))
        state.overlay = .frequency(sheet)
    }

    static func describeCommand(_ command: WorkbenchCommand, _ sheet: DescribeSheet, _ state: inout WorkbenchState) {
        var sheet = sheet
        if command == .close {
            state.overlay = nil
            return
        }
        if command == .select {
            // Enter: back to the grid on that column.
            state.overlay = nil
            state.grid.cursorColumn = sheet.selected
            keepCursorVisible(&state)
            return
        }
        // Two lines per column (real, synthetic).
        let page = max(1, sheetPage(state) / 2)
        sheet.selected = moved(sheet.selected, count: sheet.rows.count, by: command, page: page)
        sheet.top = scrolled(sheet.top, keeping: sheet.selected, page: page)
        state.overlay = .describe(sheet)
    }

    /// Lines of a sheet's list: the screen less the title, the sheet's heading and the status line.
    static func sheetPage(_ state: WorkbenchState) -> Int { max(1, state.height - 4) }

    static func moved(_ index: Int, count: Int, by command: WorkbenchCommand, page: Int) -> Int {
        let next = switch command {
        case .moveUp: index - 1
        case .moveDown: index + 1
        case .pageUp: index - page
        case .pageDown: index + page
        case .firstRow: 0
        case .lastRow: count - 1
        default: index
        }
        return max(0, min(next, count - 1))
    }

    static func scrolled(_ top: Int, keeping selected: Int, page: Int) -> Int {
        if selected < top { return selected }
        if selected >= top + page { return selected - page + 1 }
        return top
    }
}
