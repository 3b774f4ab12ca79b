/// Normal(μ, σ), fitted by maximum likelihood: the mean and the standard deviation over n.
public struct NormalDistribution: FamilyDistribution, Sendable {
    public var mean: Double
    public var standardDeviation: Double

    public init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }

    static func fit(_ sample: FitSample) throws -> Self {
        Self(mean: sample.mean, standardDeviation: sample.variance.squareRoot())
    }

    public func cdf(_ x: Double) -> Double { StandardNormal.cdf((x - mean) / standardDeviation) }
    public func quantile(_ p: Double) -> Double { mean + standardDeviation * StandardNormal.quantile(p) }
    func sample(_ random: inout RandomStream) -> Double { mean + standardDeviation * random.nextNormal() }

    var parameterSummary: String { "mean \(FamilyText.number(mean)), sd \(FamilyText.number(standardDeviation))" }
}
