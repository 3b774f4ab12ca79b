import RealModule

/// Poisson(λ) on 0, 1, 2, …, fitted by maximum likelihood: λ = the mean. P(X ≤ k) = Q(k + 1, λ).
public struct PoissonDistribution: FamilyDistribution, Sendable {
    public var lambda: Double

    public init(lambda: Double) { self.lambda = lambda }

    static func fit(_ sample: FitSample) throws -> Self {
        guard sample.mean > 0 else { throw FamilyFitError(message: "poisson needs a positive mean") }
        return Self(lambda: sample.mean)
    }

    public func cdf(_ x: Double) -> Double {
        guard x >= 0 else { return 0 }
        return IncompleteGamma.q(x.rounded(.down) + 1, lambda)
    }

    public func quantile(_ p: Double) -> Double {
        DiscreteQuantile.search(p, guess: lambda + lambda.squareRoot() * StandardNormal.quantile(p), cdf: cdf)
    }

    func sample(_ random: inout RandomStream) -> Double { Self.draw(lambda, &random) }

    /// A Poisson(λ) draw: sequential inversion below λ = 10 (a handful of uniforms), and above
    /// it Hörmann's PTRS transformed rejection (1993), which costs about one pair of uniforms
    /// whatever λ and stays exact where a normal approximation would not.
    static func draw(_ lambda: Double, _ random: inout RandomStream) -> Double {
        if lambda <= 0 { return 0 }
        if lambda < 10 {
            let u = random.nextUnit()
            var k = 0.0
            var probability = Double.exp(-lambda)
            var cumulative = probability
            while u > cumulative && k < 1000 {
                k += 1
                probability *= lambda / k
                cumulative += probability
            }
            return k
        }
        let root = lambda.squareRoot()
        let logLambda = Double.log(lambda)
        let b = 0.931 + 2.53 * root
        let a = -0.059 + 0.02483 * b
        let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = random.nextOpenUnit() - 0.5
            let v = random.nextOpenUnit()
            let us = 0.5 - abs(u)
            let k = ((2 * a / us + b) * u + lambda + 0.43).rounded(.down)
            if us >= 0.07 && v <= vr { return k }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if Double.log(v) + Double.log(inverseAlpha) - Double.log(a / (us * us) + b)
                <= -lambda + k * logLambda - Double.logGamma(k + 1) {
                return k
            }
        }
    }

    var parameterSummary: String { "λ \(FamilyText.number(lambda))" }
}
