import Fidelity
import Tabular

/// The terminal text of `doppel report`: scores as gauges, the worst columns and pairs, and
/// charts for the columns that differ most. Readable in 80 columns; ASCII without colour when
/// asked (or when the output is not a terminal).
public struct ReportView {
    public var report: FidelityReport
    public var data: FidelityData
    public var ascii: Bool
    public var width: Int

    public init(report: FidelityReport, data: FidelityData, ascii: Bool, width: Int = 80) {
        self.report = report
        self.data = data
        self.ascii = ascii
        self.width = width
    }

    /// The widgets, top to bottom.
    public var widgets: [any Widget] {
        var widgets: [any Widget] = [TextWidget("Doppel fidelity report", role: .title)]
        widgets.append(WidgetStack(gauges, spacing: 0))
        widgets.append(TextWidget(notes, role: .muted))
        widgets.append(TextWidget(worstColumns + [""] + worstPairs))
        let rules = report.rules.lines.flatMap { wrap($0, width: width - 2) }
        widgets.append(TextWidget(["rules of the real data:"] + (rules.isEmpty ? ["  none hold on 99.9% of the real rows"] : rules.map { "  " + $0 })))
        let disclosure = report.disclosureLines.flatMap { wrap($0, width: width - 2) }
        widgets.append(TextWidget(["disclosure hints:"] + (disclosure.isEmpty ? ["  none found"] : disclosure.map { "  " + $0 })))

        let worstContinuous = report.quality.columns
            .filter { $0.metric == .ksComplement && $0.score != nil }
            .sorted { $0.score! < $1.score! }.prefix(2).map(\.column)
        let histograms = HistogramComparison.all(data).filter { worstContinuous.contains($0.column) }
        widgets += histograms.map { HistogramWidget($0) as any Widget }

        let worstCategorical = report.quality.columns
            .filter { $0.metric == .tvComplement && $0.score != nil }
            .sorted { $0.score! < $1.score! }.first?.column
        if let name = worstCategorical, let comparison = CategoryComparison.all(data, columns: [name]).first {
            widgets.append(CategoryBarsWidget(comparison))
        }
        let matrices = CorrelationMatrices.compute(data)
        if matrices.columns.count >= 2 {
            widgets.append(CorrelationHeatmapWidget(matrices))
        }
        return widgets
    }

    /// The whole report as text: ANSI colours, or plain ASCII.
    public var text: String {
        let palette: Palette = ascii ? .ascii : .color
        let buffer = WidgetStack(widgets).rendered(width: width, palette: palette)
        if ascii { return buffer.plainLines().joined(separator: "\n") + "\n" }
        return buffer.ansiText()
    }

    private var gauges: [any Widget] {
        let labelWidth = 28
        var gauges: [any Widget] = []
        for figure in report.figures {
            // pMSE is an error (lower is better, not a 0–1 score); it is listed in the notes instead.
            // dcr_share (0.5 ideal) and holdout_copy_rate (a floor) are not scores either: they
            // come with their verdicts in the notes.
            guard !["pmse", "s_pmse", "dcr_share", "holdout_copy_rate"].contains(figure.name) else { continue }
            let lowerIsBetter = figure.name == "exact_copy_rate" || figure.name == "rule_violation_rate"
            gauges.append(ScoreGauge(figure.name, value: figure.value, labelWidth: labelWidth, higherIsBetter: !lowerIsBetter))
        }
        return gauges
    }

    private var notes: [String] {
        var lines: [String] = []
        let pairs = report.quality.pairs
        let counted = pairs.filter(\.meetsThreshold).count
        lines.append("column pair trends count \(counted) of \(pairs.count) pairs: those with |r| > 0.5 or Cramer's V > 0.3 in the real data")
        if let utility = report.utility {
            var line = "propensity: pMSE \(format(utility.pmse, digits: 4))"
            if let ratio = utility.sPMSE { line += ", S_pMSE \(format(ratio, digits: 2)) (about 1 means real and synthetic are hard to tell apart)" }
            lines.append(line)
            if let tstr = utility.tstr {
                let metrics = tstr.metrics.map { "\($0.name) \(format($0.synthetic, digits: 3)) trained on synthetic vs \(format($0.real, digits: 3)) on real" }
                lines.append("TSTR on '\(tstr.target)' (\(tstr.testRows) real test rows): " + metrics.joined(separator: "; "))
            }
        } else if let problem = report.utilityProblem {
            lines.append("utility not computed: \(problem)")
        }
        if report.hasHoldout {
            lines += report.holdoutVerdicts
        } else {
            lines.append("dcr_overfitting_protection, dcr_share and holdout_copy_rate need --holdout")
        }
        let sizes = report.privacy.sampleSizes
        if sizes.synthetic < sizes.syntheticTotal || sizes.real < sizes.realTotal {
            lines.append("privacy figures on samples of \(sizes.synthetic) synthetic and \(sizes.real) real rows")
        }
        let pairRows = report.quality.pairSampleRows
        if pairRows.real < data.real.rowCount || pairRows.synthetic < data.synthetic.rowCount {
            lines.append("pair trends on samples of \(pairRows.real) real and \(pairRows.synthetic) synthetic rows")
        }
        lines += report.scopeLines
        if !data.missingFromSynthetic.isEmpty { lines.append("missing from the synthetic data: " + data.missingFromSynthetic.joined(separator: ", ")) }
        if !data.extraInSynthetic.isEmpty { lines.append("not in the real data: " + data.extraInSynthetic.joined(separator: ", ")) }
        return lines.flatMap { wrap($0, width: width) }
    }

    private var worstColumns: [String] {
        let scored = report.quality.columns.compactMap { column in column.score.map { (column.column, column.metric.rawValue, $0) } }
            .sorted { $0.2 < $1.2 }.prefix(5)
        return ["worst columns:"] + scored.map { "  \(format($0.2, digits: 3))  \($0.0) (\($0.1))" }
    }

    private var worstPairs: [String] {
        let scored = report.quality.pairs.filter(\.meetsThreshold)
            .compactMap { pair in pair.score.map { ("\(pair.column1) x \(pair.column2)", pair.metric.rawValue, $0) } }
            .sorted { $0.2 < $1.2 }.prefix(5)
        if scored.isEmpty { return ["worst pairs: none with a relationship in the real data"] }
        return ["worst pairs:"] + scored.map { "  \(format($0.2, digits: 3))  \($0.0) (\($0.1))" }
    }

    private func format(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if text.contains("e") { return text }
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }

    /// Words of `line` in lines of at most `width` columns, continuation lines indented.
    private func wrap(_ line: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ") {
            if current.count + word.count + 1 > width && !current.isEmpty {
                lines.append(current)
                current = "  " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
