import Synthesis
import Tabular
import TerminalUI

/// Browsing without changing anything: sort, filter, value search, frequency and describe
/// sheets, compact headers. None of it touches the plan, the undo history or the autosave.
extension Workbench {
    /// `[` and `]`: sort by the cursor's column; the same key again goes back to file order.
    static func sort(descending: Bool, _ state: inout WorkbenchState) {
        guard let column = state.cursorColumn else { return }
        let wanted = RowSort(column: column.name, descending: descending)
        let unsorting = state.grid.query.sort == wanted
        state.grid.query.sort = unsorting ? nil : wanted
        applyQuery(&state)
        state.message = StatusMessage(unsorting ? "rows in file order"
            : "sorted by \(column.name), \(descending ? "descending" : "ascending")")
    }

    /// `|` or `:filter FORMULA`: only rows where the formula is true; empty shows every row.
    /// A formula that does not parse or check leaves the filter as it was and says why.
    static func setFilter(_ text: String, _ state: inout WorkbenchState) {
        let formula = text.trimmingCharacters(in: .whitespaces)
        let previous = state.grid.query
        state.grid.query.filters = formula.isEmpty ? [] : [.formula(formula)]
        do {
            try RowOrdering.refresh(&state)
        } catch {
            state.grid.query = previous
            try? RowOrdering.refresh(&state)
            state.message = StatusMessage("filter not applied: \(error.description)", isError: true)
            return
        }
        resetRowCursor(&state)
        state.message = StatusMessage(formula.isEmpty ? "all rows" : "filter: " + filterSummary(state)!)
    }

    /// Recomputes the row order after the query changed (a formula already accepted compiles).
    static func applyQuery(_ state: inout WorkbenchState) {
        do {
            try RowOrdering.refresh(&state)
        } catch {
            state.message = StatusMessage(error.description, isError: true)
        }
        keepCursorVisible(&state)
    }

    static func resetRowCursor(_ state: inout WorkbenchState) {
        state.grid.cursorRow = 0
        state.grid.topRow = 0
        keepCursorVisible(&state)
    }

    /// `price > 1000 (1,234 of 53,940 rows)`: the filter and what it keeps of the side shown.
    static func filterSummary(_ state: WorkbenchState) -> String? {
        guard let description = state.grid.query.filterDescription else { return nil }
        let synthetic = state.grid.view == .synthetic
        let kept = shownRowCount(synthetic: synthetic, state), all = RowOrdering.rowCount(synthetic: synthetic, in: state)
        return "\(description) (\(StatusBar.grouped(kept)) of \(StatusBar.grouped(all)) rows)"
    }

    // MARK: Value search

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

    // MARK: Sheets

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

    /// `b`: compact headers on or off; the widths follow.
    static func toggleCompactHeaders(_ state: inout WorkbenchState) {
        guard var document = state.document else { return }
        document.compactHeaders.toggle()
        document.refitWidths()
        state.document = document
        state.message = StatusMessage(document.compactHeaders ? "compact headers (b again: full badges)" : "full badges")
        keepCursorVisible(&state)
    }
}
