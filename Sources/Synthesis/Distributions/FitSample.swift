import RealModule

/// Why a family cannot be fitted to a column's values; the strategy adds the column's name.
struct FamilyFitError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The values a family is fitted to, with the summaries every family reads computed once (one
/// pass for the moments, one more for the log moments when a log-based family asks for them).
final class FitSample {
    let values: [Double]
    let count: Int
    let minimum: Double
    let maximum: Double
    let mean: Double
    /// The maximum-likelihood variance (divided by n).
    let variance: Double
    /// Every value is a whole number.
    let wholeNumbers: Bool
    /// Discrete families apply: whole, non-negative numbers the caller calls integers.
    let allowsDiscrete: Bool

    /// At most this many values are scored by KS or revisited by likelihoods that have no
    /// sufficient statistics (negative binomial); a subsample of 20,000 pins a KS statistic to
    /// about ±0.005, far below the differences between families that matter.
    static let subsampleLimit = 20_000
    static let subsampleSeed: UInt64 = 0x5EED_F17

    init(_ values: [Double], integerValued: Bool) throws {
        guard !values.isEmpty else { throw FamilyFitError(message: "needs at least one value") }
        self.values = values
        count = values.count
        var minimum = Double.infinity
        var maximum = -Double.infinity
        var sum = 0.0
        var whole = true
        for value in values {
            guard value.isFinite else { throw FamilyFitError(message: "cannot fit a distribution to \(value)") }
            minimum = min(minimum, value)
            maximum = max(maximum, value)
            sum += value
            if whole && value != value.rounded() { whole = false }
        }
        guard maximum > minimum else {
            throw FamilyFitError(message: "a distribution family needs at least two distinct values, but every value is \(ParameterValue.number(minimum).displayText)")
        }
        let mean = sum / Double(count)
        var squares = 0.0
        var correction = 0.0
        for value in values {
            let deviation = value - mean
            squares += deviation * deviation
            correction += deviation
        }
        // Two-pass variance with the correction term (Chan, Golub & LeVeque): exact to rounding.
        variance = (squares - correction * correction / Double(count)) / Double(count)
        self.minimum = minimum
        self.maximum = maximum
        self.mean = mean
        wholeNumbers = whole
        allowsDiscrete = integerValued && whole && minimum >= 0
    }

    var range: Double { maximum - minimum }

    /// What log-based families (lognormal, gamma, exponential) add before working on positive
    /// values: nothing when every value is positive; otherwise enough that the smallest value
    /// sits one unit above zero for counts (as log1p does), or 1% of the range for measurements,
    /// so that it does not land on the family's singular edge.
    var positiveShift: Double {
        guard minimum <= 0 else { return 0 }
        return -minimum + (wholeNumbers ? 1 : 0.01 * range)
    }

    /// Mean and maximum-likelihood variance of log(x + shift).
    lazy var logMoments: (mean: Double, variance: Double) = {
        let shift = positiveShift
        var sum = 0.0
        for value in values { sum += Double.log(value + shift) }
        let mean = sum / Double(count)
        var squares = 0.0
        for value in values {
            let deviation = Double.log(value + shift) - mean
            squares += deviation * deviation
        }
        return (mean, squares / Double(count))
    }()

    /// The deterministic subsample (all values when there are few enough).
    lazy var subsample: [Double] = DeterministicSubsample.draw(values, limit: Self.subsampleLimit, seed: Self.subsampleSeed)

    /// The subsample's empirical distribution, for KS statistics.
    lazy var steps: EmpiricalSteps = EmpiricalSteps(subsample)
}
