import Fidelity
import Foundation
import TerminalUI

/// The table list of related tables: a line per table (rows, columns, primary key, kept or
/// synthesised, whether its plan was edited), the relationship graph, and — after `c` — the
/// children per parent of each foreign key, real against synthetic, with the cardinality shape
/// similarity (`RelationalReportView`'s charts). Everything under the list scrolls.
enum TableListView {
    static func render(_ state: WorkbenchState, into buffer: inout Buffer) {
        guard let relational = state.relational else { return }
        let palette = state.palette
        let width = state.width
        // The title line.
        let style = palette.usesColor ? Style(modifiers: .reverse) : palette.title.adding(.reverse)
        let titleArea = Rect(x: 0, y: 0, width: width, height: 1)
        buffer.fill(titleArea, with: Cell(" ", style: style))
        var title = [relational.source, "\(relational.tables.count) tables", "\(relational.links.count) relationships", "seed \(relational.seed)"]
        if let path = relational.sessionPath { title.append("session " + Workbench.relative(path, to: state.currentDirectory)) }
        if relational.hasUnsavedEdits(current: nil) { title.append("(modified)") }
        buffer.set(0, 0, DisplayWidth.truncate(" " + palette.ui(title.joined(separator: " · ")), to: width, ellipsis: palette.glyphs.ellipsis),
                   style, within: titleArea)

        // The list.
        let nameWidth = max(5, relational.tables.map { DisplayWidth.of($0.name) }.max() ?? 5)
        // A long list (a database of many tables) takes at most half the screen, scrolled to
        // keep the highlighted table in view.
        let count = relational.tables.count
        let listRows = count <= max(3, (state.height - 4) / 2) ? count : max(3, (state.height - 4) / 2)
        let top = min(max(0, relational.selected - listRows + 1), max(0, count - listRows))
        let range = listRows < count ? "  (\(top + 1)-\(top + listRows) of \(count))" : ""
        let header = "  " + DisplayWidth.pad("table", to: nameWidth) + "  " + pad("rows", 11) + pad("columns", 9) + "  primary key       made as" + range
        var y = 2
        buffer.set(0, y, DisplayWidth.truncate(header, to: width, ellipsis: palette.glyphs.ellipsis), palette.muted)
        y += 1
        for (index, table) in relational.tables.enumerated() where index >= top && index < top + listRows && y < state.height - 1 {
            let edited = relational.stashed[table.name]?.document?.isDirty == true ? " (plan edited)" : ""
            let made = table.synthesize ? "synthesised" : "kept as it is"
            let line = (index == relational.selected ? "> " : "  ") + DisplayWidth.pad(palette.text(table.name), to: nameWidth) + "  "
                + pad(RelationalState.grouped(table.rows), 11) + pad(String(table.loaded.table.columnCount), 9) + "  "
                + DisplayWidth.pad(palette.text(table.primaryKey ?? "-"), to: 16) + "  " + made + edited
            let shown = DisplayWidth.pad(DisplayWidth.truncate(line, to: width, ellipsis: palette.glyphs.ellipsis), to: width)
            buffer.set(0, y, shown, index == relational.selected ? Style(modifiers: .reverse) : .plain)
            y += 1
        }
        y += 1
        // The graph and the cardinality, scrolled.
        let area = Rect(x: 0, y: y, width: width, height: max(0, state.height - 1 - y))
        guard !area.isEmpty else { return }
        let body = WidgetStack(widgets(relational, palette: palette)).rendered(width: max(1, width - 2), palette: palette)
        let scroll = min(relational.scroll, max(0, body.area.height - area.height))
        var visible = Buffer(width: width, height: area.height)
        visible.paste(body, x: 1, y: -scroll)
        buffer.paste(visible, x: 0, y: area.y)
    }

    static func widgets(_ relational: RelationalState, palette: Palette) -> [any Widget] {
        var widgets: [any Widget] = [
            TextWidget(palette.ui("Relationships: each parent table, its child tables under it [child.key → parent key]"), role: .title),
            TextWidget(RelationshipGraph.lines(relational, ascii: palette.isASCII).map { palette.ui($0) }),
        ]
        switch relational.cardinality {
        case .notComputed:
            if !relational.links.isEmpty {
                widgets.append(TextWidget(palette.ui("c: generate with the current plans and chart children per parent, real vs synthetic"), role: .muted))
            }
        case .computing:
            widgets.append(TextWidget(palette.ui("generating the related tables for the cardinality charts…"), role: .muted))
        case .failed(let message):
            widgets.append(TextWidget("cardinality: " + palette.text(message)))
        case .computed(let report):
            var lines = ["Cardinality shape similarity " + RelationalReportView.figure(report.cardinalityShapeSimilarity)
                + palette.ui(" (1 - KS of children per parent; c again after edits)")]
            for link in report.links {
                lines.append("  \(link.key.child).\(link.key.childColumn) → \(link.key.parent).\(link.key.parentColumn): "
                    + RelationalReportView.figure(link.cardinalityShapeSimilarity)
                    + ", integrity " + RelationalReportView.figure(link.syntheticIntegrity.score))
            }
            widgets.append(TextWidget(lines.map { palette.ui($0) }, role: .plain))
            widgets += report.links.compactMap { RelationalReportView.cardinalityChart($0, plotHeight: 5) }
        }
        return widgets
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text
    }
}

extension Workbench {
    /// The table list without a terminal (`doppel DIR | cat`): a line per table and the
    /// relationship graph, in ASCII.
    public static func tableListText(source: String, database: RelationalDatabaseReader?,
                                     currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> String {
        let relational = try RelationalLoader.load(RelationalLoadRequest(source: source, currentDirectory: currentDirectory, seed: 0, reader: database))
        var lines = relational.tables.map { table in
            "table \(table.name): \(RelationalState.grouped(table.rows)) rows, \(table.loaded.table.columnCount) columns, "
                + (table.primaryKey.map { "primary key \($0)" } ?? "no primary key") + (table.synthesize ? "" : ", kept as it is")
        }
        lines.append("")
        lines += RelationshipGraph.lines(relational, ascii: true)
        for link in relational.links {
            for text in relational.relationLines(table: link.key.child, column: link.key.childColumn) where text.contains(link.key.parent + ".") {
                lines.append("\(link.key.child).\(link.key.childColumn): " + text)
            }
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "→", with: "->") + "\n"
    }
}
