import Foundation
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
        let membership = JointMembership.of(column.name, in: document.plan)
        let title = palette.ui([column.name, column.kind.rawValue, membership?.badge(strategy: column.strategy) ?? column.strategy,
                                scoreText].joined(separator: " · "))
        buffer.set(area.x, area.y, String(repeating: rule, count: area.width), palette.muted, within: area)
        buffer.set(area.x + 1, area.y, " " + DisplayWidth.truncate(title, to: max(0, area.width - 4), ellipsis: palette.glyphs.ellipsis) + " ",
                   palette.title, within: area)
        var y = area.y + 1
        let inner = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: area.height)
        let values = document.table.column(named: column.name)?.values
        // A key of related tables: the relation it is part of, first (it says what the plan cannot).
        if let relational = state.relational, let table = relational.open {
            for text in relational.relationLines(table: table, column: column.name) {
                for line in Workbench.wrap(palette.ui(text), width: max(1, inner.width)) {
                    guard y < area.bottom else { return }
                    buffer.set(inner.x, y, line, palette.title, within: inner)
                    y += 1
                }
            }
        }
        if let membership {
            for line in Workbench.wrap(palette.ui(membership.summary(strategy: column.strategy)), width: max(1, inner.width)) {
                guard y < area.bottom else { return }
                buffer.set(inner.x, y, line, palette.muted, within: inner)
                y += 1
            }
        }
        for items in profileItems(document.profile(named: column.name), column: column, values: values) {
            guard y < area.bottom else { return }
            buffer.set(inner.x, y, fitItems(items.map { palette.text($0) }, width: inner.width, ellipsis: palette.glyphs.ellipsis),
                       within: inner)
            y += 1
        }
        // The profile is of every row; the chart and the hints are of the rows fidelity is
        // scored on. When those are a sample, say so (their shares and extremes differ).
        let sampled = document.realSample.rowCount < document.table.rowCount
        let sampleRows = document.realSample.rowCount
        if sampled, y < area.bottom, state.document?.profile(named: column.name) != nil {
            let note = "chart and hints: an even sample of \(grouped(sampleRows)) of the \(grouped(document.table.rowCount)) real rows"
            buffer.set(inner.x, y, DisplayWidth.truncate(palette.ui(note), to: inner.width, ellipsis: palette.glyphs.ellipsis),
                       palette.muted, within: inner)
            y += 1
        }
        if let error = state.preview.errors[column.name] ?? state.preview.errors[PreviewBuilder.planKey] {
            // Whole, wrapped: the message is what says how to fix the plan.
            for line in Workbench.wrap(palette.ui("error: " + error), width: max(1, inner.width)) {
                guard y < area.bottom else { break }
                buffer.set(inner.x, y, line, palette.bad, within: inner)
                y += 1
            }
        }
        let hints = hintLines(state.fidelity.privacy, column: column.name, sampled: sampled)
        let hintRows = min(hints.count, 2)
        let chartArea = Rect(x: inner.x, y: y, width: inner.width, height: max(0, area.bottom - y - hintRows))
        if chartArea.height >= 4 {
            if let histogram = state.fidelity.histograms[column.name] {
                let title = chartTitle(column.name, real: histogram.realNullShare, synthetic: histogram.syntheticNullShare, sampled: sampled)
                HistogramWidget(histogram, title: title, plotHeight: max(1, chartArea.height - 3))
                    .render(into: &buffer, area: chartArea, palette: palette)
            } else if let categories = state.fidelity.categories[column.name] {
                let title = chartTitle(column.name, real: categories.realNullShare, synthetic: categories.syntheticNullShare, sampled: sampled)
                CategoryBarsWidget(categories, title: title, maxLevels: max(1, (chartArea.height - 1) / 2))
                    .render(into: &buffer, area: chartArea, palette: palette)
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

    /// The chart's title: the column and, when either side has nulls, their shares (of the
    /// real sample when the real rows are sampled).
    static func chartTitle(_ name: String, real: Double, synthetic: Double, sampled: Bool) -> String {
        guard real > 0 || synthetic > 0 else { return name }
        return "\(name)  (nulls: \(sampled ? "real sample" : "real") \(ChartFormat.percent(real)), synthetic \(ChartFormat.percent(synthetic)))"
    }

    /// Counts, range and centre (numbers and dates) or the commonest levels: lines of items,
    /// which `fitItems` keeps whole or leaves out (a number is never cut).
    static func profileItems(_ profile: ColumnProfile?, column: ColumnPlan, values: ColumnValues?) -> [[String]] {
        guard let profile else { return [["not in the source: made by \(column.strategy)"]] }
        var lines = [["nulls \(profile.nulls) (\(ChartFormat.percent(profile.nullFraction)))", "distinct \(profile.distinct)",
                      "rows \(profile.count)"]]
        if let low = profile.minimum, let high = profile.maximum, column.kind != .categorical {
            if case .datetimes(_, let format)? = values {
                var line = ["range \(date(low, format)) to \(date(high, format))"]
                if let mean = profile.mean { line.append("mean \(date(mean, format))") }
                if let sd = profile.standardDeviation { line.append("sd \(duration(sd))") }
                lines.append(line)
            } else {
                let integral: Bool = if case .integers? = values { true } else { false }
                let stats = [profile.mean, profile.standardDeviation].compactMap { $0 }
                let digits = decimals(for: [low, high] + stats)
                let text = { (value: Double, exact: Bool) in number(value, decimals: exact ? 0 : digits) }
                var line = ["range \(text(low, integral)) to \(text(high, integral))"]
                if let mean = profile.mean { line.append("mean \(text(mean, false))") }
                if let sd = profile.standardDeviation { line.append("sd \(text(sd, false))") }
                lines.append(line)
            }
        } else if !profile.topCategories.isEmpty {
            let valid = max(1, profile.validCount)
            lines.append(["top"] + profile.topCategories.prefix(4).map {
                "\($0.value) \(ChartFormat.percent(Double($0.count) / Double(valid)))"
            })
        }
        return lines
    }

    /// The items of a line in `width` columns, two spaces apart (`top` is followed by one and
    /// its levels by commas); items that do not fit are left out whole and an ellipsis says so.
    static func fitItems(_ items: [String], width: Int, ellipsis: String) -> String {
        var line = ""
        for (index, item) in items.enumerated() {
            let separator = index == 0 ? "" : (items[0] == "top" ? (index == 1 ? " " : ", ") : "  ")
            let candidate = line + separator + item
            let rest = index + 1 < items.count ? DisplayWidth.of(separator) + DisplayWidth.of(ellipsis) : 0
            if DisplayWidth.of(candidate) + rest > width && index + 1 < items.count || DisplayWidth.of(candidate) > width {
                let cut = line + (line.isEmpty ? "" : separator) + ellipsis
                return DisplayWidth.of(cut) <= width ? cut : DisplayWidth.truncate(line, to: width, ellipsis: ellipsis)
            }
            line = candidate
        }
        return line
    }

    /// Decimals for a line of numbers: four significant digits of the largest, at most four
    /// (so `0.2 to 5.01, mean 0.798` reads `0.200 to 5.010  mean 0.798`, one format for all).
    static func decimals(for values: [Double]) -> Int {
        let magnitude = values.filter(\.isFinite).map(abs).max() ?? 0
        guard magnitude > 0 else { return 0 }
        return max(0, min(4, 3 - Int(floor(log10(magnitude)))))
    }

    /// `value` with `decimals` digits after the point; past a billion in scientific notation.
    static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return ChartFormat.number(value) }
        if abs(value) >= 1e9 { return String(format: "%.3e", value) }
        return String(format: "%.\(decimals)f", value)
    }

    /// Seconds since the epoch in the column's own layout.
    static func date(_ seconds: Double, _ format: DateTimeFormat) -> String {
        guard seconds.isFinite else { return "n/a" }
        var bytes: [UInt8] = []
        format.format(seconds, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A spread of seconds in the largest unit under it: `105.3 days`, `4.2 hours`.
    static func duration(_ seconds: Double) -> String {
        let units: [(Double, String)] = [(86_400, "days"), (3_600, "hours"), (60, "minutes")]
        for (size, name) in units where abs(seconds) >= size {
            return String(format: "%.1f ", seconds / size) + name
        }
        return String(format: "%.1f seconds", seconds)
    }

    /// `336776` as `336,776`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// Disclosure hints that name this column.
    /// When the real rows are `sampled`, counts and extremes are the sample's and say so: the
    /// sample's maximum need not be the real one.
    static func hintLines(_ privacy: PrivacyReport?, column: String, sampled: Bool = false) -> [String] {
        guard let hints = privacy?.disclosureHints else { return [] }
        var lines: [String] = []
        let rare = hints.rareCategories.filter { $0.column == column }
        if !rare.isEmpty {
            let examples = rare.prefix(3).map { "\($0.level) (\($0.realCount) \(sampled ? "in the real sample" : "real"))" }
                .joined(separator: ", ")
            lines.append("hint: rare levels repeated in the synthetic rows: \(examples)")
        }
        for extreme in hints.extremeValues where extreme.column == column {
            let subject = sampled ? "the real sample's \(extreme.side.rawValue) \(extreme.value) (one row of the sample)"
                : "the real \(extreme.side.rawValue) \(extreme.value) (one real row)"
            lines.append("hint: \(subject) is repeated in \(extreme.syntheticCount) synthetic rows")
        }
        if let unique = hints.uniqueCombinations, unique.columns.contains(column), unique.revealedCombinations > 0 {
            lines.append("hint: \(unique.revealedCombinations) combination\(unique.revealedCombinations == 1 ? "" : "s") unique in the real \(sampled ? "sample" : "data") reappear\(unique.revealedCombinations == 1 ? "s" : "") (\(unique.columns.joined(separator: ", ")))")
        }
        return lines
    }
}
