import Synthesis
import Tabular
import TerminalUI

extension Workbench {
    /// Commands on the data grid.
    static func gridCommand(_ command: WorkbenchCommand, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        guard let document = state.document else { return [] }
        let columnCount = document.plan.columns.count
        let rows = gridRowCount(state)
        let page = WorkbenchLayout(state).dataRows
        switch command {
        case .moveLeft: state.grid.cursorColumn = max(0, state.grid.cursorColumn - 1)
        case .moveRight: state.grid.cursorColumn = min(max(0, columnCount - 1), state.grid.cursorColumn + 1)
        case .moveUp: state.grid.cursorRow -= 1
        case .moveDown: state.grid.cursorRow += 1
        case .pageUp: state.grid.cursorRow -= page; state.grid.topRow -= page
        case .pageDown: state.grid.cursorRow += page; state.grid.topRow += page
        case .firstRow: state.grid.cursorRow = 0
        case .lastRow: state.grid.cursorRow = rows - 1
        case .firstColumn: state.grid.cursorColumn = 0
        case .lastColumn: state.grid.cursorColumn = max(0, columnCount - 1)
        case .jumpToColumn: state.overlay = .prompt(Prompt(purpose: .jumpToColumn))
        case .searchValue:
            if let column = state.cursorColumn {
                // Empty: a new search (n and N repeat the last one).
                state.overlay = .prompt(Prompt(purpose: .searchValue(column: column.name)))
            }
        case .searchNext: searchAgain(forward: true, &state)
        case .searchPrevious: searchAgain(forward: false, &state)
        case .sortAscending: sort(descending: false, &state)
        case .sortDescending: sort(descending: true, &state)
        case .filter:
            let current = state.grid.query.filters.count == 1 ? state.grid.query.filters.first : nil
            let text = if case .formula(let formula)? = current { formula } else { "" }
            state.overlay = .prompt(Prompt(purpose: .filter, text: text))
        case .frequency: openFrequency(&state)
        case .describe: openDescribe(&state)
        case .showRules: openRules(&state)
        case .showPlan: state.overlay = .planSheet(scroll: 0)
        case .compactHeaders: toggleCompactHeaders(&state)
        case .viewCell: openCellView(&state)
        case .fitColumnWidth:
            if let column = state.cursorColumn {
                setWidth(of: column.name, to: fittedWidth(state, column: column.name), &state)
            }
        case .setColumnWidth:
            if let column = state.cursorColumn {
                state.overlay = .prompt(Prompt(purpose: .columnWidth(column: column.name),
                                               text: String(document.widths[column.name] ?? 8)))
            }
        case .toggleInspect:
            state.grid.inspect.toggle()
            // The panel takes rows from the grid: the cursor's row stays on screen.
            keepCursorVisible(&state)
            return requestPrivacyIfShown(&state)
        case .cycleView:
            let views = GridState.View.allCases
            state.grid.view = views[(views.firstIndex(of: state.grid.view)! + 1) % views.count]
            state.message = StatusMessage("showing " + viewName(state.grid.view))
        case .showFidelity:
            state.page = .fidelity
            state.fidelityScroll = 0
            return requestPrivacyIfShown(&state)
        case .help: state.overlay = .help(scroll: 0)
        case .palette: state.overlay = .prompt(Prompt(purpose: .palette))
        case .chooseStrategy: openStrategyPicker(&state)
        case .editParameters: openParameterForm(&state)
        case .changeKind: openKindPicker(&state)
        case .reseed: return reseed(&state)
        case .toggleJoint: return toggleJoint(&state)
        case .condition: return planCommand("where", argument: nil, &state)
        case .rebalance: return planCommand("rebalance", argument: nil, &state)
        case .constrain: return planCommand("constrain", argument: nil, &state)
        case .predictors:
            state.message = StatusMessage("usage: :predictors COLUMN A,B", isError: true)
            return []
        case .privacy: return choosePrivacy(nil, &state)
        case .cycleJointModel: return cycleJointModel(&state)
        case .undo: return undo(&state)
        case .redo: return redo(&state)
        case .save: return save(&state, askName: false, thenQuit: false)
        case .saveAs: return save(&state, askName: true, thenQuit: false)
        case .open: state.overlay = .prompt(Prompt(purpose: .open))
        case .quit: return quit(&state)
        default: break
        }
        keepCursorVisible(&state)
        return []
    }

    /// Commands on the fidelity page; nil for those the grid handles the same way.
    static func fidelityCommand(_ command: WorkbenchCommand, _ state: inout WorkbenchState) -> [WorkbenchEffect]? {
        let page = max(1, state.height - 3)
        switch command {
        case .moveUp: state.fidelityScroll = max(0, state.fidelityScroll - 1)
        case .moveDown: state.fidelityScroll += 1
        case .pageUp: state.fidelityScroll = max(0, state.fidelityScroll - page)
        case .pageDown: state.fidelityScroll += page
        case .firstRow: state.fidelityScroll = 0
        case .lastRow: state.fidelityScroll = Int.max / 2
        case .close, .showFidelity: state.page = .grid
        case .reseed, .save, .help, .palette, .forceQuit, .showRules, .showPlan: return nil
        default: break
        }
        // Scroll no further than the last screenful of the page.
        let content = FidelityDashboard.content(state, width: max(1, state.width - 2)).area.height
        state.fidelityScroll = max(0, min(state.fidelityScroll, content - max(1, state.height - 2)))
        return []
    }

    static func helpCommand(_ command: WorkbenchCommand, scroll: Int, _ state: inout WorkbenchState) -> [WorkbenchEffect] {
        if case .close = command {
            state.overlay = nil
            return []
        }
        let lines = HelpView.lines(ascii: state.palette.isASCII, plan: state.document?.plan, width: max(1, state.width - 2),
                                   relational: state.relational != nil).count
        // Scroll positions run from 0 to the last screenful: moved over that many positions.
        let positions = lines - (state.height - 2) + 1
        state.overlay = .help(scroll: moved(scroll, count: positions, by: command, page: max(1, state.height - 3)))
        return []
    }

    static func viewName(_ view: GridState.View) -> String {
        switch view {
        case .real: "real rows"
        case .synthetic: "synthetic rows (preview)"
        case .both: "real and synthetic rows side by side"
        }
    }

    /// Rows the grid can scroll through: the real rows, or the preview's (those the filter keeps).
    static func gridRowCount(_ state: WorkbenchState) -> Int {
        let real = shownRowCount(synthetic: false, state), synthetic = shownRowCount(synthetic: true, state)
        switch state.grid.view {
        case .real: return real
        case .synthetic: return synthetic
        case .both: return max(real, synthetic)
        }
    }

    /// Rows one side shows (those the filter keeps).
    static func shownRowCount(synthetic: Bool, _ state: WorkbenchState) -> Int {
        state.grid.order.rows(synthetic: synthetic)?.count ?? RowOrdering.rowCount(synthetic: synthetic, in: state)
    }

    /// The data row at grid row `row` of a side, through the sort and filter (nil past the end).
    static func dataRow(_ row: Int, synthetic: Bool, _ state: WorkbenchState) -> Int? {
        guard row >= 0 else { return nil }
        if let rows = state.grid.order.rows(synthetic: synthetic) { return row < rows.count ? rows[row] : nil }
        return row < RowOrdering.rowCount(synthetic: synthetic, in: state) ? row : nil
    }

    /// The gutter's widest number: row numbers are the data's, whatever the filter keeps.
    static func gutterRowCount(_ state: WorkbenchState) -> Int {
        let real = RowOrdering.rowCount(synthetic: false, in: state), synthetic = RowOrdering.rowCount(synthetic: true, in: state)
        switch state.grid.view {
        case .real: return real
        case .synthetic: return synthetic
        case .both: return max(real, synthetic)
        }
    }

    /// Clamps the cursor and scrolls so that it is on screen (rows and columns).
    static func keepCursorVisible(_ state: inout WorkbenchState) {
        guard let document = state.document else { return }
        let layout = WorkbenchLayout(state)
        let rows = gridRowCount(state)
        let page = layout.dataRows
        state.grid.cursorRow = max(0, min(state.grid.cursorRow, rows - 1))
        state.grid.topRow = max(0, min(state.grid.topRow, max(0, rows - page)))
        if state.grid.cursorRow < state.grid.topRow { state.grid.topRow = state.grid.cursorRow }
        if state.grid.cursorRow >= state.grid.topRow + page { state.grid.topRow = state.grid.cursorRow - page + 1 }

        let columns = document.plan.columns
        state.grid.cursorColumn = max(0, min(state.grid.cursorColumn, columns.count - 1))
        state.grid.leftColumn = max(0, min(state.grid.leftColumn, state.grid.cursorColumn))
        let pane = layout.panes(state.grid.view)[0]
        let available = pane.width - GridView.gutterWidth(rows: gutterRowCount(state))
        while state.grid.leftColumn < state.grid.cursorColumn {
            let used = (state.grid.leftColumn...state.grid.cursorColumn).reduce(0) { total, index in
                total + (document.widths[columns[index].name] ?? 8) + 1
            }
            if used <= available { break }
            state.grid.leftColumn += 1
        }
    }

    /// The widest text of a column: its name and badge, the sampled rows the widths were fitted
    /// to, and the real and synthetic rows on screen (decimals aligned on the point), at most the
    /// pane's width.
    static func fittedWidth(_ state: WorkbenchState, column name: String) -> Int {
        guard let document = state.document, let column = document.plan.column(named: name) else { return 8 }
        let layout = WorkbenchLayout(state)
        let visible = state.grid.topRow..<(state.grid.topRow + layout.dataRows)
        var sides: [(ColumnValues, NullBitmap, [Int])] = []
        for synthetic in [false, true] {
            guard let column = RowOrdering.column(name, synthetic: synthetic, in: state) else { continue }
            sides.append((column.values, column.validity, visible.compactMap { dataRow($0, synthetic: synthetic, state) }))
        }
        let badge = document.compactHeaders ? ColumnBadge.kind(column.kind) : ColumnBadge.text(kind: column.kind, strategy: column.strategy)
        var width = max(DisplayWidth.of(name), badge.count, document.sampledWidth(of: name))
        for (values, validity, rows) in sides {
            let texts = rows.compactMap { CellText.text(values, validity: validity, row: $0) }
            guard case .decimals = values else {
                width = max(width, texts.reduce(0) { max($0, DisplayWidth.of($1)) })
                continue
            }
            let fraction = max(document.fractionDigits[name] ?? 0, CellText.widestFraction(texts))
            width = max(width, texts.reduce(0) { max($0, DisplayWidth.of(CellText.aligned($1, fractionDigits: fraction))) })
        }
        let pane = layout.panes(state.grid.view)[0]
        return max(1, min(width, pane.width - GridView.gutterWidth(rows: gutterRowCount(state)) - 1))
    }

    /// Sets a column's width by hand (`z_`, `_`); it stays through edits.
    static func setWidth(of column: String, to width: Int, _ state: inout WorkbenchState) {
        guard var document = state.document else { return }
        document.widthOverrides[column] = max(1, width)
        document.refitWidths()
        state.document = document
        state.message = StatusMessage("\(column) is \(max(1, width)) wide")
        keepCursorVisible(&state)
    }

    /// `v`: the cursor's cell whole, in a box (both sides in the side-by-side view).
    static func openCellView(_ state: inout WorkbenchState) {
        guard let column = state.cursorColumn else { return }
        let row = state.grid.cursorRow
        func side(_ synthetic: Bool) -> (side: String, text: String?) {
            let values = RowOrdering.column(column.name, synthetic: synthetic, in: state)
            let dataRow = dataRow(row, synthetic: synthetic, state)
            return (synthetic ? "synthetic" : "real",
                    values.flatMap { values in dataRow.flatMap { CellText.text(values.values, validity: values.validity, row: $0) } })
        }
        func real() -> (side: String, text: String?) { side(false) }
        func synthetic() -> (side: String, text: String?) { side(true) }
        let values: [(side: String, text: String?)] = switch state.grid.view {
        case .real: [real()]
        case .synthetic: [synthetic()]
        case .both: [real(), synthetic()]
        }
        let number = (dataRow(row, synthetic: state.grid.view == .synthetic, state) ?? row) + 1
        state.overlay = .cell(CellView(column: column.name, row: number, values: values))
    }

    /// `/`: the first column whose name equals, starts with, or contains the text (ignoring case).
    static func jump(to text: String, _ state: inout WorkbenchState) {
        guard let columns = state.document?.plan.columns else { return }
        let query = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !query.isEmpty else { return }
        let names = columns.map { $0.name.lowercased() }
        if let index = names.firstIndex(of: query) ?? names.firstIndex(where: { $0.hasPrefix(query) })
            ?? names.firstIndex(where: { $0.contains(query) }) {
            state.grid.cursorColumn = index
            keepCursorVisible(&state)
        } else {
            state.message = StatusMessage("no column matches '\(text)'", isError: true)
        }
    }
}
