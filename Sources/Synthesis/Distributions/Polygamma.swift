import RealModule

/// The digamma function ψ = (log Γ)′ and the trigamma function ψ′, which the gamma and negative
/// binomial likelihood equations need. Hand-written: swift-numerics has no polygamma. Both
/// step x up to 10 with the recurrences ψ(x) = ψ(x + 1) − 1/x, ψ′(x) = ψ′(x + 1) + 1/x², then
/// use the asymptotic (Bernoulli) series, accurate to about 1e-16 from 10 on.
public enum Polygamma {
    public static func digamma(_ x: Double) -> Double {
        precondition(x > 0, "digamma is used for positive arguments only")
        var x = x
        var shift = 0.0
        while x < 10 {
            shift -= 1 / x
            x += 1
        }
        let r2 = 1 / (x * x)
        let series = r2 * (1.0 / 12 - r2 * (1.0 / 120 - r2 * (1.0 / 252 - r2 * (1.0 / 240 - r2 * (1.0 / 132 - r2 * (691.0 / 32_760 - r2 / 12))))))
        return shift + Double.log(x) - 0.5 / x - series
    }

    public static func trigamma(_ x: Double) -> Double {
        precondition(x > 0, "trigamma is used for positive arguments only")
        var x = x
        var shift = 0.0
        while x < 10 {
            shift += 1 / (x * x)
            x += 1
        }
        let r = 1 / x
        let r2 = r * r
        let series = r2 * r * (1.0 / 6 - r2 * (1.0 / 30 - r2 * (1.0 / 42 - r2 * (1.0 / 30 - r2 * (5.0 / 66 - r2 * (691.0 / 2730 - r2 * 7.0 / 6))))))
        return shift + r + 0.5 * r2 + series
    }
}
