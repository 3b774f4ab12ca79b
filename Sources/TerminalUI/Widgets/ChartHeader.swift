/// One entry of a chart legend: a sample glyph in the series' style, then its name.
public struct LegendEntry: Sendable, Hashable {
    public var glyph: String
    public var label: String
    public var style: Style

    public init(glyph: String, label: String, style: Style) {
        self.glyph = glyph
        self.label = label
        self.style = style
    }
}

/// The first row of a chart: its title on the left, its legend on the right when both fit
/// (the title is shortened first, down to a dozen columns; then the legend is left out).
enum ChartHeader {
    static func legendWidth(_ entries: [LegendEntry]) -> Int {
        guard !entries.isEmpty else { return 0 }
        return entries.map { DisplayWidth.of($0.glyph) + 1 + DisplayWidth.of($0.label) }.reduce(0, +) + 2 * (entries.count - 1)
    }

    static func draw(title: String, legend: [LegendEntry], row: Rect, into buffer: inout Buffer, palette: Palette) {
        guard !row.isEmpty else { return }
        let title = palette.text(title)
        let legendSize = legendWidth(legend)
        let titleWidth = DisplayWidth.of(title)
        let showLegend = legendSize > 0 && min(titleWidth, 12) + 2 + legendSize <= row.width
        let titleRoom = showLegend ? row.width - legendSize - 2 : row.width
        buffer.set(row.x, row.y, DisplayWidth.truncate(title, to: titleRoom, ellipsis: palette.glyphs.ellipsis),
                   palette.title, within: row)
        guard showLegend else { return }
        drawLegend(legend, x: row.right - legendSize, y: row.y, within: row, into: &buffer, palette: palette)
    }

    @discardableResult
    static func drawLegend(_ legend: [LegendEntry], x: Int, y: Int, within clip: Rect, into buffer: inout Buffer, palette: Palette) -> Int {
        var column = x
        for (index, entry) in legend.enumerated() {
            if index > 0 { column += 2 }
            column = buffer.set(column, y, entry.glyph, entry.style, within: clip)
            column = buffer.set(column + 1, y, entry.label, palette.muted, within: clip)
        }
        return column
    }

    /// `value` as a whole number of `total` units of a scale whose top is `scale`; any value
    /// above zero gets at least one unit, so that a rare bin or level still shows.
    static func units(_ value: Double, of scale: Double, total: Int) -> Int {
        guard scale > 0, value > 0, total > 0 else { return 0 }
        let units = Int((value / scale * Double(total)).rounded())
        return min(total, max(1, units))
    }

    /// `weights` scaled to sum to 1 (all zeros when they sum to nothing).
    static func shares(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0) { $0 + max(0, $1.isFinite ? $1 : 0) }
        guard total > 0 else { return weights.map { _ in 0 } }
        return weights.map { max(0, $0.isFinite ? $0 : 0) / total }
    }
}
