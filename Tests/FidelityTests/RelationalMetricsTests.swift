import Fidelity
import Tabular
import Testing

@Suite("Relational metrics: cardinality shape similarity, referential integrity and intertable trends (SDMetrics' definitions)")
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

    /// 40 parents (a region, a size) with 3 children each, whose kind follows the parent's
    /// region and whose amount follows its size. `parents` reassigns each child to a parent.
    static func family(parents: (Int) -> Int) -> [String: Table] {
        let ids = (0..<40).map { "p\($0)" }
        let parent = Table(columns: [
            KeyValues.column(named: "id", texts: ids),
            Column(name: "region", values: .strings(codes: (0..<40).map { UInt32($0 % 2) }, levels: ["north", "south"])),
            Column(name: "size", values: .integers((0..<40).map { Int64($0 / 2) }, .plain)),
        ])
        let rows = 0..<120
        let child = Table(columns: [
            KeyValues.column(named: "parent_id", texts: rows.map { ids[parents($0)] }),
            Column(name: "kind", values: .strings(codes: rows.map { UInt32($0 / 3 % 2) }, levels: ["small", "large"])),
            Column(name: "amount", values: .decimals(rows.map { Double($0 / 3 / 2) * 10.5 + Double($0 % 3) }, DecimalStyle(maxFractionDigits: 1))),
        ])
        return ["parent": parent, "child": child]
    }

    @Test("intertable trends: a child that keeps its parent's relation scores 1, one that ignores it clearly less")
    func intertableTrends() throws {
        let key = ForeignKey(child: "child", childColumn: "parent_id", parent: "parent", parentColumn: "id")
        let real = Self.family { $0 / 3 }
        // A fixed permutation of the children's parents: the child's columns no longer follow them.
        let ignoring = Self.family { ($0 * 37 + 11) % 120 / 3 }
        let keeping = RelationalReport.compute(real: real, synthetic: real, keys: [key], tableOrder: ["parent", "child"])
        let ignored = RelationalReport.compute(real: real, synthetic: ignoring, keys: [key], tableOrder: ["parent", "child"])
        let trends = try #require(keeping.links.first?.intertableTrends)
        // Parent columns first, keys left out: (region, size) × (kind, amount).
        #expect(trends.pairs.map { "\($0.column1)-\($0.column2)" } == ["region-kind", "region-amount", "size-kind", "size-amount"])
        #expect(trends.pairs.first { $0.column1 == "region" && $0.column2 == "kind" }?.meetsThreshold == true)
        #expect(trends.pairs.first { $0.column1 == "size" && $0.column2 == "amount" }?.metric == .correlationSimilarity)
        #expect(abs(try #require(keeping.intertableTrends) - 1) < 1e-12)
        let low = try #require(ignored.intertableTrends)
        #expect(low < 0.8)
        #expect(ignored.links.first?.cardinalityShapeSimilarity == 1)
        #expect(ignored.json().contains("\"intertable_trends\": \(String(format: "%.6f", low))"))
    }
}
