/// Uniform on [lower, upper], fitted by maximum likelihood: the observed minimum and maximum.
public struct UniformDistribution: FamilyDistribution, Sendable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    static func fit(_ sample: FitSample) throws -> Self { Self(lower: sample.minimum, upper: sample.maximum) }

    public func cdf(_ x: Double) -> Double { min(1, max(0, FiniteRange.fraction(x, lower, upper))) }
    public func quantile(_ p: Double) -> Double { FiniteRange.interpolate(lower, upper, p) }
    func sample(_ random: inout RandomStream) -> Double { FiniteRange.interpolate(lower, upper, random.nextUnit()) }

    var parameterSummary: String { "[\(FamilyText.number(lower)), \(FamilyText.number(upper))]" }
}
