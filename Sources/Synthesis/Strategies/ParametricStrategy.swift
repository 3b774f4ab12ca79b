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
        public var exposure: RealValueExposure { .statistics }

        public var family: ParametricFamily { distribution.family }

        /// Why this family, for the workbench: "gamma (KS 0.021) beat lognormal (0.034), …".
        public var explanation: String { FamilySelection.explanation(candidates, automatic: automatic) }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            ModelOutput(.numbers(distribution.samples(request.count, random: &random)))
        }

        public func cdf(_ x: Double) -> Double { distribution.cdf(x) }
        public func quantile(_ p: Double) -> Double { distribution.quantile(p) }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let values = try input.numericValues(strategy: descriptor.id)
        let chosen = input.parameters.text("family") ?? "auto"
        do {
            // Discrete families are tried whenever the values are non-negative whole numbers,
            // whatever the column's storage (body masses written 3750.0 are counts of grams).
            let sample = try FitSample(values, integerValued: true)
            if chosen == "auto" {
                let ranked = FamilySelection.rank(sample)
                guard let best = ranked.first else { throw FamilyFitError(message: "no distribution family could be fitted") }
                return Model(distribution: best.distribution,
                             candidates: ranked.map { FamilyCandidate(family: $0.distribution.family, ks: $0.ks) },
                             automatic: true)
            }
            guard let family = ParametricFamily(rawValue: chosen) else { preconditionFailure("the schema admits only known families") }
            let distribution = try family.fit(sample)
            return Model(distribution: distribution,
                         candidates: [FamilyCandidate(family: family, ks: FamilySelection.score(distribution, on: sample))],
                         automatic: false)
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
