import Synthesis
import Tabular
import TerminalUI

/// Browsing without changing anything: sort, filter and compact headers (value search and the
/// sheets have their own files). None of it touches the plan, the undo history or the autosave.
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
