import Foundation
import Testing
@testable import Synthesis
import Tabular

@Suite struct ConstraintAndConditionTests {
    @Test func everyRowMeetsEveryConstraint() throws {
        var (plan, table) = try JointPlans.penguins()
        plan.constraints = [
            ConstraintPlan(type: .range, column: "body_mass_g", min: 3_000, max: 5_000),
            ConstraintPlan(type: .fixedCombinations, columns: ["species", "island"]),
            ConstraintPlan(type: .predicate, formula: "bill_length_mm > 2 * bill_depth_mm"),
            ConstraintPlan(type: .lessEqual, columns: ["bill_depth_mm", "bill_length_mm"]),
        ]
        let synthetic = try FittedPlan.fit(plan, on: table).sample(rows: 20_000)
        let realPairs = Set(zip(JointPlans.texts(table, "species"), JointPlans.texts(table, "island")).map { "\($0 ?? "")|\($1 ?? "")" })
        let pairs = zip(JointPlans.texts(synthetic, "species"), JointPlans.texts(synthetic, "island")).map { "\($0 ?? "")|\($1 ?? "")" }
        #expect(pairs.allSatisfy(realPairs.contains))
        let mass = synthetic.column(named: "body_mass_g")!, length = synthetic.column(named: "bill_length_mm")!, depth = synthetic.column(named: "bill_depth_mm")!
        for row in 0..<synthetic.rowCount {
            if let value = mass.values.numericValue(at: row), mass.validity.isValid(row) { #expect(value >= 3_000 && value <= 5_000) }
            if length.validity.isValid(row) && depth.validity.isValid(row) {
                #expect(length.values.numericValue(at: row)! > 2 * depth.values.numericValue(at: row)!)
            }
        }
        // Rejection keeps the joint: the flipper–mass correlation survives inside the range
        // (narrower than the data's, so weaker than its 0.87; independent columns give 0).
        #expect(JointPlans.correlation(synthetic, "flipper_length_mm", "body_mass_g") > 0.5)
    }

    @Test func clipAndSwapTransformInsteadOfRejecting() throws {
        var (plan, table) = try JointPlans.penguins()
        plan.constraints = [
            ConstraintPlan(type: .range, column: "body_mass_g", min: 3_500, max: 4_500, enforce: .clip),
            ConstraintPlan(type: .lessEqual, columns: ["bill_length_mm", "bill_depth_mm"], enforce: .swap),
        ]
        let synthetic = try FittedPlan.fit(plan, on: table).sample(rows: 5_000)
        let mass = JointPlans.texts(synthetic, "body_mass_g").compactMap { $0.flatMap(Double.init) }
        #expect(mass.allSatisfy { $0 >= 3_500 && $0 <= 4_500 })
        #expect(mass.filter { $0 == 3_500 }.count > 100)
        let length = synthetic.column(named: "bill_length_mm")!, depth = synthetic.column(named: "bill_depth_mm")!
        for row in 0..<synthetic.rowCount where length.validity.isValid(row) && depth.validity.isValid(row) {
            #expect(length.values.numericValue(at: row)! <= depth.values.numericValue(at: row)!)
        }
    }

    @Test func conditionsFixValuesAndKeepRelationships() throws {
        var (plan, table) = try JointPlans.penguins()
        plan.conditions = SamplingConditions(equals: ["species": "Gentoo", "island": "Biscoe"])
        let both = try FittedPlan.fit(plan, on: table).sample(rows: 4_000)
        #expect(JointPlans.texts(both, "species").allSatisfy { $0 == "Gentoo" })
        #expect(JointPlans.texts(both, "island").allSatisfy { $0 == "Biscoe" })
        // Conditioned rows keep their relation to the conditioned value: males are heavier.
        func meanMass(sex: String) throws -> Double {
            var conditioned = plan
            conditioned.conditions = SamplingConditions(equals: ["sex": sex])
            let rows = try FittedPlan.fit(conditioned, on: table).sample(rows: 4_000)
            #expect(JointPlans.texts(rows, "sex").allSatisfy { $0 == sex })
            let mass = JointPlans.texts(rows, "body_mass_g").compactMap { $0.flatMap(Double.init) }
            return mass.reduce(0, +) / Double(mass.count)
        }
        let male = try meanMass(sex: "male"), female = try meanMass(sex: "female")
        #expect(male - female > 300) // 683 g in the data
    }

    @Test func rebalanceGivesTheProportionsInEverySlice() throws {
        var (plan, table) = try JointPlans.penguins()
        plan.conditions = SamplingConditions(rebalance: .init(column: "species"))
        let fitted = try FittedPlan.fit(plan, on: table)
        let synthetic = try fitted.sample(rows: 30_000)
        let species = JointPlans.texts(synthetic, "species")
        for level in ["Adelie", "Chinstrap", "Gentoo"] {
            let share = Double(species.filter { $0 == level }.count) / 30_000
            #expect(abs(share - 1.0 / 3) < 0.001)
        }
        let slice = try fitted.sample(range: 16_000..<17_000, totalRows: 30_000)
        #expect(JointPlans.texts(slice, "species") == Array(species[16_000..<17_000]))

        var shares = plan
        shares.conditions = SamplingConditions(rebalance: .init(column: "sex", proportions: ["male": 0.9, "female": 0.1]))
        let skewed = JointPlans.texts(try FittedPlan.fit(shares, on: table).sample(rows: 10_000), "sex")
        let male = Double(skewed.filter { $0 == "male" }.count) / 10_000
        #expect(abs(male - 0.9) < 0.002)
    }

    @Test func anImpossibleConditionFailsSayingWhichAndHowOften() throws {
        var (plan, table) = try JointPlans.penguins()
        // Gentoo occurs in the data, but no penguin is this light: only Gentoos whose mass is
        // missing (a null passes a range) meet both, too few for the chunk.
        plan.conditions = SamplingConditions(equals: ["species": "Gentoo"])
        plan.constraints = [ConstraintPlan(type: .range, column: "body_mass_g", min: 0, max: 1_000)]
        let fitted = try FittedPlan.fit(plan, on: table)
        do {
            _ = try fitted.sample(rows: 1_000)
            Issue.record("expected an error")
        } catch let error as PlanError {
            #expect(error.message.contains("where species = Gentoo rejected"))
            // Candidates come in whole chunks: at most 256 per kept row, so 16 batches of 16,384.
            #expect(error.message.contains("of 1000 rows from 262144 candidates"))
            // Every candidate is a Gentoo (the condition steers the model); the range rejects
            // all but the few whose mass is missing.
            #expect(error.message.contains("where species = Gentoo rejected 0.0% of draws"))
            #expect(["99%", "100%"].contains { error.message.contains("range(body_mass_g) rejected \($0) of draws") })
        }
    }

    @Test func uniqueKeysComeFromTheRowIndexAndNeverCollideAcrossShards() throws {
        var (plan, table) = try JointPlans.penguins()
        plan.columns.append(ColumnPlan(name: "id", kind: .identifier, strategy: "pattern",
                                       parameters: Parameters(["template": #"P\d{6}"#, "unique": true])))
        plan.constraints = [ConstraintPlan(type: .unique, column: "id"), ConstraintPlan(type: .range, column: "body_mass_g", min: 3_500)]
        let fitted = try FittedPlan.fit(plan, on: table)
        let a = try fitted.sample(range: 0..<20_000, totalRows: 40_000)
        let b = try fitted.sample(range: 20_000..<40_000, totalRows: 40_000)
        let ids = JointPlans.texts(a, "id") + JointPlans.texts(b, "id")
        #expect(Set(ids).count == 40_000)

        var random = plan
        random.columns[random.columns.count - 1] = ColumnPlan(name: "id", kind: .identifier, strategy: "pattern")
        do { _ = try FittedPlan.fit(random, on: table); Issue.record("expected an error") } catch let error as PlanError {
            #expect(error.message.contains("constraints[0] unique(id): 'id' is generated by 'pattern', which can repeat values"))
        }
    }

    @Test func badConstraintsNameTheirIndexAndColumn() throws {
        var (plan, table) = try JointPlans.penguins()
        plan.constraints = [ConstraintPlan(type: .range, column: "species", min: 1)]
        do { _ = try FittedPlan.fit(plan, on: table); Issue.record("expected an error") } catch let error as PlanError {
            #expect(error.message == "constraints[0] range(species): a range needs a numeric or datetime column; 'species' is categorical")
        }
        plan.constraints = [ConstraintPlan(type: .lessEqual, columns: ["bill_length_mm", "wingspan"])]
        do { _ = try FittedPlan.fit(plan, on: table); Issue.record("expected an error") } catch let error as PlanError {
            #expect(error.message == "constraints[0] less_equal(bill_length_mm, wingspan): column 'wingspan' is not in the output")
        }
    }
}
