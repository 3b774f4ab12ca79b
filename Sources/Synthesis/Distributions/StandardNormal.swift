import RealModule

/// The standard normal distribution's functions. Φ comes from swift-numerics' `erfc`; the
/// quantile and the Mills ratio are hand-written because no available library has them.
public enum StandardNormal {
    static let inverseSquareRootOfTwo = 0.70710678118654752440
    static let inverseSquareRootOfTwoPi = 0.39894228040143267794

    /// φ(x).
    @inline(__always)
    public static func density(_ x: Double) -> Double {
        inverseSquareRootOfTwoPi * Double.exp(-0.5 * x * x)
    }

    /// Φ(x), with full relative accuracy in the lower tail.
    @inline(__always)
    public static func cdf(_ x: Double) -> Double {
        0.5 * Double.erfc(-x * inverseSquareRootOfTwo)
    }

    /// 1 − Φ(x), with full relative accuracy in the upper tail.
    @inline(__always)
    public static func survival(_ x: Double) -> Double {
        0.5 * Double.erfc(x * inverseSquareRootOfTwo)
    }

    /// Φ⁻¹(p): Acklam's rational approximation (relative error 1.15e-9), polished by one Halley
    /// step against `erfc`, which brings it to full double precision. The upper half is taken
    /// by symmetry, so that the step always works in the accurate lower tail.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return -.infinity }
        if p >= 1 { return .infinity }
        if p > 0.5 { return -lowerQuantile(1 - p) } // 1 − p is exact for p ≥ 0.5
        return lowerQuantile(p)
    }

    private static func lowerQuantile(_ p: Double) -> Double {
        var x: Double
        if p < 0.02425 {
            let q = (-2 * Double.log(p)).squareRoot()
            x = (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                    + 3.754408661907416e+00) * q + 1)
        } else {
            let q = p - 0.5
            let r = q * q
            x = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                    + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1)
        }
        // Halley: u = (Φ(x) − p)/φ(x), written as a relative error times p/φ(x) so that nothing
        // passes through subnormal numbers deep in the tail.
        let densityAtX = density(x)
        guard densityAtX > 0 else { return x }
        let u = (cdf(x) / p - 1) * (p / densityAtX)
        x -= u / (1 + 0.5 * x * u)
        return x
    }

    /// The Mills ratio (1 − Φ(t)) / φ(t), finite and accurate however far into the tail, for
    /// distributions truncated far from their centre.
    public static func millsRatio(_ t: Double) -> Double {
        if t < 30 { return survival(t) / density(t) } // neither underflows here
        // Laplace's continued fraction 1/(t + 1/(t + 2/(t + 3/(t + …)))), evaluated backwards;
        // at t ≥ 30 twenty terms are far more than double precision needs.
        var tail = t
        for k in stride(from: 20.0, through: 1, by: -1) { tail = t + k / tail }
        return 1 / tail
    }
}
