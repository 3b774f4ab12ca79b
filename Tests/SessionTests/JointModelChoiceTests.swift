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
        let outcome = JointModelChoice.choose(for: plan, table: table, candidates: JointRegistry.ids + [nil], privacy: .off)
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

    static let memorising = JointModelChoice.Trial(
        model: "cart", quality: 0.99, seconds: 0,
        privacy: TrialPrivacy(dcrShare: 0.70, dcrStandardError: 0.01, copyRate: 0.20, holdoutCopyRate: 0.01, setting: .strict))
    static let privateOne = JointModelChoice.Trial(
        model: "gaussian_copula", quality: 0.95, seconds: 0,
        privacy: TrialPrivacy(dcrShare: 0.505, dcrStandardError: 0.01, copyRate: 0.0, holdoutCopyRate: 0.01, setting: .strict))

    @Test("strict and balanced reject a memorising candidate that quality alone would take")
    func privacyRejectsAMemorisingCandidate() {
        let trials = [Self.memorising, Self.privateOne]
        #expect(Self.memorising.privacy?.meets == false)
        #expect(JointModelChoice.pick(trials, exposures: [.none, .none], setting: .strict).index == 1)
        #expect(JointModelChoice.pick(trials, exposures: [.none, .none], setting: .strict).shortfall == nil)
        // Off: quality alone (the trials are judged when measured; off measures nothing).
        let unmeasured = trials.map { trial -> JointModelChoice.Trial in var copy = trial; copy.privacy = nil; return copy }
        #expect(JointModelChoice.pick(unmeasured, exposures: [.none, .none], setting: .off).index == 0)
        // Balanced allows the holdout's copy rate + 0.5 pp and a share up to 0.52.
        let near = TrialPrivacy(dcrShare: 0.515, dcrStandardError: 0.007, copyRate: 0.014, holdoutCopyRate: 0.01, setting: .balanced)
        #expect(near.meets)
        #expect(!TrialPrivacy(dcrShare: 0.515, dcrStandardError: 0.004, copyRate: 0.0, holdoutCopyRate: 0.01, setting: .strict).meets)
        #expect(!TrialPrivacy(dcrShare: 0.505, dcrStandardError: 0.007, copyRate: 0.014, holdoutCopyRate: 0.01, setting: .strict).meets)
        // Over the limit by less than its standard error: no evidence of copying.
        #expect(TrialPrivacy(dcrShare: 0.525, dcrStandardError: 0.007, copyRate: 0, holdoutCopyRate: 0, setting: .balanced).meets)
        #expect(!TrialPrivacy(dcrShare: 0.528, dcrStandardError: 0.007, copyRate: 0, holdoutCopyRate: 0, setting: .balanced).meets)
        #expect(!TrialPrivacy(dcrShare: 0.5, dcrStandardError: 0.007, copyRate: 0.016, holdoutCopyRate: 0.01, setting: .balanced).meets)
        // A share from a small holdout (standard error over 0.02) cannot support a verdict:
        // only the copy rate judges then, and the summary says so.
        let small = TrialPrivacy(dcrShare: 0.58, dcrStandardError: 0.05, copyRate: 0, holdoutCopyRate: 0, setting: .strict)
        #expect(small.meets)
        #expect(small.summary == "DCR share 0.580 +/- 0.050 (too few rows held back for a verdict), copies 0.00% (holdout 0.00%)")
    }

    @Test("when no candidate meets the setting, the most private is kept and the message names the setting and the figures")
    func noCandidatePasses() throws {
        var worse = Self.privateOne
        worse.privacy = TrialPrivacy(dcrShare: 0.56, dcrStandardError: 0.007, copyRate: 0.0, holdoutCopyRate: 0.0, setting: .strict)
        let pick = JointModelChoice.pick([Self.memorising, worse], exposures: [.none, .none], setting: .strict)
        #expect(pick.index == 1)
        let message = try #require(pick.shortfall?.message)
        #expect(message == "no candidate met --privacy strict (DCR share <= 0.51 and copy rate <= the holdout's); kept the most private, gaussian_copula: DCR share 0.560 +/- 0.007, copies 0.00% (holdout 0.00%)")
    }

    @Test("the choice measures each candidate against rows held back, and records the setting")
    func choiceHoldsRowsBack() throws {
        let table = try Self.penguins()
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        let plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 4)
        let outcome = JointModelChoice.choose(for: plan, table: table, candidates: ["cart", nil], privacy: .balanced)
        #expect(outcome.plan.privacy == .balanced)
        // 344 rows: every fifth held back (68), the other 276 fitted on.
        #expect(outcome.privacySplit == PrivacySplitSizes(training: 276, holdout: 68))
        for trial in outcome.trials {
            let measured = try #require(trial.privacy)
            let share = try #require(measured.dcrShare)
            #expect(share >= 0 && share <= 1)
            #expect(measured.holdoutCopyRate >= 0)
        }
        let off = JointModelChoice.choose(for: plan, table: table, candidates: ["cart", nil], privacy: .off)
        #expect(off.privacySplit == nil && off.trials.allSatisfy { $0.privacy == nil })
        #expect(off.plan.privacy == .off)
    }
}
