import TerminalUI

/// `/`, `n`, `N`: searching the values of the cursor's column, through the sort and filter.
extension Workbench {
    /// `/` then Enter: the next row at or after the cursor whose value in the cursor's column
    /// contains the text, ignoring case (from the top again past the last row).
    static func search(_ text: String, _ state: inout WorkbenchState) {
        guard !text.isEmpty else { return }
        state.grid.search = text
        findMatch(forward: true, from: state.grid.cursorRow, &state)
    }

    /// `n` and `N`: the next or previous match of the last search.
    static func searchAgain(forward: Bool, _ state: inout WorkbenchState) {
        guard state.grid.search != nil else {
            state.message = StatusMessage("nothing searched yet: / searches the column's values", isError: true)
            return
        }
        findMatch(forward: forward, from: state.grid.cursorRow + (forward ? 1 : -1), &state)
    }

    private static func findMatch(forward: Bool, from start: Int, _ state: inout WorkbenchState) {
        guard let query = state.grid.search?.lowercased(), let column = state.cursorColumn else { return }
        // The side searched is the one shown (the real side of the side-by-side view).
        let synthetic = state.grid.view == .synthetic
        let count = shownRowCount(synthetic: synthetic, state)
        guard count > 0, let values = RowOrdering.column(column.name, synthetic: synthetic, in: state) else {
            state.message = StatusMessage("no rows to search", isError: true)
            return
        }
        for step in 0..<count {
            let row = ((start + (forward ? step : -step)) % count + count) % count
            guard let data = dataRow(row, synthetic: synthetic, state),
                  let text = CellText.text(values.values, validity: values.validity, row: data),
                  text.lowercased().contains(query) else { continue }
            let wrapped = forward ? row < start : row > start
            state.grid.cursorRow = row
            keepCursorVisible(&state)
            state.message = StatusMessage("\(column.name): '\(state.grid.search!)'" + (wrapped ? " (from the other end)" : ""))
            return
        }
        state.message = StatusMessage("no value of \(column.name) contains '\(state.grid.search!)'", isError: true)
    }
}
