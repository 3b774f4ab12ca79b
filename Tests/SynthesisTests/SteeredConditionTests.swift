import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Conditions on values too rare for rejection (1 row in 10,000) are met by steering the model:
/// every joint model and a lone column return the rows, and the rows keep the relations the real
/// rows with that value have.
@Suite struct SteeredConditionTests {
    /// 50,000 rows. `kind`: A 25,000, B 15,000, C 9,995, X 5 (1 in 10,000). `code` follows kind
    /// (a, b, c; X always pairs with Y). `value` follows kind too: A 0–29, B 30–59, C 60–89,
    /// X 1000–1004. `lone` is independent of them, with its own rare level Q (5 rows).
    static let fixture: Table = {
        var lines = ["code,value,lone,kind"]
        var x = 0
        for row in 0..<50_000 {
            let kind: String
            let value: Int
            if row % 10_000 == 9_999 {
                kind = "X"; value = 1_000 + x; x += 1
            } else {
                kind = row % 10 < 5 ? "A" : row % 10 < 8 ? "B" : "C"
                value = (kind == "A" ? 0 : kind == "B" ? 30 : 60) + row % 30
            }
            let code = kind == "X" ? "Y" : kind.lowercased()
            let lone = row % 10_000 == 1_234 ? "Q" : row % 3 == 0 ? "P" : "R"
            lines.append("\(code),\(value),\(lone),\(kind)")
        }
        return try! CSVReader.read(.bytes(Array((lines.joined(separator: "\n") + "\n").utf8), name: "rare.csv")).table
    }()

    /// The default plan with `code`, `value` and `kind` in one joint group (kind last, so a
    /// sequential model would visit it last unless the condition moves it).
    static func plan(model: String?, where equals: [String: String]) -> Plan {
        var plan = DefaultPlanner.plan(for: fixture, kinds: JointPlans.kinds(fixture), seed: 31)
        // X has 5 rows: a tree needs leaves that small to learn what goes with it (flights' HA,
        // 342 rows, needs no such help).
        let parameters: Parameters = model == "cart" ? Parameters(["minbucket": 5]) : Parameters()
        if let model { plan.joint = [JointPlan(model: model, columns: ["code", "value", "kind"], parameters: parameters)] }
        plan.conditions = SamplingConditions(equals: equals)
        return plan
    }

    static func share(_ table: Table, _ column: String, _ meets: (String?) -> Bool) -> Double {
        let texts = JointPlans.texts(table, column)
        return Double(texts.count { meets($0) }) / Double(texts.count)
    }

    @Test(arguments: ["cart", "gaussian_copula", "bayesian_network"])
    func aOneInTenThousandLevelComesBackWithItsPartners(model: String) throws {
        let fitted = try FittedPlan.fit(Self.plan(model: model, where: ["kind": "X"]), on: Self.fixture)
        #expect(fitted.steeringNotes.isEmpty)
        let rows = try fitted.sample(rows: 2_000)
        #expect(rows.rowCount == 2_000)
        #expect(Self.share(rows, "kind") { $0 == "X" } == 1)
        switch model {
        case "gaussian_copula":
            // The copula keeps correlations of normal scores, not pairings of 5 rows: X (the top
            // of kind's scores) comes with the top of code's and value's.
            #expect(Self.share(rows, "code") { $0 == "c" || $0 == "Y" } >= 0.95)
            #expect(Self.share(rows, "value") { Double($0 ?? "") ?? 0 >= 60 } >= 0.95)
        default:
            // X always pairs with Y (and, for the tree, with values from 1000): the rows keep it.
            #expect(Self.share(rows, "code") { $0 == "Y" } >= 0.95, "\(model)")
            // X's five values (1000–1004) are the column's five largest: extreme-value
            // protection (extreme_k 5) keeps them at or under 1000, reflected, never near C's 60–89.
            if model == "cart" { #expect(Self.share(rows, "value") { (990...1_000).contains(Double($0 ?? "") ?? 0) } >= 0.95) }
        }
        // The same seed gives the same bytes.
        let again = try FittedPlan.fit(Self.plan(model: model, where: ["kind": "X"]), on: Self.fixture).sample(rows: 2_000)
        #expect(JointPlans.texts(again, "value") == JointPlans.texts(rows, "value"))
        // Rows depend on the seed and their index only: a slice is those rows of the whole.
        let slice = try fitted.sample(range: 1_500..<2_000, totalRows: 2_000)
        #expect(JointPlans.texts(slice, "code") == Array(JointPlans.texts(rows, "code")[1_500..<2_000]))
    }

    @Test func aCARTGroupVisitsTheConditionedColumnFirst() throws {
        let fitted = try FittedPlan.fit(Self.plan(model: "cart", where: ["kind": "X"]), on: Self.fixture)
        #expect(fitted.joints[0].model.columnNames == ["kind", "code", "value"])
        let plain = try FittedPlan.fit(Self.plan(model: "cart", where: [:]), on: Self.fixture)
        #expect(plain.joints[0].model.columnNames == ["code", "value", "kind"])
    }

    @Test func aColumnOutsideAnyGroupDrawsItsOwnStrategyRestricted() throws {
        let fitted = try FittedPlan.fit(Self.plan(model: "cart", where: ["lone": "Q"]), on: Self.fixture)
        let rows = try fitted.sample(rows: 2_000)
        #expect(Self.share(rows, "lone") { $0 == "Q" } == 1)
        // lone is independent of the group: the group's columns keep their own proportions.
        #expect(abs(Self.share(rows, "kind") { $0 == "A" } - 0.5) < 0.05)
        let alone = try FittedPlan.fit(Self.plan(model: nil, where: ["kind": "X"]), on: Self.fixture).sample(rows: 2_000)
        #expect(Self.share(alone, "kind") { $0 == "X" } == 1)
    }

    @Test func aRareRangeSteersTheTrees() throws {
        // value ≥ 1000 holds for 5 real rows: the first member draws among them, the rest follow.
        let rows = try FittedPlan.fit(Self.plan(model: "cart", where: ["value": ">=1000"]), on: Self.fixture).sample(rows: 2_000)
        #expect(Self.share(rows, "value") { Double($0 ?? "") ?? 0 >= 1_000 } == 1)
        #expect(Self.share(rows, "kind") { $0 == "X" } >= 0.95)
        #expect(Self.share(rows, "code") { $0 == "Y" } >= 0.95)
    }

    @Test(arguments: ["cart", "gaussian_copula"])
    func aRangeConditionSteersTheGroup(model: String) throws {
        // A common range: the rows follow the real rows inside it.
        let middle = try FittedPlan.fit(Self.plan(model: model, where: ["value": "<30"]), on: Self.fixture).sample(rows: 2_000)
        #expect(Self.share(middle, "value") { Double($0 ?? "") ?? 99 < 30 } == 1)
        // A is half the rows unconditioned; the copula keeps the correlation of normal scores
        // (about 0.9 here, ties spread at random), the trees keep the exact relation.
        #expect(Self.share(middle, "kind") { $0 == "A" } >= (model == "cart" ? 0.95 : 0.7), "\(model)")
    }

    @Test func aRangeOnABinnedNetworkMemberStaysInTheRange() throws {
        let rows = try FittedPlan.fit(Self.plan(model: "bayesian_network", where: ["value": "<30"]), on: Self.fixture).sample(rows: 2_000)
        #expect(Self.share(rows, "value") { Double($0 ?? "") ?? 99 < 30 } == 1)
        #expect(Self.share(rows, "kind") { $0 == "A" } >= 0.9)
    }

    @Test func aCARTFittedWithoutTheConditionFallsBackToRejectionAndSaysSo() throws {
        // As with embedded models and no source: the fitted model cannot be refitted.
        let fitted = try FittedPlan.fit(Self.plan(model: "cart", where: [:]), on: Self.fixture)
        let conditioned = try fitted.applying(SamplingConditions(equals: ["kind": "B"]), source: nil)
        #expect(conditioned.steeringNotes.count == 1)
        let note = try #require(conditioned.steeringNotes.first)
        #expect(note.contains("kind = B"))
        #expect(note.contains("rejection"))
        #expect(note.contains("cart"))
        // A common value is still met (bounded rejection).
        #expect(Self.share(try conditioned.sample(rows: 500), "kind") { $0 == "B" } == 1)
        // The first member needs no refit.
        #expect(try fitted.applying(SamplingConditions(equals: ["code": "b"]), source: nil).steeringNotes.isEmpty)
        let rare = try fitted.applying(SamplingConditions(equals: ["kind": "X"]), source: nil)
        #expect(throws: PlanError.self) { try rare.sample(rows: 500) }
    }

    @Test func theNetworksLikelihoodWeightingAgreesWithItsExactPosterior() throws {
        // kind = B clamped: code's share of b, exact (enumerated) and by likelihood weighting.
        let fitted = try FittedPlan.fit(Self.plan(model: "bayesian_network", where: [:]), on: Self.fixture)
        let model = try #require(fitted.joints[0].model as? BayesianNetworkModel)
        let target = try #require(SteeringTarget(.init(column: "kind", comparison: .equal, value: "B"), shape: .text))
        let code = try #require(model.columnNames.firstIndex(of: "code"))
        guard case .levels(let levels) = model.columns[code].values, let b = levels.firstIndex(of: "b") else {
            Issue.record("code has no level b"); return
        }
        func share(limit: Int) throws -> Double {
            let evidence = try #require(NetworkEvidence(columns: model.columns, samplers: model.samplers, steering: ["kind": target], exactLimit: limit))
            #expect((evidence.cumulative != nil) == (limit > 1))
            var random = RandomStream(seed: 3)
            let rows = 4_000
            let states = model.sampleStates(rows: rows, evidence: evidence, random: &random)
            return Double(states[code * rows..<(code + 1) * rows].count { $0 == Int32(b) }) / Double(rows)
        }
        let exact = try share(limit: NetworkEvidence.exactConfigurations)
        let weighted = try share(limit: 1)
        #expect(exact > 0.95)
        #expect(abs(exact - weighted) < 0.03)
    }

    @Test func aLevelANetworkMergedAwayIsLeftToRejectionAndSaysSo() throws {
        var plan = Self.plan(model: "bayesian_network", where: ["kind": "X"])
        plan.joint[0].parameters = Parameters(["max_levels": 3]) // A, B and Other: X is merged
        let fitted = try FittedPlan.fit(plan, on: Self.fixture)
        #expect(fitted.steeringNotes.count == 1)
        #expect(fitted.steeringNotes.first?.contains("where kind = X: met by rejection only") == true)
        #expect(fitted.steeringNotes.first?.contains("merged into Other") == true)
    }

    @Test func theMinRowsRefusalStays() throws {
        var plan = Self.plan(model: "cart", where: ["kind": "X"])
        plan.conditions?.minRows = 6
        #expect(throws: PlanError.self) { try FittedPlan.fit(plan, on: Self.fixture) }
    }
}
