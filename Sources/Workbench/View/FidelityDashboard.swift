import Fidelity
import TerminalUI

/// The fidelity page: overall quality, per-column scores worst first, correlation heatmaps
/// (real, synthetic, difference), and privacy figures. Drawn whole into a tall buffer and shown
/// from the scroll offset.
enum FidelityDashboard {
    /// A related table's children per parent, real vs synthetic, for each of its foreign keys:
    /// the table list's last `c` (the whole related set generated with the current plans).
    static func cardinality(_ state: WorkbenchState) -> [any Widget] {
        guard let relational = state.relational, let table = relational.open,
              relational.links.contains(where: { $0.key.child == table }) else { return [] }
        let palette = state.palette
        var widgets: [any Widget] = [TextWidget("Children per parent (the related tables generated together)", role: .title)]
        guard case .computed(let report) = relational.cardinality else {
            widgets.append(TextWidget(palette.ui("c on the table list (q goes back) generates them and charts children per parent here"), role: .muted))
            return [WidgetStack(widgets, spacing: 0)]
        }
        for link in report.links where link.key.child == table {
            widgets.append(TextWidget(palette.ui("\(link.key.child).\(link.key.childColumn) → \(link.key.parent).\(link.key.parentColumn): cardinality shape similarity "
                + RelationalReportView.figure(link.cardinalityShapeSimilarity) + ", integrity " + RelationalReportView.figure(link.syntheticIntegrity.score))))
            if let chart = RelationalReportView.cardinalityChart(link, plotHeight: 5) { widgets.append(chart) }
        }
        return [WidgetStack(widgets, spacing: 0)]
    }

    static func content(_ state: WorkbenchState, width: Int) -> Buffer {
        let palette = state.palette
        var widgets: [any Widget] = []
        let fidelity = state.fidelity
        let rows = min(state.document?.realSample.rowCount ?? 0, state.preview.rowCount)
        var heading = "Fidelity of the preview: \(rows) synthetic rows against \(state.document?.realSample.rowCount ?? 0) real rows"
        if state.preview.pending || fidelity.qualityPending || fidelity.privacyPending { heading += " · computing…" }
        widgets.append(TextWidget(palette.ui(heading), role: .title))
        if let error = fidelity.error { widgets.append(TextWidget("error: \(error)")) }
        if let quality = fidelity.quality {
            let labelWidth = 26
            widgets.append(WidgetStack([
                ScoreGauge("Overall quality", value: quality.score, labelWidth: labelWidth),
                ScoreGauge("Column shapes", value: quality.columnShapes, labelWidth: labelWidth),
                ScoreGauge("Column pair trends", value: quality.columnPairTrends, labelWidth: labelWidth),
            ], spacing: 0))
            let columns = quality.columns.sorted { ($0.score ?? 2) < ($1.score ?? 2) || (($0.score ?? 2) == ($1.score ?? 2) && $0.column < $1.column) }
            if !columns.isEmpty {
                let nameWidth = min(24, columns.map { DisplayWidth.of($0.column) }.max() ?? 8)
                widgets.append(WidgetStack([TextWidget("Columns, worst first", role: .title)]
                    + columns.map { ScoreGauge($0.column, value: $0.score, labelWidth: nameWidth) as any Widget }, spacing: 0))
            }
            if let correlations = fidelity.correlations, correlations.columns.count >= 2 {
                let summary = CorrelationSummary(matrices: correlations)
                widgets.append(summary.heatmap(width: width, palette: palette))
                let worst = summary.worstPairs(count: 10, palette: palette)
                if !worst.isEmpty { widgets.append(WidgetStack(worst, spacing: 0)) }
            }
        } else if fidelity.qualityPending || state.preview.pending {
            widgets.append(TextWidget(palette.ui("computing quality…"), role: .muted))
        }
        widgets += cardinality(state)
        widgets += ruleAdherence(state, width: width)
        if let privacy = fidelity.privacy {
            var lines = [TextWidget("Privacy", role: .title) as any Widget]
            let copies = privacy.exactCopyRate.map { "\(privacy.exactCopies) of \(privacy.sampleSizes.syntheticTotal) rows (\(ChartFormat.percent($0)))" } ?? "n/a"
            lines.append(TextWidget("Exact copies of real rows: \(copies)"))
            if let share = privacy.dcrShare {
                lines.append(TextWidget(String(format: "DCR share %.3f +/- %.3f (%d rows each): ", share.share, share.standardError, share.rows) + share.verdict))
            } else {
                lines.append(TextWidget("DCR share needs real rows kept out of fitting: doppel --holdout FILE", role: .muted))
            }
            if let holdout = privacy.holdoutCopyRate, let exact = privacy.exactCopyRate, let verdict = privacy.copyVerdict {
                lines.append(TextWidget("Copy rate \(ChartFormat.percent(exact)) vs holdout \(ChartFormat.percent(holdout)): \(verdict)"))
            }
            if let setting = state.document?.plan.privacy {
                lines.append(TextWidget("Model chosen under privacy \(setting.rawValue) (\(setting.limits)); :privacy strict|balanced|off re-chooses", role: .muted))
            }
            lines.append(ScoreGauge("DCR baseline protection", value: privacy.dcrBaselineProtection, labelWidth: 26))
            lines.append(ScoreGauge("DCR overfitting protection", value: privacy.dcrOverfittingProtection, labelWidth: 26))
            if privacy.dcrOverfittingProtection == nil {
                lines.append(TextWidget("  overfitting protection needs real rows kept out of fitting: doppel --holdout FILE", role: .muted))
            }
            widgets.append(WidgetStack(lines, spacing: 0))
        } else if fidelity.privacyPending || state.preview.pending {
            widgets.append(TextWidget(palette.ui("computing privacy…"), role: .muted))
        }
        let stack = WidgetStack(widgets, spacing: 1)
        return stack.rendered(width: width, palette: palette)
    }

    /// The rules found in the real data that the preview breaks more often than the real rows
    /// do, worst first (`RuleAdherence`, on the same rows as the other figures).
    static func ruleAdherence(_ state: WorkbenchState, width: Int) -> [any Widget] {
        let palette = state.palette
        guard let rules = state.rules.rules else {
            return [TextWidget(palette.ui("Rules: finding the rules of the real data…"), role: .muted)]
        }
        guard !rules.isEmpty else { return [TextWidget("Rules: none hold in the real data", role: .muted)] }
        guard let adherence = state.fidelity.rules, !state.preview.pending else {
            return [TextWidget(palette.ui("Rules: checking the preview…"), role: .muted)]
        }
        let worst = adherence.worst(10)
        var lines: [any Widget] = [TextWidget("Rules, worst first: rows breaking each, real and synthetic (R lists all \(rules.count))",
                                              role: .title)]
        guard !worst.isEmpty else {
            lines.append(TextWidget("  the preview breaks none of the \(rules.count) rules more often than the real rows do"))
            return [WidgetStack(lines, spacing: 0)]
        }
        let ellipsis = palette.glyphs.ellipsis
        let ruleWidth = max(8, min(48, width - 36))
        for entry in worst {
            let rule = CellText.fit(palette.text(entry.rule.text), width: ruleWidth, number: false, ellipsis: ellipsis)
            let real = CellText.fit(RuleAdherence.percent(entry.real.violationRate), width: 7, number: true, ellipsis: ellipsis)
            let synthetic = CellText.fit(RuleAdherence.percent(entry.synthetic.violationRate), width: 7, number: true, ellipsis: ellipsis)
            lines.append(TextWidget("  \(rule)  real \(real)  synthetic \(synthetic)"))
        }
        return [WidgetStack(lines, spacing: 0)]
    }

    static func render(_ state: WorkbenchState, area: Rect, into buffer: inout Buffer) {
        let content = content(state, width: max(1, area.width - 2))
        let maximum = max(0, content.area.height - area.height)
        let scroll = min(state.fidelityScroll, maximum)
        let visible = content.area.height - scroll
        guard visible > 0 else { return }
        var slice = Buffer(width: content.area.width, height: min(area.height, visible))
        slice.paste(content, x: 0, y: -scroll)
        buffer.paste(slice, x: area.x + 1, y: area.y)
    }
}
