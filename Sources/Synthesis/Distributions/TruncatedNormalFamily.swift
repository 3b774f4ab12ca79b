import RealModule

/// Normal(μ, σ) truncated to the observed [minimum, maximum], fitted by maximum likelihood
/// (`TruncatedNormalFit`). Its functions stay finite when the interval lies far out in one tail
/// of the normal (as fits of skewed data do): there every probability is taken relative to the
/// density at the near end, through the Mills ratio.
public struct TruncatedNormalDistribution: FamilyDistribution, Sendable {
    public var mu: Double
    public var sigma: Double
    public var lower: Double
    public var upper: Double

    public init(mu: Double, sigma: Double, lower: Double, upper: Double) {
        self.mu = mu
        self.sigma = sigma
        self.lower = lower
        self.upper = upper
    }

    static func fit(_ sample: FitSample) throws -> Self {
        let fitted = TruncatedNormalFit.fit(mean: sample.mean, variance: sample.variance, lower: sample.minimum, upper: sample.maximum)
        guard fitted.mu.isFinite, fitted.sigma > 0, fitted.sigma.isFinite else {
            throw FamilyFitError(message: "truncnorm: the likelihood could not be maximised")
        }
        return Self(mu: fitted.mu, sigma: fitted.sigma, lower: sample.minimum, upper: sample.maximum)
    }

    /// Beyond this many standard deviations both ends are in one tail, and plain differences of
    /// Φ would underflow.
    private static let farTail = 30.0

    private var standardBounds: (a: Double, b: Double) { ((lower - mu) / sigma, (upper - mu) / sigma) }

    public func cdf(_ x: Double) -> Double {
        if x <= lower { return 0 }
        if x >= upper { return 1 }
        let (a, b) = standardBounds
        let width = (upper - lower) / sigma
        let value: Double
        if a > Self.farTail {
            value = Self.farRightTail((x - lower) / sigma, a, width).cdf
        } else if b < -Self.farTail {
            // Mirrored: −X is truncated far in the right tail, and P(X ≤ x) = P(−X ≥ −x).
            value = Self.farRightTail((upper - x) / sigma, -b, width).survival
        } else {
            value = Self.standardCDF((x - mu) / sigma, a, b)
        }
        return min(1, max(0, value))
    }

    /// P(T ≤ t) for a standard normal truncated to [a, b], neither end far in a tail.
    static func standardCDF(_ t: Double, _ a: Double, _ b: Double) -> Double {
        if a > 0 {
            let qa = StandardNormal.survival(a)
            return (qa - StandardNormal.survival(t)) / (qa - StandardNormal.survival(b))
        }
        let pa = StandardNormal.cdf(a)
        return (StandardNormal.cdf(t) - pa) / (StandardNormal.cdf(b) - pa)
    }

    /// A standard normal truncated to [a, a + width] with a far in the right tail, at a + d:
    /// the cdf, the survival function and the density. Everything is relative to φ(a), with
    /// Q(s) = φ(s)·R(s) (R the Mills ratio) and φ(a + d)/φ(a) = exp(−d(2a + d)/2); working with the
    /// offset d from the near end, rather than with a + d, keeps its digits when a is huge.
    static func farRightTail(_ d: Double, _ a: Double, _ width: Double) -> (cdf: Double, survival: Double, density: Double) {
        let mills = StandardNormal.millsRatio
        let atX = Double.exp(-0.5 * d * (2 * a + d))
        let atUpper = Double.exp(-0.5 * width * (2 * a + width)) * mills(a + width)
        let total = mills(a) - atUpper
        return ((mills(a) - atX * mills(a + d)) / total, (atX * mills(a + d) - atUpper) / total, atX / total)
    }

    public func quantile(_ p: Double) -> Double {
        if p <= 0 { return lower }
        if p >= 1 { return upper }
        let (a, b) = standardBounds
        let width = (upper - lower) / sigma
        if a > Self.farTail {
            return min(upper, lower + sigma * Self.solveFarRightTail(p, a, width, upperTail: false))
        }
        if b < -Self.farTail {
            return max(lower, upper - sigma * Self.solveFarRightTail(p, -b, width, upperTail: true))
        }
        let t: Double
        if a > 0 {
            let qa = StandardNormal.survival(a)
            t = -StandardNormal.quantile(qa - p * (qa - StandardNormal.survival(b)))
        } else {
            let pa = StandardNormal.cdf(a)
            t = StandardNormal.quantile(pa + p * (StandardNormal.cdf(b) - pa))
        }
        return min(upper, max(lower, mu + sigma * t))
    }

    /// The offset d in [0, width] where the far-right-tail cdf (or, for `upperTail`, the survival
    /// function) equals p: Newton's method kept inside a bracket, from the exponential the far
    /// tail resembles (rate a).
    private static func solveFarRightTail(_ p: Double, _ a: Double, _ width: Double, upperTail: Bool) -> Double {
        var low = 0.0
        var high = width
        var d = upperTail ? -Double.log(p) / a : -Double.log(onePlus: -p) / a
        d = min(high, max(low, d))
        for _ in 0..<200 {
            let values = farRightTail(d, a, width)
            // Written so that the error grows with d in both cases.
            let error = upperTail ? p - values.survival : values.cdf - p
            if error == 0 { return d }
            if error > 0 { high = d } else { low = d }
            var next = d - error / values.density
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - d) <= 1e-15 * max(d, 1e-300) { return next }
            d = next
        }
        return d
    }

    func sample(_ random: inout RandomStream) -> Double { quantile(random.nextOpenUnit()) }

    var parameterSummary: String {
        "μ \(FamilyText.number(mu)), σ \(FamilyText.number(sigma)) on [\(FamilyText.number(lower)), \(FamilyText.number(upper))]"
    }
}
