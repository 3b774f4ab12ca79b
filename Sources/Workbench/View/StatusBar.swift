import TerminalUI

/// The top line (file, rows, columns, seed, view, what is running) and the bottom line (a
/// prompt, a question, a message, or the keys that matter on this screen).
enum StatusBar {
    static func title(_ state: WorkbenchState, area: Rect, into buffer: inout Buffer) {
        guard let document = state.document else { return }
        let palette = state.palette
        let style = palette.usesColor ? Style(modifiers: .reverse) : palette.title.adding(.reverse)
        buffer.fill(area, with: Cell(" ", style: style))
        var parts = [document.displayName + (document.isDirty ? " (modified)" : "")]
        // Settings that change every row yet show in no column: said second, where they are not cut.
        if let badge = PlanSummary.badge(document.plan) { parts.append(badge) }
        // Opening a CSV: its rows are shown at once, then the default plan is made (1/3: kinds,
        // rules, the joint model), the first preview drawn (2/3) and, on a large table, its
        // joint groups refitted on all rows (3/3).
        if state.planning {
            parts.append("making the plan (1/3)…")
        } else if !state.preview.stale.isEmpty {
            parts.append("preview failed: stale rows (marked !)")
        } else if state.preview.errors[PreviewBuilder.planKey] != nil {
            parts.append("preview failed (see the column panel)")
        } else if state.preview.approximate {
            // Rows from joint groups fitted on a sample, shown while the fit on all rows runs.
            parts.append(state.history.undo.isEmpty ? "approximate: sample fit (3/3)…" : "approximate: sample fit…")
        } else if state.preview.pending && state.preview.generated.isEmpty && state.history.undo.isEmpty {
            parts.append("generating (2/3)…")
        } else if state.preview.pending {
            parts.append("generating…")
        } else if state.fidelity.qualityPending || state.fidelity.privacyPending {
            parts.append("computing fidelity…")
        }
        let views: [GridState.View: String] = [.real: "real rows", .synthetic: "synthetic rows", .both: "real | synthetic"]
        let rows = document.table.rowCount, columns = document.plan.columns.count
        // A filter or sort changes what the grid means: said first, where it is not cut (the
        // formula, the longest, last of the three).
        let filter = state.page == .grid ? state.grid.query.filterDescription : nil
        if filter != nil {
            let synthetic = state.grid.view == .synthetic
            let kept = Workbench.shownRowCount(synthetic: synthetic, state), all = RowOrdering.rowCount(synthetic: synthetic, in: state)
            parts.append("\(grouped(kept)) of \(grouped(all)) rows")
        } else if let window = document.window {
            parts.append(windowText(window, palette: palette))
        } else {
            parts.append("\(grouped(rows)) row" + (rows == 1 ? "" : "s"))
        }
        if state.page == .grid, let sort = state.grid.query.sort {
            parts.append("sorted by \(sort.column) " + (sort.descending ? (palette.isASCII ? "desc" : "↓") : (palette.isASCII ? "asc" : "↑")))
        }
        if let filter { parts.append("filter: " + filter) }
        parts += ["\(columns) column" + (columns == 1 ? "" : "s"),
                  state.page == .fidelity ? "fidelity" : views[state.grid.view]!, "seed \(document.plan.seed)"]
        let left = " " + palette.ui(parts.joined(separator: " · "))
        let position = state.page == .grid
            ? "col \(state.grid.cursorColumn + 1)/\(document.plan.columns.count) row \(grouped(state.grid.cursorRow + 1)) "
            : ""
        let room = area.width - DisplayWidth.of(position)
        buffer.set(area.x, area.y, DisplayWidth.truncate(left, to: max(0, room - 1), ellipsis: palette.glyphs.ellipsis), style, within: area)
        buffer.set(area.right - DisplayWidth.of(position), area.y, position, style, within: area)
    }

    /// A file too large to load: the grid is a window on its first rows, while it streams.
    static func windowText(_ window: FileWindow, palette: Palette) -> String {
        let shown = "window: first \(grouped(window.rowsShown))"
        if let rows = window.fileRows { return shown + " of \(grouped(rows)) rows" }
        if window.failure != nil { return shown + " rows (streaming failed)" }
        let ellipsis = palette.glyphs.ellipsis
        if let progress = window.progress { return shown + " rows · profiling \(Int(progress * 100))%" + ellipsis }
        return shown + " rows · profiling \(String(format: "%.1f", Double(window.streamedBytes) / Double(1 << 30))) GB" + ellipsis
    }

    static func bottom(_ state: WorkbenchState, area: Rect, into buffer: inout Buffer) {
        let palette = state.palette
        buffer.fill(area, with: .blank)
        switch state.overlay {
        case .prompt(let prompt):
            let cursor = palette.isASCII ? "_" : "▏"
            let text = prompt.label + palette.text(prompt.text)
            let shown = DisplayWidth.of(text) + 1 > area.width ? String(text.suffix(max(0, area.width - 2))) : text
            buffer.set(area.x, area.y, shown + cursor, .plain, within: area)
            if !prompt.completions.isEmpty, area.y >= 1 {
                // Every match, wrapped above the prompt line.
                errorLines(palette.text(prompt.completions.joined(separator: "  ")), palette: palette, style: palette.muted,
                           above: Rect(x: area.x, y: area.y - 1, width: area.width, height: 1), into: &buffer)
            }
            return
        case .confirm(let question):
            buffer.set(area.x, area.y, DisplayWidth.truncate(palette.ui(question.text), to: area.width, ellipsis: palette.glyphs.ellipsis),
                       palette.title.adding(.bold), within: area)
            return
        default:
            break
        }
        if let message = state.message, state.overlay == nil || state.screen == .form,
           DisplayWidth.of(palette.ui(message.text)) > area.width, area.y >= 1 {
            errorLines(palette.ui(message.text), palette: palette, style: message.isError ? palette.bad.adding(.bold) : palette.title,
                       above: area, into: &buffer)
            return
        }
        // The form and the rules panel edit the plan: what an edit did (or why not) shows there too.
        if let message = state.message, state.overlay == nil || state.screen == .form || state.screen == .rules {
            // A message is never cut: one longer than half the line goes without the hints.
            let whole = DisplayWidth.of(palette.ui(message.text)) > area.width / 2
            let text = DisplayWidth.truncate(palette.ui(message.text), to: message.isError || whole ? area.width : area.width / 2,
                                             ellipsis: palette.glyphs.ellipsis)
            let end = buffer.set(area.x, area.y, text, message.isError ? palette.bad.adding(.bold) : palette.title, within: area)
            hints(state, from: end + 2, area: area, into: &buffer)
            return
        }
        hints(state, from: area.x, area: area, into: &buffer)
    }

    /// An error too long for one line, whole: wrapped upwards from the status line over the
    /// page (at most a third of the screen; a longer one ends in an ellipsis).
    static func errorLines(_ text: String, palette: Palette, style: Style? = nil, above area: Rect, into buffer: inout Buffer) {
        let lines = Workbench.wrap(text, width: max(1, area.width))
        let room = max(1, min(lines.count, (area.y + 1) / 2))
        var shown = Array(lines.prefix(room))
        if lines.count > room, let last = shown.popLast() {
            shown.append(DisplayWidth.truncate(last + " " + palette.glyphs.ellipsis, to: area.width - 1, ellipsis: palette.glyphs.ellipsis))
        }
        for (offset, line) in shown.enumerated() {
            let y = area.y - shown.count + 1 + offset
            let row = Rect(x: area.x, y: y, width: area.width, height: 1)
            buffer.fill(row, with: .blank)
            buffer.set(area.x, y, DisplayWidth.truncate(line, to: area.width, ellipsis: palette.glyphs.ellipsis),
                       style ?? palette.bad.adding(.bold), within: row)
        }
    }

    static func hints(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout Buffer) {
        if case .loading = state.phase {
            buffer.set(layout.status.x, layout.status.y, "q quits", state.palette.muted, within: layout.status)
        }
    }

    /// `key word` pairs from the command table, as many as fit.
    static func hints(_ state: WorkbenchState, from x: Int, area: Rect, into buffer: inout Buffer) {
        var column = x
        let ascii = state.palette.isASCII
        for var hint in CommandTable.hints(on: state.screen) {
            // On a related table's grid q goes back to the table list (where it quits).
            if state.relational != nil, state.screen == .grid, hint.word == "quit" { hint.word = "tables" }
            let key = ascii ? hint.key.replacingOccurrences(of: "↑", with: "Up").replacingOccurrences(of: "↓", with: "Down")
                .replacingOccurrences(of: "←", with: "Left").replacingOccurrences(of: "→", with: "Right") : hint.key
            let width = DisplayWidth.of(key) + 1 + DisplayWidth.of(hint.word)
            guard column + width <= area.right else { break }
            column = buffer.set(column, area.y, key, state.palette.title, within: area)
            column = buffer.set(column + 1, area.y, hint.word, state.palette.muted, within: area) + 2
        }
    }

    /// 1234567 as 1,234,567.
    static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }
}
