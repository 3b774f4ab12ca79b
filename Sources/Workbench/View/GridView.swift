import Synthesis
import Tabular
import TerminalUI

/// The data grid: a frozen two-row header (name; kind and strategy badges), a row-number
/// gutter, and only the rows and columns on screen (a frame costs the same on a million rows).
enum GridView {
    /// Columns for row numbers up to `rows`, plus a space.
    static func gutterWidth(rows: Int) -> Int {
        String(max(1, rows)).count + 1
    }

    static func render(_ state: WorkbenchState, layout: WorkbenchLayout, into buffer: inout Buffer) {
        guard let document = state.document else { return }
        let panes = layout.panes(state.grid.view)
        switch state.grid.view {
        case .real: pane(state, document, synthetic: false, area: panes[0], into: &buffer)
        case .synthetic: pane(state, document, synthetic: true, area: panes[0], into: &buffer)
        case .both:
            pane(state, document, synthetic: false, area: panes[0], into: &buffer)
            pane(state, document, synthetic: true, area: panes[1], into: &buffer)
        }
    }

    private static func pane(_ state: WorkbenchState, _ document: Document, synthetic: Bool, area: Rect,
                             into buffer: inout Buffer) {
        let palette = state.palette
        let dataRows = max(0, area.height - WorkbenchLayout.headerRows)
        // Rows of this pane through the filter and sort; the gutter numbers the data's rows.
        let paneRows = Workbench.shownRowCount(synthetic: synthetic, state)
        let gutter = gutterWidth(rows: Workbench.gutterRowCount(state))
        let visibleRows = state.grid.topRow..<min(paneRows, state.grid.topRow + dataRows)
        let dataRowsShown = visibleRows.map { Workbench.dataRow($0, synthetic: synthetic, state) ?? $0 }
        let separator = palette.isASCII ? "|" : "│"
        // Synthetic rows carry the synthetic colour of the charts in their header.
        let headerStyle = palette.usesColor ? (synthetic ? palette.synthetic : .plain).adding(.bold) : palette.title
        let cursorStyle = Style(modifiers: .reverse)
        let nullText = palette.isASCII ? "." : "·"
        let muted = palette.muted

        var x = area.x + gutter
        let columns = document.plan.columns
        var index = state.grid.leftColumn
        while index < columns.count, x < area.right {
            let column = columns[index]
            let width = document.widths[column.name] ?? 8
            let isCursor = index == state.grid.cursorColumn
            // A column cut by the pane's edge is drawn at the width shown, so that what is cut
            // ends in an ellipsis instead of reading as a shorter value.
            let shown = min(width, area.right - x)
            // A sliver of one or two cells would show only ellipses: leave it blank.
            if shown < width && shown < 3 { break }
            let cell = Rect(x: x, y: area.y, width: shown, height: area.height)
            let name = DisplayWidth.pad(palette.text(column.name), to: shown, ellipsis: palette.glyphs.ellipsis)
            buffer.set(x, area.y, name, isCursor ? headerStyle.adding(.reverse) : headerStyle, within: cell)
            let error = state.preview.errors[column.name]
            // A joint member shows what really draws it (a CART leaf member: the tree, not its strategy).
            let membership = JointMembership.of(column.name, in: document.plan)
            let strategy = membership?.badge(strategy: column.strategy) ?? column.strategy
            let badge = error != nil || (synthetic && state.preview.stale.contains(column.name)) ? "! \(strategy)"
                : (membership != nil ? "J " : "") + (document.compactHeaders ? ColumnBadge.kind(column.kind)
                    : ColumnBadge.text(kind: column.kind, strategy: strategy))
            buffer.set(x, area.y + 1, DisplayWidth.pad(badge, to: shown, ellipsis: palette.glyphs.ellipsis),
                       error != nil ? palette.bad : muted, within: cell)

            let values: (ColumnValues, NullBitmap)? = synthetic
                ? state.preview.generated[column.name].map { ($0.values.values, $0.values.validity) }
                : document.table.column(named: column.name).map { ($0.values, $0.validity) }
            let texts: [String?] = values.map { columnValues, validity in
                dataRowsShown.map { CellText.text(columnValues, validity: validity, row: $0) }
            } ?? []
            let isNumber = values.map { CellText.alignsRight($0.0) } ?? false
            // Decimals line up on the point: as many fraction digits as the widest on screen or
            // in the sample the widths were fitted to.
            var fraction = 0
            if case .decimals? = values?.0 {
                fraction = max(document.fractionDigits[column.name] ?? 0, CellText.widestFraction(texts.lazy.compactMap { $0 }))
            }
            for offset in 0..<dataRows {
                let row = state.grid.topRow + offset
                let y = area.y + WorkbenchLayout.headerRows + offset
                guard row < paneRows else { break }
                var style = Style.plain
                var text: String
                if values != nil {
                    if let value = texts[offset] {
                        let shownValue = isNumber ? CellText.aligned(value, fractionDigits: fraction) : palette.text(value)
                        text = CellText.fit(shownValue, width: shown, number: isNumber, ellipsis: palette.glyphs.ellipsis)
                    } else {
                        text = DisplayWidth.pad(nullText, to: shown)
                        style = muted
                    }
                } else {
                    let missing = synthetic ? (column.strategy == DropStrategy.descriptor.id ? "(dropped)" : "…") : "—"
                    text = DisplayWidth.pad(palette.ui(missing), to: shown, ellipsis: palette.glyphs.ellipsis)
                    style = muted
                }
                // The last good rows of a failed preview: kept, but muted.
                if synthetic && state.preview.stale.contains(column.name) { style = muted }
                if isCursor && row == state.grid.cursorRow { style = cursorStyle }
                buffer.set(x, y, text, style, within: cell)
            }
            x += width
            if x < area.right {
                for y in area.y..<(area.y + min(area.height, WorkbenchLayout.headerRows + max(0, min(dataRows, paneRows - state.grid.topRow)))) {
                    buffer.set(x, y, separator, muted, within: area)
                }
            }
            x += 1
            index += 1
        }
        for offset in 0..<dataRows {
            let row = state.grid.topRow + offset
            guard row < paneRows else { break }
            let number = DisplayWidth.pad(String(dataRowsShown[offset] + 1), to: gutter - 1, alignRight: true)
            buffer.set(area.x, area.y + WorkbenchLayout.headerRows + offset, number,
                       row == state.grid.cursorRow ? palette.title : muted, within: area)
        }
        if paneRows == 0 && (synthetic || !state.grid.query.filters.isEmpty) {
            let text = !state.grid.query.filters.isEmpty && RowOrdering.rowCount(synthetic: synthetic, in: state) > 0
                ? "no rows match the filter" : state.preview.pending ? "generating the preview…" : "no preview rows"
            buffer.set(area.x + gutter, area.y + WorkbenchLayout.headerRows, palette.ui(text), muted, within: area)
        }
    }
}
