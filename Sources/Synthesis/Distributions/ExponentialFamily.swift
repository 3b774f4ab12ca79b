import RealModule

/// X + shift ~ Exponential(rate), fitted by maximum likelihood: rate = 1 / mean(X + shift).
/// The shift is 0 for positive data and otherwise lifts the smallest value above zero.
public struct ExponentialDistribution: FamilyDistribution, Sendable {
    public var rate: Double
    public var shift: Double

    public init(rate: Double, shift: Double = 0) {
        self.rate = rate
        self.shift = shift
    }

    static func fit(_ sample: FitSample) throws -> Self {
        Self(rate: 1 / (sample.mean + sample.positiveShift), shift: sample.positiveShift)
    }

    public func cdf(_ x: Double) -> Double {
        let y = x + shift
        return y > 0 ? -Double.expMinusOne(-rate * y) : 0
    }

    public func quantile(_ p: Double) -> Double { -Double.log(onePlus: -p) / rate - shift }
    func sample(_ random: inout RandomStream) -> Double { random.nextExponential() / rate - shift }

    var parameterSummary: String {
        "rate \(FamilyText.number(rate))" + (shift != 0 ? ", shift \(FamilyText.number(shift))" : "")
    }
}
