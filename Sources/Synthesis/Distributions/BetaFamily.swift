/// Beta(α, β) on [lower, upper]: the data rescaled to a range a little wider than observed, then
/// fitted by the method of moments (the beta MLE has no closed form; the moment estimates are
/// consistent and need no iteration). The margin on each side is range/(n + 1), the expected gap
/// between a uniform sample's extreme and the true end, so that the observed extremes are not
/// put at the density's singular edges.
public struct BetaDistribution: FamilyDistribution, Sendable {
    public var alpha: Double
    public var beta: Double
    public var lower: Double
    public var upper: Double

    public init(alpha: Double, beta: Double, lower: Double, upper: Double) {
        self.alpha = alpha
        self.beta = beta
        self.lower = lower
        self.upper = upper
    }

    static func fit(_ sample: FitSample) throws -> Self {
        let margin = sample.range / Double(sample.count + 1)
        let lower = sample.minimum - margin
        let upper = sample.maximum + margin
        let width = upper - lower
        let mean = (sample.mean - lower) / width
        let variance = sample.variance / (width * width)
        // Values strictly inside (0, 1) have variance below mean·(1 − mean), so common > 0.
        let common = mean * (1 - mean) / variance - 1
        guard common > 0, common.isFinite else { throw FamilyFitError(message: "beta moments do not fit the range") }
        return Self(alpha: mean * common, beta: (1 - mean) * common, lower: lower, upper: upper)
    }

    public func cdf(_ x: Double) -> Double { IncompleteBeta.regularized(alpha, beta, (x - lower) / (upper - lower)) }
    public func quantile(_ p: Double) -> Double { lower + (upper - lower) * IncompleteBeta.inverse(alpha, beta, p) }

    /// X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β).
    func sample(_ random: inout RandomStream) -> Double {
        let x = GammaDistribution.standardGamma(alpha, &random)
        let y = GammaDistribution.standardGamma(beta, &random)
        let total = x + y
        return lower + (upper - lower) * (total > 0 ? x / total : 0.5)
    }

    var parameterSummary: String {
        "α \(FamilyText.number(alpha)), β \(FamilyText.number(beta)) on [\(FamilyText.number(lower)), \(FamilyText.number(upper))]"
    }
}
