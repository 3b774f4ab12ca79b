import Fidelity
import Tabular

/// The terminal text of `doppel report` on related tables: the overall figures, a line per
/// table and per foreign key, and the children-per-parent histogram of each key.
public struct RelationalReportView {
    public var report: RelationalReport
    public var ascii: Bool
    public var width: Int

    public init(report: RelationalReport, ascii: Bool, width: Int = 80) {
        self.report = report
        self.ascii = ascii
        self.width = width
    }

    public static func figure(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "n/a" }

    public var widgets: [any Widget] {
        var widgets: [any Widget] = [TextWidget("Doppel relational report", role: .title)]
        widgets.append(TextWidget([
            "referential integrity         \(Self.figure(report.referentialIntegrity))  (synthetic keys that find their parent)",
            "cardinality shape similarity  \(Self.figure(report.cardinalityShapeSimilarity))  (1 - KS of children per parent)",
            "intertable trends             \(Self.figure(report.intertableTrends))  (parent-child column pairs)",
        ]))
        var tableLines = ["tables (quality without key columns, as SDMetrics scores no id):"]
        for table in report.tables {
            let quality = table.quality.map { "quality \(Self.figure($0.score))" } ?? "not in the synthetic data"
            tableLines.append("  \(table.name): \(table.realRows) real rows, \(table.syntheticRows) synthetic, \(quality)")
        }
        widgets.append(TextWidget(tableLines))
        var linkLines = ["relationships:"]
        for link in report.links {
            linkLines.append("  \(link.key.child).\(link.key.childColumn) -> \(link.key.parent).\(link.key.parentColumn)")
            linkLines.append("    cardinality \(Self.figure(link.cardinalityShapeSimilarity)), integrity \(Self.figure(link.syntheticIntegrity.score)) (real \(Self.figure(link.realIntegrity.score)), \(link.realIntegrity.orphans) orphan keys)")
            if let trends = link.intertableTrends {
                let meeting = trends.pairs.filter(\.meetsThreshold).count
                linkLines.append("    intertable trends \(Self.figure(trends.score)) on \(meeting) of \(trends.pairs.count) related pairs (all pairs \(Self.figure(trends.scoreAll)))")
            }
            if let events = link.events {
                linkLines.append("    events by \(events.column): order kept \(Self.figure(events.syntheticOrderedShare)), gaps \(Self.figure(events.gapSimilarity)) (1 - KS)")
            }
        }
        widgets.append(TextWidget(linkLines))
        return widgets + report.links.compactMap { Self.cardinalityChart($0) }
    }

    /// Children per parent row, real against synthetic, of one foreign key.
    public static func cardinalityChart(_ link: RelationalReport.LinkScore, plotHeight: Int = 8) -> HistogramWidget? {
        let real = Column(name: "children", values: .integers(link.realCounts.map(Int64.init), .plain))
        let synthetic = Column(name: "children", values: .integers(link.syntheticCounts.map(Int64.init), .plain))
        guard let comparison = HistogramComparison.compute(column: "children", kind: .integer, real: real, synthetic: synthetic) else { return nil }
        let title = "children per \(link.key.parent) row (\(link.key.child).\(link.key.childColumn))"
        return HistogramWidget(comparison, title: title, plotHeight: plotHeight)
    }

    public var text: String {
        let palette: Palette = ascii ? .ascii : .color
        let buffer = WidgetStack(widgets).rendered(width: width, palette: palette)
        if ascii { return buffer.plainLines().joined(separator: "\n") + "\n" }
        return buffer.ansiText()
    }
}
