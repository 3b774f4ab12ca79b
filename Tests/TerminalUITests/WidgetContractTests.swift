import Testing
@testable import TerminalUI

/// What every widget promises, checked on all of them at once.
@Suite("Widget contract")
struct WidgetContractTests {
    static let names = ["carat", "Zürich", "東京", "price"]
    static let identity: [[Double?]] = (0..<4).map { i in (0..<4).map { j in i == j ? 1 : 0.3 } }
    static let widgets: [(String, any Widget)] = [
        ("histogram", HistogramWidget(HistogramSeries(real: (0..<30).map { Double($0 % 7) }, synthetic: (0..<30).map { Double($0 % 5) },
                                                      lowerLabel: "−1.5 µm", upperLabel: "東京"), title: "Größe ✓")),
        ("bars", CategoryBarsWidget(CategorySeries(labels: names, real: [4, 3, 2, 1], synthetic: [1, 2, 3, 4]), title: "café")),
        ("heatmap", CorrelationHeatmapWidget(CorrelationGrid(names: names, real: identity, synthetic: identity),
                                             note: "Cramér's V")),
        ("gauge", ScoreGauge("Qualität", value: 0.7)),
        ("text", TextWidget(["Spalte „Größe“ — 東京", "second line"], role: .title)),
    ]

    @Test("ASCII mode gives printable ASCII only, at 80 columns and narrower", arguments: [80, 40, 12])
    func asciiOnly(width: Int) {
        for (name, widget) in Self.widgets {
            let text = widget.rendered(width: width, palette: .ascii).ansiText()
            #expect(isPlainASCII(text), "\(name) at \(width): \(text)")
        }
    }

    @Test("nothing is drawn outside the given area", arguments: [Palette.color, .monochrome, .ascii])
    func staysInside(palette: Palette) {
        for (name, widget) in Self.widgets {
            let area = Rect(x: 3, y: 2, width: 50, height: widget.height(forWidth: 50, palette: palette))
            var buffer = Buffer(area: Rect(width: 56, height: area.height + 4), filling: Cell("x"))
            widget.render(into: &buffer, area: area, palette: palette)
            for y in 0..<buffer.area.height {
                for x in 0..<buffer.area.width where !area.contains(x: x, y: y) {
                    #expect(buffer[x, y] == Cell("x"), "\(name) drew at (\(x), \(y))")
                }
            }
            // And a squeezed area, shorter than the widget wants.
            var small = Buffer(area: Rect(width: 30, height: 5), filling: Cell("x"))
            widget.render(into: &small, area: Rect(x: 1, y: 1, width: 20, height: 2), palette: palette)
            #expect(small.plainLines()[0] == String(repeating: "x", count: 30), "\(name)")
            #expect(small.plainLines()[3] == String(repeating: "x", count: 30), "\(name)")
        }
    }

    @Test("every line fits 80 columns and the widget's own height", arguments: [Palette.color, .ascii])
    func fits(palette: Palette) {
        for (name, widget) in Self.widgets {
            let buffer = widget.rendered(width: 80, palette: palette)
            #expect(buffer.plainLines().allSatisfy { DisplayWidth.of($0) <= 80 }, "\(name)")
            #expect(buffer.area.height == widget.height(forWidth: 80, palette: palette))
            #expect(!(buffer.plainLines().last ?? "").isEmpty, "\(name) has a blank last row")
        }
    }

    @Test("text lines are shortened to the width and take the role's style")
    func text() {
        let buffer = TextWidget(["a heading that is long", "ok"], role: .title).rendered(width: 10, palette: .color)
        assertLines(buffer, ["a heading…", "ok"])
        #expect(style(buffer, 0, 0) == Palette.color.title)
        assertLines(TextWidget("naïve 東京").rendered(width: 20, palette: .ascii), ["naive ??"])
    }

    @Test("a stack puts widgets one under another with blank rows between")
    func stack() {
        let stack = WidgetStack([ScoreGauge("a", value: 1, labelWidth: 1), ScoreGauge("b", value: 0, labelWidth: 1)], spacing: 1)
        assertLines(stack.rendered(width: 14, palette: .ascii), ["a [###]  1.000", "", "b [...]  0.000"])
    }
}
