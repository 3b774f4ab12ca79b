import TerminalUI

/// `F`: a column's levels with count, percent and bar, real and synthetic side by side. Bars
/// share one scale (the largest share on either side), so that their lengths compare.
enum FrequencyView {
    static func render(_ sheet: FrequencySheet, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let area = Rect(x: 0, y: 1, width: state.width, height: max(0, state.height - 2))
        buffer.fill(area, with: .blank)
        guard area.height >= 3 else { return }
        let ellipsis = palette.glyphs.ellipsis
        let levels = sheet.levels.count
        var heading = "Frequency of \(sheet.column): \(StatusBar.grouped(levels)) value\(levels == 1 ? "" : "s")"
        if let filter = sheet.filter { heading += " · filter: \(filter)" }
        buffer.set(1, area.y, DisplayWidth.truncate(palette.ui(heading), to: area.width - 2, ellipsis: ellipsis), palette.title)

        let nullText = palette.isASCII ? "." : "·"
        let texts = sheet.levels.map { $0.text.map(palette.text) ?? nullText }
        let largest = sheet.levels.reduce(0) { max($0, $1.real, $1.synthetic) }
        let countWidth = max(5, String(largest).count)
        let percentWidth = 6
        let separator = palette.isASCII ? " | " : " │ "
        let fixed = 1 + 2 * (countWidth + 1 + percentWidth + 1) + 2 * DisplayWidth.of(separator)
        let valueWidth = max(5, min(24, texts.reduce(5) { max($0, DisplayWidth.of($1)) }, area.width - fixed - 4))
        let barWidth = max(0, (area.width - fixed - valueWidth) / 2)

        func side(_ title: String) -> String {
            DisplayWidth.pad(title, to: countWidth + 1 + percentWidth + 1 + barWidth)
        }
        let header = " " + DisplayWidth.pad("value", to: valueWidth) + separator + side("real (\(StatusBar.grouped(sheet.realRows)))")
            + separator + side("synthetic (\(StatusBar.grouped(sheet.syntheticRows)))")
        buffer.set(0, area.y + 1, DisplayWidth.truncate(header, to: area.width, ellipsis: ellipsis), palette.muted)

        let maxShare = sheet.levels.reduce(0.0) { max($0, share($1.real, of: sheet.realRows), share($1.synthetic, of: sheet.syntheticRows)) }
        func cells(_ count: Int, of total: Int, style: Style) -> [(text: String, style: Style, isBar: Bool)] {
            let fraction = share(count, of: total)
            let number = DisplayWidth.pad(String(count), to: countWidth, alignRight: true)
            let percent = DisplayWidth.pad(total > 0 ? ChartFormat.percent(fraction) : "", to: percentWidth, alignRight: true)
            let bar = DisplayWidth.pad(self.bar(maxShare > 0 ? fraction / maxShare : 0, width: barWidth, glyphs: palette.glyphs),
                                       to: barWidth)
            return [(number + " " + percent + " ", .plain, false), (bar, style, true)]
        }
        let listTop = area.y + 2
        let visible = max(0, area.bottom - listTop)
        for (offset, index) in (sheet.top..<min(levels, sheet.top + visible)).enumerated() {
            let level = sheet.levels[index]
            let y = listTop + offset
            let selected = index == sheet.selected
            let value = CellText.fit(texts[index], width: valueWidth, number: false, ellipsis: ellipsis)
            var parts: [(text: String, style: Style, isBar: Bool)] = [(" " + value, level.text == nil ? palette.muted : .plain, false),
                                                                       (separator, palette.muted, false)]
            parts += cells(level.real, of: sheet.realRows, style: palette.real)
            parts.append((separator, palette.muted, false))
            parts += cells(level.synthetic, of: sheet.syntheticRows, style: palette.synthetic)
            var x = 0
            for part in parts {
                // The selection reverses the text, never a bar: a reversed bar reads as its
                // complement (the empty part painted, the bar itself blank).
                x = buffer.set(x, y, part.text, selected && !part.isBar ? part.style.adding(.reverse) : part.style, within: area)
            }
        }
        if levels == 0 {
            buffer.set(1, listTop, palette.ui("no rows"), palette.muted, within: area)
        }
    }

    static func share(_ count: Int, of total: Int) -> Double {
        total > 0 ? Double(count) / Double(total) : 0
    }

    /// A bar `fraction` of `width` long, in eighths of a cell.
    static func bar(_ fraction: Double, width: Int, glyphs: Glyphs) -> String {
        let eighths = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
        return String(repeating: glyphs.horizontalEighths[8], count: eighths / 8) + glyphs.horizontalEighths[eighths % 8]
    }
}
