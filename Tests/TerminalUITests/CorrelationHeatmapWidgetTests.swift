import Testing
@testable import TerminalUI

@Suite("Correlation heatmap widget")
struct CorrelationHeatmapWidgetTests {
    // Real and synthetic correlations of three columns; the synthetic a–c pair is undefined.
    let grid = CorrelationGrid(
        names: ["a1", "b2", "c3"],
        real: [[1, 0.5, -0.25], [0.5, 1, 0], [-0.25, 0, 1]],
        synthetic: [[1, 0.4, nil], [0.4, 1, 0.1], [nil, 0.1, 1]])

    @Test("the difference is |real − synthetic|, capped at 1, nil where either is nil")
    func difference() {
        let difference = CorrelationGrid(names: ["x", "y"], real: [[1, -0.9], [-0.9, 1]], synthetic: [[1, 0.6], [0.6, nil]]).difference
        #expect(difference[0][0] == 0 && difference[0][1] == 1 && difference[1][1] == nil)
        #expect(abs(grid.difference[0][1]! - 0.1) < 1e-12)
    }

    @Test("ASCII: numbers in the cells (tenths, hundredths for the difference), three panels side by side")
    func ascii() {
        let buffer = CorrelationHeatmapWidget(grid).rendered(width: 40, palette: .ascii)
        // -0.25 is -2.5 tenths, rounded away from zero.
        assertLines(buffer, [
            "correlations",
            "     real       synthetic  difference",
            "       a  b  c    a  b  c    a  b  c",
            "a a1  10  5 -3   10  4  .    0 10  .",
            "b b2   5 10  0    4 10  1   10  0 10",
            "c c3  -3  0 10    .  1 10    . 10  0",
            "",
            "correlation x10 (-10..10)",
            "difference x100 (0..100)",
        ])
        #expect(isPlainASCII(buffer.ansiText()))
    }

    @Test("colour: a block per cell on the diverging scale, and the colour ramps as legend")
    func colour() {
        let buffer = CorrelationHeatmapWidget(grid).rendered(width: 40, palette: .color)
        assertLines(buffer, [
            "correlations",
            "     real      synthetic difference",
            "      a b c     a b c     a b c",
            "a a1 ██████    ████··    ████··",
            "b b2 ██████    ██████    ██████",
            "c c3 ██████    ··████    ··████",
            "",
            "correlation -1 ███████████ +1",
            "difference 0 ██████ 1",
        ])
        let palette = Palette.color
        #expect(style(buffer, 5, 3).foreground == .rgb(236, 64, 64))   // real a–a: +1, full red
        #expect(style(buffer, 9, 3).foreground == palette.correlationColor(-0.25))
        #expect(style(buffer, 7, 4).foreground == Palette.mix(Palette.neutral, Palette.positive, 1))
        #expect(style(buffer, 25, 3).foreground == .rgb(96, 96, 104))  // difference 0: neutral
        #expect(style(buffer, 15, 7).foreground == .rgb(52, 120, 246))  // the ramp starts at -1
        #expect(style(buffer, 25, 7).foreground == .rgb(236, 64, 64))   // and ends at +1
    }

    @Test("the diverging scale: blue, neutral grey, red; the difference scale grey to amber")
    func scales() {
        let palette = Palette.color
        #expect(palette.correlationColor(-1) == .rgb(52, 120, 246))
        #expect(palette.correlationColor(0) == .rgb(96, 96, 104))
        #expect(palette.correlationColor(0.5) == .rgb(166, 80, 84))
        #expect(palette.correlationColor(7) == palette.correlationColor(1))
        #expect(palette.differenceColor(1) == .rgb(255, 214, 10))
        #expect(Palette.ascii.correlationColor(0.5) == .default)
    }

    @Test("narrow widths stack the panels; too many columns are cut and the title says so")
    func layout() {
        let stacked = CorrelationHeatmapWidget(grid).rendered(width: 20, palette: .ascii).plainLines()
        #expect(stacked.filter { $0.hasPrefix("a a1") }.count == 3)
        #expect(stacked[1] == "     real")
        let names = (0..<12).map { "column\($0)" }
        let identity = (0..<12).map { i in (0..<12).map { j -> Double? in i == j ? 1 : 0 } }
        let wide = CorrelationHeatmapWidget(CorrelationGrid(names: names, real: identity, synthetic: identity))
        let buffer = wide.rendered(width: 30, palette: .ascii)
        #expect(buffer.plainLines()[0] == "correlations (first 7 of 12 c~")
        #expect(buffer.plainLines()[2] == String(repeating: " ", count: 11) + "a  b  c  d  e  f  g")
    }

    @Test("a note goes under the legend")
    func note() {
        let widget = CorrelationHeatmapWidget(grid, note: "Cramer's V for the rest")
        #expect(widget.rendered(width: 80, palette: .ascii).plainLines().last == "Cramer's V for the rest")
        #expect(widget.height(forWidth: 80, palette: .ascii) == CorrelationHeatmapWidget(grid).height(forWidth: 80, palette: .ascii) + 1)
    }
}
