import Tabular

import Foundation

/// The Gaussian mechanism on histograms: each count gets independent N(0, σ²) noise. A row
/// added or removed changes one count of a histogram by 1, so the L2 sensitivity is 1 and the
/// measurement is 1/(2σ²)-zCDP (`ZCDPBudget.gaussianSigma`).
enum GaussianMechanism {
    static func measure(_ counts: [Double], sigma: Double, random: inout RandomStream) -> [Double] {
        counts.map { $0 + sigma * random.nextNormal() }
    }

    /// The noise-free count a thresholded level must beat: a level held by one row only
    /// (present in one of two neighbouring tables, absent in the other) is released with
    /// probability at most `delta`, since 1 + σ·z(δ) is exceeded by 1 + N(0, σ²) with probability δ.
    static func threshold(sigma: Double, delta: Double) -> Double {
        1 + sigma * NormalQuantile.upper(delta)
    }
}

/// z with P(N(0, 1) > z) = p, by bisection on the complementary error function (exact to
/// far below the noise it scales).
enum NormalQuantile {
    static func upper(_ p: Double) -> Double {
        precondition(p > 0 && p < 1)
        var low = -40.0
        var high = 40.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if 0.5 * erfc(middle / 2.0.squareRoot()) > p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }
}
