/// Real and synthetic frequencies over the same bins of one column, and the texts of the two
/// ends of its axis.
public struct HistogramSeries: Sendable, Equatable {
    /// Counts or shares per bin of the real data; drawn as shares of their sum.
    public var real: [Double]
    /// Counts or shares per bin of the synthetic data, over the same bins as `real`.
    public var synthetic: [Double]
    /// Text under the left end of the axis (the lowest bin edge).
    public var lowerLabel: String
    /// Text under the right end of the axis (the highest bin edge).
    public var upperLabel: String

    public init(real: [Double], synthetic: [Double], lowerLabel: String, upperLabel: String) {
        let bins = max(real.count, synthetic.count)
        self.real = real + Array(repeating: 0, count: bins - real.count)
        self.synthetic = synthetic + Array(repeating: 0, count: bins - synthetic.count)
        self.lowerLabel = lowerLabel
        self.upperLabel = upperLabel
    }

    /// Axis ends from the numeric range of the bin edges.
    public init(real: [Double], synthetic: [Double], lower: Double, upper: Double) {
        self.init(real: real, synthetic: synthetic,
                  lowerLabel: ChartFormat.number(lower), upperLabel: ChartFormat.number(upper))
    }
}

/// Overlaid histograms of one column: the real data as filled bars, the synthetic data as a
/// line marking the top of its bars.
///
/// With colour, bars are solid blocks in eighths of a cell and the synthetic level a half block
/// (its top edge at the level) in the synthetic colour, on the bar's colour inside a bar.
/// Without colour the two stay apart by shape: the level is a row of braille dots, cut out of a
/// bar (reverse video) inside one; in ASCII the bars are `#` in whole rows and the level a `-`. The vertical axis is the share of rows per bin, from
/// 0% to the largest share of either side; bins share the plot width equally (several bins per
/// column when there are more bins than columns).
///
/// ```
/// depth                        █ real  ▀ synthetic
///  58.0% ┤                    ▀▀
///        │                    ██
///        │                  ▄▄██▁▁
///        │▁▁      ▄▄▁▁▄▄▄▄▄▄████▀▀▄▄▄▄▄▄▄▄▄▄▁▁  ▄▄
///     0% └────────────────────────────────────────
///         43                                    79
/// ```
public struct HistogramWidget: Widget {
    public var series: HistogramSeries
    public var title: String
    /// Rows of the plot itself (the widget adds a title row and two axis rows).
    public var plotHeight: Int

    public init(_ series: HistogramSeries, title: String, plotHeight: Int = 8) {
        self.series = series
        self.title = title
        self.plotHeight = max(1, plotHeight)
    }

    public func height(forWidth width: Int, palette: Palette) -> Int { plotHeight + 3 }

    /// The legend entries this widget draws in `palette`.
    public static func legend(_ palette: Palette) -> [LegendEntry] {
        palette.isASCII
            ? [LegendEntry(glyph: "#", label: "real", style: palette.real),
               LegendEntry(glyph: "-", label: "synthetic", style: palette.synthetic)]
            : [LegendEntry(glyph: "█", label: "real", style: palette.real),
               LegendEntry(glyph: palette.usesColor ? "▀" : brailleLine(dotRowFromTop: 1), label: "synthetic",
                           style: palette.synthetic)]
    }

    public func render(into buffer: inout Buffer, area: Rect, palette: Palette) {
        guard !area.isEmpty else { return }
        ChartHeader.draw(title: title, legend: Self.legend(palette), row: area.row(0), into: &buffer, palette: palette)
        let rows = min(plotHeight, area.height - 3)
        guard rows >= 1 else { return }

        let labelWidth = 6  // "100.0%"
        let plotLeft = area.x + labelWidth + 2
        let available = area.right - plotLeft
        guard available >= 1, !series.real.isEmpty else { return }
        let (realColumns, syntheticColumns) = Self.columns(real: ChartHeader.shares(series.real),
                                                           synthetic: ChartHeader.shares(series.synthetic),
                                                           width: available)
        let plotWidth = realColumns.count
        let scale = max(realColumns.max() ?? 0, syntheticColumns.max() ?? 0)
        let plotTop = area.y + 1
        let baseline = plotTop + rows  // the axis row, just under the plot

        // Vertical axis: the top share at the top tick, 0% at the corner.
        let glyphs = palette.glyphs
        for row in 0..<rows {
            let y = plotTop + row
            if row == 0 {
                buffer.set(area.x, y, DisplayWidth.pad(ChartFormat.percent(scale), to: labelWidth, alignRight: true),
                           palette.axis, within: area)
            }
            buffer.set(plotLeft - 1, y, row == 0 ? glyphs.axisTick : glyphs.axisVertical, palette.axis, within: area)
        }
        buffer.set(area.x, baseline, DisplayWidth.pad("0%", to: labelWidth, alignRight: true), palette.axis, within: area)
        buffer.set(plotLeft - 1, baseline, glyphs.axisCorner + String(repeating: glyphs.axisHorizontal, count: plotWidth),
                   palette.axis, within: area)
        drawEndLabels(into: &buffer, y: baseline + 1, left: plotLeft, width: plotWidth, area: area, palette: palette)

        for column in 0..<plotWidth {
            let x = plotLeft + column
            if palette.isASCII {
                drawASCIIColumn(into: &buffer, x: x, baseline: baseline, rows: rows,
                                real: realColumns[column], synthetic: syntheticColumns[column], scale: scale, area: area)
            } else {
                drawUnicodeColumn(into: &buffer, x: x, baseline: baseline, rows: rows,
                                  real: realColumns[column], synthetic: syntheticColumns[column], scale: scale,
                                  area: area, palette: palette)
            }
        }
    }

    /// Bin shares spread over at most `width` plot columns: each bin over the same whole number
    /// of columns when bins are fewer than columns (the plot is then narrower than `width`),
    /// unless that would leave more than a quarter of the width empty (20 bins in 30 columns):
    /// then bins are stretched over the whole width, their widths differing by one column at
    /// most; else neighbouring bins summed into one column.
    static func columns(real: [Double], synthetic: [Double], width: Int) -> ([Double], [Double]) {
        let bins = real.count
        if bins <= width {
            let perBin = width / bins
            if bins * perBin * 4 < width * 3 {
                let stretch = { (shares: [Double]) in (0..<width).map { shares[$0 * bins / width] } }
                return (stretch(real), stretch(synthetic))
            }
            let spread = { (shares: [Double]) in (0..<(bins * perBin)).map { shares[$0 / perBin] } }
            return (spread(real), spread(synthetic))
        }
        var realColumns = Array(repeating: 0.0, count: width)
        var syntheticColumns = Array(repeating: 0.0, count: width)
        for bin in 0..<bins {
            let column = bin * width / bins
            realColumns[column] += real[bin]
            syntheticColumns[column] += synthetic[bin]
        }
        return (realColumns, syntheticColumns)
    }

    private func drawUnicodeColumn(into buffer: inout Buffer, x: Int, baseline: Int, rows: Int,
                                   real: Double, synthetic: Double, scale: Double, area: Rect, palette: Palette) {
        let eighths = ChartHeader.units(real, of: scale, total: rows * 8)
        func fill(_ rowFromBottom: Int) -> Int { max(0, min(8, eighths - 8 * rowFromBottom)) }
        for rowFromBottom in 0..<rows where fill(rowFromBottom) > 0 {
            buffer.set(x, baseline - 1 - rowFromBottom, palette.glyphs.verticalEighths[fill(rowFromBottom)],
                       palette.real, within: area)
        }
        if palette.usesColor {
            // The synthetic level in half rows: a half block in the synthetic colour whose top
            // edge is the level, on the bar's colour where the bar fills the other half.
            let halves = ChartHeader.units(synthetic, of: scale, total: rows * 2)
            guard halves > 0 else { return }
            let rowFromBottom = (halves - 1) / 2
            let upper = (halves - 1) % 2 == 1
            var style = palette.synthetic
            if fill(rowFromBottom) >= (upper ? 4 : 8) { style = style.background(palette.realColor) }
            buffer.set(x, baseline - 1 - rowFromBottom, upper ? "▀" : "▄", style, within: area)
            return
        }
        // Without colour: the level in quarter rows as a braille dot row, cut out of the bar
        // (reverse video) where it falls inside one.
        let dots = ChartHeader.units(synthetic, of: scale, total: rows * 4)
        guard dots > 0 else { return }
        let rowFromBottom = (dots - 1) / 4
        let style = fill(rowFromBottom) >= 4 ? palette.synthetic.adding(.reverse) : palette.synthetic
        buffer.set(x, baseline - 1 - rowFromBottom, Self.brailleLine(dotRowFromTop: 3 - (dots - 1) % 4), style, within: area)
    }

    private func drawASCIIColumn(into buffer: inout Buffer, x: Int, baseline: Int, rows: Int,
                                 real: Double, synthetic: Double, scale: Double, area: Rect) {
        let height = ChartHeader.units(real, of: scale, total: rows)
        for rowFromBottom in 0..<height { buffer.set(x, baseline - 1 - rowFromBottom, "#", within: area) }
        let level = ChartHeader.units(synthetic, of: scale, total: rows)
        if level > 0 { buffer.set(x, baseline - level, "-", within: area) }
    }

    private func drawEndLabels(into buffer: inout Buffer, y: Int, left: Int, width: Int, area: Rect, palette: Palette) {
        let ellipsis = palette.glyphs.ellipsis
        var lower = palette.text(series.lowerLabel), upper = palette.text(series.upperLabel)
        if DisplayWidth.of(lower) + 1 + DisplayWidth.of(upper) > width {
            let half = max(0, (width - 1) / 2)
            // An end label is a number or a date: cut, it would read as another one, so a
            // label that does not fit is only an ellipsis.
            if DisplayWidth.of(lower) > half { lower = String(ellipsis.prefix(half)) }
            if DisplayWidth.of(upper) > half { upper = String(ellipsis.prefix(half)) }
        }
        buffer.set(left, y, lower, palette.axis, within: area)
        buffer.set(left + width - DisplayWidth.of(upper), y, upper, palette.axis, within: area)
    }

    /// A braille character with both dots of one dot row (0 = top … 3 = bottom) raised: a short
    /// horizontal line at that height.
    static func brailleLine(dotRowFromTop row: Int) -> String {
        let bits: [UInt32] = [0x01 | 0x08, 0x02 | 0x10, 0x04 | 0x20, 0x40 | 0x80]
        return String(Character(Unicode.Scalar(0x2800 + bits[row])!))
    }
}
