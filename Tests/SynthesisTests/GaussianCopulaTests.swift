import Foundation
import Testing
@testable import Synthesis
import Tabular

@Suite struct GaussianCopulaTests {
    @Test func keepsCorrelationsThatMarginalsAloneLose() throws {
        let (plan, table) = try JointPlans.penguins()
        let joint = try FittedPlan.fit(plan, on: table).sample(rows: 20_000)
        var marginalPlan = plan
        marginalPlan.joint = []
        let marginal = try FittedPlan.fit(marginalPlan, on: table).sample(rows: 20_000)
        let real = JointPlans.correlation(table, "flipper_length_mm", "body_mass_g")
        #expect(real > 0.85)
        // The copula keeps rank dependence; Pearson's r moves a little with bimodal marginals.
        #expect(abs(JointPlans.correlation(joint, "flipper_length_mm", "body_mass_g") - real) < 0.1)
        #expect(abs(JointPlans.correlation(marginal, "flipper_length_mm", "body_mass_g")) < 0.03)
    }

    @Test func nullsAreAStateThatKeepsItsDependence() throws {
        // b is null exactly when a is large. Nulls scattered at random would come with a large
        // a a quarter of the time; a Gaussian copula, which sees this as a strong negative rank
        // correlation, keeps much of it (it cannot make it deterministic).
        var lines = ["a,b"]
        for i in 0..<2_000 { lines.append(i % 4 == 0 ? "\(1_000 + i)," : "\(i % 500),\(i % 7)") }
        let table = try Datasets.inline(lines.joined(separator: "\n"))
        var plan = DefaultPlanner.plan(for: table, kinds: [.integer, .integer], seed: 3)
        plan.columns = [ColumnPlan(name: "a", kind: .integer, strategy: "empirical"), ColumnPlan(name: "b", kind: .integer, strategy: "empirical")]
        plan.joint = [JointPlan(model: "gaussian_copula", columns: ["a", "b"])]
        let synthetic = try FittedPlan.fit(plan, on: table).sample(rows: 10_000)
        let a = synthetic.column(named: "a")!, b = synthetic.column(named: "b")!
        var nullsWithLargeA = 0, nulls = 0
        for row in 0..<synthetic.rowCount where b.validity.isNull(row) {
            nulls += 1
            if a.values.numericValue(at: row)! >= 600 { nullsWithLargeA += 1 }
        }
        #expect(abs(Double(nulls) / 10_000 - 0.25) < 0.02)
        #expect(Double(nullsWithLargeA) / Double(nulls) > 0.45)
    }

    @Test func fixedSeedOutputIsStableAndChunkingIndependent() throws {
        let (plan, table) = try JointPlans.penguins()
        let fitted = try FittedPlan.fit(plan, on: table)
        let whole = try fitted.sample(rows: 40_000)
        let slice = try fitted.sample(range: 20_000..<21_000, totalRows: 40_000)
        #expect(JointPlans.texts(whole.slice(20_000..<21_000), "species") == JointPlans.texts(slice, "species"))
        #expect(JointPlans.texts(whole.slice(20_000..<21_000), "body_mass_g") == JointPlans.texts(slice, "body_mass_g"))
        let again = try FittedPlan.fit(plan, on: table).sample(rows: 40_000)
        #expect(JointPlans.texts(whole, "bill_length_mm") == JointPlans.texts(again, "bill_length_mm"))
    }

    @Test func codableRoundTripSamplesTheSameRows() throws {
        let (plan, table) = try JointPlans.penguins()
        let fitted = try FittedPlan.fit(plan, on: table)
        let joint = fitted.joints[0]
        let decoded = try ModelCoding.decodeJoint(strategy: joint.strategy, from: ModelCoding.encode(joint.model))
        let rebuilt = try FittedPlan(assembling: fitted.columns, joints: [FittedJoint(name: joint.name, strategy: joint.strategy, model: decoded)],
                                     outputOrder: fitted.outputOrder, seed: fitted.seed, defaultRows: fitted.defaultRows)
        let a = try fitted.sample(rows: 3_000), b = try rebuilt.sample(rows: 3_000)
        for name in fitted.outputOrder { #expect(JointPlans.texts(a, name) == JointPlans.texts(b, name)) }
    }

    @Test func repairsASingularCorrelationMatrix() {
        // Three columns where the third is the sum of the first two: rank 2.
        let matrix = [[1, 0.9, 0.99], [0.9, 1, 0.99], [0.99, 0.99, 1.0]].map { $0.map { Double($0) } }
        #expect(CorrelationRepair.cholesky([[1, 1], [1, 1]]) == nil)
        let (repaired, changed) = CorrelationRepair.nearestPositiveDefinite([[1, 1], [1, 1]])
        #expect(changed)
        #expect(CorrelationRepair.cholesky(repaired) != nil)
        #expect(abs(repaired[0][1] - 1) < 1e-3)
        let (kept, unchanged) = CorrelationRepair.nearestPositiveDefinite(matrix)
        #expect(!unchanged || CorrelationRepair.cholesky(kept) != nil)
        let eigen = SymmetricEigen([[2, 1], [1, 2]])
        #expect(eigen.values.sorted().map { ($0 * 1e9).rounded() / 1e9 } == [1, 3])
    }

    @Test func errorsNameTheGroupAndColumn() throws {
        let (plan, table) = try JointPlans.penguins()
        var unknown = plan
        unknown.joint = [JointPlan(model: "gan", columns: ["species"])]
        #expect(throws: PlanError.self) { try FittedPlan.fit(unknown, on: table) }
        do { _ = try FittedPlan.fit(unknown, on: table) } catch let error as PlanError {
            #expect(error.message.contains("joint group 'joint': unknown joint model 'gan'"))
        }
        var twice = plan
        twice.joint = [JointPlan(name: "a", model: "gaussian_copula", columns: ["species", "island"]),
                       JointPlan(name: "b", model: "gaussian_copula", columns: ["island", "sex"])]
        do { _ = try FittedPlan.fit(twice, on: table); Issue.record("expected an error") } catch let error as PlanError {
            #expect(error.message == "column 'island': belongs to two joint groups; a column can be in one")
        }
        var missing = plan
        missing.joint = [JointPlan(model: "gaussian_copula", columns: ["species", "wingspan"])]
        do { _ = try FittedPlan.fit(missing, on: table); Issue.record("expected an error") } catch let error as PlanError {
            #expect(error.message == "joint group 'joint': column 'wingspan' is not in the plan")
        }
    }
}
