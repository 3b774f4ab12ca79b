/// One score from 0 to 1 as a labelled bar with its value, coloured by band.
///
/// ```
/// Column Shapes     ██████████████████████████████████████▊░░░░░  0.881
/// ```
/// In ASCII: `Column Shapes     [#####################################.....]  0.881`.
/// A missing score (e.g. a metric that needs a holdout) shows an empty bar and `n/a`.
public struct ScoreGauge: Widget {
    public var label: String
    public var value: Double?
    /// Columns for the label (so that gauges drawn one under another align); nil: the label's width.
    public var labelWidth: Int?
    public var bands: ScoreBands
    /// False for metrics where low is good (e.g. an exact-copy rate): the band is taken of 1 − value.
    public var higherIsBetter: Bool

    public init(_ label: String, value: Double?, labelWidth: Int? = nil, bands: ScoreBands = .standard,
                higherIsBetter: Bool = true) {
        self.label = label
        self.value = value
        self.labelWidth = labelWidth
        self.bands = bands
        self.higherIsBetter = higherIsBetter
    }

    public func height(forWidth width: Int, palette: Palette) -> Int { 1 }

    public func render(into buffer: inout Buffer, area: Rect, palette: Palette) {
        guard !area.isEmpty else { return }
        let labelColumns = min(labelWidth ?? DisplayWidth.of(palette.text(label)), max(0, area.width / 2))
        buffer.set(area.x, area.y, DisplayWidth.pad(palette.text(label), to: labelColumns, ellipsis: palette.glyphs.ellipsis), within: area)
        let valueText = ChartFormat.score(value)
        let valueWidth = 5  // "0.881"
        let caps = palette.isASCII ? 2 : 0
        let barLeft = area.x + labelColumns + 1
        let barWidth = area.width - labelColumns - 1 - caps - 2 - valueWidth
        guard barWidth >= 1 else { return }
        let clamped = value.map { max(0, min(1, $0.isFinite ? $0 : 0)) }
        let style = clamped.map { palette.style(for: bands.band(higherIsBetter ? $0 : 1 - $0)) } ?? palette.muted
        var x = barLeft
        if palette.isASCII {
            let filled = Int(((clamped ?? 0) * Double(barWidth)).rounded())
            x = buffer.set(x, area.y, "[" + String(repeating: "#", count: filled)
                           + String(repeating: palette.glyphs.gaugeEmpty, count: barWidth - filled) + "]", within: area)
        } else {
            let eighths = Int(((clamped ?? 0) * Double(barWidth * 8)).rounded())
            let partial = palette.glyphs.horizontalEighths[eighths % 8]
            x = buffer.set(x, area.y, String(repeating: "█", count: eighths / 8) + partial, style, within: area)
            x = buffer.set(x, area.y, String(repeating: palette.glyphs.gaugeEmpty, count: barLeft + barWidth - x),
                           palette.muted, within: area)
        }
        buffer.set(x + 2 + valueWidth - DisplayWidth.of(valueText), area.y, valueText,
                   value == nil ? palette.muted : style.adding(palette.usesColor ? .bold : []), within: area)
    }
}
