import Foundation
import Testing
@testable import Synthesis
import Tabular

/// A row depends only on the seed and its index: the first rows of runs of any length, the
/// preview (chunk 0 of the default row count) and every shard agree, for every strategy kind.
@Suite("Rows independent of the row count")
struct RowIndependenceTests {
    /// Row counts below, at and past a chunk, and a slice of a longer run.
    static let totals = [1, 37, 1_000, FittedPlan.chunkSize + 5, FittedPlan.chunkSize * 2 + 17]

    /// Tables compared as the CSV they write (a slice keeps its whole level dictionary).
    static func same(_ a: Table, _ b: Table) -> Bool {
        CSVWriter().bytes(a) == CSVWriter().bytes(b)
    }

    static func expectPrefixes(_ fitted: FittedPlan, label: String, defaultRows: Int) throws {
        let longest = try fitted.sample(rows: totals.last!)
        for total in totals.dropLast() {
            let run = try fitted.sample(rows: total)
            #expect(same(run, longest.slice(0..<total)), "\(label): the first rows of a \(total)-row run differ from a longer run's")
        }
        // The preview: chunk 0 of the default row count.
        let preview = try fitted.sampleChunk(0, totalRows: defaultRows)
        let rows = min(preview.rowCount, longest.rowCount)
        #expect(same(preview.slice(0..<rows), longest.slice(0..<rows)), "\(label): the preview differs from a run's first rows")
        // A shard of a longer run is the same rows as the whole run has there.
        let shard = try fitted.sample(range: FittedPlan.chunkSize - 10 ..< FittedPlan.chunkSize + 5, totalRows: FittedPlan.chunkSize + 5)
        #expect(same(shard, longest.slice(FittedPlan.chunkSize - 10 ..< FittedPlan.chunkSize + 5)), "\(label): a shard differs")
    }

    @Test("marginal strategies", arguments: StrategyExample.all)
    func marginal(_ example: StrategyExample) throws {
        guard example.strategy != "drop" else { return }
        let table = try Datasets.table(example.dataset)
        var plan = Plan(seed: 42, columns: example.companions + [ColumnPlan(name: example.column, kind: example.kind, strategy: example.strategy,
                                                                            parameters: example.parameters)])
        // Row-aligned strategies need `cycle` to make more rows than the source has.
        if ["keep", "shuffle", "perturb", "mask"].contains(example.strategy) {
            plan.columns[plan.columns.count - 1].parameters["cycle"] = true
        }
        let fitted = try FittedPlan.fit(plan, on: table)
        try Self.expectPrefixes(fitted, label: example.strategy, defaultRows: table.rowCount)
    }

    @Test("joint models", arguments: ["cart", "gaussian_copula", "bayesian_network"])
    func joint(_ model: String) throws {
        let (plan, table) = try JointPlans.penguins(model: model)
        let fitted = try FittedPlan.fit(plan, on: table)
        try Self.expectPrefixes(fitted, label: model, defaultRows: table.rowCount)
    }

    @Test("a joint group with constraints and a rebalanced condition")
    func constrained() throws {
        var (plan, table) = try JointPlans.penguins(model: "cart")
        plan.constraints = [ConstraintPlan(type: .lessEqual, columns: ["bill_depth_mm", "bill_length_mm"], enforce: .reject)]
        plan.conditions = SamplingConditions(rebalance: .init(column: "species"))
        let fitted = try FittedPlan.fit(plan, on: table)
        try Self.expectPrefixes(fitted, label: "cart with constraints", defaultRows: table.rowCount)
    }
}
