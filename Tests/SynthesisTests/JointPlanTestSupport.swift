import Foundation
@testable import Synthesis
import Tabular

/// Plans for joint-model tests: the default plan of a shared dataset with a joint group.
enum JointPlans {
    static func penguins(model: String = "gaussian_copula", seed: UInt64 = 11) throws -> (Plan, Table) {
        let table = try Datasets.table("penguins")
        var plan = DefaultPlanner.plan(for: table, kinds: kinds(table), seed: seed)
        plan.joint = [JointPlan(model: model, columns: plan.columns.map(\.name))]
        return (plan, table)
    }

    static func kinds(_ table: Table) -> [ColumnKind] {
        TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
    }

    /// Pearson correlation of two numeric columns over rows where both have values.
    static func correlation(_ table: Table, _ a: String, _ b: String) -> Double {
        let x = table.column(named: a)!, y = table.column(named: b)!
        var pairs: [(Double, Double)] = []
        for row in 0..<table.rowCount where x.validity.isValid(row) && y.validity.isValid(row) {
            pairs.append((x.values.numericValue(at: row)!, y.values.numericValue(at: row)!))
        }
        let n = Double(pairs.count)
        let mx = pairs.map(\.0).reduce(0, +) / n, my = pairs.map(\.1).reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in pairs { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    static func texts(_ table: Table, _ name: String) -> [String?] {
        let column = table.column(named: name)!
        return (0..<column.count).map { column.text(at: $0) }
    }
}
