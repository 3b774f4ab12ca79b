import Foundation
@testable import Synthesis
import Tabular
import Testing

@Suite("mst: differentially private synthesis from noisy marginals")
struct MSTTests {
    /// dp_people with one mst group over every column.
    static func fitted(epsilon: Double = 1, seed: UInt64 = 3) throws -> (FittedPlan, Table) {
        let table = try Datasets.table("dp_people")
        var plan = DefaultPlanner.plan(for: table, kinds: JointPlans.kinds(table), seed: seed)
        plan.joint = [JointPlan(name: "private", model: "mst", columns: plan.columns.map(\.name), parameters: Parameters(["epsilon": .number(epsilon)]))]
        return (try FittedPlan.fit(plan, on: table), table)
    }

    static func model(_ plan: FittedPlan) -> MSTModel { plan.joints[0].model as! MSTModel }

    @Test("whole-number cells may be as wide as a noisy range makes them, up to 2^52")
    func wideWholeCells() throws {
        // CI met a noisy range whose whole cells were 2e9 wide: a valid model, once refused.
        let wide = MSTBins(lower: -1e12, width: 2e9, cells: 1000, zero: true, bounds: [0, 1001], weights: [Double](repeating: 1, count: 1001),
                           whole: true, resolution: nil)
        try wide.validate()
        var tooWide = wide
        tooWide.width = 1e16
        #expect(throws: ModelValidationError.self) { try tooWide.validate() }
    }

    @Test("ρ from (ε, δ) converts back to ε, and the three parts of ρ add up to ρ")
    func budgetSplit() {
        for (epsilon, delta) in [(0.3, 1e-9), (1.0, 1e-9), (3.0, 1e-6), (10.0, 1e-12)] {
            let budget = ZCDPBudget(epsilon: epsilon, delta: delta)
            #expect(budget.oneWayRho + budget.selectionRho + budget.twoWayRho == budget.rho)
            #expect(abs(budget.oneWayRho - budget.rho / 3) < 1e-15)
            #expect(abs(ZCDPBudget.epsilon(rho: budget.rho, delta: delta - budget.thresholdDelta) - epsilon) < 1e-9 * epsilon)
            #expect(budget.thresholdDelta + (delta - budget.thresholdDelta) == delta)
        }
        // ε = 1 at δ = 5e-10: ρ = (√(ln 2e9 + 1) − √(ln 2e9))² ≈ 0.011417.
        #expect(abs(ZCDPBudget.rho(epsilon: 1, delta: 5e-10) - 0.011_417) < 1e-5)
    }

    @Test("each mechanism's noise scale matches its formula, and the fitted model records them")
    func noiseScales() throws {
        // Gaussian: ρ = Δ²/(2σ²).
        #expect(abs(ZCDPBudget.gaussianSigma(rho: 0.5) - 1) < 1e-12)
        #expect(abs(ZCDPBudget.gaussianSigma(rho: 0.02, sensitivity: 2) - 2 / 0.2) < 1e-12)
        // Exponential mechanism: ε²/8-zCDP.
        #expect(abs(ZCDPBudget.exponentialEpsilon(rho: 0.125) - 1) < 1e-12)
        // The noise drawn has that spread.
        var random = RandomStream(seed: 9)
        let noise = GaussianMechanism.measure([Double](repeating: 0, count: 20_000), sigma: 7, random: &random)
        let sd = (noise.map { $0 * $0 }.reduce(0, +) / Double(noise.count)).squareRoot()
        #expect(abs(sd - 7) < 0.15)
        // Threshold: 1 + σ·z(δ), z(0.025) = 1.96.
        #expect(abs(NormalQuantile.upper(0.025) - 1.959_964) < 1e-5)
        #expect(abs(GaussianMechanism.threshold(sigma: 10, delta: 0.025) - 20.599_64) < 1e-4)

        let (plan, _) = try Self.fitted()
        let budget = Self.model(plan).budget
        // dp_people: city and member by threshold (2 measurements each), age, income, visits by
        // a noisy range (2 each): 10 one-way measurements; 5 members, 4 tree edges.
        #expect(budget.oneWayMeasurements == 10)
        #expect(abs(budget.oneWaySigma - (10 / (2 * budget.oneWayRho)).squareRoot()) < 1e-9)
        #expect(budget.selections == 4)
        #expect(budget.twoWayMeasurements == 4)
        #expect(abs(budget.twoWaySigma - (4 / (2 * budget.twoWayRho)).squareRoot()) < 1e-9)
        #expect(budget.description.first?.contains("(ε = 1, δ = 1e-09)-DP") == true)
    }

    @Test("a level held by one row never passes the threshold; members keep nothing of their own fits")
    func levelsThroughTheThreshold() throws {
        for seed in 0..<5 {
            let (plan, _) = try Self.fitted(epsilon: 10, seed: UInt64(seed))
            let model = Self.model(plan)
            guard case .levels(let levels) = model.columns.first(where: { $0.name == "city" })!.domain else {
                Issue.record("city is not levels")
                return
            }
            #expect(Set(levels).isSubset(of: ["Northam", "Southby", "Eastwick", "Westfold"]), "\(levels)")
            for column in plan.columns {
                #expect(column.model is PrivateMemberModel)
                #expect(column.clipRange == nil && column.edgeNumbers.isEmpty && column.nullRate == nil)
            }
        }
    }

    @Test("samples keep a marginal and the row count, and the model round-trips")
    func samplesAndRoundTrip() throws {
        let (plan, table) = try Self.fitted(epsilon: 50)
        let sample = try plan.sample(rows: 2_000)
        #expect(sample.rowCount == 2_000)
        let ages = (0..<sample.rowCount).compactMap { sample.column(named: "age")!.values.numericValue(at: $0) }
        let mean = ages.reduce(0, +) / Double(ages.count)
        #expect(abs(mean - 45) < 4, "mean age \(mean)")
        #expect(abs(Double(Self.model(plan).noisyRows) - Double(table.rowCount)) < 30)
        let data = try ModelCoding.encode(plan.joints[0].model)
        let decoded = try ModelCoding.decodeJoint(strategy: "mst", from: data)
        try decoded.validate()
        #expect(try ModelCoding.encode(decoded) == data)
    }

    @Test("declared levels and bounds are used as given; bad ones name the parameter")
    func declaredDomain() throws {
        let table = try Datasets.table("dp_people")
        var plan = DefaultPlanner.plan(for: table, kinds: JointPlans.kinds(table), seed: 1)
        plan.joint = [JointPlan(name: "private", model: "mst", columns: ["city", "age"],
                                memberParameters: ["city": Parameters(["levels": .list([.text("Northam"), .text("Atlantis")])]),
                                                   "age": Parameters(["bounds": .list([.number(0), .number(100)])])])]
        let model = Self.model(try FittedPlan.fit(plan, on: table))
        #expect(model.columns[0].domain == .levels(["Northam", "Atlantis"]))
        guard case .bins(let bins) = model.columns[1].domain else { Issue.record("age is not binned"); return }
        #expect(bins.lower == 0 && bins.upper >= 100)
        plan.joint[0].memberParameters["age"] = Parameters(["bounds": .list([.number(5)])])
        #expect(throws: ParameterError.self) { try FittedPlan.fit(plan, on: table) }
    }

    @Test("the noisy range grows from the peak across small gaps, and a stray noisy cell far away does not widen it")
    func noisyRange() {
        var noisy = [Double](repeating: 0, count: MemberMeasurement.rangeGridCells)
        for cell in 90...95 { noisy[cell] = 1_000 }
        noisy[98] = 100 // past a gap of two cells: in
        noisy[20] = 100 // far away: out
        #expect(MemberMeasurement.rangeCells(noisy, sigma: 10) == (90, 98))
        noisy[98] = 40 // below 4.5σ
        #expect(MemberMeasurement.rangeCells(noisy, sigma: 10) == (90, 95))
    }

    @Test("a plan mixing a private group with columns that read the data is flagged")
    func mixedPlanFlagged() throws {
        let table = try Datasets.table("dp_people")
        var plan = DefaultPlanner.plan(for: table, kinds: JointPlans.kinds(table), seed: 1)
        plan.joint = [JointPlan(name: "private", model: "mst", columns: plan.columns.map(\.name))]
        #expect(!PlanPrivacy(plan).isMixed)
        #expect(PlanPrivacy(plan).privateGroups == ["private"])
        plan.joint[0].columns.removeAll { $0 == "income" }
        plan.columns[plan.columns.firstIndex { $0.name == "income" }!].strategy = "keep"
        let privacy = PlanPrivacy(plan)
        #expect(privacy.isMixed)
        #expect(privacy.exposed.map(\.column) == ["income"])
        #expect(privacy.lines.joined().contains("income: keep reads the real column without noise"))
        // Without a private group there is nothing to flag.
        plan.joint = []
        #expect(!PlanPrivacy(plan).isMixed)
    }
}
