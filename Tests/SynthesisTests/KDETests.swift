import Foundation
import Testing
@testable import Synthesis
import Tabular

/// The `kde` strategy: bandwidths and distribution function against scipy's gaussian_kde
/// (values printed by Reference/scipy_reference.py), sampling, subsampling, parameters.
@Suite("kde strategy")
struct KDETests {
    private func fit(_ table: Table, _ column: String, kind: ColumnKind, bandwidth: ParameterValue? = nil) throws -> FittedPlan {
        var parameters = Parameters()
        if let bandwidth { parameters["bandwidth"] = bandwidth }
        let plan = Plan(seed: 9, columns: [ColumnPlan(name: column, kind: kind, strategy: "kde", parameters: parameters)])
        return try FittedPlan.fit(plan, on: table)
    }

    private func model(_ plan: FittedPlan) throws -> KDEStrategy.Model {
        try #require(plan.columns[0].model as? KDEStrategy.Model)
    }

    private var referenceTable: Table {
        get throws { try Datasets.inline("v\n" + ReferenceSamples.normal.map { String($0) }.joined(separator: "\n") + "\n") }
    }

    @Test("scott and silverman bandwidths are scipy's: factor × sample sd (n − 1)")
    func bandwidthsMatchScipy() throws {
        let scott = try model(fit(referenceTable, "v", kind: .decimal))
        #expect(matchesReference(scott.bandwidth, 1.3033410269648698, relative: 1e-12))
        let silverman = try model(fit(referenceTable, "v", kind: .decimal, bandwidth: "silverman"))
        #expect(matchesReference(silverman.bandwidth, 1.380529888778233, relative: 1e-12))
        let fixed = try model(fit(referenceTable, "v", kind: .decimal, bandwidth: 0.25))
        #expect(fixed.bandwidth == 0.25)
    }

    @Test("the cdf is scipy's integrate_box_1d(−∞, x), and quantile inverts it")
    func cdfMatchesScipy() throws {
        let kde = try model(fit(referenceTable, "v", kind: .decimal))
        let reference: [(Double, Double)] = [(6.0, 0.09352071257335151), (9.5, 0.5003407507591989), (10.0, 0.5686499661461372), (13.0, 0.8732777596344614)]
        for (x, expected) in reference { #expect(matchesReference(kde.cdf(x), expected, relative: 1e-12), "cdf(\(x))") }
        for p in [1e-6, 0.01, 0.25, 0.5, 0.9, 0.999999] {
            let x = kde.quantile(p)
            #expect(abs(kde.cdf(x) - p) <= 1e-12, "quantile(\(p)) = \(x)")
        }
        #expect(kde.cdf(-100) == 0 && kde.cdf(100) == 1)
    }

    @Test("draws follow the estimate: KS against its cdf, and variance = data variance + bandwidth²")
    func sampling() throws {
        let fitted = try fit(try Datasets.table("penguins"), "bill_length_mm", kind: .decimal)
        let kde = try model(fitted)
        var random = RandomStream(seed: 4)
        let draws = try kde.generate(GenerationRequest(rows: 0..<20_000, totalRows: 20_000, generated: [:]), random: &random)
        guard case .numbers(let values) = draws.values else {
            Issue.record("kde made \(draws.values)")
            return
        }
        let ks = EmpiricalSteps(values, resolution: 0).statistic { kde.cdf($0) }
        #expect(ks < 1.95 / 20_000.0.squareRoot(), "KS \(ks)") // the 0.1% critical value
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
        let pointMean = kde.points.reduce(0, +) / Double(kde.points.count)
        let pointVariance = kde.points.reduce(0) { $0 + ($1 - pointMean) * ($1 - pointMean) } / Double(kde.points.count)
        #expect(abs(mean - pointMean) < 0.1) // standard error 0.04
        #expect(abs(variance / (pointVariance + kde.bandwidth * kde.bandwidth) - 1) < 0.03) // standard error ~1%
    }

    @Test("large columns keep 10,000 real values, the same ones on every fit")
    func subsample() throws {
        let diamonds = try Datasets.table("diamonds")
        let first = try model(fit(diamonds, "price", kind: .integer))
        let second = try model(fit(diamonds, "price", kind: .integer))
        #expect(first.points.count == KDEStrategy.maximumPoints)
        #expect(first.points == second.points)
        #expect(first.points == first.points.sorted())
        let real = Set(diamonds.column(named: "price")!.nonNullNumbers)
        #expect(first.points.allSatisfy(real.contains))
        // Scott's rule on the kept points, as gaussian_kde would compute it on them.
        #expect(first.bandwidth == KDEStrategy.ruleBandwidth("scott", points: first.points))
        #expect(try model(fit(try Datasets.table("penguins"), "body_mass_g", kind: .decimal)).points.count == 342)
    }

    @Test("integer columns stay whole numbers; datetimes keep the column's layout")
    func shapes() throws {
        let prices = try fit(try Datasets.table("diamonds"), "price", kind: .integer).sample(rows: 1000)
        guard case .integers = prices.columns[0].values else {
            Issue.record("price came back as \(prices.columns[0].values)")
            return
        }
        let dates = try fit(try Datasets.table("inline-dates"), "when", kind: .datetime).sample(rows: 1000)
        guard case .datetimes(let seconds, _) = dates.columns[0].values else {
            Issue.record("when came back as \(dates.columns[0].values)")
            return
        }
        #expect(seconds.allSatisfy { $0 == $0.rounded() }) // floored to whole seconds, as `datetime` does
        #expect(try model(fit(try Datasets.table("inline-dates"), "when", kind: .datetime)).resolution == 1)
    }

    @Test("bandwidth 0, negative, or an unknown rule is an error naming the column and the parameter")
    func badBandwidths() throws {
        for bad: ParameterValue in [0, -1, "wide"] {
            do {
                _ = try fit(referenceTable, "v", kind: .decimal, bandwidth: bad)
                Issue.record("bandwidth \(bad.displayText) was accepted")
            } catch let error as ParameterError {
                #expect(error.column == "v" && error.parameter == "bandwidth", "\(error)")
                #expect(error.allowed.contains("scott") && error.allowed.contains("silverman"))
            }
        }
    }

    @Test("a column with one repeated value degenerates to that value, not to NaN")
    func constantColumn() throws {
        let kde = try model(fit(try Datasets.inline("n\n4\n4\n4\n"), "n", kind: .integer))
        #expect(kde.bandwidth == 0)
        #expect(kde.cdf(3.9) == 0 && kde.cdf(4) == 1 && kde.quantile(0.5) == 4)
        var random = RandomStream(seed: 1)
        let output = try kde.generate(GenerationRequest(rows: 0..<10, totalRows: 10, generated: [:]), random: &random)
        guard case .numbers(let values) = output.values else { return }
        #expect(values == Array(repeating: 4, count: 10))
    }
}
