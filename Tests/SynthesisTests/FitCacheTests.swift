import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Incremental fitting: a plan fitted through a `FitCache` refits only the units whose part of
/// the plan changed, and samples exactly what a fit from scratch samples.
@Suite("Fit cache")
struct FitCacheTests {
    static func csv(_ table: Table) -> [UInt8] { CSVWriter().bytes(table) }

    @Test("an edit refits only what it touched; undo refits nothing; the rows are a fresh fit's")
    func incremental() throws {
        var (plan, table) = try JointPlans.penguins(model: "cart")
        // year stays outside the group, so an edit to it leaves the group alone.
        plan.joint[0].columns.removeAll { $0 == "year" }
        var cache = FitCache()
        let first = try FittedPlan.fit(plan, on: table, cache: &cache)
        #expect(cache.lastFitted.count == plan.columns.count + 1)

        var edited = plan
        let year = try #require(edited.columns.firstIndex { $0.name == "year" })
        edited.columns[year].strategy = "uniform"
        let afterEdit = try FittedPlan.fit(edited, on: table, cache: &cache)
        #expect(cache.lastFitted == ["year"])
        #expect(Self.csv(try afterEdit.sample(rows: 500)) == Self.csv(try FittedPlan.fit(edited, on: table).sample(rows: 500)))

        // A member's edit refits that member and its group.
        var member = edited
        member.joint[0].memberParameters["body_mass_g"] = Parameters(["method": .text("norm")])
        _ = try FittedPlan.fit(member, on: table, cache: &cache)
        #expect(cache.lastFitted == ["joint group 'joint'"])

        // Undo: the earlier plan's units are all held.
        let undone = try FittedPlan.fit(plan, on: table, cache: &cache)
        #expect(cache.lastFitted.isEmpty)
        #expect(Self.csv(try undone.sample(rows: 500)) == Self.csv(try first.sample(rows: 500)))

        // A new seed keeps the columns, and cart's fit (it draws nothing at random).
        var reseeded = plan
        reseeded.seed = 99
        let kept = try FittedPlan.fit(reseeded, on: table, cache: &cache)
        #expect(cache.lastFitted.isEmpty)
        #expect(Self.csv(try kept.sample(rows: 300)) == Self.csv(try FittedPlan.fit(reseeded, on: table).sample(rows: 300)))
        // A model that draws while fitting is refitted.
        var copula = plan
        copula.joint[0].model = "gaussian_copula"
        _ = try FittedPlan.fit(copula, on: table, cache: &cache)
        copula.seed = 99
        _ = try FittedPlan.fit(copula, on: table, cache: &cache)
        #expect(cache.lastFitted == ["joint group 'joint'"])
    }

    @Test("the models the cache keeps across seeds fit the same under any seed", arguments: Array(FitCache.seedFreeModels))
    func seedFree(_ model: String) throws {
        let (plan, table) = try JointPlans.penguins(model: model)
        var other = plan
        other.seed = plan.seed &+ 12345
        let a = try FittedPlan.fit(plan, on: table).joints[0].model
        let b = try FittedPlan.fit(other, on: table).joints[0].model
        #expect(try ModelCoding.encode(a) == ModelCoding.encode(b))
    }

    @Test("a group fitted on a sample is approximate until the fit on all rows is cached")
    func approximate() throws {
        let (plan, table) = try JointPlans.penguins(model: "cart")
        var cache = FitCache()
        let quick = try FittedPlan.fit(plan, on: table, cache: &cache, jointSampleRows: 100)
        #expect(quick.approximate)
        #expect(cache.lastFitted.contains("joint group 'joint' on 100 rows"))
        let full = try FittedPlan.fit(plan, on: table, cache: &cache)
        #expect(!full.approximate)
        // Once the fit on all rows is held, a sampled fit is not needed.
        let again = try FittedPlan.fit(plan, on: table, cache: &cache, jointSampleRows: 100)
        #expect(!again.approximate && cache.lastFitted.isEmpty)
        #expect(Self.csv(try again.sample(rows: 300)) == Self.csv(try FittedPlan.fit(plan, on: table).sample(rows: 300)))
    }

    @Test("a private group (mst) is fitted once per edit, on all rows: a refresh, a new seed and a sampled preview reuse that noisy fit")
    func privateGroupFittedOnce() throws {
        let (plan, table) = try JointPlans.penguins(model: "mst")
        var cache = FitCache()
        // Asked for on a sample (as the workbench does on a large table): fitted on all rows at once.
        let first = try FittedPlan.fit(plan, on: table, cache: &cache, jointSampleRows: 100)
        #expect(!first.approximate)
        #expect(cache.lastFitted == ["joint group 'joint'"])
        let model = try ModelCoding.encode(first.joints[0].model)
        // A fit without the cache is another noisy model: the cache is what keeps the preview still.
        #expect(try ModelCoding.encode(FittedPlan.fit(plan, on: table).joints[0].model) != model)

        let again = try FittedPlan.fit(plan, on: table, cache: &cache, jointSampleRows: 100)
        #expect(cache.lastFitted.isEmpty)
        #expect(try ModelCoding.encode(again.joints[0].model) == model)
        #expect(Self.csv(try again.sample(rows: 300)) == Self.csv(try first.sample(rows: 300)))
        var reseeded = plan
        reseeded.seed = plan.seed &+ 1
        let kept = try FittedPlan.fit(reseeded, on: table, cache: &cache)
        #expect(cache.lastFitted.isEmpty)
        #expect(try ModelCoding.encode(kept.joints[0].model) == model)

        // An edit of the group's part of the plan fits it again, once.
        var edited = plan
        edited.joint[0].parameters = Parameters(["epsilon": .number(2)])
        _ = try FittedPlan.fit(edited, on: table, cache: &cache, jointSampleRows: 100)
        #expect(cache.lastFitted == ["joint group 'joint'"])
        _ = try FittedPlan.fit(edited, on: table, cache: &cache, jointSampleRows: 100)
        #expect(cache.lastFitted.isEmpty)
    }
}
