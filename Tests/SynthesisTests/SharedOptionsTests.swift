import Foundation
import Testing
@testable import Synthesis
import Tabular

@Suite("Options every strategy shares")
struct SharedOptionsTests {
    private func sample(_ column: String, _ dataset: String, kind: ColumnKind, strategy: String, _ parameters: Parameters = Parameters(), rows: Int = 20_000) throws -> Column {
        let plan = Plan(seed: 11, columns: [ColumnPlan(name: column, kind: kind, strategy: strategy, parameters: parameters)])
        return try FittedPlan.fit(plan, on: try Datasets.table(dataset)).sample(rows: rows)[0]
    }

    @Test("the null rate is learned from the real column, or set by hand")
    func nullRate() throws {
        // credit_data Income: 381 nulls in 4454 rows (8.55%).
        let learned = try sample("Income", "credit_data", kind: .integer, strategy: "histogram")
        let share = Double(learned.nullCount) / Double(learned.count)
        #expect(abs(share - 381.0 / 4454.0) < 0.006)
        let none = try sample("Income", "credit_data", kind: .integer, strategy: "histogram", Parameters(["null_rate": 0]))
        #expect(none.nullCount == 0)
        let half = try sample("Income", "credit_data", kind: .integer, strategy: "histogram", Parameters(["null_rate": 0.5]))
        #expect(abs(Double(half.nullCount) / 20_000 - 0.5) < 0.015)
    }

    @Test("edge_rate mixes in boundary cases of the kind")
    func edgeCases() throws {
        let numbers = try sample("price", "diamonds", kind: .integer, strategy: "histogram", Parameters(["edge_rate": 0.2]))
        let values = Fixture.numbers(numbers)
        #expect(values.contains(0))
        #expect(values.contains(-1))
        #expect(values.contains(2_147_483_647))
        #expect(values.contains(326) && values.contains(18_823))
        let edgeShare = Double(values.filter { [0, -1, 1, 2_147_483_647, -2_147_483_648, 9_007_199_254_740_991].contains($0) }.count) / Double(values.count)
        #expect(edgeShare > 0.1 && edgeShare < 0.2)
        let texts = try sample("cut", "diamonds", kind: .categorical, strategy: "categorical", Parameters(["edge_rate": 0.3]))
        let seen = Set(Fixture.texts(texts).compactMap { $0 })
        #expect(seen.contains(""))
        #expect(seen.contains(String(repeating: "x", count: 1000)))
        #expect(seen.contains("Zoë Ångström 漢字 🙂"))
        let dates = try sample("when", "inline-dates", kind: .datetime, strategy: "datetime", Parameters(["edge_rate": 0.5]))
        #expect(Fixture.texts(dates).contains("2024-02-29 00:00:00"))
        #expect(Fixture.texts(dates).contains("9999-12-31 00:00:00"))
    }

    @Test("numeric values stay inside the real range and keep the real precision, unless told otherwise")
    func clipAndRound() throws {
        let clipped = try sample("carat", "diamonds", kind: .decimal, strategy: "perturb", Parameters(["scale": 2]))
        let values = Fixture.numbers(clipped)
        #expect(values.min()! >= 0.2 && values.max()! <= 5.01)
        #expect(values.allSatisfy { ($0 * 100).rounded() / 100 == $0 })
        let free = try sample("carat", "diamonds", kind: .decimal, strategy: "perturb", Parameters(["scale": 2, "clip": false, "round": false]))
        let freeValues = Fixture.numbers(free)
        #expect(freeValues.min()! < 0.2)
        #expect(freeValues.contains { ($0 * 100).rounded() / 100 != $0 })
    }
}

@Suite("Strategy behaviour")
struct StrategyBehaviourTests {
    private func fit(_ plan: Plan, _ dataset: String) throws -> FittedPlan {
        try FittedPlan.fit(plan, on: try Datasets.table(dataset))
    }

    @Test("categorical reproduces frequencies; rare levels merge into Other or drop")
    func categorical() throws {
        let plan = Plan(seed: 3, columns: [ColumnPlan(name: "cut", kind: .categorical, strategy: "categorical")])
        let sample = try fit(plan, "diamonds").sample(rows: 50_000)[0]
        let texts = Fixture.texts(sample)
        let ideal = Double(texts.filter { $0 == "Ideal" }.count) / 50_000
        #expect(abs(ideal - 21_551.0 / 53_940.0) < 0.01)
        // credit_data Marital: "widow" 67 times, "separated" 130, "divorced" 38 → rare below 100.
        // Dropping is the default action; merging into Other is asked for.
        let rare = Plan(seed: 3, columns: [ColumnPlan(name: "Marital", kind: .categorical, strategy: "categorical",
                                                      parameters: Parameters(["rare_threshold": 100, "rare_action": "other"]))])
        let merged = Set(Fixture.texts(try fit(rare, "credit_data").sample(rows: 20_000)[0]).compactMap { $0 })
        #expect(merged == ["married", "single", "separated", "Other"])
        var dropPlan = rare
        dropPlan.columns[0].parameters["rare_action"] = "drop"
        let dropped = Set(Fixture.texts(try fit(dropPlan, "credit_data").sample(rows: 20_000)[0]).compactMap { $0 })
        #expect(dropped == ["married", "single", "separated"])
    }

    @Test("histogram and datetime keep the shape of the real distribution")
    func histogramShape() throws {
        let plan = Plan(seed: 5, columns: [ColumnPlan(name: "depth", kind: .decimal, strategy: "histogram", parameters: Parameters(["bins": 40]))])
        let values = Fixture.numbers(try fit(plan, "diamonds").sample(rows: 40_000)[0])
        let mean = values.reduce(0, +) / Double(values.count)
        #expect(abs(mean - 61.749) < 0.1)
    }

    @Test("sequence counts by global row; keep is row-aligned; shuffle is a permutation")
    func partialStrategies() throws {
        let table = try Datasets.table("penguins")
        let plan = Plan(seed: 9, columns: [
            ColumnPlan(name: "year", kind: .identifier, strategy: "sequence", parameters: Parameters(["start": 10, "step": 5])),
            ColumnPlan(name: "species", kind: .categorical, strategy: "keep"),
            ColumnPlan(name: "body_mass_g", kind: .integer, strategy: "shuffle"),
        ])
        let sample = try FittedPlan.fit(plan, on: table).sample()
        #expect(sample.rowCount == 344)
        #expect(Fixture.numbers(sample[0]).prefix(3) == [10, 15, 20])
        #expect(Fixture.texts(sample[1]) == Fixture.texts(table.column(named: "species")!))
        let shuffled = Fixture.texts(sample[2])
        let real = Fixture.texts(table.column(named: "body_mass_g")!)
        #expect(shuffled.map { $0 ?? "" }.sorted() == real.map { $0 ?? "" }.sorted())
        #expect(shuffled != real)
        // More rows than the source: an error naming the column, unless cycle is set.
        #expect(throws: PlanError.self) { _ = try FittedPlan.fit(plan, on: table).sample(rows: 345) }
        var cycling = plan
        cycling.columns[1].parameters["cycle"] = true
        cycling.columns[2].parameters["cycle"] = true
        let longer = try FittedPlan.fit(cycling, on: table).sample(rows: 700)
        #expect(longer.rowCount == 700)
        #expect(longer[1].text(at: 344) == table.column(named: "species")!.text(at: 0))
    }

    @Test("mask keeps k characters; choice follows its weights; constant is constant")
    func syntheticStrategies() throws {
        let table = try Datasets.inline("card,colour\n4111111111111111,red\n5500000000000004,blue\n")
        let plan = Plan(seed: 2, columns: [
            ColumnPlan(name: "card", kind: .identifier, strategy: "mask"),
            ColumnPlan(name: "colour", kind: .categorical, strategy: "choice",
                       parameters: Parameters(["values": .list(["a", "b"]), "weights": .list([9, 1])])),
        ])
        let sample = try FittedPlan.fit(plan, on: table).sample(rows: 2)
        #expect(Fixture.texts(sample[0]) == ["************1111", "************0004"])
        var many = plan
        many.columns[0].parameters["cycle"] = true
        let choices = Fixture.texts(try FittedPlan.fit(many, on: table).sample(rows: 10_000)[1])
        let share = Double(choices.filter { $0 == "a" }.count) / 10_000
        #expect(abs(share - 0.9) < 0.015)
    }
}
