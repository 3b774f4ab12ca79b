import Testing
@testable import TerminalUI

@Suite("Score gauge")
struct ScoreGaugeTests {
    @Test("colour: filled eighths, the rest shaded, the value coloured by band")
    func colour() {
        let buffer = ScoreGauge("q", value: 0.5, labelWidth: 4).rendered(width: 20, palette: .color)
        // Label 4 + space, bar 8 (= 20 − 4 − 1 − 2 − 5), two spaces, the value in 5.
        assertLines(buffer, ["q    ████░░░░  0.500"])
        #expect(style(buffer, 5, 0) == Palette.color.poor)
        #expect(style(buffer, 9, 0) == Palette.color.muted)
        #expect(style(buffer, 15, 0) == Palette.color.poor.adding(.bold))
        let fine = ScoreGauge("q", value: 0.55, labelWidth: 4).rendered(width: 20, palette: .color)
        assertLines(fine, ["q    ████▍░░░  0.550"])  // 35.2 eighths → 4 cells and 3 eighths
    }

    @Test("ASCII: brackets, # and dots")
    func ascii() {
        let buffer = ScoreGauge("q", value: 0.5, labelWidth: 4).rendered(width: 20, palette: .ascii)
        assertLines(buffer, ["q    [###...]  0.500"])
        #expect(isPlainASCII(buffer.ansiText()))
    }

    @Test("a missing score shows an empty bar and n/a")
    func missing() {
        assertLines(ScoreGauge("q", value: nil, labelWidth: 4).rendered(width: 20, palette: .color), ["q    ░░░░░░░░    n/a"])
        assertLines(ScoreGauge("q", value: nil, labelWidth: 4).rendered(width: 20, palette: .ascii), ["q    [......]    n/a"])
    }

    @Test("bands, and metrics where low is good")
    func bands() {
        let bands = ScoreBands.standard
        #expect(bands.band(0.95) == .good && bands.band(0.9) == .good && bands.band(0.8) == .fair)
        #expect(bands.band(0.5) == .poor && bands.band(0.49) == .bad)
        let copies = ScoreGauge("copies", value: 0.02, labelWidth: 6, higherIsBetter: false).rendered(width: 30, palette: .color)
        #expect(style(copies, 7, 0) == Palette.color.good)
        let over = ScoreGauge("x", value: 1.7, labelWidth: 1).rendered(width: 16, palette: .ascii)
        assertLines(over, ["x [#####]  1.700"])
    }

    @Test("gauges stacked with a shared label width line up")
    func stack() {
        let stack = WidgetStack([ScoreGauge("Quality", value: 0.913, labelWidth: 13),
                                 ScoreGauge("Column Shapes", value: 0.88, labelWidth: 13)], spacing: 0)
        assertLines(stack.rendered(width: 34, palette: .ascii), [
            "Quality       [##########.]  0.913",
            "Column Shapes [##########.]  0.880",
        ])
    }
}
