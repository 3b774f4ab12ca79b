import Testing
@testable import TerminalUI

@Suite("Histogram widget")
struct HistogramWidgetTests {
    // Real shares 1/8, 2/8, 3/8, 2/8 against a flat synthetic 1/4: the scale tops out at 37.5%.
    // Four bins over the 16 plot columns left of a 24-column area: four columns per bin.
    let series = HistogramSeries(real: [1, 2, 3, 2], synthetic: [2, 2, 2, 2], lower: 0, upper: 10)

    func render(_ palette: Palette, width: Int = 24) -> Buffer {
        HistogramWidget(series, title: "x", plotHeight: 3).rendered(width: width, palette: palette)
    }

    @Test("colour: eighth-block bars, the synthetic level as half blocks on the bars' colour")
    func colour() {
        let buffer = render(.color)
        // Bars in eighths of 3 rows (24 units): 8, 16, 24, 16. The synthetic 25% is 4 of 6
        // half rows: the upper half of the middle row.
        assertLines(buffer, [
            "x    █ real  ▀ synthetic",
            " 37.5% ┤        ████",
            "       │▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀",
            "       │████████████████",
            "    0% └────────────────",
            "        0             10",
        ])
        let palette = Palette.color
        #expect(style(buffer, 8, 2) == palette.synthetic)  // above the first, short bar
        #expect(style(buffer, 12, 2) == palette.synthetic.background(palette.realColor))  // inside the second
        #expect(style(buffer, 8, 3) == palette.real)
        #expect(style(buffer, 1, 1) == palette.axis)
    }

    @Test("ASCII: # bars in whole rows, - at the synthetic level")
    func ascii() {
        let buffer = render(.ascii)
        assertLines(buffer, [
            "x    # real  - synthetic",
            " 37.5% +        ####",
            "       |----------------",
            "       |################",
            "    0% +----------------",
            "        0             10",
        ])
        #expect(isPlainASCII(buffer.ansiText()))
        #expect(buffer.ansiText() == buffer.plainLines().map { $0 + "\n" }.joined())
    }

    @Test("monochrome: braille dots at the level, cut out of the bars in reverse video")
    func monochrome() {
        let buffer = render(.monochrome)
        // 8 of 12 quarter rows: the top dot row of the middle row.
        assertLines(buffer, [
            "x    █ real  ⠒ synthetic",
            " 37.5% ┤        ████",
            "       │⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉⠉",
            "       │████████████████",
            "    0% └────────────────",
            "        0             10",
        ])
        #expect(!style(buffer, 8, 2).modifiers.contains(.reverse))
        #expect(style(buffer, 12, 2).modifiers.contains(.reverse))
    }

    @Test("more bins than columns: neighbouring bins summed into one column")
    func narrowPlot() {
        let (real, synthetic) = HistogramWidget.columns(real: [1, 2, 3, 4, 5, 6], synthetic: [6, 5, 4, 3, 2, 1], width: 4)
        #expect(real == [3, 3, 9, 6])
        #expect(synthetic == [11, 4, 5, 1])
        let (spreadReal, _) = HistogramWidget.columns(real: [1, 2], synthetic: [0, 0], width: 5)
        #expect(spreadReal == [1, 1, 2, 2])
    }

    @Test("bins that would leave a quarter of the plot empty are stretched over the whole width")
    func stretchedPlot() {
        let (real, synthetic) = HistogramWidget.columns(real: [1, 2, 3, 4], synthetic: [4, 3, 2, 1], width: 6)
        #expect(real == [1, 1, 2, 3, 3, 4])
        #expect(synthetic == [4, 4, 3, 2, 2, 1])
        let twenty = (1...20).map(Double.init)
        #expect(HistogramWidget.columns(real: twenty, synthetic: twenty, width: 30).0.count == 30)
    }

    @Test("a rare bin still shows; an empty one does not")
    func rareBins() {
        let rare = HistogramSeries(real: [1000, 1, 0], synthetic: [1000, 0, 1], lowerLabel: "lo", upperLabel: "hi")
        let buffer = HistogramWidget(rare, title: "r", plotHeight: 2).rendered(width: 11, palette: .ascii)
        assertLines(buffer, [
            "r",
            " 99.9% +-",
            "       |##-",
            "    0% +---",
            "        ~ ~",
        ])
    }

    @Test("a narrow area drops the legend, then shortens the title")
    func narrow() {
        let widget = HistogramWidget(series, title: "a long column name", plotHeight: 1)
        assertLines(widget.rendered(width: 16, palette: .ascii), [
            "a long column n~",
            " 37.5% +--------",
            "    0% +--------",
            "        0     10",
        ])
    }
}
