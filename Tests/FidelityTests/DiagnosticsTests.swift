import Testing
@testable import Fidelity
import Tabular

@Suite("Diagnostics: boundary and category adherence, table structure")
struct DiagnosticsTests {
    @Test("boundary adherence: a synthetic null is a violation only when the real column has no null")
    func boundary() {
        // Real 0 … 10; synthetic −1, 5, 10, 11, null: 5 and 10 inside. SDMetrics: 0.4, and 0.5 once the
        // real column has a null (the synthetic null is then left out).
        #expect(Adherence.boundary(real: [0, 10], synthetic: [-1, 5, 10, 11, .nan]) == 0.4)
        #expect(Adherence.boundary(real: [0, 10, .nan], synthetic: [-1, 5, 10, 11, .nan]) == 0.5)
        #expect(Adherence.boundary(real: [0, .nan], synthetic: [.nan]) == nil)
        // A real column with no value has no range: nothing is inside.
        #expect(Adherence.boundary(real: [.nan], synthetic: [1, 2]) == 0)
    }

    @Test("category adherence: unseen categories are violations; nulls follow the real column")
    func category() {
        // Synthetic a, c, null, b against real a, b: 2 of 4 (SDMetrics 0.5); against a, b, null: 3 of 4 (0.75).
        let strict = SharedCategories(real: QualityFixture.words("c", ["a", "b"]),
                                      synthetic: QualityFixture.words("c", ["a", "c", nil, "b"]))
        #expect(Adherence.category(strict) == 0.5)
        let nullable = SharedCategories(real: QualityFixture.words("c", ["a", "b", nil]),
                                        synthetic: QualityFixture.words("c", ["a", "c", nil, "b"]))
        #expect(Adherence.category(nullable) == 0.75)
    }

    @Test("the diagnostics of a report: per column and averaged by metric")
    func report() {
        let data = QualityFixture.data(
            real: [QualityFixture.numbers("x", [0, 10]), QualityFixture.numbers("y", [1, 2]),
                   QualityFixture.words("c", ["a", "b"])],
            synthetic: [QualityFixture.numbers("x", [5, 20]), QualityFixture.numbers("y", [1, 2]),
                        QualityFixture.words("c", ["a", "z"])],
            kinds: ["x": .decimal, "y": .decimal, "c": .categorical])
        let diagnostics = DataDiagnostics.compute(data)
        #expect(diagnostics.columns == [AdherenceScore(column: "x", metric: .boundaryAdherence, score: 0.5),
                                        AdherenceScore(column: "y", metric: .boundaryAdherence, score: 1),
                                        AdherenceScore(column: "c", metric: .categoryAdherence, score: 0.5)])
        #expect(diagnostics.boundaryAdherence == 0.75)
        #expect(diagnostics.categoryAdherence == 0.5)
        #expect(QualityReport.compute(data).diagnostics == diagnostics)
    }

    @Test("structure: missing and extra columns, storage that does not fit the real kind")
    func structure() {
        let real = Table(columns: [
            Column(name: "id", values: .integers([1, 2], .plain)),
            QualityFixture.numbers("size", [1.5, 2]),
            QualityFixture.words("colour", ["red", "blue"]),
            Column(name: "count", values: .integers([3, 4], .plain)),
        ])
        let synthetic = Table(columns: [
            Column(name: "size", values: .integers([1, 2], .plain)),    // whole numbers fit a decimal column
            Column(name: "colour", values: .integers([1, 2], .plain)),  // numbers where words were
            QualityFixture.numbers("count", [3.5, 4]),                  // fractions where counts were
            QualityFixture.words("extra", ["x", "y"]),
        ])
        let data = FidelityData(real: real, synthetic: synthetic,
                                kinds: ["id": .identifier, "size": .decimal, "colour": .categorical, "count": .integer])
        let structure = TableStructure.compute(data)
        #expect(structure.missingColumns == ["id"])
        #expect(structure.extraColumns == ["extra"])
        #expect(structure.mismatches == [
            TableStructure.Mismatch(column: "colour", kind: .categorical, realStorage: "string", syntheticStorage: "int64"),
            TableStructure.Mismatch(column: "count", kind: .integer, realStorage: "int64", syntheticStorage: "double"),
        ])
        // One matching column ("size") among five names (four real, one extra).
        #expect(structure.score == 0.2)
        let same = TableStructure.compute(FidelityData(real: real, synthetic: real, kinds: data.kinds))
        #expect(same.score == 1 && same.mismatches.isEmpty && same.missingColumns.isEmpty)
    }
}
