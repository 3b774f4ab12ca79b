import RealModule

/// log(X + shift) ~ Normal(μ, σ), fitted by maximum likelihood on the logs. The shift is 0 for
/// positive data and otherwise lifts the smallest value above zero (see `FitSample`).
public struct LogNormalDistribution: FamilyDistribution, Sendable {
    public var mu: Double
    public var sigma: Double
    public var shift: Double

    public init(mu: Double, sigma: Double, shift: Double = 0) {
        self.mu = mu
        self.sigma = sigma
        self.shift = shift
    }

    static func fit(_ sample: FitSample) throws -> Self {
        let logs = sample.logMoments
        guard logs.variance > 0 else { throw FamilyFitError(message: "lognormal needs values with different logarithms") }
        return Self(mu: logs.mean, sigma: logs.variance.squareRoot(), shift: sample.positiveShift)
    }

    public func cdf(_ x: Double) -> Double {
        let y = x + shift
        guard y > 0 else { return 0 }
        return StandardNormal.cdf((Double.log(y) - mu) / sigma)
    }

    public func quantile(_ p: Double) -> Double { Double.exp(mu + sigma * StandardNormal.quantile(p)) - shift }
    func sample(_ random: inout RandomStream) -> Double { Double.exp(mu + sigma * random.nextNormal()) - shift }

    var parameterSummary: String {
        "log-mean \(FamilyText.number(mu)), log-sd \(FamilyText.number(sigma))" + (shift != 0 ? ", shift \(FamilyText.number(shift))" : "")
    }
}
