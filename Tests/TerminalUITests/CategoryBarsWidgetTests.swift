import Testing
@testable import TerminalUI

@Suite("Category bars widget")
struct CategoryBarsWidgetTests {
    // Real a 50%, b 25%, c 25%; synthetic a 25%, b 25%, c 50%. c sorts before b on its
    // synthetic share. Bars get 21 of 30 columns; the scale tops out at 50%.
    let series = CategorySeries(labels: ["a", "b", "c"], real: [2, 1, 1], synthetic: [1, 1, 2])

    func bar(_ glyph: String, _ count: Int, partial: String = "") -> String {
        String(repeating: glyph, count: count) + partial
    }

    @Test("colour: real above synthetic, eighth blocks, percentages aligned")
    func colour() {
        let buffer = CategoryBarsWidget(series, title: "t").rendered(width: 30, palette: .color)
        let quarter = bar("█", 10, partial: "▌") + String(repeating: " ", count: 12) + "25.0%"
        let half = bar("█", 21) + "  50.0%"
        assertLines(buffer, [
            "t          █ real  █ synthetic",
            "a " + half, "  " + quarter,
            "c " + quarter, "  " + half,
            "b " + quarter, "  " + quarter,
        ])
        #expect(style(buffer, 2, 1) == Palette.color.real)
        #expect(style(buffer, 2, 2) == Palette.color.synthetic)
        #expect(style(buffer, 25, 1) == Palette.color.muted)
    }

    @Test("ASCII: # for real, = for synthetic, whole cells")
    func ascii() {
        let buffer = CategoryBarsWidget(series, title: "t").rendered(width: 30, palette: .ascii)
        // 10.5 cells round to 11.
        let pad = String(repeating: " ", count: 12)
        assertLines(buffer, [
            "t          # real  = synthetic",
            "a " + bar("#", 21) + "  50.0%", "  " + bar("=", 11) + pad + "25.0%",
            "c " + bar("#", 11) + pad + "25.0%", "  " + bar("=", 21) + "  50.0%",
            "b " + bar("#", 11) + pad + "25.0%", "  " + bar("=", 11) + pad + "25.0%",
        ])
        #expect(isPlainASCII(buffer.ansiText()))
    }

    @Test("monochrome: the synthetic bars in a different glyph")
    func monochrome() {
        let lines = CategoryBarsWidget(series, title: "t").rendered(width: 30, palette: .monochrome).plainLines()
        #expect(lines[0] == "t          █ real  ▒ synthetic")
        #expect(lines[2] == "  " + bar("▒", 11) + String(repeating: " ", count: 12) + "25.0%")
    }

    @Test("past maxLevels the rarest levels fold into other (N)")
    func folding() {
        let many = CategorySeries(labels: ["v", "w", "x", "y", "z"], real: [5, 4, 3, 2, 1], synthetic: [1, 2, 3, 4, 5])
        let rows = CategoryBarsWidget(many, title: "t", maxLevels: 3).rows()
        #expect(rows.map(\.label) == ["v", "w", "other (3)"])
        #expect(abs(rows[2].real - 6.0 / 15) < 1e-12 && abs(rows[2].synthetic - 12.0 / 15) < 1e-12)
        #expect(CategoryBarsWidget(many, title: "t", maxLevels: 3).height(forWidth: 40, palette: .ascii) == 7)
        #expect(CategoryBarsWidget(many, title: "t", maxLevels: 5).rows().count == 5)
    }

    @Test("a given order is kept, and an existing other stays last and grows when folding")
    func preservedOrderAndOther() {
        let given = CategorySeries(labels: ["p", "q", "other"], real: [0.2, 0.5, 0.3], synthetic: [0.3, 0.4, 0.3],
                                   otherLevelCount: 4, preservesOrder: true)
        #expect(CategoryBarsWidget(given, title: "t").rows().map(\.label) == ["p", "q", "other (4)"])
        let folded = CategoryBarsWidget(given, title: "t", maxLevels: 2).rows()
        #expect(folded.map(\.label) == ["p", "other (5)"])
        #expect(abs(folded[1].real - 0.8) < 1e-12 && abs(folded[1].synthetic - 0.7) < 1e-12)
    }

    @Test("long and non-ASCII labels are shortened, and folded to ASCII in ASCII mode")
    func labels() {
        let series = CategorySeries(labels: ["Zürich", "東京都"], real: [1, 1], synthetic: [1, 1])
        let unicode = CategoryBarsWidget(series, title: "city").rendered(width: 24, palette: .color).plainLines()
        // Labels get at most a quarter of the width (6 columns here).
        #expect(unicode[1].hasPrefix("Zürich █"))
        #expect(unicode[3].hasPrefix("東京都 █"))
        let ascii = CategoryBarsWidget(series, title: "city").rendered(width: 24, palette: .ascii)
        #expect(ascii.plainLines()[1].hasPrefix("Zurich #"))
        #expect(ascii.plainLines()[3].hasPrefix("???    #"))
        #expect(isPlainASCII(ascii.ansiText()))
    }
}
