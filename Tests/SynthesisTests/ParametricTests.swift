import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Relative closeness, exact when the reference is 0.
func matchesReference(_ value: Double, _ reference: Double, relative: Double) -> Bool {
    value == reference || abs(value - reference) <= relative * abs(reference)
}

/// Fixed samples printed by Reference/scipy_reference.py (numpy default_rng(20240611)).
enum ReferenceSamples {
    static let gamma = [5.6113, 8.7402, 7.1832, 7.8388, 3.7921, 1.1298, 3.776, 8.6561, 3.1887, 3.6052, 11.0681, 6.6549, 7.4034, 7.6166, 11.0602,
                        14.6119, 10.4422, 17.2387, 11.1754, 3.3692, 1.8512, 4.5134, 1.1968, 5.8767, 3.992, 4.4863, 3.5417, 4.8697, 11.051, 11.1903,
                        2.1394, 6.9154, 4.5181, 6.3442, 10.6148, 11.4255, 2.7293, 6.2863, 9.5267, 9.6814]
    static let counts: [Double] = [1, 2, 8, 3, 10, 8, 5, 2, 2, 9, 14, 6, 2, 6, 5, 3, 5, 1, 1, 4, 11, 5, 2, 1, 1, 1, 3, 4, 0, 1, 4, 3, 0, 4, 1, 9, 4, 1, 5, 4]
    static let truncated = [3.6549, 5.1174, 3.5467, 9.7894, 6.094, 6.2916, 6.8251, -2.0169, 5.0649, 7.2431, 2.7808, 5.7284, 6.2077, 2.5251, 11.2312,
                            5.2179, 4.9358, 5.1453, 7.6271, 10.2629, 4.1776, 1.4765, 6.3191, 5.5572, 7.7212, 2.2691, 4.4245, 5.0683, 4.6203, 4.2954,
                            4.0688, 8.3747, 4.3332, 7.3435, 4.7946, 6.3034, 7.3807, 6.0961, 0.713, 2.7276]
    static let normal = [8.6837, 11.2503, 8.357, 8.0889, 12.6455, 14.2622, 7.9228, 9.4391, 10.1483, 7.69, 8.9537, 6.6024, 10.7636, 9.4221, 7.2512,
                         5.4664, 12.4376, 9.9687, 5.3502, 10.0994, 14.2916, 9.8834, 12.35, 7.1147, 12.2168]
}

/// Special functions against scipy 1.17.1 (values printed by Reference/scipy_reference.py).
@Suite("Special functions match scipy")
struct SpecialFunctionTests {
    @Test("Φ and Φ⁻¹ (ndtr, ndtri), deep into both tails")
    func standardNormal() {
        let cdf: [(Double, Double)] = [
            (-37.5, 4.605353009581954e-308), (-20.0, 2.7536241186061556e-89), (-8.0, 6.22096057427174e-16), (-3.0, 0.0013498980316300933),
            (-1.0, 0.15865525393145707), (0.0, 0.5), (0.5, 0.6914624612740131), (2.0, 0.9772498680518208), (5.0, 0.9999997133484281),
            (8.0, 0.9999999999999993),
        ]
        for (x, expected) in cdf { #expect(matchesReference(StandardNormal.cdf(x), expected, relative: 1e-9), "Φ(\(x))") }
        let quantiles: [(Double, Double)] = [
            (1e-300, -37.0470962993612), (1e-10, -6.361340902404056), (0.001, -3.090232306167813), (0.025, -1.9599639845400545),
            (0.3, -0.5244005127080409), (0.5, 0.0), (0.8, 0.8416212335729143), (0.975, 1.959963984540054), (0.999999, 4.753424308817087),
            (0.999999999999, 7.0344869100478356),
        ]
        // Acklam alone is good to 1.15e-9; the Halley step must bring every value to ~1e-14.
        for (p, expected) in quantiles { #expect(matchesReference(StandardNormal.quantile(p), expected, relative: 1e-13), "Φ⁻¹(\(p))") }
        #expect(StandardNormal.quantile(0) == -.infinity && StandardNormal.quantile(1) == .infinity)
    }

    @Test("the Mills ratio stays accurate where Φ underflows")
    func millsRatio() {
        let reference: [(Double, Double)] = [(0.5, 0.8763644564536921), (5.0, 0.19280810471531573), (29.9, 0.033407531001675074),
                                             (30.1, 0.03318604299461471), (50.0, 0.019992009580853568), (1000.0, 0.000999999000003)]
        for (t, expected) in reference { #expect(matchesReference(StandardNormal.millsRatio(t), expected, relative: 1e-12), "R(\(t))") }
    }

    @Test("regularized incomplete gamma P and Q (gammainc, gammaincc), small to large a")
    func incompleteGamma() {
        let reference: [(a: Double, x: Double, p: Double, q: Double)] = [
            (0.5, 0.1, 0.34527915398142317, 0.6547208460185768), (1.0, 1.0, 0.6321205588285577, 0.36787944117144245),
            (2.5, 3.0, 0.6937810815867212, 0.30621891841327875), (10.0, 5.0, 0.03182805730620481, 0.9681719426937951),
            (10.0, 20.0, 0.9950045876916924, 0.0049954123083075785), (0.1, 0.001, 0.526768568392445, 0.473231431607555),
            (100.0, 90.0, 0.15822098918643007, 0.84177901081357), (100.0, 110.0, 0.8417213299399129, 0.15827867006008706),
            (1800.0, 1790.0, 0.40971441199952907, 0.5902855880004709), (3932.5, 3900.0, 0.30349422120477815, 0.6965057787952218),
            (0.3, 40.0, 1.0, 1.0556514939798352e-19),
        ]
        for row in reference {
            #expect(matchesReference(IncompleteGamma.p(row.a, row.x), row.p, relative: 1e-10), "P(\(row.a), \(row.x))")
            #expect(matchesReference(IncompleteGamma.q(row.a, row.x), row.q, relative: 1e-10), "Q(\(row.a), \(row.x))")
        }
    }

    @Test("inverse of P (gammaincinv)")
    func inverseIncompleteGamma() {
        let reference: [(a: Double, p: Double, x: Double)] = [
            (0.5, 0.1, 0.00789538704671561), (1.0, 0.5, 0.6931471805599455), (2.5, 0.01, 0.2771490383641386), (2.5, 0.999, 10.257502826216436),
            (10.0, 0.3, 8.13292824250639), (0.1, 0.5, 0.0005933911044602284), (100.0, 0.95, 116.99713444616246),
            (1800.0, 0.5, 1799.6666776428294), (0.05, 0.9, 0.07631711390918905),
        ]
        for row in reference { #expect(matchesReference(IncompleteGamma.inverseP(row.a, row.p), row.x, relative: 1e-10), "P⁻¹(\(row.a), \(row.p))") }
    }

    @Test("regularized incomplete beta and its inverse (betainc, betaincinv)")
    func incompleteBeta() {
        let reference: [(a: Double, b: Double, x: Double, value: Double)] = [
            (0.5, 0.5, 0.2, 0.2951672353008665), (2.0, 3.0, 0.4, 0.5247999999999999), (2.0, 3.0, 0.9, 0.9963), (10.0, 2.0, 0.7, 0.11299009959999995),
            (0.3, 8.0, 0.01, 0.5072347753472152), (150.0, 90.0, 0.62, 0.432242519303194), (1.5, 18824.0, 0.0002, 0.9432188762726325),
            (3.0, 5.0, 0.999, 0.999999999999979),
        ]
        for row in reference {
            #expect(matchesReference(IncompleteBeta.regularized(row.a, row.b, row.x), row.value, relative: 1e-10), "I(\(row.a), \(row.b), \(row.x))")
        }
        let inverses: [(a: Double, b: Double, p: Double, x: Double)] = [
            (0.5, 0.5, 0.2, 0.09549150281252627), (2.0, 3.0, 0.5, 0.3857275681323895), (10.0, 2.0, 0.01, 0.5301838905115418),
            (0.3, 8.0, 0.9, 0.1091115907050956), (150.0, 90.0, 0.999, 0.7177764031907505), (1.0, 1.0, 0.25, 0.25),
        ]
        for row in inverses { #expect(matchesReference(IncompleteBeta.inverse(row.a, row.b, row.p), row.x, relative: 1e-10), "I⁻¹(\(row.a), \(row.b), \(row.p))") }
    }

    @Test("digamma and trigamma")
    func polygamma() {
        let reference: [(x: Double, digamma: Double, trigamma: Double)] = [
            (1e-3, -1000.5755719318103, 1000001.6425331959), (0.5, -1.9635100260214235, 4.93480220054468), (1.0, -0.5772156649015329, 1.6449340668482266),
            (2.5, 0.7031566406452432, 0.4903577561002349), (7.0, 1.872784335098467, 0.15354517795933756), (150.0, 5.007298257075679, 0.006688938271165996),
            (1e6, 13.81551005796419, 1.0000005000001667e-06),
        ]
        for row in reference {
            #expect(matchesReference(Polygamma.digamma(row.x), row.digamma, relative: 1e-12), "ψ(\(row.x))")
            #expect(matchesReference(Polygamma.trigamma(row.x), row.trigamma, relative: 1e-12), "ψ′(\(row.x))")
        }
    }
}

/// Every family's cdf and quantile against scipy.stats, then against each other and its sampler.
@Suite("Distribution families")
struct FamilyTests {
    @Test("cdf and quantile match scipy.stats in scipy's parametrisations")
    func againstScipy() {
        let lognormal = LogNormalDistribution(mu: 1.1, sigma: 0.7)
        #expect(matchesReference(lognormal.cdf(3.2), 0.5359419935184584, relative: 1e-12))
        #expect(matchesReference(lognormal.quantile(0.9), 7.367556437119143, relative: 1e-12))
        let gamma = GammaDistribution(shape: 2.5, scale: 1.8)
        #expect(matchesReference(gamma.cdf(4.0), 0.5126491866233127, relative: 1e-12))
        #expect(matchesReference(gamma.quantile(0.25), 2.407142528488947, relative: 1e-12))
        let exponential = ExponentialDistribution(rate: 1.5)
        #expect(matchesReference(exponential.cdf(0.7), 0.6500622508888447, relative: 1e-14))
        #expect(matchesReference(exponential.quantile(0.999), 4.60517018598809, relative: 1e-14))
        let beta = BetaDistribution(alpha: 2.2, beta: 3.4, lower: 40, upper: 70)
        #expect(matchesReference(beta.cdf(55.0), 0.7086849518317423, relative: 1e-12))
        #expect(matchesReference(beta.quantile(0.6), 53.031386517587606, relative: 1e-12))
        let truncated = TruncatedNormalDistribution(mu: 5, sigma: 2, lower: 3, upper: 12)
        #expect(matchesReference(truncated.cdf(4.0), 0.1781953698764745, relative: 1e-12))
        #expect(matchesReference(truncated.quantile(0.7), 6.332871781174342, relative: 1e-12))
        let upperTail = TruncatedNormalDistribution(mu: 0, sigma: 1, lower: 6, upper: 9)
        #expect(matchesReference(upperTail.cdf(6.1), 0.4624478332865933, relative: 1e-10))
        #expect(matchesReference(upperTail.quantile(0.5), 6.111565061795188, relative: 1e-12))
        let poisson = PoissonDistribution(lambda: 4.5)
        #expect(matchesReference(poisson.cdf(7), 0.913413528352644, relative: 1e-12))
        #expect(poisson.quantile(0.9) == 7)
        let largePoisson = PoissonDistribution(lambda: 3932.5)
        #expect(matchesReference(largePoisson.cdf(4000), 0.8607976642187889, relative: 1e-10))
        #expect(largePoisson.quantile(0.01) == 3787)
        let negativeBinomial = NegativeBinomialDistribution(size: 3, probability: 0.4)
        #expect(matchesReference(negativeBinomial.cdf(5), 0.6846054400000001, relative: 1e-12))
        #expect(negativeBinomial.quantile(0.95) == 11)
        #expect(matchesReference(NegativeBinomialDistribution(size: 1.3, probability: 0.0003).cdf(2500), 0.39441630473564987, relative: 1e-10))
    }

    @Test("a normal truncated far out in either tail keeps finite, exact probabilities")
    func farTailTruncation() {
        let right = TruncatedNormalDistribution(mu: 0, sigma: 1, lower: 40, upper: 45)
        #expect(matchesReference(right.cdf(40.01), 0.3298807901962418, relative: 1e-10))
        #expect(matchesReference(right.quantile(0.5), 40.01731412676465, relative: 1e-12))
        let left = TruncatedNormalDistribution(mu: 0, sigma: 1, lower: -45, upper: -40)
        #expect(matchesReference(left.cdf(-44.99), 2.6068736994483826e-93, relative: 1e-9))
        #expect(matchesReference(left.quantile(0.3), -40.03006925527461, relative: 1e-12))
    }

    /// One member of every family, with parameters in the ranges fits produce.
    static let members: [ParametricDistribution] = [
        .normal(NormalDistribution(mean: 10, standardDeviation: 2)),
        .lognormal(LogNormalDistribution(mu: 1.1, sigma: 0.7, shift: 2)),
        .exponential(ExponentialDistribution(rate: 1.5)),
        .gamma(GammaDistribution(shape: 0.6, scale: 3)),
        .gamma(GammaDistribution(shape: 1851, scale: 0.0334)),
        .beta(BetaDistribution(alpha: 0.46, beta: 1.9, lower: 326, upper: 18_823)),
        .beta(BetaDistribution(alpha: 81.6, beta: 75, lower: 43, upper: 79)),
        .uniform(UniformDistribution(lower: -3, upper: 7)),
        .truncnorm(TruncatedNormalDistribution(mu: 5, sigma: 2, lower: 3, upper: 12)),
        .truncnorm(TruncatedNormalDistribution(mu: -2.3e10, sigma: 9.2e6, lower: 326, upper: 18_823)),
        .truncnorm(TruncatedNormalDistribution(mu: 2.3e10, sigma: 9.2e6, lower: 326, upper: 18_823)),
        .poisson(PoissonDistribution(lambda: 4.5)),
        .poisson(PoissonDistribution(lambda: 25)),
        .poisson(PoissonDistribution(lambda: 3932.5)),
        .negbinom(NegativeBinomialDistribution(size: 3, probability: 0.4)),
        .negbinom(NegativeBinomialDistribution(size: 1.16, probability: 0.000294)),
    ]

    @Test("quantile inverts cdf: cdf(quantile(p)) = p, and for counts the smallest k with cdf(k) ≥ p", arguments: members)
    func quantileInvertsCDF(_ distribution: ParametricDistribution) {
        for p in [1e-6, 0.001, 0.1, 0.37, 0.5, 0.9, 0.999, 1 - 1e-6] {
            let x = distribution.quantile(p)
            #expect(x.isFinite, "\(distribution.family) quantile(\(p))")
            if distribution.family.isDiscrete {
                #expect(x == x.rounded() && distribution.cdf(x) >= p && (x == 0 || distribution.cdf(x - 1) < p), "\(distribution.family) p \(p): \(x)")
            } else {
                // Exact up to the spacing of doubles near x: steep cdfs (beta with α < 1 near its
                // lower end) change by more than 1e-9 · p within one ulp of x.
                let spacing = 4 * x.ulp
                let low = distribution.cdf(x - spacing)
                let high = distribution.cdf(x + spacing)
                #expect(low - 1e-9 * p <= p && p <= high + 1e-9 * p && abs(distribution.cdf(x) - p) <= max(1e-9 * p, high - low),
                        "\(distribution.family) p \(p): cdf(\(x)) = \(distribution.cdf(x))")
            }
        }
    }

    /// 1.95/√n is the KS statistic's 0.1% critical value: a correct sampler exceeds it once in a
    /// thousand seeds (for counts the discrete test is conservative).
    @Test("20,000 draws follow the distribution's own cdf (KS below the 0.1% critical value)", arguments: members)
    func samplerMatchesCDF(_ distribution: ParametricDistribution) {
        var random = RandomStream(seed: 7)
        let draws = distribution.samples(20_000, random: &random)
        let steps = EmpiricalSteps(draws, resolution: distribution.family.isDiscrete ? 1 : 0)
        let ks = steps.statistic { distribution.cdf($0) }
        #expect(ks < 1.95 / 20_000.0.squareRoot(), "\(distribution.family) (\(distribution.parameterSummary)): KS \(ks)")
        if distribution.family.isDiscrete { #expect(draws.allSatisfy { $0 >= 0 && $0 == $0.rounded() }) }
    }

    @Test("the same seed draws the same values")
    func samplingIsDeterministic() {
        for distribution in Self.members {
            var first = RandomStream(seed: 99)
            var second = RandomStream(seed: 99)
            #expect(distribution.samples(500, random: &first) == distribution.samples(500, random: &second))
        }
    }

    @Test("a distribution encodes as family plus parameters and decodes to itself")
    func coding() throws {
        for distribution in Self.members {
            let data = try JSONEncoder().encode(distribution)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("\"family\":\"\(distribution.family.rawValue)\""))
            #expect(try JSONDecoder().decode(ParametricDistribution.self, from: data) == distribution)
        }
    }
}

/// Fitting each family, against scipy's maximum-likelihood estimates and on simulated data.
@Suite("Fitting families")
struct FittingTests {
    private func sample(_ values: [Double], integers: Bool = false) throws -> FitSample {
        try FitSample(values, integerValued: integers)
    }

    @Test("maximum-likelihood fits agree with scipy")
    func againstScipy() throws {
        let gamma = try GammaDistribution.fit(sample(ReferenceSamples.gamma))
        #expect(matchesReference(gamma.shape, 3.0100894488444716, relative: 1e-10))
        #expect(matchesReference(gamma.scale, 2.2998668702877123, relative: 1e-10))
        let lognormal = try LogNormalDistribution.fit(sample(ReferenceSamples.gamma))
        #expect(matchesReference(lognormal.sigma, 0.639886250767645, relative: 1e-9))
        #expect(matchesReference(lognormal.mu, 1.7596124170805403, relative: 1e-9))
        // scipy's side is Nelder–Mead on the log-likelihood, converged to about 1e-8.
        let truncated = try TruncatedNormalDistribution.fit(sample(ReferenceSamples.truncated))
        #expect(matchesReference(truncated.mu, 5.352151475530729, relative: 1e-7))
        #expect(matchesReference(truncated.sigma, 2.646299084129953, relative: 1e-7))
        #expect(truncated.lower == -2.0169 && truncated.upper == 11.2312)
        let negativeBinomial = try NegativeBinomialDistribution.fit(sample(ReferenceSamples.counts, integers: true))
        #expect(matchesReference(negativeBinomial.size, 2.590238988832701, relative: 1e-9))
        #expect(matchesReference(negativeBinomial.probability, 0.39155637358005174, relative: 1e-9))
    }

    @Test("the truncated-normal likelihood equations hold: the fit's mean and variance are the sample's")
    func truncatedNormalMoments() throws {
        // Bell-shaped, skewed (exponential-like) and flat data: the last two put μ far outside the range.
        var random = RandomStream(seed: 3)
        let skewed = (0..<2000).map { _ in random.nextExponential() }
        let flat = (0..<2000).map { _ in random.nextUnit() }
        for values in [ReferenceSamples.truncated, skewed, flat] {
            let data = try sample(values)
            let fitted = try TruncatedNormalDistribution.fit(data)
            // The fitted distribution's moments by quadrature on its own quantiles.
            let n = 20_000
            let xs = (0..<n).map { fitted.quantile((Double($0) + 0.5) / Double(n)) }
            let mean = xs.reduce(0, +) / Double(n)
            let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
            #expect(abs(mean - data.mean) < 1e-3 * data.range, "mean \(mean) vs \(data.mean)")
            #expect(abs(variance / data.variance - 1) < 5e-3, "variance \(variance) vs \(data.variance)")
        }
    }

    @Test("KS statistic: the classical one at resolution 0 (scipy's kstest); the data's grid is detected")
    func kolmogorovSmirnov() throws {
        let normal = NormalDistribution(mean: 10, standardDeviation: 2)
        let steps = EmpiricalSteps(ReferenceSamples.normal, resolution: 0)
        #expect(matchesReference(steps.statistic { normal.cdf($0) }, 0.15431923795346947, relative: 1e-12))
        let gamma = GammaDistribution(shape: 2.5, scale: 3)
        #expect(matchesReference(EmpiricalSteps(ReferenceSamples.gamma, resolution: 0).statistic { gamma.cdf($0) }, 0.12864506828794553, relative: 1e-12))

        #expect(EmpiricalSteps.resolution(of: ReferenceSamples.counts) == 1)
        #expect(EmpiricalSteps.resolution(of: [61.5, 62.0, 59.8]) == 0.1)
        #expect(EmpiricalSteps.resolution(of: ReferenceSamples.gamma) == 1e-4)
        #expect(EmpiricalSteps.resolution(of: [0.1 + 0.2, 1.0 / 3]) == 0)
        // At resolution 1 a discrete family is scored by the usual discrete KS: F(k) against the
        // share at or below k, F(k − 1) against the share below k.
        let poisson = PoissonDistribution(lambda: 3.9)
        let counts = EmpiricalSteps(ReferenceSamples.counts)
        var expected = 0.0
        var below = 0.0
        for (value, share) in zip(counts.values, counts.cumulative) {
            expected = max(expected, abs(share - poisson.cdf(value)), abs(below - poisson.cdf(value - 1)))
            below = share
        }
        #expect(counts.statistic { poisson.cdf($0) } == expected)
    }

    @Test("a normal fitted to N(10, 2) draws recovers the mean and the standard deviation")
    func normalRecovery() throws {
        var random = RandomStream(seed: 11)
        let values = (0..<5000).map { _ in 10 + 2 * random.nextNormal() }
        let fitted = try NormalDistribution.fit(sample(values))
        // Standard errors: 0.028 for the mean, 0.02 for the sd; 2% is about 7 and 2 of them.
        #expect(abs(fitted.mean - 10) < 0.02 * 10)
        #expect(abs(fitted.standardDeviation - 2) < 0.03 * 2)
    }

    @Test("a gamma fitted to Gamma(2.5, 3) draws recovers shape and scale")
    func gammaRecovery() throws {
        var random = RandomStream(seed: 12)
        let truth = GammaDistribution(shape: 2.5, scale: 3)
        let fitted = try GammaDistribution.fit(sample((0..<20_000).map { _ in truth.sample(&random) }))
        // The shape's standard error at n = 20,000 is about 0.024 (1%).
        #expect(abs(fitted.shape / 2.5 - 1) < 0.04)
        #expect(abs(fitted.scale / 3 - 1) < 0.04)
    }

    @Test("auto picks the family that generated the data", arguments: [
        ParametricDistribution.gamma(GammaDistribution(shape: 2.5, scale: 3)),
        .lognormal(LogNormalDistribution(mu: 3, sigma: 0.8)),
        .normal(NormalDistribution(mean: 50, standardDeviation: 7)),
        .exponential(ExponentialDistribution(rate: 0.2)),
        .uniform(UniformDistribution(lower: 10, upper: 20)),
        .poisson(PoissonDistribution(lambda: 4.5)),
        .poisson(PoissonDistribution(lambda: 60)),
        .negbinom(NegativeBinomialDistribution(size: 2, probability: 0.3)),
    ])
    func autoPicksTheTruth(_ truth: ParametricDistribution) throws {
        var random = RandomStream(seed: 21)
        let values = truth.samples(5000, random: &random)
        let data = try sample(values, integers: truth.family.isDiscrete)
        let ranked = FamilySelection.rank(data)
        let candidates = ranked.map { FamilyCandidate(family: $0.distribution.family, ks: $0.ks) }
        #expect(ranked.first?.distribution.family == truth.family, "\(FamilySelection.explanation(candidates, automatic: true))")
        #expect(ranked.first.map { $0.ks < 0.03 } == true)
    }

    @Test("discrete families apply only to non-negative whole numbers; negbinom only when over-dispersed")
    func applicability() throws {
        let decimals = try sample([1.5, 2, 3, 4])
        #expect(!ParametricFamily.poisson.applies(to: decimals))
        #expect(throws: FamilyFitError.self) { try ParametricFamily.poisson.fit(decimals) }
        let negative = try sample([-1, 2, 3, 4], integers: true)
        #expect(!ParametricFamily.negbinom.applies(to: negative))
        let underDispersed = try sample([4, 5, 5, 6, 5, 4, 6, 5], integers: true)
        #expect(ParametricFamily.poisson.applies(to: underDispersed))
        #expect(!ParametricFamily.negbinom.applies(to: underDispersed))
        #expect(throws: FamilyFitError.self) { try ParametricFamily.negbinom.fit(underDispersed) }
        // Counts the caller does not call integers get no discrete family either.
        #expect(!ParametricFamily.poisson.applies(to: try sample(ReferenceSamples.counts, integers: false)))
        #expect(throws: FamilyFitError.self) { try FitSample([3, 3, 3], integerValued: true) }
    }

    @Test("log-based families shift data that reach zero or below, and the shift is kept")
    func shifts() throws {
        let data = try sample([-2, 0, 1, 3, 4, 7, 12], integers: true)
        #expect(data.positiveShift == 3) // −(−2) + one unit for whole numbers
        let lognormal = try LogNormalDistribution.fit(data)
        let gamma = try GammaDistribution.fit(data)
        let exponential = try ExponentialDistribution.fit(data)
        for distribution in [ParametricDistribution.lognormal(lognormal), .gamma(gamma), .exponential(exponential)] {
            #expect(distribution.cdf(-3) == 0, "\(distribution.family)")
            #expect(distribution.cdf(-1.999) > 0, "\(distribution.family)")
            #expect(distribution.quantile(1e-12) > -3, "\(distribution.family)")
        }
        #expect(try sample([0.5, 2, 3]).positiveShift == 0)
    }

    @Test("explanations name the winner and the runners-up with their KS statistics")
    func explanations() {
        let strict = [FamilyCandidate(family: .gamma, ks: 0.0214), FamilyCandidate(family: .lognormal, ks: 0.034), FamilyCandidate(family: .normal, ks: 0.0812)]
        #expect(FamilySelection.explanation(strict, automatic: true) == "gamma (KS 0.021) beat lognormal (0.034), normal (0.081)")
        let parsimonious = [FamilyCandidate(family: .poisson, ks: 0.012), FamilyCandidate(family: .negbinom, ks: 0.011), FamilyCandidate(family: .gamma, ks: 0.05)]
        #expect(FamilySelection.explanation(parsimonious, automatic: true)
            == "poisson (KS 0.012): as close as negbinom (0.011) (within 0.005) with fewer parameters; then gamma (0.050)")
        #expect(FamilySelection.explanation([FamilyCandidate(family: .beta, ks: 0.07)], automatic: false) == "beta (KS 0.070), the family set in the plan")
    }
}

/// The strategy as plans use it.
@Suite("parametric strategy")
struct ParametricStrategyTests {
    private func fit(_ dataset: String, _ column: String, kind: ColumnKind, family: String = "auto") throws -> FittedPlan {
        let plan = Plan(seed: 5, columns: [ColumnPlan(name: column, kind: kind, strategy: "parametric", parameters: Parameters(["family": .text(family)]))])
        return try FittedPlan.fit(plan, on: try Datasets.table(dataset))
    }

    private func model(_ plan: FittedPlan) throws -> ParametricStrategy.Model {
        try #require(plan.columns[0].model as? ParametricStrategy.Model)
    }

    @Test("auto on diamonds' price records every candidate, best first, and explains the choice")
    func autoOnPrice() throws {
        let fitted = try fit("diamonds", "price", kind: .integer)
        let model = try model(fitted)
        #expect(model.automatic)
        #expect(model.family == .lognormal)
        #expect(Set(model.candidates.map(\.family)) == Set(ParametricFamily.allCases)) // whole, positive, over-dispersed
        #expect(model.candidates.dropFirst().allSatisfy { $0.ks >= model.candidates[0].ks })
        #expect(model.explanation.hasPrefix("lognormal (KS 0.08"))
        #expect(ParametricStrategy.bestFit(try Datasets.table("diamonds").column(named: "price")!.nonNullNumbers, integerValued: true)?.family == "lognormal")
    }

    @Test("integer columns stay whole numbers, inside the real range")
    func integersStayIntegers() throws {
        let sample = try fit("diamonds", "price", kind: .integer).sample(rows: 2000)
        guard case .integers(let values, _) = sample.columns[0].values else {
            Issue.record("price came back as \(sample.columns[0].values)")
            return
        }
        #expect(values.allSatisfy { (326...18_823).contains($0) })
    }

    @Test("a family set in the plan is fitted as asked, with its KS recorded")
    func explicitFamily() throws {
        let model = try model(fit("penguins", "body_mass_g", kind: .decimal, family: "normal"))
        #expect(model.family == .normal && !model.automatic && model.candidates.count == 1)
        guard case .normal(let normal) = model.distribution else { return }
        #expect(abs(normal.mean - 4201.754) < 0.01)
        #expect(model.explanation.hasSuffix("the family set in the plan"))
    }

    @Test("families that cannot fit the column are errors naming the column")
    func impossibleFamilies() throws {
        for (column, family) in [("depth", "poisson"), ("depth", "negbinom")] {
            do {
                _ = try fit("diamonds", column, kind: .decimal, family: family)
                Issue.record("\(family) accepted \(column)")
            } catch let error as PlanError {
                #expect(error.message.contains("column '\(column)'") && error.message.contains("whole numbers"), "\(error)")
            }
        }
        let constant = try Datasets.inline("n\n4\n4\n4\n")
        let plan = Plan(seed: 1, columns: [ColumnPlan(name: "n", kind: .integer, strategy: "parametric")])
        #expect(throws: PlanError.self) { _ = try FittedPlan.fit(plan, on: constant) }
    }

    @Test("the model's cdf and quantile are the fitted distribution's")
    func marginal() throws {
        let model = try model(fit("diamonds", "carat", kind: .decimal))
        for p in [0.05, 0.5, 0.95] { #expect(abs(model.cdf(model.quantile(p)) - p) < 1e-9) }
    }

    @Test("a million values fit fast: KS and the negbinom likelihood run on a 20,000-value subsample")
    func largeInput() throws {
        var random = RandomStream(seed: 8)
        let truth = NegativeBinomialDistribution(size: 2, probability: 0.01)
        let values = (0..<1_000_000).map { _ in truth.sample(&random) }
        let start = Date()
        let best = ParametricStrategy.bestFit(values, integerValued: true)
        let elapsed = Date().timeIntervalSince(start)
        #expect(best?.family == "negbinom")
        #expect(elapsed < 10, "bestFit on 1M values took \(elapsed) s (debug build)")
        let data = try FitSample(values, integerValued: true)
        #expect(data.subsample.count == FitSample.subsampleLimit)
    }
}

/// The default planner's choice for numbers.
@Suite("default planner: numbers")
struct NumericPlanningTests {
    @Test("integer and decimal columns get parametric auto when a family fits (KS ≤ 0.05), else kde")
    func choice() throws {
        var random = RandomStream(seed: 31)
        let gammaRows = (0..<3000).map { _ in String(format: "%.3f", GammaDistribution(shape: 3, scale: 2).sample(&random)) }
        let countRows = (0..<3000).map { _ in String(Int(PoissonDistribution.draw(7, &random))) }
        // Two well-separated modes: no family comes near.
        let bimodal = (0..<3000).map { index in String(format: "%.2f", (index % 2 == 0 ? 0 : 30) + random.nextNormal()) }
        let text = "g,c,b\n" + (0..<3000).map { "\(gammaRows[$0]),\(countRows[$0]),\(bimodal[$0])" }.joined(separator: "\n") + "\n"
        let table = try Datasets.inline(text)
        let plan = DefaultPlanner.plan(for: table, kinds: [.decimal, .integer, .decimal], seed: 1)
        #expect(plan.columns.map(\.strategy) == ["parametric", "parametric", "kde"])
        #expect(plan.columns[0].parameters["family"] == "auto")
        #expect(ParametricStrategy.bestFit(table.columns[1].nonNullNumbers, integerValued: true)?.family == "poisson")
    }

    @Test("on diamonds every numeric column is planned in a fraction of a second", .timeLimit(.minutes(1)))
    func diamonds() throws {
        let table = try Datasets.table("diamonds")
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        let start = Date()
        let plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 1)
        let elapsed = Date().timeIntervalSince(start)
        for (column, kind) in zip(plan.columns, kinds) where kind == .integer || kind == .decimal {
            #expect(["parametric", "kde"].contains(column.strategy), "\(column.name)")
        }
        #expect(elapsed < 5, "planning diamonds took \(elapsed) s (debug build)")
    }
}

extension Column {
    /// Non-null values as numbers.
    var nonNullNumbers: [Double] {
        (0..<count).compactMap { validity.isValid($0) ? values.numericValue(at: $0) : nil }
    }
}
