import Fidelity
import Tabular
import Testing

@Suite("Relational metrics: cardinality shape similarity and referential integrity (SDMetrics' definitions)")
struct RelationalMetricsTests {
    static func keys(_ name: String, _ values: [String?]) -> Table { Table(columns: [KeyValues.column(named: name, texts: values)]) }

    @Test("children per parent count parents with none; similarity is 1 − KS")
    func cardinality() {
        let parent = Self.keys("id", ["a", "b", "c", "d"])
        let child = Self.keys("id", ["a", "a", "b", "x", nil])
        #expect(CardinalityShape.counts(parent: parent, parentKey: "id", child: child, childKey: "id") == [2, 1, 0, 0])
        #expect(CardinalityShape.similarity(real: [2, 1, 0, 0], synthetic: [2, 1, 0, 0]) == 1)
        // CDFs at 0: 1/2 vs 0; at 1: 3/4 vs 1/2; KS = 1/2.
        #expect(CardinalityShape.similarity(real: [2, 1, 0, 0], synthetic: [1, 1, 2, 2]) == 0.5)
    }

    @Test("integrity is the share of non-null child keys that find a parent")
    func integrity() {
        let parent = Self.keys("id", ["a", "b"])
        let tally = ReferentialIntegrity.tally(parent: parent, parentKey: "id", child: Self.keys("id", ["a", "x", nil, "b"]), childKey: "id")
        #expect(tally == ReferentialIntegrity.Tally(keys: 3, orphans: 1))
        #expect(abs(tally.score! - 2.0 / 3.0) < 1e-12)
    }
}
