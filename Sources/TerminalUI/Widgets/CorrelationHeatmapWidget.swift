/// Pairwise correlations of the same columns in the real and the synthetic data.
public struct CorrelationGrid: Sendable, Equatable {
    public var names: [String]
    /// `real[i][j]`: correlation of columns i and j in the real data, in −1…1; nil when not
    /// defined (a constant column, too few rows).
    public var real: [[Double?]]
    /// The same for the synthetic data.
    public var synthetic: [[Double?]]

    public init(names: [String], real: [[Double?]], synthetic: [[Double?]]) {
        self.names = names
        self.real = real
        self.synthetic = synthetic
    }

    /// |real − synthetic| per pair, capped at 1; nil where either side is nil.
    public var difference: [[Double?]] {
        zip(real, synthetic).map { realRow, syntheticRow in
            zip(realRow, syntheticRow).map { r, s in
                guard let r, let s else { return nil }
                return min(1, abs(r - s))
            }
        }
    }
}

/// Three heatmaps of a `CorrelationGrid` — real, synthetic and their difference — side by
/// side when the width allows, else two or one per row, with a legend of the colour scales.
///
/// Rows are named (`a carat`), columns lettered (`a b c`). With colour each cell is a coloured
/// block: blue −1, grey 0, red +1 for correlations; grey 0 to amber 1 for the difference.
/// Without colour (and in ASCII) the cells hold numbers instead: the correlation in tenths
/// (`10` … `-10`) and the difference in hundredths (`0` … `100`). At most 26 columns are drawn
/// (fewer when the width holds fewer), and the title then says so.
///
/// ```
/// correlations
///           real      synthetic difference
///            a b c     a b c     a b c
/// a carat   ██████    ██████    ██████
/// b depth   ██████    ██████    ██████
/// c price   ██████    ██████    ██████
///
/// correlation -1 ███████████ +1   difference 0 ██████ 1
/// ```
public struct CorrelationHeatmapWidget: Widget {
    public var grid: CorrelationGrid
    public var title: String
    /// A line under the legend (e.g. which measure the cells hold).
    public var note: String?

    public init(_ grid: CorrelationGrid, title: String = "correlations", note: String? = nil) {
        self.grid = grid
        self.title = title
        self.note = note
    }

    /// Where everything goes at one width.
    struct Layout {
        var columns: Int        // matrix columns drawn
        var cellWidth: Int
        var nameWidth: Int
        var panelsPerRow: Int
        var gap: Int
        var legendLines: [[LegendPiece]]
        var hasNote: Bool
        var labelsWidth: Int { nameWidth + 2 }
        var panelWidth: Int { cellWidth * columns }
        var panelRows: Int { (3 + panelsPerRow - 1) / panelsPerRow }
        var height: Int { 1 + panelRows * (2 + columns) + (panelRows - 1) + 1 + legendLines.count + (hasNote ? 1 : 0) }
    }

    /// A run of the legend: plain text, or a colour ramp from `from` to `to` in `cells` cells.
    enum LegendPiece {
        case text(String)
        case ramp(cells: Int, from: Double, to: Double, difference: Bool)

        var width: Int {
            switch self {
            case .text(let text): DisplayWidth.of(text)
            case .ramp(let cells, _, _, _): cells
            }
        }
    }

    /// The most matrix columns drawn at `width` (at most 26, one letter each), so that a caller
    /// can choose which columns to show rather than get the first ones.
    public static func columnsThatFit(width: Int, palette: Palette) -> Int {
        max(0, min(26, (width - (4 + 2) - 1) / (palette.usesColor ? 2 : 3)))
    }

    func layout(width: Int, palette: Palette) -> Layout {
        let cellWidth = palette.usesColor ? 2 : 3
        let total = min(grid.names.count, 26)
        let longestName = grid.names.prefix(total).map { DisplayWidth.of(palette.text($0)) }.max() ?? 0
        var nameWidth = min(longestName, 14)
        // Fewer columns only when a single panel with short names cannot hold them all.
        let minimumName = min(nameWidth, 4)
        let columns = max(0, min(total, (width - (minimumName + 2) - 1) / cellWidth))
        // Panels as far apart as their names need ("synthetic" and a space), else 2 columns.
        let panelWidth = cellWidth * columns
        var perRow = 1, gap = 2
        search: for candidate in [3, 2, 1] {
            for candidateGap in [max(2, 10 - panelWidth), 2] {
                if nameWidth + 2 + 1 + candidate * panelWidth + (candidate - 1) * candidateGap <= width {
                    (perRow, gap) = (candidate, candidateGap)
                    break search
                }
            }
        }
        let spare = width - (2 + 1 + perRow * panelWidth + (perRow - 1) * gap)
        nameWidth = max(minimumName, min(nameWidth, spare))
        return Layout(columns: columns, cellWidth: cellWidth, nameWidth: nameWidth, panelsPerRow: perRow, gap: gap,
                      legendLines: legendLines(width: width, palette: palette), hasNote: note != nil)
    }

    func legendLines(width: Int, palette: Palette) -> [[LegendPiece]] {
        let correlation: [LegendPiece]
        let difference: [LegendPiece]
        if palette.usesColor {
            correlation = [.text("correlation -1 "), .ramp(cells: 11, from: -1, to: 1, difference: false), .text(" +1")]
            difference = [.text("difference 0 "), .ramp(cells: 6, from: 0, to: 1, difference: true), .text(" 1")]
        } else {
            correlation = [.text("correlation x10 (-10..10)")]
            difference = [.text("difference x100 (0..100)")]
        }
        let oneLine = correlation + [.text("   ")] + difference
        if oneLine.map(\.width).reduce(0, +) <= width { return [oneLine] }
        return [correlation, difference]
    }

    public func height(forWidth width: Int, palette: Palette) -> Int {
        layout(width: width, palette: palette).height
    }

    public func render(into buffer: inout Buffer, area: Rect, palette: Palette) {
        guard !area.isEmpty else { return }
        let layout = layout(width: area.width, palette: palette)
        let total = grid.names.count
        var heading = palette.text(title)
        if layout.columns < total { heading += " (first \(layout.columns) of \(total) columns)" }
        buffer.set(area.x, area.y, DisplayWidth.truncate(heading, to: area.width, ellipsis: palette.glyphs.ellipsis),
                   palette.title, within: area)
        guard layout.columns > 0 else { return }

        let panels: [(String, [[Double?]], Bool)] = [
            ("real", grid.real, false), ("synthetic", grid.synthetic, false), ("difference", grid.difference, true),
        ]
        var top = area.y + 1
        for start in stride(from: 0, to: panels.count, by: layout.panelsPerRow) {
            let group = panels[start..<min(panels.count, start + layout.panelsPerRow)]
            drawRowLabels(into: &buffer, top: top, layout: layout, area: area, palette: palette)
            var left = area.x + layout.labelsWidth + 1
            for (name, values, isDifference) in group {
                drawPanel(into: &buffer, name: name, values: values, isDifference: isDifference,
                          left: left, top: top, layout: layout, area: area, palette: palette)
                left += layout.panelWidth + layout.gap
            }
            top += 2 + layout.columns + 1
        }
        var y = top
        for line in layout.legendLines {
            drawLegendLine(line, into: &buffer, y: y, area: area, palette: palette)
            y += 1
        }
        if let note {
            buffer.set(area.x, y, DisplayWidth.truncate(palette.text(note), to: area.width, ellipsis: palette.glyphs.ellipsis),
                       palette.muted, within: area)
        }
    }

    private func drawRowLabels(into buffer: inout Buffer, top: Int, layout: Layout, area: Rect, palette: Palette) {
        for row in 0..<layout.columns {
            let name = DisplayWidth.truncate(palette.text(grid.names[row]), to: layout.nameWidth, ellipsis: palette.glyphs.ellipsis)
            buffer.set(area.x, top + 2 + row, Self.letter(row) + " " + name, within: area)
        }
    }

    private func drawPanel(into buffer: inout Buffer, name: String, values: [[Double?]], isDifference: Bool,
                           left: Int, top: Int, layout: Layout, area: Rect, palette: Palette) {
        let clip = area.intersection(Rect(x: left, y: top, width: layout.panelWidth, height: 2 + layout.columns))
        // The panel's name may run into the gap after it.
        let titleWidth = min(layout.panelWidth + layout.gap, area.right - left)
        buffer.set(left, top, DisplayWidth.truncate(name, to: titleWidth, ellipsis: palette.glyphs.ellipsis),
                   palette.title, within: area)
        for column in 0..<layout.columns {
            let x = left + column * layout.cellWidth
            buffer.set(x, top + 1, DisplayWidth.pad(Self.letter(column), to: layout.cellWidth, alignRight: true),
                       palette.axis, within: clip)
        }
        for row in 0..<layout.columns {
            for column in 0..<layout.columns {
                let value = row < values.count && column < values[row].count ? values[row][column] : nil
                let (text, style) = cell(value, isDifference: isDifference, width: layout.cellWidth, palette: palette)
                buffer.set(left + column * layout.cellWidth, top + 2 + row, text, style, within: clip)
            }
        }
    }

    /// A cell's text and style: a coloured block, or a number when there is no colour.
    private func cell(_ value: Double?, isDifference: Bool, width: Int, palette: Palette) -> (String, Style) {
        guard let value, value.isFinite else {
            return (DisplayWidth.pad(palette.usesColor ? "··" : ".", to: width, alignRight: true), palette.muted)
        }
        if palette.usesColor {
            let color = isDifference ? palette.differenceColor(value) : palette.correlationColor(value)
            return (String(repeating: "█", count: width), Style(foreground: color))
        }
        return (DisplayWidth.pad(Self.number(value, isDifference: isDifference), to: width, alignRight: true), .plain)
    }

    /// Correlations in tenths (`10`, `-3`, `0`), differences in hundredths (`7`): at most two
    /// digits, so neighbouring cells stay apart (only −1 and a difference of 1 fill a cell).
    static func number(_ value: Double, isDifference: Bool) -> String {
        if isDifference { return String(Int((min(1, max(0, value)) * 100).rounded())) }
        return String(Int((max(-1, min(1, value)) * 10).rounded()))
    }

    static func letter(_ index: Int) -> String {
        String(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(index % 26))))
    }

    private func drawLegendLine(_ pieces: [LegendPiece], into buffer: inout Buffer, y: Int, area: Rect, palette: Palette) {
        var x = area.x
        for piece in pieces {
            switch piece {
            case .text(let text):
                x = buffer.set(x, y, text, palette.muted, within: area)
            case .ramp(let cells, let from, let to, let difference):
                for step in 0..<cells {
                    let value = from + (to - from) * Double(step) / Double(max(1, cells - 1))
                    let color = difference ? palette.differenceColor(value) : palette.correlationColor(value)
                    x = buffer.set(x, y, "█", Style(foreground: color), within: area)
                }
            }
        }
    }
}
