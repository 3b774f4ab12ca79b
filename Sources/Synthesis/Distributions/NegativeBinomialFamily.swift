import RealModule

/// The negative binomial on 0, 1, 2, … as scipy's `nbinom(n, p)`: P(k) = C(k + n − 1, k) pⁿ (1 − p)ᵏ,
/// mean n(1 − p)/p. P(X ≤ k) = I_p(n, k + 1).
///
/// Fitted by maximum likelihood. Given n, the MLE of p is n/(n + mean); n solves
/// Σᵢ ψ(xᵢ + n) − N ψ(n) + N log(n/(n + mean)) = 0, which has one root when the variance exceeds the
/// mean (the only case the family applies to) and is found by Newton's method inside a bracket.
/// The sum needs every value, so it runs over the distinct values of the deterministic
/// subsample with their counts (all values when there are at most 20,000).
public struct NegativeBinomialDistribution: FamilyDistribution, Sendable {
    /// n: the number of successes (need not be whole).
    public var size: Double
    /// p: the success probability.
    public var probability: Double

    public init(size: Double, probability: Double) {
        self.size = size
        self.probability = probability
    }

    static func fit(_ sample: FitSample) throws -> Self {
        guard sample.variance > sample.mean else {
            throw FamilyFitError(message: "negbinom needs the variance (\(FamilyText.number(sample.variance))) above the mean (\(FamilyText.number(sample.mean))); use poisson")
        }
        let counts = Dictionary(sample.subsample.map { ($0, 1) }, uniquingKeysWith: +)
        let values = counts.keys.sorted()
        let weights = values.map { Double(counts[$0]!) }
        let total = weights.reduce(0, +)
        let mean = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        let variance = zip(values, weights).reduce(0) { $0 + $1.1 * ($1.0 - mean) * ($1.0 - mean) } / total
        guard variance > mean else {
            throw FamilyFitError(message: "negbinom needs the variance above the mean; use poisson")
        }

        func score(_ n: Double) -> (value: Double, slope: Double) {
            var value = total * (Double.log(n / (n + mean)) - Polygamma.digamma(n))
            var slope = total * (mean / (n * (n + mean)) - Polygamma.trigamma(n))
            for (x, w) in zip(values, weights) {
                value += w * Polygamma.digamma(x + n)
                slope += w * Polygamma.trigamma(x + n)
            }
            return (value, slope)
        }

        // The score is positive below the root and negative above; bracket it from the moment
        // estimate n = mean² / (variance − mean).
        var low = mean * mean / (variance - mean)
        var high = low
        while score(low).value < 0 && low > 1e-12 { low /= 2 }
        while score(high).value > 0 && high < 1e12 { high *= 2 }
        var n = 0.5 * (low + high)
        for _ in 0..<200 {
            let (value, slope) = score(n)
            if value == 0 { break }
            if value > 0 { low = n } else { high = n }
            var next = n - value / slope
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - n) <= 1e-14 * n { n = next; break }
            n = next
        }
        return Self(size: n, probability: n / (n + sample.mean))
    }

    private var mean: Double { size * (1 - probability) / probability }

    public func cdf(_ x: Double) -> Double {
        guard x >= 0 else { return 0 }
        return IncompleteBeta.regularized(size, x.rounded(.down) + 1, probability)
    }

    public func quantile(_ p: Double) -> Double {
        let sd = (size * (1 - probability)).squareRoot() / probability
        return DiscreteQuantile.search(p, guess: mean + sd * StandardNormal.quantile(p), cdf: cdf)
    }

    /// A gamma–Poisson mixture: λ ~ Gamma(n, (1 − p)/p), then Poisson(λ).
    func sample(_ random: inout RandomStream) -> Double {
        let lambda = GammaDistribution.standardGamma(size, &random) * (1 - probability) / probability
        return PoissonDistribution.draw(lambda, &random)
    }

    var parameterSummary: String { "n \(FamilyText.number(size)), p \(FamilyText.number(probability))" }
}
