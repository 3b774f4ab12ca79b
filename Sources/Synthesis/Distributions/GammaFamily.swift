import RealModule

/// X + shift ~ Gamma(shape k, scale θ), fitted by maximum likelihood. The scale has a closed
/// form given the shape (θ = mean / k); the shape solves log k − ψ(k) = log(mean) − mean(log),
/// by Newton's method from Minka's closed-form start (it converges in three or four steps).
public struct GammaDistribution: FamilyDistribution, Sendable {
    public var shape: Double
    public var scale: Double
    public var shift: Double

    public init(shape: Double, scale: Double, shift: Double = 0) {
        self.shape = shape
        self.scale = scale
        self.shift = shift
    }

    static func fit(_ sample: FitSample) throws -> Self {
        let mean = sample.mean + sample.positiveShift
        let s = Double.log(mean) - sample.logMoments.mean
        guard s > 0, s.isFinite else { throw FamilyFitError(message: "gamma needs values that are not all equal") }
        let shape = maximumLikelihoodShape(s)
        return Self(shape: shape, scale: mean / shape, shift: sample.positiveShift)
    }

    /// The k with log k − ψ(k) = s (s > 0); the left side falls from +∞ to 0, so the root is unique.
    static func maximumLikelihoodShape(_ s: Double) -> Double {
        var k = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
        for _ in 0..<100 {
            let f = Double.log(k) - Polygamma.digamma(k) - s
            let slope = 1 / k - Polygamma.trigamma(k)
            var next = k - f / slope
            if !(next > 0) || !next.isFinite { next = k / 2 }
            if abs(next - k) <= 1e-15 * k { return next }
            k = next
        }
        return k
    }

    public func cdf(_ x: Double) -> Double {
        let y = x + shift
        return y > 0 ? IncompleteGamma.p(shape, y / scale) : 0
    }

    public func quantile(_ p: Double) -> Double { scale * IncompleteGamma.inverseP(shape, p) - shift }
    func sample(_ random: inout RandomStream) -> Double { scale * Self.standardGamma(shape, &random) - shift }

    /// A Gamma(k, 1) draw: Marsaglia & Tsang's squeeze for k ≥ 1; below 1, a Gamma(k + 1) draw
    /// times U^(1/k).
    static func standardGamma(_ k: Double, _ random: inout RandomStream) -> Double {
        if k < 1 {
            let boosted = standardGamma(k + 1, &random)
            return boosted * Double.exp(Double.log(random.nextOpenUnit()) / k)
        }
        let d = k - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double
            var v: Double
            repeat {
                x = random.nextNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = random.nextOpenUnit()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v }
            if Double.log(u) < 0.5 * x2 + d * (1 - v + Double.log(v)) { return d * v }
        }
    }

    var parameterSummary: String {
        "shape \(FamilyText.number(shape)), scale \(FamilyText.number(scale))" + (shift != 0 ? ", shift \(FamilyText.number(shift))" : "")
    }
}
