import Foundation
import Testing
@testable import Session
import Synthesis
import Tabular

@Suite("the joint-model search on wide tables: groups of related columns, within a budget")
struct BoundedJointSearchTests {
    /// 200 columns × 500 rows: 8 blocks of 10 related columns (a shared latent value plus noise;
    /// every fifth column of a block a category cut from it), then 120 independent columns.
    static let blocks = 8
    static let blockSize = 10

    static func wideTable() -> (table: Table, kinds: [ColumnKind]) {
        var random = SplitMix(seed: 12)
        let rows = 500
        var columns: [Column] = []
        var kinds: [ColumnKind] = []
        func noisy(_ latent: [Double], noise: Double) -> [Double] { latent.map { $0 + noise * random.normal() } }
        for block in 0..<blocks {
            let latent = (0..<rows).map { _ in random.normal() }
            for member in 0..<blockSize {
                let name = "b\(block)_\(member)"
                let values = noisy(latent, noise: 0.4)
                if member % 5 == 4 {
                    let codes = values.map { UInt32($0 < -0.5 ? 0 : $0 < 0.5 ? 1 : 2) }
                    columns.append(Column(name: name, values: .strings(codes: codes, levels: ["low", "mid", "high"])))
                    kinds.append(.categorical)
                } else {
                    columns.append(Column(name: name, values: .decimals(values, DecimalStyle(maxFractionDigits: 6))))
                    kinds.append(.decimal)
                }
            }
        }
        for index in 0..<(200 - blocks * blockSize) {
            let values = (0..<rows).map { _ in random.normal() }
            columns.append(Column(name: "free\(index)", values: .decimals(values, DecimalStyle(maxFractionDigits: 6))))
            kinds.append(.decimal)
        }
        return (Table(columns: columns), kinds)
    }

    static func block(of name: String) -> Int? {
        guard name.hasPrefix("b"), let underscore = name.firstIndex(of: "_") else { return nil }
        return Int(name[name.index(after: name.startIndex)..<underscore])
    }

    @Test("relatedness groups each block's columns together and leaves independent columns out")
    func grouping() {
        let (table, _) = Self.wideTable()
        let grouping = ColumnGrouping(table.columns)
        #expect(grouping.pairsScored == 200 * 199 / 2)
        #expect(grouping.groups.count == Self.blocks)
        var seen = Set<Int>()
        for group in grouping.groups {
            let blocks = Set(group.members.map { Self.block(of: table[$0].name) })
            #expect(blocks.count == 1 && blocks.first! != nil, "group mixes blocks or free columns: \(group.members)")
            #expect(group.members.count == Self.blockSize)
            for member in group.members { #expect(seen.insert(member).inserted, "column \(member) in two groups") }
        }
    }

    @Test("with fewer pairs allowed than the table has, the pair budget holds and groups stay within blocks")
    func pairBudget() {
        let (table, _) = Self.wideTable()
        var settings = ColumnGrouping.Settings()
        settings.pairBudget = 4_000
        settings.maxGroupSize = 6
        let grouping = ColumnGrouping(table.columns, settings: settings)
        #expect(grouping.pairsScored <= 4_000)
        #expect(!grouping.groups.isEmpty)
        var seen = Set<Int>()
        for group in grouping.groups {
            #expect(group.members.count <= 6)
            #expect(Set(group.members.map { Self.block(of: table[$0].name) }).count == 1)
            for member in group.members { #expect(seen.insert(member).inserted) }
        }
    }

    @Test("the default plan of a wide table: joint groups within blocks, disjoint, as many as the work budget allows")
    func plan() throws {
        let (table, kinds) = Self.wideTable()
        var budget = JointModelChoice.SearchBudget()
        let candidates = JointModelChoice.allCandidates
        let groupCost = candidates.count * JointModelChoice.SearchBudget.cost(rows: 500, columns: Self.blockSize)
        budget.workUnits = 3 * groupCost + groupCost / 2
        let plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 5)
        let outcome = JointModelChoice.choose(for: plan, table: table, candidates: candidates, budget: budget)
        let search = try #require(outcome.search)

        #expect(search.modellableColumns == 200)
        #expect(search.groupsFound == Self.blocks)
        #expect(search.groupsTried == 3)
        #expect(search.candidateFits == 3 * candidates.count)
        #expect(search.workUnits == 3 * groupCost && search.workUnits <= budget.workUnits)
        #expect(outcome.trials.map(\.model) == candidates)

        // Related columns are modelled together (a joint model beats marginals on such blocks).
        #expect(outcome.plan.joint.count == 3)
        #expect(outcome.plan.joint.map(\.name) == ["joint_1", "joint_2", "joint_3"])
        var grouped = Set<String>()
        for group in outcome.plan.joint {
            #expect(group.columns.count == Self.blockSize)
            #expect(Set(group.columns.map(Self.block(of:))).count == 1)
            for name in group.columns { #expect(grouped.insert(name).inserted, "\(name) in two groups") }
        }
        // Members take the empirical marginal; the rest keep the default planner's strategies.
        for column in outcome.plan.columns {
            if grouped.contains(column.name) {
                #expect(column.kind == .categorical || column.strategy == "empirical")
            } else {
                #expect(column == plan.column(named: column.name))
            }
        }
        #expect(search.summary.count == 3)
        // The plan fits and samples as a whole.
        let fitted = try FittedPlan.fit(outcome.plan, on: table)
        #expect(try fitted.sample(rows: 50).rowCount == 50)
    }

    @Test("narrow tables are searched as before: one group over every modelled column")
    func narrow() throws {
        let (table, kinds) = Self.wideTable()
        let narrowTable = Table(columns: Array(table.columns.prefix(20)))
        let plan = DefaultPlanner.plan(for: narrowTable, kinds: Array(kinds.prefix(20)), seed: 5)
        let outcome = JointModelChoice.choose(for: plan, table: narrowTable, candidates: ["gaussian_copula"])
        #expect(outcome.search == nil)
        #expect(outcome.plan.joint.map(\.columns) == [narrowTable.columnNames])
        #expect(outcome.plan.joint.first?.name == "joint")
    }
}

/// Deterministic test data (SplitMix64, Box–Muller normals).
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) / Double(1 << 53) }

    mutating func normal() -> Double {
        let u = uniform()
        let v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }
}
