import RealModule

/// Maximum likelihood for a normal truncated to fixed bounds [lower, upper].
///
/// On fixed bounds the family is the exponential family exp(θ₁u + θ₂u²) with θ₂ < 0, so the
/// likelihood equations say: the model's mean and variance equal the sample's, and the negative
/// log-likelihood is convex in θ. Newton's method on θ with a backtracking line search therefore
/// converges from the untruncated fit. Working in θ rather than (μ, σ) also keeps the skewed
/// cases finite: for exponential-looking data the MLE puts μ far below the range, where (μ, σ)
/// run off but θ stays moderate. The model's moments come from Gauss–Legendre quadrature over
/// the part of the range that holds all but e⁻⁴⁰ of the mass. When the data are flatter than
/// any truncated normal (the MLE would be σ = ∞, a tilted uniform), σ stops at 1000 × the range,
/// where the fit is that tilted uniform to within 1e-6.
enum TruncatedNormalFit {
    static func fit(mean: Double, variance: Double, lower: Double, upper: Double) -> (mu: Double, sigma: Double) {
        // u = (x − mean)/s on [lo, hi], a range of width 2; the sample has E u = 0, E u² = m2.
        let s = (upper - lower) / 2
        let lo = (lower - mean) / s
        let hi = (upper - mean) / s
        let m2 = variance / (s * s)
        let theta2Limit = -0.5e-6 // σ_u ≤ 1000
        var theta = (0.0, min(theta2Limit, -0.5 / m2))
        var current = TiltedMoments(theta.0, theta.1, lo, hi)
        var previousDecrement = Double.infinity
        for _ in 0..<200 {
            let g1 = current.mean
            let g2 = current.second - m2
            var step: (Double, Double)
            let atLimit = theta.1 >= theta2Limit && g2 < 0 // the likelihood wants σ larger still
            if atLimit {
                step = (-g1 / current.v11, 0)
            } else {
                let determinant = current.v11 * current.v22 - current.v12 * current.v12
                guard determinant > 0 else { break }
                step = (-(current.v22 * g1 - current.v12 * g2) / determinant, -(current.v11 * g2 - current.v12 * g1) / determinant)
            }
            let decrement = -(g1 * step.0 + g2 * step.1) // the Newton decrement: the gain a full step expects
            if !(decrement > 0) || decrement >= previousDecrement && decrement < 1e-12 { break }
            previousDecrement = decrement
            if decrement < 1e-12 {
                // Close to the optimum Newton converges quadratically, and the objective's changes
                // fall below its rounding: a line search could not tell steps apart. Full steps,
                // until the decrement stops shrinking.
                theta = (theta.0 + step.0, min(theta2Limit, theta.1 + step.1))
                current = TiltedMoments(theta.0, theta.1, lo, hi)
                continue
            }
            let objective = current.logNormalizer - theta.1 * m2
            var t = 1.0
            var accepted = false
            while t > 1e-12 {
                let candidate = (theta.0 + t * step.0, min(theta2Limit, theta.1 + t * step.1))
                let moments = TiltedMoments(candidate.0, candidate.1, lo, hi)
                let value = moments.logNormalizer - candidate.1 * m2
                if value.isFinite && value <= objective - 1e-4 * t * decrement {
                    theta = candidate
                    current = moments
                    accepted = true
                    break
                }
                t /= 2
            }
            if !accepted { break }
        }
        let sigmaU = (-0.5 / theta.1).squareRoot()
        let muU = -theta.0 / (2 * theta.1)
        return (mean + s * muU, s * sigmaU)
    }
}

/// The moments of the density ∝ exp(θ₁u + θ₂u²) on [lo, hi] (θ₂ < 0) that Newton's method needs:
/// log of the normaliser, E u, E u², and the covariance of (u, u²).
struct TiltedMoments {
    var logNormalizer = 0.0
    var mean = 0.0
    var second = 0.0
    var v11 = 0.0
    var v12 = 0.0
    var v22 = 0.0

    /// 16-point Gauss–Legendre on [−1, 1] (positive half; the rule is symmetric).
    private static let nodes = [0.09501250983763744, 0.2816035507792589, 0.45801677765722737, 0.6178762444026438,
                                0.755404408355003, 0.8656312023878318, 0.9445750230732326, 0.9894009349916499]
    private static let weights = [0.18945061045506864, 0.18260341504492364, 0.16915651939500265, 0.1495959888165767,
                                  0.12462897125553407, 0.0951585116824926, 0.062253523938647456, 0.027152459411754176]
    private static let panels = 12

    init(_ theta1: Double, _ theta2: Double, _ lo: Double, _ hi: Double) {
        // Where the log-density peaks on [lo, hi], and the window where it is within 40 of the peak.
        let vertex = -theta1 / (2 * theta2)
        let peak = min(hi, max(lo, vertex))
        let reach = ((peak - vertex) * (peak - vertex) + 40 / -theta2).squareRoot()
        let start = max(lo, vertex - reach)
        let end = min(hi, vertex + reach)
        let top = theta1 * peak + theta2 * peak * peak
        guard end > start else {
            self.logNormalizer = .nan
            return
        }
        let width = (end - start) / Double(Self.panels)
        var points: [(u: Double, w: Double)] = []
        points.reserveCapacity(Self.panels * 16)
        for panel in 0..<Self.panels {
            let centre = start + (Double(panel) + 0.5) * width
            for (node, weight) in zip(Self.nodes, Self.weights) {
                for u in [centre - 0.5 * width * node, centre + 0.5 * width * node] {
                    let w = 0.5 * width * weight * Double.exp(theta1 * u + theta2 * u * u - top)
                    points.append((u, w))
                }
            }
        }
        var total = 0.0
        var first = 0.0
        var second = 0.0
        for point in points {
            total += point.w
            first += point.w * point.u
            second += point.w * point.u * point.u
        }
        mean = first / total
        self.second = second / total
        for point in points {
            let d1 = point.u - mean
            let d2 = point.u * point.u - self.second
            v11 += point.w * d1 * d1
            v12 += point.w * d1 * d2
            v22 += point.w * d2 * d2
        }
        v11 /= total
        v12 /= total
        v22 /= total
        logNormalizer = top + Double.log(total)
    }
}
