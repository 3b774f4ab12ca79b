import Foundation

/// The distribution families `parametric` can fit.
public enum ParametricFamily: String, CaseIterable, Codable, Hashable, Sendable {
    case normal, lognormal, exponential, gamma, beta, uniform, truncnorm, poisson, negbinom

    /// Families on 0, 1, 2, …: only for whole, non-negative data.
    public var isDiscrete: Bool { self == .poisson || self == .negbinom }

    /// Free parameters fitted to the data (shifts follow from the data by a fixed rule and are
    /// not counted; truncation bounds and beta's range are).
    public var parameterCount: Int {
        switch self {
        case .exponential, .poisson: 1
        case .normal, .lognormal, .gamma, .uniform, .negbinom: 2
        case .beta, .truncnorm: 4
        }
    }

    /// Whether `auto` tries this family on the data. Log-based families always apply (with a
    /// shift when some value is not positive), beta on the rescaled range, discrete families
    /// only on non-negative whole numbers, and the negative binomial only when the data are
    /// over-dispersed (variance above the mean; otherwise its MLE is the Poisson limit).
    func applies(to sample: FitSample) -> Bool {
        switch self {
        case .poisson: sample.allowsDiscrete
        case .negbinom: sample.allowsDiscrete && sample.variance > sample.mean
        default: true
        }
    }

    /// Fits this family; a `FamilyFitError` says why it cannot.
    func fit(_ sample: FitSample) throws -> ParametricDistribution {
        if isDiscrete && !sample.allowsDiscrete {
            throw FamilyFitError(message: "family '\(rawValue)' needs non-negative whole numbers")
        }
        switch self {
        case .normal: return .normal(try NormalDistribution.fit(sample))
        case .lognormal: return .lognormal(try LogNormalDistribution.fit(sample))
        case .exponential: return .exponential(try ExponentialDistribution.fit(sample))
        case .gamma: return .gamma(try GammaDistribution.fit(sample))
        case .beta: return .beta(try BetaDistribution.fit(sample))
        case .uniform: return .uniform(try UniformDistribution.fit(sample))
        case .truncnorm: return .truncnorm(try TruncatedNormalDistribution.fit(sample))
        case .poisson: return .poisson(try PoissonDistribution.fit(sample))
        case .negbinom: return .negbinom(try NegativeBinomialDistribution.fit(sample))
        }
    }
}

/// One fitted member of a family: its distribution function, quantile and sampler.
protocol FamilyDistribution: MarginalDistribution, Codable, Hashable {
    /// Fits the family to the sample (each family says how: MLE, or moments where noted).
    static func fit(_ sample: FitSample) throws -> Self
    /// One draw, from `random` only.
    func sample(_ random: inout RandomStream) -> Double
    /// The fitted parameters in words, for explanations.
    var parameterSummary: String { get }
}

/// A fitted distribution of any family, stored as `{"family": "gamma", "parameters": {…}}`.
public enum ParametricDistribution: Hashable, Sendable {
    case normal(NormalDistribution)
    case lognormal(LogNormalDistribution)
    case exponential(ExponentialDistribution)
    case gamma(GammaDistribution)
    case beta(BetaDistribution)
    case uniform(UniformDistribution)
    case truncnorm(TruncatedNormalDistribution)
    case poisson(PoissonDistribution)
    case negbinom(NegativeBinomialDistribution)

    public var family: ParametricFamily {
        switch self {
        case .normal: .normal
        case .lognormal: .lognormal
        case .exponential: .exponential
        case .gamma: .gamma
        case .beta: .beta
        case .uniform: .uniform
        case .truncnorm: .truncnorm
        case .poisson: .poisson
        case .negbinom: .negbinom
        }
    }

    var base: any FamilyDistribution {
        switch self {
        case .normal(let distribution): distribution
        case .lognormal(let distribution): distribution
        case .exponential(let distribution): distribution
        case .gamma(let distribution): distribution
        case .beta(let distribution): distribution
        case .uniform(let distribution): distribution
        case .truncnorm(let distribution): distribution
        case .poisson(let distribution): distribution
        case .negbinom(let distribution): distribution
        }
    }

    /// The fitted parameters in words, e.g. "shape 2.1, scale 1.9e+03".
    public var parameterSummary: String { base.parameterSummary }

    public func cdf(_ x: Double) -> Double { base.cdf(x) }
    public func quantile(_ p: Double) -> Double { base.quantile(p) }

    /// `count` draws. The family is opened once, so the loop calls its sampler directly.
    func samples(_ count: Int, random: inout RandomStream) -> [Double] {
        Self.draw(base, count, &random)
    }

    private static func draw<Distribution: FamilyDistribution>(_ distribution: Distribution, _ count: Int, _ random: inout RandomStream) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(distribution.sample(&random)) }
        return values
    }
}

extension ParametricDistribution: MarginalDistribution {}

extension ParametricDistribution: Codable {
    private enum CodingKeys: String, CodingKey { case family, parameters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(ParametricFamily.self, forKey: .family) {
        case .normal: self = .normal(try container.decode(NormalDistribution.self, forKey: .parameters))
        case .lognormal: self = .lognormal(try container.decode(LogNormalDistribution.self, forKey: .parameters))
        case .exponential: self = .exponential(try container.decode(ExponentialDistribution.self, forKey: .parameters))
        case .gamma: self = .gamma(try container.decode(GammaDistribution.self, forKey: .parameters))
        case .beta: self = .beta(try container.decode(BetaDistribution.self, forKey: .parameters))
        case .uniform: self = .uniform(try container.decode(UniformDistribution.self, forKey: .parameters))
        case .truncnorm: self = .truncnorm(try container.decode(TruncatedNormalDistribution.self, forKey: .parameters))
        case .poisson: self = .poisson(try container.decode(PoissonDistribution.self, forKey: .parameters))
        case .negbinom: self = .negbinom(try container.decode(NegativeBinomialDistribution.self, forKey: .parameters))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(family, forKey: .family)
        try container.encode(base, forKey: .parameters)
    }
}

/// Numbers in explanations: four significant digits.
enum FamilyText {
    static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
