import RealModule

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), and the
/// inverse of P. Hand-written: swift-numerics has Γ and log Γ but not these. Series for
/// x < a + 1 and a continued fraction (modified Lentz) beyond, as in Numerical Recipes §6.2.
public enum IncompleteGamma {
    /// P(a, x) = γ(a, x) / Γ(a).
    public static func p(_ a: Double, _ x: Double) -> Double { both(a, x).p }

    /// Q(a, x) = Γ(a, x) / Γ(a), accurate when P is close to 1.
    public static func q(_ a: Double, _ x: Double) -> Double { both(a, x).q }

    /// P and Q together; the smaller of the two is computed directly, so each keeps its
    /// relative accuracy.
    public static func both(_ a: Double, _ x: Double) -> (p: Double, q: Double) {
        precondition(a > 0, "the incomplete gamma function needs a > 0")
        if x.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        if x < a + 1 {
            let p = min(1, series(a, x))
            return (p, 1 - p)
        }
        let q = min(1, continuedFraction(a, x))
        return (1 - q, q)
    }

    /// log(xᵃ e⁻ˣ / Γ(a)), the prefactor both expansions share. For large a the direct form
    /// would subtract numbers near a·log a; the Stirling form keeps the error near machine
    /// precision instead: a·(log(1+t) − t) + ½ log a − ½ log 2π − S(a), with t = (x − a)/a.
    static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        if a < 10 { return a * Double.log(x) - x - Double.logGamma(a) }
        let t = (x - a) / a
        return a * (Double.log(onePlus: t) - t) + 0.5 * Double.log(a) - 0.918_938_533_204_672_74 - stirlingCorrection(a)
    }

    /// S(a) = log Γ(a) − ((a − ½) log a − a + ½ log 2π), from its asymptotic series (a ≥ 10,
    /// where the terms kept bring it below 1e-16).
    static func stirlingCorrection(_ a: Double) -> Double {
        let r = 1 / a
        let r2 = r * r
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 * (1.0 / 1188 - r2 * (691.0 / 360_360 - r2 / 156))))))
    }

    /// The density of Gamma(a, 1) at x: xᵃ⁻¹ e⁻ˣ / Γ(a).
    static func density(_ a: Double, _ x: Double) -> Double {
        x > 0 ? Double.exp(logPrefactor(a, x)) / x : (a < 1 ? .infinity : a == 1 ? 1 : 0)
    }

    private static func series(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var n = a
        for _ in 0..<100_000 {
            n += 1
            term *= x / n
            sum += term
            if term < sum * 1e-17 { break }
        }
        return sum * Double.exp(logPrefactor(a, x))
    }

    private static func continuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 0.0
        for _ in 0..<100_000 {
            i += 1
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return Double.exp(logPrefactor(a, x)) * h
    }

    /// The x with P(a, x) = p. Starts from Wilson–Hilferty (a > 1) or the small-x power law,
    /// then Halley steps kept inside a shrinking bracket (bisection when a step leaves it).
    /// Above p = ½ it solves Q(a, x) = 1 − p, which keeps the upper tail accurate.
    public static func inverseP(_ a: Double, _ p: Double) -> Double {
        precondition(a > 0, "the incomplete gamma function needs a > 0")
        if p.isNaN { return .nan }
        if p <= 0 { return 0 }
        if p >= 1 { return .infinity }
        let upper = p > 0.5
        let target = upper ? 1 - p : p

        var x: Double
        if a > 1 {
            let z = StandardNormal.quantile(p)
            let cube = 1 - 1 / (9 * a) + z / (3 * a.squareRoot())
            x = max(1e-3 * a, a * cube * cube * cube)
        } else {
            let t = 1 - a * (0.253 + a * 0.12)
            x = p < t ? Double.pow(p / t, 1 / a) : 1 - Double.log(1 - (p - t) / (1 - t))
        }
        var low = 0.0
        var high = Double.infinity
        for _ in 0..<200 {
            let values = both(a, x)
            // f(x) = P(a, x) − p, increasing; error expressed in the accurate tail.
            let error = upper ? target - values.q : values.p - target
            if error == 0 { return x }
            if error > 0 { high = x } else { low = x }
            let slope = density(a, x)
            var next: Double
            if slope > 0 && slope.isFinite {
                let u = error / slope
                // Halley's correction with f''/f' = (a − 1)/x − 1, damped as NR does.
                next = x - u / (1 - 0.5 * min(1, u * ((a - 1) / x - 1)))
            } else {
                next = .nan
            }
            if !(next > low && next < high) {
                next = high.isFinite ? 0.5 * (low + high) : max(2 * x, x + 1)
            }
            if abs(next - x) <= 1e-15 * x { return next }
            x = next
        }
        return x
    }
}
