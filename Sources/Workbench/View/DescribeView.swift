import TerminalUI

/// `I`: every column on two lines, real then synthetic: the name over its kind, then nulls,
/// distinct values, min, max, mean, median, standard deviation and mode. Figures that do not
/// fit end in an ellipsis, never cut to fewer digits.
enum DescribeView {
    static let sideWidth = 4, nullsWidth = 6, distinctWidth = 8, figureWidth = 7

    static func render(_ sheet: DescribeSheet, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let area = Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
        buffer.fill(area, with: .blank)
        guard area.height >= 3 else { return }
        let ellipsis = palette.glyphs.ellipsis
        var heading = "Describe: \(sheet.rows.count) columns, real and synthetic"
        if let filter = sheet.filter { heading += " · filter: \(filter)" }
        buffer.set(1, area.y, DisplayWidth.truncate(palette.ui(heading), to: area.width - 2, ellipsis: ellipsis), palette.title)

        // The name and the mode share what the fixed fields leave.
        let fixed = 1 + sideWidth + nullsWidth + distinctWidth + 5 * figureWidth + 10
        let rest = max(12, area.width - fixed)
        let nameWidth = max(6, min(24, rest - 6))
        let modeWidth = max(4, rest - nameWidth)
        func line(_ fields: [String], numbers: Bool) -> String {
            let widths = [nameWidth, sideWidth, nullsWidth, distinctWidth] + Array(repeating: figureWidth, count: 5) + [modeWidth]
            return " " + zip(fields, widths).enumerated().map { index, pair in
                let rightAligned = numbers && (2...8).contains(index)
                return CellText.fit(pair.0, width: pair.1, number: rightAligned, ellipsis: ellipsis)
            }.joined(separator: " ")
        }
        let header = line(["column", "side", "nulls", "distinct", "min", "max", "mean", "median", "sd", "mode"], numbers: true)
        buffer.set(0, area.y + 1, header, palette.muted, within: area)

        let listTop = area.y + 2
        let visible = max(0, (area.bottom - listTop) / 2)
        for (offset, index) in (sheet.top..<min(sheet.rows.count, sheet.top + visible)).enumerated() {
            let row = sheet.rows[index]
            let selected = index == sheet.selected
            for (sideIndex, summary) in [row.real, row.synthetic].enumerated() {
                let y = listTop + offset * 2 + sideIndex
                let label = sideIndex == 0 ? palette.text(row.column) : "  " + row.kind
                let side = sideIndex == 0 ? "real" : "syn"
                let fields = [label, side] + figures(summary, palette: palette)
                let style = sideIndex == 0 ? Style.plain : palette.muted
                buffer.set(0, y, line(fields, numbers: true), selected ? style.adding(.reverse) : style, within: area)
            }
        }
    }

    /// nulls, distinct, min, max, mean, median, sd, mode; dashes for a side without the column.
    static func figures(_ summary: ColumnSummary?, palette: Palette) -> [String] {
        guard let summary else { return ["—", "", "", "", "", "", "", ""].map(palette.ui) }
        func number(_ value: Double?) -> String { value.map(ChartFormat.number) ?? "" }
        return [String(summary.nulls), String(summary.distinct), summary.min.map(palette.text) ?? "", summary.max.map(palette.text) ?? "",
                number(summary.mean), number(summary.median), number(summary.standardDeviation),
                summary.mode.map(palette.text) ?? ""]
    }
}
