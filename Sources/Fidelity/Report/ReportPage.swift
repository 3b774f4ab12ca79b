import Foundation

/// `doppel report --html`: one self-contained page (inline CSS and SVG, no scripts, nothing
/// fetched), so that it can be mailed or attached to a CI run as it is.
public struct ReportPage {
    public var report: FidelityReport
    public var data: FidelityData
    public var title: String

    public init(report: FidelityReport, data: FidelityData, title: String) {
        self.report = report
        self.data = data
        self.title = title
    }

    public var html: String {
        var body = "<h1>Doppel fidelity report</h1>\n<p class=\"sub\">\(escape(title))</p>\n"
        body += section("Scores", figuresTable())
        body += section("Columns, worst first", columnsTable())
        body += section("Column pairs, worst first", pairsTable())
        body += section("Rules of the real data", rulesTable())
        let scope = report.scopeLines
        if !scope.isEmpty {
            body += section("What quality scores", scope.map { "<p>\(escape($0))</p>" }.joined(separator: "\n"))
        }
        let histograms = HistogramComparison.all(data)
        if !histograms.isEmpty {
            body += section("Distributions: real and synthetic", histograms.map(histogramSVG).joined(separator: "\n"))
        }
        let categories = CategoryComparison.all(data, columns: report.quality.columns.map(\.column))
        if !categories.isEmpty {
            body += section("Categories: real and synthetic", categories.map(categorySVG).joined(separator: "\n"))
        }
        let matrices = CorrelationMatrices.compute(data)
        if matrices.columns.count >= 2 {
            body += section("Correlations", [
                heatmapSVG(matrices.real, columns: matrices.columns, title: "real", diverging: true),
                heatmapSVG(matrices.synthetic, columns: matrices.columns, title: "synthetic", diverging: true),
                heatmapSVG(matrices.difference, columns: matrices.columns, title: "|difference|", diverging: false),
            ].joined(separator: "\n"))
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) — Doppel report</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
            h1{margin-bottom:0}.sub{color:#666;margin-top:.2em}
            table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.bar{display:inline-block;height:.7em;background:#3b7dd8}
            svg{margin:.4em 1em .4em 0;vertical-align:top}.legend{color:#666;font-size:12px}tr.bad td{color:#b00}
            </style></head><body>
            \(body)
            <p class="legend">Real in blue, synthetic in orange. Quality uses SDMetrics 0.32's definitions.</p>
            </body></html>

            """
    }

    private func section(_ heading: String, _ content: String) -> String {
        "<h2>\(escape(heading))</h2>\n\(content)\n"
    }

    private func figuresTable() -> String {
        var rows = ""
        for figure in report.figures {
            var value = figure.value.map { String(format: "%.4f", $0) } ?? "— (\(escape(report.whyMissing(figure.name))))"
            if figure.name == "dcr_share", let share = report.privacy.dcrShare {
                value += String(format: " ± %.4f", share.standardError)
            }
            let bar = figure.value.map { "<span class=\"bar\" style=\"width:\(Int(max(0, min(1, $0)) * 160))px\"></span>" } ?? ""
            rows += "<tr><td>\(escape(figure.name))</td><td class=\"n\">\(value)</td><td>\(bar)</td></tr>\n"
        }
        let verdicts = report.holdoutVerdicts.map { "<li>\(escape($0))</li>" }.joined()
        let definition = "<p class=\"legend\">dcr_share: the share of synthetic rows closer to a training row than to a holdout row "
            + "(equal samples, ties half; numbers as pooled real mid-ranks, categories one-hot, missing as indicators), "
            + "0.5 ideal; holdout_copy_rate: holdout rows equal to a training row, the floor for exact_copy_rate.</p>"
        return "<table>\n\(rows)</table>" + (verdicts.isEmpty ? "" : "\n<ul>\(verdicts)</ul>\n" + definition)
    }

    private func rulesTable() -> String {
        guard !report.rules.entries.isEmpty else { return "<p>No rule holds on 99.9% of the real rows (doppel rules lists what it looks for).</p>" }
        var rows = ""
        for entry in report.rules.entries {
            let flag = entry.excess > 0.001 ? " class=\"bad\"" : ""
            rows += "<tr\(flag)><td>\(escape(entry.rule.text))</td><td class=\"n\">\(String(format: "%.4f", entry.rule.support))</td>"
                + "<td class=\"n\">\(String(format: "%.4f", entry.real.violationRate))</td><td class=\"n\">\(String(format: "%.4f", entry.synthetic.violationRate))</td></tr>\n"
        }
        return "<table><tr><th>rule</th><th>support</th><th>real violations</th><th>synthetic violations</th></tr>\n\(rows)</table>"
    }

    private func columnsTable() -> String {
        let sorted = report.quality.columns.sorted { ($0.score ?? 2) < ($1.score ?? 2) }
        var rows = ""
        for column in sorted {
            rows += "<tr><td>\(escape(column.column))</td><td>\(escape(column.metric.rawValue))</td><td class=\"n\">\(column.score.map { String(format: "%.4f", $0) } ?? "—")</td></tr>\n"
        }
        return "<table><tr><th>column</th><th>metric</th><th>score</th></tr>\n\(rows)</table>"
    }

    private func pairsTable() -> String {
        let sorted = report.quality.pairs.filter(\.meetsThreshold).sorted { ($0.score ?? 2) < ($1.score ?? 2) }.prefix(20)
        guard !sorted.isEmpty else { return "<p>No pair of columns shows a relationship in the real data above the thresholds.</p>" }
        var rows = ""
        for pair in sorted {
            rows += "<tr><td>\(escape(pair.column1)) × \(escape(pair.column2))</td><td>\(escape(pair.metric.rawValue))</td><td class=\"n\">\(pair.score.map { String(format: "%.4f", $0) } ?? "—")</td></tr>\n"
        }
        return "<table><tr><th>pair</th><th>metric</th><th>score</th></tr>\n\(rows)</table>"
    }

    private func histogramSVG(_ histogram: HistogramComparison) -> String {
        let width = 320.0, height = 120.0
        let bins = histogram.real.count
        let top = max(histogram.real.max() ?? 0, histogram.synthetic.max() ?? 0, 1e-12)
        let barWidth = width / Double(max(1, bins))
        var bars = ""
        for index in 0..<bins {
            let x = Double(index) * barWidth
            let realHeight = histogram.real[index] / top * (height - 20)
            let synthHeight = histogram.synthetic[index] / top * (height - 20)
            bars += "<rect x=\"\(fmt(x))\" y=\"\(fmt(height - 20 - realHeight))\" width=\"\(fmt(barWidth * 0.5))\" height=\"\(fmt(realHeight))\" fill=\"#3b7dd8\"/>"
            bars += "<rect x=\"\(fmt(x + barWidth * 0.5))\" y=\"\(fmt(height - 20 - synthHeight))\" width=\"\(fmt(barWidth * 0.5))\" height=\"\(fmt(synthHeight))\" fill=\"#f08c2e\"/>"
        }
        let low = histogram.edges.first.map { String(format: "%g", $0) } ?? ""
        let high = histogram.edges.last.map { String(format: "%g", $0) } ?? ""
        return """
            <svg width="\(Int(width))" height="\(Int(height + 16))" role="img" aria-label="\(escape(histogram.column))">\
            <text x="0" y="\(Int(height + 12))" font-size="11">\(escape(low))</text>\
            <text x="\(Int(width))" y="\(Int(height + 12))" font-size="11" text-anchor="end">\(escape(high))</text>\
            <text x="\(Int(width / 2))" y="\(Int(height + 12))" font-size="12" text-anchor="middle">\(escape(histogram.column))</text>\
            \(bars)</svg>
            """
    }

    private func categorySVG(_ comparison: CategoryComparison) -> String {
        let rowHeight = 16.0, labelWidth = 110.0, barSpace = 200.0
        let levels = comparison.levels
        let top = max(levels.map { max($0.real, $0.synthetic) }.max() ?? 0, 1e-12)
        var content = "<text x=\"0\" y=\"12\" font-size=\"12\" font-weight=\"bold\">\(escape(comparison.column))</text>"
        for (index, level) in levels.enumerated() {
            let y = 18 + Double(index) * rowHeight
            content += "<text x=\"0\" y=\"\(fmt(y + 11))\" font-size=\"11\">\(escape(String(level.name.prefix(16))))</text>"
            content += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 1))\" width=\"\(fmt(level.real / top * barSpace))\" height=\"6\" fill=\"#3b7dd8\"/>"
            content += "<rect x=\"\(fmt(labelWidth))\" y=\"\(fmt(y + 7))\" width=\"\(fmt(level.synthetic / top * barSpace))\" height=\"6\" fill=\"#f08c2e\"/>"
        }
        let height = 22 + Double(levels.count) * rowHeight
        return "<svg width=\"\(Int(labelWidth + barSpace + 10))\" height=\"\(Int(height))\">\(content)</svg>"
    }

    private func heatmapSVG(_ matrix: [[Double?]], columns: [String], title: String, diverging: Bool) -> String {
        let cell = 22.0, label = 90.0
        let size = Double(columns.count)
        var content = "<text x=\"0\" y=\"12\" font-size=\"12\" font-weight=\"bold\">\(escape(title))</text>"
        for (row, name) in columns.enumerated() {
            content += "<text x=\"0\" y=\"\(fmt(label / 2 + Double(row) * cell + 15))\" font-size=\"10\">\(escape(String(name.prefix(12))))</text>"
            for column in 0..<columns.count {
                let value = matrix[row][column]
                let colour = value.map { diverging ? divergingColour($0) : sequentialColour($0) } ?? "#eee"
                content += "<rect x=\"\(fmt(label + Double(column) * cell))\" y=\"\(fmt(label / 2 + Double(row) * cell))\" width=\"\(fmt(cell - 1))\" height=\"\(fmt(cell - 1))\" fill=\"\(colour)\"><title>\(escape(columns[row])) × \(escape(columns[column])): \(value.map { String(format: "%.3f", $0) } ?? "n/a")</title></rect>"
            }
        }
        return "<svg width=\"\(Int(label + size * cell + 4))\" height=\"\(Int(label / 2 + size * cell + 4))\">\(content)</svg>"
    }

    /// −1 blue … 0 white … 1 red.
    private func divergingColour(_ value: Double) -> String {
        let t = max(-1, min(1, value))
        let r = t < 0 ? 255 + t * 196 : 255
        let g = 255 - abs(t) * 160
        let b = t > 0 ? 255 - t * 196 : 255
        return String(format: "#%02x%02x%02x", Int(r), Int(g), Int(b))
    }

    /// 0 white … 1 dark orange.
    private func sequentialColour(_ value: Double) -> String {
        let t = max(0, min(1, value))
        return String(format: "#%02x%02x%02x", 255, Int(255 - t * 140), Int(255 - t * 230))
    }

    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    private func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
