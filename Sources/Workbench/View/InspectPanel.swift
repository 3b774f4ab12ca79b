import Fidelity
import Synthesis
import Tabular
import TerminalUI

/// The column panel: the real column's profile, its distribution with the synthetic one of the
/// current strategy over it, the column's fidelity score, and disclosure hints.
enum InspectPanel {
    static func render(_ state: WorkbenchState, area: Rect, into buffer: inout Buffer) {
        guard let document = state.document, let column = state.cursorColumn, !area.isEmpty else { return }
        let palette = state.palette
        let rule = palette.isASCII ? "-" : "─"
        buffer.fill(area, with: .blank)
        // Top rule with the title in it.
        let score = state.fidelity.quality?.columns.first { $0.column == column.name }?.score
        let scoreText = score.map { "fidelity " + ChartFormat.score($0) }
            ?? (state.fidelity.qualityPending ? "fidelity computing…" : "fidelity n/a")
        let title = palette.ui([column.name, column.kind.rawValue, column.strategy, scoreText].joined(separator: " · "))
        buffer.set(area.x, area.y, String(repeating: rule, count: area.width), palette.muted, within: area)
        buffer.set(area.x + 1, area.y, " " + DisplayWidth.truncate(title, to: max(0, area.width - 4), ellipsis: palette.glyphs.ellipsis) + " ",
                   palette.title, within: area)
        var y = area.y + 1
        let inner = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: area.height)
        for line in profileLines(document.profile(named: column.name), column: column, rows: document.table.rowCount) {
            guard y < area.bottom else { return }
            buffer.set(inner.x, y, DisplayWidth.truncate(palette.text(line), to: inner.width, ellipsis: palette.glyphs.ellipsis),
                       within: inner)
            y += 1
        }
        if let error = state.preview.errors[column.name] ?? state.preview.errors[PreviewBuilder.planKey], y < area.bottom {
            buffer.set(inner.x, y, DisplayWidth.truncate("error: " + error, to: inner.width, ellipsis: palette.glyphs.ellipsis),
                       palette.bad, within: inner)
            y += 1
        }
        let hints = hintLines(state.fidelity.privacy, column: column.name)
        let hintRows = min(hints.count, 2)
        let chartArea = Rect(x: inner.x, y: y, width: inner.width, height: max(0, area.bottom - y - hintRows))
        if chartArea.height >= 4 {
            if let histogram = state.fidelity.histograms[column.name] {
                HistogramWidget(histogram, plotHeight: max(1, chartArea.height - 3)).render(into: &buffer, area: chartArea, palette: palette)
            } else if let categories = state.fidelity.categories[column.name] {
                CategoryBarsWidget(categories, maxLevels: max(1, (chartArea.height - 1) / 2)).render(into: &buffer, area: chartArea, palette: palette)
            } else {
                let note = state.fidelity.qualityPending || state.preview.pending
                    ? "computing the synthetic distribution…"
                    : "no distribution chart for \(column.kind.rawValue) columns"
                buffer.set(chartArea.x, chartArea.y, palette.ui(note), palette.muted, within: chartArea)
            }
        }
        var hintY = area.bottom - hintRows
        for line in hints.prefix(hintRows) {
            buffer.set(inner.x, hintY, DisplayWidth.truncate(palette.text(line), to: inner.width, ellipsis: palette.glyphs.ellipsis),
                       palette.fair, within: inner)
            hintY += 1
        }
    }

    /// Counts, range and centre (numbers) or the commonest levels.
    static func profileLines(_ profile: ColumnProfile?, column: ColumnPlan, rows: Int) -> [String] {
        guard let profile else { return ["not in the source: made by \(column.strategy)"] }
        var lines = ["nulls \(profile.nulls) (\(ChartFormat.percent(profile.nullFraction)))  distinct \(profile.distinct)  rows \(profile.count)"]
        if let low = profile.minimum, let high = profile.maximum, column.kind != .categorical {
            var line = "range \(ChartFormat.number(low)) to \(ChartFormat.number(high))"
            if let mean = profile.mean { line += "  mean \(ChartFormat.number(mean))" }
            if let sd = profile.standardDeviation { line += "  sd \(ChartFormat.number(sd))" }
            lines.append(line)
        } else if !profile.topCategories.isEmpty {
            let valid = max(1, profile.validCount)
            lines.append("top " + profile.topCategories.prefix(4).map {
                "\($0.value) \(ChartFormat.percent(Double($0.count) / Double(valid)))"
            }.joined(separator: ", "))
        }
        return lines
    }

    /// Disclosure hints that name this column.
    static func hintLines(_ privacy: PrivacyReport?, column: String) -> [String] {
        guard let hints = privacy?.disclosureHints else { return [] }
        var lines: [String] = []
        let rare = hints.rareCategories.filter { $0.column == column }
        if !rare.isEmpty {
            let examples = rare.prefix(3).map { "\($0.level) (\($0.realCount) real)" }.joined(separator: ", ")
            lines.append("hint: rare levels repeated in the synthetic rows: \(examples)")
        }
        for extreme in hints.extremeValues where extreme.column == column {
            lines.append("hint: the real \(extreme.side.rawValue) \(extreme.value) (one real row) is repeated in \(extreme.syntheticCount) synthetic rows")
        }
        if let unique = hints.uniqueCombinations, unique.columns.contains(column), unique.revealedCombinations > 0 {
            lines.append("hint: \(unique.revealedCombinations) combinations unique in the real data reappear (\(unique.columns.joined(separator: ", ")))")
        }
        return lines
    }
}
