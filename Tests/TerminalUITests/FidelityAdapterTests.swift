import Fidelity
import Tabular
import Testing
@testable import TerminalUI

@Suite("Widgets from Fidelity's chart data")
struct FidelityAdapterTests {
    let realX = Column(name: "x", values: .decimals([0, 1, 2, 3], DecimalStyle()))
    let syntheticX = Column(name: "x", values: .decimals([0, 0, 3, 3], DecimalStyle()))
    let realC = Column(name: "c", values: .strings(codes: [0, 0, 1, 2], levels: ["u", "v", "w"]))
    let syntheticC = Column(name: "c", values: .strings(codes: [0, 1, 1, 0], levels: ["u", "v"]),
                            validity: NullBitmap([true, true, true, false]))

    @Test("a histogram comparison becomes bins and axis ends")
    func histogram() throws {
        let comparison = try #require(HistogramComparison.compute(column: "x", kind: .decimal, real: realX,
                                                                  synthetic: syntheticX, bins: 3))
        let series = HistogramSeries(comparison)
        #expect(series.real == [0.25, 0.25, 0.5])
        #expect(series.synthetic == [0.5, 0, 0.5])
        #expect(series.lowerLabel == "0" && series.upperLabel == "3")
        #expect(HistogramWidget(comparison).title == "x")
        let lines = HistogramWidget(comparison, plotHeight: 2).rendered(width: 80, palette: .ascii).plainLines()
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("x ") && lines[0].hasSuffix("# real  - synthetic"))
    }

    @Test("datetime axis ends are dates, with the time when the range is short")
    func dates() {
        #expect(HistogramSeries.date(0, span: 10 * 86_400) == "1970-01-01")
        #expect(HistogramSeries.date(90_061, span: 3_600) == "1970-01-02 01:01")
        #expect(HistogramSeries.date(1_700_000_000, span: 86_400 * 400) == "2023-11-14")
    }

    @Test("a category comparison keeps Fidelity's order and its other level; nulls go in the title")
    func categories() {
        let comparison = CategoryComparison.compute(column: "c", kind: .categorical, real: realC, synthetic: syntheticC)
        let series = CategorySeries(comparison)
        #expect(series.labels == ["u", "v", "w"])
        #expect(series.preservesOrder && series.otherLevelCount == 0)
        let widget = CategoryBarsWidget(comparison)
        #expect(widget.title == "c  (nulls: real 0.0%, synthetic 25.0%)")
        let top1 = CategoryComparison.compute(column: "c", kind: .categorical, real: realC, synthetic: syntheticC, top: 1)
        let rows = CategoryBarsWidget(top1).rows()
        #expect(rows.map(\.label) == ["u", "other (2)"])
        #expect(rows[1].real == 0.5)
    }

    @Test("correlation matrices become a grid; mixed kinds add a note on Cramér's V")
    func correlations() {
        let realY = Column(name: "y", values: .decimals([1, 3, 5, 8], DecimalStyle()))
        let syntheticY = Column(name: "y", values: .decimals([2, 2, 6, 7], DecimalStyle()))
        let data = FidelityData(real: Table(columns: [realX, realY, realC]),
                                synthetic: Table(columns: [syntheticX, syntheticY, syntheticC]),
                                kinds: ["x": .decimal, "y": .decimal, "c": .categorical])
        let matrices = CorrelationMatrices.compute(data)
        let widget = CorrelationHeatmapWidget(matrices)
        #expect(widget.grid.names == ["x", "y", "c"])
        #expect(widget.grid.real == matrices.real)
        #expect(widget.note?.contains("Cramer's V") == true)
        let numericOnly = FidelityData(real: Table(columns: [realX, realY]), synthetic: Table(columns: [syntheticX, syntheticY]),
                                       kinds: ["x": .decimal, "y": .decimal])
        #expect(CorrelationHeatmapWidget(CorrelationMatrices.compute(numericOnly)).note == nil)
    }
}
