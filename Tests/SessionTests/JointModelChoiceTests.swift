import Foundation
import Testing
@testable import Session
import Synthesis
import Tabular

@Suite("doppel plan's choice of joint model")
struct JointModelChoiceTests {
    static func penguins() throws -> Table {
        // The copy in Tests/Fixtures: this unit test needs no ../shared.
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/penguins.csv").path
        return try CSVReader.read(path: path).table
    }

    @Test("every candidate is scored; the best joint model beats marginals alone and takes the modelled columns")
    func choosesTheBest() throws {
        let table = try Self.penguins()
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        var plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 4)
        plan.columns.append(ColumnPlan(name: "tag", kind: .identifier, strategy: "sequence"))
        let outcome = JointModelChoice.choose(for: plan, table: table, candidates: JointRegistry.ids + [nil])
        #expect(outcome.trials.map(\.model) == JointRegistry.ids + [nil])
        let scores = outcome.trials.map { $0.quality ?? 0 }
        let chosen = try #require(outcome.plan.joint.first)
        let chosenScore = outcome.trials.first { $0.model == chosen.model }!.quality!
        #expect(chosenScore == scores.max())
        #expect(chosenScore > outcome.trials.last!.quality! + 0.03)
        // Identifiers keep their own strategy; numeric members take the empirical marginal.
        #expect(!chosen.columns.contains("tag"))
        #expect(chosen.columns.contains("body_mass_g"))
        #expect(outcome.plan.column(named: "body_mass_g")?.strategy == "empirical")
        #expect(outcome.plan.column(named: "species")?.strategy == "categorical")
        #expect(outcome.plan.column(named: "tag")?.strategy == "sequence")
    }

    @Test("with one modelled column there is nothing to join: the plan is unchanged")
    func singleColumn() throws {
        let table = try CSVReader.read(.bytes(Array("a,b\n1,x@y.org\n2,z@y.org\n".utf8), name: "t.csv")).table
        let plan = DefaultPlanner.plan(for: table, kinds: [.integer, .email], seed: 1)
        let outcome = JointModelChoice.choose(for: plan, table: table, candidates: ["gaussian_copula"])
        #expect(outcome.trials.isEmpty)
        #expect(outcome.plan == plan)
    }
}
