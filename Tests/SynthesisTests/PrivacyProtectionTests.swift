@testable import Synthesis
import Tabular
import Testing

/// The privacy protections that are on by default: no lone extreme value and no rare level
/// (fewer than 5 real rows) ever reaches the output, under any model.
@Suite struct PrivacyProtectionTests {
    /// 600 rows: `amount` 1...600 plus one lone extreme of 1,000,000; `group` with three common
    /// levels and two rare ones (2 rows and 1 row); `score` related to `group`.
    static func fixture() throws -> Table {
        var text = "amount,group,score\n"
        for row in 0..<600 {
            let group = row == 17 || row == 301 ? "rare_pair" : row == 444 ? "lone" : ["a", "b", "c"][row % 3]
            let amount = row == 99 ? 1_000_000 : row + 1
            text += "\(amount),\(group),\(Double(row % 3) * 10 + Double(row % 7) / 10)\n"
        }
        return try CSVReader.read(.bytes(Array(text.utf8), name: "protect.csv")).table
    }

    static func plan(_ table: Table, joint: String?) -> Plan {
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        var plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 9)
        if let joint { plan.joint = [JointPlan(model: joint, columns: plan.columns.map(\.name))] }
        return plan
    }

    @Test(arguments: [nil, "cart", "gaussian_copula", "bayesian_network"] as [String?])
    func noLoneExtremeAndNoRareLevel(joint: String?) throws {
        let table = try Self.fixture()
        let output = try FittedPlan.fit(Self.plan(table, joint: joint), on: table).sample(rows: 5_000)
        let amounts = output.column(named: "amount")!
        let largest = (0..<amounts.count).compactMap { amounts.values.numericValue(at: $0) }.max() ?? 0
        // The 5th largest real value is 597; the lone 1,000,000 and 598...600 never appear.
        #expect(largest <= 597, "\(joint ?? "marginals"): largest amount \(largest)")
        let groups = Set((0..<output.rowCount).compactMap { output.column(named: "group")!.text(at: $0) })
        #expect(!groups.contains("rare_pair") && !groups.contains("lone"), "\(joint ?? "marginals"): \(groups.sorted())")
    }

    @Test func theProtectionsCanBeTurnedOff() throws {
        let table = try Self.fixture()
        var plan = Self.plan(table, joint: "cart")
        plan.joint[0].parameters["rare_k"] = 1
        let amount = plan.columns.firstIndex { $0.name == "amount" }!
        plan.columns[amount].parameters["extreme_k"] = 1
        let group = plan.columns.firstIndex { $0.name == "group" }!
        plan.columns[group].parameters["rare_threshold"] = 0
        let output = try FittedPlan.fit(plan, on: table).sample(rows: 20_000)
        let groups = Set((0..<output.rowCount).compactMap { output.column(named: "group")!.text(at: $0) })
        #expect(groups.contains("rare_pair") || groups.contains("lone"))
    }

    @Test func aTinyTableKeepsItsLevels() throws {
        // Every level is rarer than 5 rows: there is nothing to protect, and nothing to sample
        // if the levels were dropped.
        let table = try CSVReader.read(.bytes(Array("g\nx\ny\nz\nx\n".utf8), name: "tiny.csv")).table
        let plan = Plan(seed: 1, columns: [ColumnPlan(name: "g", kind: .categorical, strategy: "categorical")])
        let output = try FittedPlan.fit(plan, on: table).sample(rows: 50)
        #expect(output.rowCount == 50)
    }

    /// 400 rows: `price` continuous (400 distinct values at 2 decimals, 2.37 apart), `doors`
    /// discrete (2 or 4), `group` driving both.
    static func continuousFixture() throws -> Table {
        var text = "group,doors,price\n"
        for row in 0..<400 {
            let group = ["a", "b", "c", "d"][row % 4]
            let price = 100 + Double(row) * 2.37 + Double(row % 4) * 300
            text += "\(group),\(row % 4 < 2 ? 2 : 4),\(String(format: "%.2f", price))\n"
        }
        return try CSVReader.read(.bytes(Array(text.utf8), name: "continuous.csv")).table
    }

    @Test func cartLeavesNeverRepeatAContinuousRealValueAndDiscreteColumnsKeepTheirLevels() throws {
        let table = try Self.continuousFixture()
        let realPrices = Set((0..<table.rowCount).compactMap { table.column(named: "price")!.values.numericValue(at: $0) })
        func prices(smoothing: String?) throws -> (prices: [Double], doors: Set<Double>) {
            var plan = Self.plan(table, joint: "cart")
            if let smoothing { plan.joint[0].parameters["smoothing"] = .text(smoothing) }
            let output = try FittedPlan.fit(plan, on: table).sample(rows: 4_000)
            let price = output.column(named: "price")!
            let doors = output.column(named: "doors")!
            return ((0..<output.rowCount).compactMap { price.values.numericValue(at: $0) },
                    Set((0..<output.rowCount).compactMap { doors.values.numericValue(at: $0) }))
        }
        let jittered = try prices(smoothing: nil)
        #expect(jittered.prices.count == 4_000)
        let copied = jittered.prices.filter(realPrices.contains)
        #expect(copied.isEmpty, "\(copied.count) prices are real values, e.g. \(copied.prefix(5))")
        // Still at the column's precision and inside its protected range.
        #expect(jittered.prices.allSatisfy { abs(($0 * 100).rounded() - $0 * 100) < 1e-6 })
        #expect(jittered.doors == [2, 4])
        // Without smoothing, leaves hand back real values as they are (but for the few past the
        // protected range, reflected inside it).
        let raw = try prices(smoothing: "none")
        #expect(raw.prices.filter(realPrices.contains).count >= raw.prices.count * 9 / 10)
    }
}
