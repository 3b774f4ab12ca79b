import Fidelity
import TerminalUI

/// What the fidelity page shows of the correlations when there are more columns than a
/// heatmap holds: the columns in the pairs that differ most between real and synthetic (in
/// their table order), said so in the title, and the pairs that differ most, listed.
struct CorrelationSummary {
    /// One pair of columns and its correlation on each side.
    struct Pair: Equatable {
        var first: String
        var second: String
        var real: Double
        var synthetic: Double
        var difference: Double { abs(real - synthetic) }
    }

    let matrices: CorrelationMatrices

    /// Every pair with both sides defined, largest |real − synthetic| first (ties in table order).
    var pairsWorstFirst: [Pair] {
        let names = matrices.columns
        var pairs: [(pair: Pair, order: Int)] = []
        for i in names.indices {
            for j in names.indices where j > i {
                guard i < matrices.real.count, j < matrices.real[i].count, i < matrices.synthetic.count,
                      j < matrices.synthetic[i].count, let real = matrices.real[i][j], let synthetic = matrices.synthetic[i][j],
                      real.isFinite, synthetic.isFinite else { continue }
                pairs.append((Pair(first: names[i], second: names[j], real: real, synthetic: synthetic), pairs.count))
            }
        }
        return pairs.sorted { ($0.pair.difference, -$0.order) > ($1.pair.difference, -$1.order) }.map(\.pair)
    }

    /// At most `limit` columns: all of them when they fit, else those of the worst pairs first.
    func columnIndices(limit: Int) -> [Int] {
        let names = matrices.columns
        guard names.count > limit else { return Array(names.indices) }
        var chosen: [String] = []
        for pair in pairsWorstFirst {
            for name in [pair.first, pair.second] where !chosen.contains(name) && chosen.count < limit { chosen.append(name) }
            if chosen.count >= limit { break }
        }
        // Too few defined pairs to fill the map: the rest in table order.
        for name in names where chosen.count < limit && !chosen.contains(name) { chosen.append(name) }
        return names.indices.filter { chosen.contains(names[$0]) }
    }

    /// The heatmaps at `width`: every column, or the most informative ones with a title saying so.
    func heatmap(width: Int, palette: Palette) -> CorrelationHeatmapWidget {
        let limit = CorrelationHeatmapWidget.columnsThatFit(width: width, palette: palette)
        let indices = columnIndices(limit: max(2, limit))
        var widget = CorrelationHeatmapWidget(matrices)
        guard indices.count < matrices.columns.count else { return widget }
        func pick(_ matrix: [[Double?]]) -> [[Double?]] {
            indices.map { i in indices.map { j in i < matrix.count && j < matrix[i].count ? matrix[i][j] : nil } }
        }
        widget.grid = CorrelationGrid(names: indices.map { matrices.columns[$0] }, real: pick(matrices.real),
                                      synthetic: pick(matrices.synthetic))
        widget.title = "correlations of the \(indices.count) columns in the pairs that differ most (of \(matrices.columns.count))"
        return widget
    }

    /// `Worst pairs` and up to `count` lines: both names, real, synthetic, difference.
    func worstPairs(count: Int, palette: Palette) -> [any Widget] {
        let pairs = pairsWorstFirst.prefix(count)
        guard !pairs.isEmpty else { return [] }
        let nameWidth = min(24, pairs.map { DisplayWidth.of($0.first) + DisplayWidth.of($0.second) + 3 }.max() ?? 8)
        var lines: [any Widget] = [TextWidget("Pairs whose correlation differs most, real vs synthetic", role: .title)]
        lines.append(TextWidget(DisplayWidth.pad("pair", to: nameWidth) + "    real  synthetic  difference", role: .muted))
        for pair in pairs {
            let name = CellText.fit(palette.text(pair.first) + (palette.isASCII ? " x " : " × ") + palette.text(pair.second),
                                    width: nameWidth, number: false, ellipsis: palette.glyphs.ellipsis)
            let figures = [pair.real, pair.synthetic, pair.difference].map { String(format: "%.2f", $0) }
            lines.append(TextWidget(name + " " + DisplayWidth.pad(figures[0], to: 7, alignRight: true)
                + DisplayWidth.pad(figures[1], to: 11, alignRight: true) + DisplayWidth.pad(figures[2], to: 12, alignRight: true)))
        }
        return lines
    }
}
