/// Real and synthetic frequencies of the levels of one categorical (or boolean) column.
public struct CategorySeries: Sendable, Equatable {
    public var labels: [String]
    /// Counts or shares per level of the real data; drawn as shares of their sum.
    public var real: [Double]
    /// Counts or shares per level of the synthetic data, for the same levels.
    public var synthetic: [Double]
    /// When above 0, the last level is an "other" that already gathers this many levels; it
    /// stays last, and levels folded for room are added to it.
    public var otherLevelCount: Int
    /// Draw the levels in the given order instead of by real share.
    public var preservesOrder: Bool

    public init(labels: [String], real: [Double], synthetic: [Double], otherLevelCount: Int = 0,
                preservesOrder: Bool = false) {
        let levels = max(labels.count, real.count, synthetic.count)
        self.labels = labels + (labels.count..<levels).map { "#\($0 + 1)" }
        self.real = real + Array(repeating: 0, count: levels - real.count)
        self.synthetic = synthetic + Array(repeating: 0, count: levels - synthetic.count)
        self.otherLevelCount = levels > 0 ? max(0, otherLevelCount) : 0
        self.preservesOrder = preservesOrder
    }
}

/// Paired horizontal bars, one pair per level: the real share above, the synthetic share
/// below, each with its percentage. Levels are ordered by their real share (unless the series
/// keeps its own order); past `maxLevels`, the rarest are summed into one "other" pair. Bar lengths share one scale (the largest share
/// shown), so pairs compare across levels too.
///
/// Without colour the synthetic bars use a different glyph (`▒`, or `=` in ASCII against `#`).
///
/// ```
/// cut                                      █ real  █ synthetic
/// Ideal     ████████████████████████████▋                40.0%
///           ████████████████████████████▉                40.3%
/// other (4) ███████████████████████████████████████████  60.0%
///           ██████████████████████████████████████████▊  59.7%
/// ```
public struct CategoryBarsWidget: Widget {
    public var series: CategorySeries
    public var title: String
    /// Pairs drawn at most (the last one being "other" when levels are cut).
    public var maxLevels: Int

    public init(_ series: CategorySeries, title: String, maxLevels: Int = 8) {
        self.series = series
        self.title = title
        self.maxLevels = max(1, maxLevels)
    }

    /// A level as drawn: its label and its real and synthetic shares.
    struct Row: Equatable {
        var label: String
        var real: Double
        var synthetic: Double
    }

    public func height(forWidth width: Int, palette: Palette) -> Int { 1 + 2 * rows().count }

    public static func legend(_ palette: Palette) -> [LegendEntry] {
        if palette.isASCII {
            return [LegendEntry(glyph: "#", label: "real", style: palette.real),
                    LegendEntry(glyph: "=", label: "synthetic", style: palette.synthetic)]
        }
        return [LegendEntry(glyph: "█", label: "real", style: palette.real),
                LegendEntry(glyph: palette.usesColor ? "█" : "▒", label: "synthetic", style: palette.synthetic)]
    }

    /// Levels by real share (then synthetic share, then label) unless the series keeps its
    /// order; past `maxLevels`, the rarest are folded into "other (N)" with N the levels it holds.
    func rows() -> [Row] {
        let real = ChartHeader.shares(series.real)
        let synthetic = ChartHeader.shares(series.synthetic)
        let hasOther = series.otherLevelCount > 0
        var named = Array(series.labels.indices.dropLast(hasOther ? 1 : 0))
        if !series.preservesOrder {
            named.sort { a, b in
                if real[a] != real[b] { return real[a] > real[b] }
                if synthetic[a] != synthetic[b] { return synthetic[a] > synthetic[b] }
                return series.labels[a] < series.labels[b]
            }
        }
        let room = hasOther || named.count > maxLevels ? maxLevels - 1 : maxLevels
        let kept = named.prefix(room), folded = named.dropFirst(room)
        var rows = kept.map { Row(label: series.labels[$0], real: real[$0], synthetic: synthetic[$0]) }
        let otherCount = series.otherLevelCount + folded.count
        if otherCount > 0 {
            let last = series.labels.count - 1
            rows.append(Row(label: "other (\(otherCount))",
                            real: folded.reduce(hasOther ? real[last] : 0) { $0 + real[$1] },
                            synthetic: folded.reduce(hasOther ? synthetic[last] : 0) { $0 + synthetic[$1] }))
        }
        return rows
    }

    public func render(into buffer: inout Buffer, area: Rect, palette: Palette) {
        guard !area.isEmpty else { return }
        ChartHeader.draw(title: title, legend: Self.legend(palette), row: area.row(0), into: &buffer, palette: palette)
        let rows = rows().map { Row(label: palette.text($0.label), real: $0.real, synthetic: $0.synthetic) }
        let percentWidth = 6  // "100.0%"
        let longestLabel = rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        let labelWidth = min(longestLabel, max(6, area.width / 4))
        let barLeft = area.x + labelWidth + 1
        let barWidth = area.width - labelWidth - 1 - 1 - percentWidth
        guard barWidth >= 1 else { return }
        let scale = rows.map { max($0.real, $0.synthetic) }.max() ?? 0
        let ellipsis = palette.glyphs.ellipsis
        for (index, row) in rows.enumerated() {
            let y = area.y + 1 + 2 * index
            guard y < area.bottom else { break }
            // A level that reads as a number is not cut to its first digits: only an ellipsis.
            let numeric = Double(row.label) != nil && DisplayWidth.of(row.label) > labelWidth
            buffer.set(area.x, y, numeric ? String(ellipsis.prefix(labelWidth)) : DisplayWidth.truncate(row.label, to: labelWidth, ellipsis: ellipsis),
                       within: area)
            drawBar(into: &buffer, x: barLeft, y: y, width: barWidth, share: row.real, scale: scale,
                    synthetic: false, area: area, palette: palette)
            if y + 1 < area.bottom {
                drawBar(into: &buffer, x: barLeft, y: y + 1, width: barWidth, share: row.synthetic, scale: scale,
                        synthetic: true, area: area, palette: palette)
            }
        }
    }

    private func drawBar(into buffer: inout Buffer, x: Int, y: Int, width: Int, share: Double, scale: Double,
                         synthetic: Bool, area: Rect, palette: Palette) {
        let style = synthetic ? palette.synthetic : palette.real
        var bar: String
        if palette.isASCII || (synthetic && !palette.usesColor) {
            // Whole cells only: `#`/`=` in ASCII, `█`/`▒` without colour.
            let glyph = palette.isASCII ? (synthetic ? "=" : "#") : (synthetic ? "▒" : "█")
            bar = String(repeating: glyph, count: ChartHeader.units(share, of: scale, total: width))
        } else {
            let eighths = ChartHeader.units(share, of: scale, total: width * 8)
            bar = String(repeating: "█", count: eighths / 8) + palette.glyphs.horizontalEighths[eighths % 8]
        }
        buffer.set(x, y, bar, style, within: area)
        let percent = ChartFormat.percent(share)
        buffer.set(x + width + 1 + 6 - DisplayWidth.of(percent), y, percent, palette.muted, within: area)
    }
}
