import RealModule

/// The regularized incomplete beta function Iₓ(a, b) and its inverse. Hand-written:
/// swift-numerics has log Γ but not these. Continued fraction (modified Lentz) on the side
/// where it converges fast, as in Numerical Recipes §6.4.
public enum IncompleteBeta {
    /// Iₓ(a, b).
    public static func regularized(_ a: Double, _ b: Double, _ x: Double) -> Double { both(a, b, x).lower }

    /// Iₓ(a, b) and 1 − Iₓ(a, b), the smaller computed directly so each keeps its accuracy.
    public static func both(_ a: Double, _ b: Double, _ x: Double) -> (lower: Double, upper: Double) {
        precondition(a > 0 && b > 0, "the incomplete beta function needs a, b > 0")
        if x.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x >= 1 { return (1, 0) }
        let front = Double.exp(logPrefactor(a, b, x))
        if x < (a + 1) / (a + b + 2) {
            let lower = min(1, front * continuedFraction(a, b, x) / a)
            return (lower, 1 - lower)
        }
        let upper = min(1, front * continuedFraction(b, a, 1 - x) / b)
        return (1 - upper, upper)
    }

    /// log(xᵃ (1 − x)ᵇ / B(a, b)).
    static func logPrefactor(_ a: Double, _ b: Double, _ x: Double) -> Double {
        a * Double.log(x) + b * Double.log(onePlus: -x) - logBeta(a, b)
    }

    static func logBeta(_ a: Double, _ b: Double) -> Double {
        Double.logGamma(a) + Double.logGamma(b) - Double.logGamma(a + b)
    }

    /// The density of Beta(a, b) at x.
    static func density(_ a: Double, _ b: Double, _ x: Double) -> Double {
        guard x > 0 && x < 1 else { return 0 }
        return Double.exp((a - 1) * Double.log(x) + (b - 1) * Double.log(onePlus: -x) - logBeta(a, b))
    }

    private static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 0.0
        for _ in 0..<100_000 {
            m += 1
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }

    /// The x with Iₓ(a, b) = p. Starts from the normal-based guess (a, b ≥ 1) or the power-law
    /// ends, then Halley steps kept inside a shrinking bracket (bisection when a step leaves
    /// it). Above p = ½ it solves 1 − Iₓ = 1 − p, which keeps the upper tail accurate.
    public static func inverse(_ a: Double, _ b: Double, _ p: Double) -> Double {
        precondition(a > 0 && b > 0, "the incomplete beta function needs a, b > 0")
        if p.isNaN { return .nan }
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        let upper = p > 0.5
        let target = upper ? 1 - p : p

        var x: Double
        if a >= 1 && b >= 1 {
            let z = StandardNormal.quantile(p)
            let lambda = (z * z - 3) / 6
            let h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1))
            let w = z * (lambda + h).squareRoot() / h - (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h))
            x = a / (a + b * Double.exp(2 * w))
        } else {
            let t = Double.exp(a * Double.log(a / (a + b))) / a
            let u = Double.exp(b * Double.log(b / (a + b))) / b
            let w = t + u
            x = p < t / w ? Double.pow(a * w * p, 1 / a) : 1 - Double.pow(b * w * (1 - p), 1 / b)
        }
        if !(x > 0 && x < 1) { x = 0.5 }
        var low = 0.0
        var high = 1.0
        for _ in 0..<200 {
            let values = both(a, b, x)
            let error = upper ? target - values.upper : values.lower - target
            if error == 0 { return x }
            if error > 0 { high = x } else { low = x }
            let slope = density(a, b, x)
            var next: Double
            if slope > 0 && slope.isFinite {
                let u = error / slope
                next = x - u / (1 - 0.5 * min(1, u * ((a - 1) / x - (b - 1) / (1 - x))))
            } else {
                next = .nan
            }
            if !(next > low && next < high) { next = 0.5 * (low + high) }
            if abs(next - x) <= 1e-15 * max(x, 1e-300) { return next }
            x = next
        }
        return x
    }
}
