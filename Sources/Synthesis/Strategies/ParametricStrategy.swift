import Tabular

/// A fitted distribution family: normal, lognormal, exponential, gamma, beta, uniform, truncated
/// normal, Poisson or negative binomial; `auto` fits every family that applies and keeps the
/// one closest to the data by the Kolmogorov–Smirnov statistic (see `FamilySelection`).
public enum ParametricStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "parametric", family: .statistical,
        help: "A fitted distribution family (normal, gamma, Poisson...); auto picks the closest by KS",
        supportedKinds: ColumnKind.numeric,
        parameters: [
            ParameterSpec("family", .choice(["auto"] + ParametricFamily.allCases.map(\.rawValue)), default: "auto",
                          help: "The distribution family; auto fits each that applies and keeps the smallest KS statistic (a family with fewer parameters within 0.005 of it wins)"),
        ],
        exposure: .statistics, producesNumbers: true)

    public struct Model: ColumnModel, MarginalDistribution {
        public var distribution: ParametricDistribution
        /// Every family tried with its KS statistic: the chosen one first, then the others by KS
        /// (one entry when the plan set the family).
        public var candidates: [FamilyCandidate]
        /// True when `auto` chose the family.
        public var automatic: Bool
        /// A power of two the values were divided by before fitting, for columns whose
        /// magnitudes would overflow (or underflow) the fit's sums and squares, e.g. values near
        /// ±1.8e308 or subnormals; the distribution is of value / scale. Nil for ordinary columns.
        public var scale: Double? = nil
        public var exposure: RealValueExposure { .statistics }

        public var family: ParametricFamily { distribution.family }

        /// Why this family, for the workbench: "gamma (KS 0.021) beat lognormal (0.034), …".
        public var explanation: String { FamilySelection.explanation(candidates, automatic: automatic) }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            let values = distribution.samples(request.count, random: &random)
            guard let scale else { return ModelOutput(.numbers(values)) }
            return ModelOutput(.numbers(values.map { Self.unscaled($0, scale) }))
        }

        public func cdf(_ x: Double) -> Double { distribution.cdf(scale.map { x / $0 } ?? x) }
        public func quantile(_ p: Double) -> Double {
            let value = distribution.quantile(p)
            return scale.map { Self.unscaled(value, $0) } ?? value
        }

        /// Back on the column's scale; a draw beyond the largest Double is the largest Double.
        private static func unscaled(_ value: Double, _ scale: Double) -> Double {
            let product = value * scale
            return product.isNaN ? product : min(max(product, -.greatestFiniteMagnitude), .greatestFiniteMagnitude)
        }
    }

    /// The power of two to divide values by before fitting, or nil when the values are of
    /// ordinary size: a family's fit sums values and squares of deviations, which overflow for
    /// magnitudes above about 1e154 and lose everything for subnormals.
    static func fitScale(_ values: [Double]) -> Double? {
        let largest = values.reduce(0.0) { max($0, $1.magnitude) }
        guard largest.isFinite, largest > 0x1p480 || (largest > 0 && largest < 0x1p-480) else { return nil }
        return Double(sign: .plus, exponent: largest.exponent, significand: 1)
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let values = try input.numericValues(strategy: descriptor.id)
        let chosen = input.parameters.text("family") ?? "auto"
        let scale = fitScale(values)
        do {
            // Discrete families are tried whenever the values are non-negative whole numbers,
            // whatever the column's storage (body masses written 3750.0 are counts of grams);
            // not on rescaled values, which are no longer counts.
            let sample = try FitSample(scale.map { scale in values.map { $0 / scale } } ?? values, integerValued: scale == nil)
            if chosen == "auto" {
                let ranked = FamilySelection.rank(sample)
                guard let best = ranked.first else { throw FamilyFitError(message: "no distribution family could be fitted") }
                return Model(distribution: best.distribution,
                             candidates: ranked.map { FamilyCandidate(family: $0.distribution.family, ks: $0.ks) },
                             automatic: true, scale: scale)
            }
            guard let family = ParametricFamily(rawValue: chosen) else { preconditionFailure("the schema admits only known families") }
            let distribution = try family.fit(sample)
            return Model(distribution: distribution,
                         candidates: [FamilyCandidate(family: family, ks: FamilySelection.score(distribution, on: sample))],
                         automatic: false, scale: scale)
        } catch let error as FamilyFitError {
            throw PlanError.at(column: input.columnName, "strategy 'parametric': \(error.message)")
        }
    }

    /// The family `auto` would choose for these values and its KS statistic, or nil when no
    /// family can be fitted (fewer than two distinct values). Discrete families are tried only
    /// when `integerValued` and the values are non-negative whole numbers.
    public static func bestFit(_ values: [Double], integerValued: Bool) -> (family: String, ks: Double)? {
        guard let sample = try? FitSample(values, integerValued: integerValued),
              let best = FamilySelection.rank(sample).first else { return nil }
        return (best.distribution.family.rawValue, best.ks)
    }
}
