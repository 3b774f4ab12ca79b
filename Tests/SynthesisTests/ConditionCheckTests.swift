import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Conditions checked before any rows are drawn (unknown values, rare levels, ranges outside
/// the data) and rebalancing with partial shares, on a small fixture written here.
@Suite struct ConditionCheckTests {
    /// 500 rows: `level` A 300, B 150, C 41, S 5, R 4; `amount` 0..499; `day` 2024-01-01..2024-01-20.
    static func fixture() throws -> (Plan, Table) {
        var lines = ["level,amount,day"]
        let levels = Array(repeating: "A", count: 300) + Array(repeating: "B", count: 150) + Array(repeating: "C", count: 41)
            + Array(repeating: "S", count: 5) + Array(repeating: "R", count: 4)
        for (row, level) in levels.enumerated() {
            lines.append("\(level),\(row),2024-01-\(String(format: "%02d", row % 20 + 1))")
        }
        let table = try CSVReader.read(.bytes(Array((lines.joined(separator: "\n") + "\n").utf8), name: "fixture.csv")).table
        let plan = DefaultPlanner.plan(for: table, kinds: JointPlans.kinds(table), seed: 5)
        return (plan, table)
    }

    static func failure(_ conditions: SamplingConditions) throws -> PlanError? {
        var (plan, table) = try fixture()
        plan.conditions = conditions
        do {
            _ = try FittedPlan.fit(plan, on: table)
            return nil
        } catch let error as PlanError {
            return error
        }
    }

    @Test func anUnknownLevelIsAnErrorNamingSimilarOnes() throws {
        let error = try #require(try Self.failure(SamplingConditions(equals: ["level": "a"])))
        #expect(error.message == "level = 'a' does not occur in the data; similar: A, B, C, S, R")
        #expect(error.conditionKey == "where")
        #expect(error.asOption.hasPrefix("--where: level = 'a' does not occur"))
        let far = try #require(try Self.failure(SamplingConditions(equals: ["level": "Zebra"])))
        #expect(far.message == "level = 'Zebra' does not occur in the data; most common: A, B, C")
    }

    @Test func aRareLevelIsRefusedBelowMinRowsAndAllowedAtIt() throws {
        let rare = try #require(try Self.failure(SamplingConditions(equals: ["level": "R"])))
        #expect(rare.message.hasPrefix("level = 'R' selects 4 real rows, fewer than min_rows (5): rows conditioned on 4 real people describe those people"))
        #expect(try Self.failure(SamplingConditions(equals: ["level": "S"])) == nil)
        #expect(try Self.failure(SamplingConditions(equals: ["level": "R"], minRows: 4)) == nil)
        #expect(try Self.failure(SamplingConditions(equals: ["level": "S"], minRows: 6)) != nil)
        // Together: A with amount >= 300 selects no row.
        let together = try #require(try Self.failure(SamplingConditions(equals: ["level": "A", "amount": ">=300"])))
        #expect(together.message == "no real row meets amount >= 300 and level = 'A' together")
        // A rebalanced level asked for is held to the floor too; one left out is not.
        let rebalanced = try #require(try Self.failure(SamplingConditions(rebalance: .init(column: "level", proportions: ["R": 0.5]))))
        #expect(rebalanced.message.hasPrefix("level = 'R' selects 4 real rows"))
        #expect(try Self.failure(SamplingConditions(rebalance: .init(column: "level", proportions: ["C": 0.5]))) == nil)
        // A level asked for must occur among the rows the where conditions select.
        let withWhere = try #require(try Self.failure(SamplingConditions(equals: ["amount": ">=450"], rebalance: .init(column: "level", proportions: ["A": 0.5]))))
        #expect(withWhere.message == "no real row has level = 'A' with amount >= 450")
    }

    @Test func partialSharesLeaveTheRestToTheOtherLevelsInTheirRealProportions() throws {
        var (plan, table) = try Self.fixture()
        plan.conditions = SamplingConditions(rebalance: .init(column: "level", proportions: ["C": 0.3]))
        let n = 10_000
        let synthetic = try FittedPlan.fit(plan, on: table).sample(rows: n)
        let levels = JointPlans.texts(synthetic, "level")
        func share(_ level: String) -> Double { Double(levels.filter { $0 == level }.count) / Double(n) }
        // Expected: C 0.3; A, B, S share 0.7 as 300 : 150 : 5 (455 rows). R (4 rows, under
        // min_rows) gets no share: the models never draw a level that rare.
        let expected = ["C": 0.3, "A": 0.7 * 300 / 455, "B": 0.7 * 150 / 455, "S": 0.7 * 5 / 455, "R": 0.0]
        for (level, p) in expected {
            // Three binomial standard errors (the golden-ratio assignment is far tighter).
            let tolerance = 3 * (p * (1 - p) / Double(n)).squareRoot()
            #expect(abs(share(level) - p) <= tolerance, "\(level): \(share(level)) vs \(p)")
        }
        #expect(abs(share("A") / share("B") - 2) < 0.05)
    }

    @Test func sharesOverOneOrOutOfRangeAreRefused() throws {
        let total = try #require(try Self.failure(SamplingConditions(rebalance: .init(column: "level", proportions: ["A": 0.7, "B": 0.6]))))
        #expect(total.message.hasPrefix("the shares sum to 1.3, more than 1"))
        #expect(total.conditionKey == "rebalance.proportions")
        let single = try #require(try Self.failure(SamplingConditions(rebalance: .init(column: "level", proportions: ["A": 1.5]))))
        #expect(single.message == "level = 'A' has share 1.5; a share is from 0 to 1")
        let all = try #require(try Self.failure(SamplingConditions(rebalance: .init(column: "level", proportions: ["A": 0.2, "B": 0.2, "C": 0.2, "S": 0.2, "R": 0.1]), minRows: 1)))
        #expect(all.message.hasPrefix("the shares of all 5 levels of 'level' sum to 0.9"))
        #expect(throws: ConditionSyntax.Failure.self) { try ConditionSyntax.rebalance("level=A:-0.1") }
    }

    @Test func rangeConditionsHoldInEveryRow() throws {
        var (plan, table) = try Self.fixture()
        plan.conditions = SamplingConditions(equals: ["amount": ">=400", "day": "<2024-01-05"])
        let synthetic = try FittedPlan.fit(plan, on: table).sample(rows: 2_000)
        let amounts = JointPlans.texts(synthetic, "amount")
        let days = JointPlans.texts(synthetic, "day")
        #expect(amounts.allSatisfy { Double($0 ?? "") ?? -1 >= 400 })
        #expect(days.allSatisfy { ($0 ?? "9") < "2024-01-05" })
        plan.conditions = SamplingConditions(equals: ["amount": "!=3", "level": "!=A"])
        let other = try FittedPlan.fit(plan, on: table).sample(rows: 1_000)
        #expect(JointPlans.texts(other, "level").allSatisfy { $0 != "A" && $0 != nil })
    }

    @Test func anImpossibleRangeIsRefusedUpFront() throws {
        let high = try #require(try Self.failure(SamplingConditions(equals: ["amount": ">=500"])))
        #expect(high.message == "amount >= 500: no real row meets it (the data's amount runs from 0 to 499)")
        let text = try #require(try Self.failure(SamplingConditions(equals: ["level": ">A"])))
        #expect(text.message.contains("'>' compares numbers and dates"))
        let notNumber = try #require(try Self.failure(SamplingConditions(equals: ["amount": "<lots"])))
        #expect(notNumber.message == "amount < lots: 'lots' is not a number")
    }

    @Test func theCommandLineFormsOfConditions() throws {
        #expect(try ConditionSyntax.condition("dep_delay>=120") == ("dep_delay", ">=120"))
        #expect(try ConditionSyntax.condition("distance < 500") == ("distance", "<500"))
        #expect(try ConditionSyntax.condition("carrier=HA") == ("carrier", "HA"))
        #expect(try ConditionSyntax.condition("note=<none>") == ("note", "=<none>"))
        #expect(ConditionSyntax.comparison("=<none>") == (.equal, "<none>"))
        #expect(ConditionSyntax.comparison("!= 3") == (.notEqual, "3"))
        #expect(throws: ConditionSyntax.Failure.self) { try ConditionSyntax.condition(">=3") }
    }
}
