/// A family `parametric` tried, and how far its fit is from the data (KS statistic).
public struct FamilyCandidate: Codable, Hashable, Sendable {
    public var family: ParametricFamily
    public var ks: Double

    public init(family: ParametricFamily, ks: Double) {
        self.family = family
        self.ks = ks
    }
}

/// Chooses a family for `auto`: fits every family that applies and keeps the one whose
/// distribution function is closest to the data's (smallest Kolmogorov–Smirnov statistic, at
/// the data's resolution, on the deterministic subsample), unless a family with fewer parameters
/// is within `parsimonyMargin` of it: nested families (Poisson in the negative binomial, normal
/// in the truncated normal) fit their own data equally well, and the smaller KS between them is
/// then a coin toss, not evidence.
enum FamilySelection {
    struct Scored {
        var distribution: ParametricDistribution
        var ks: Double
    }

    /// KS differences below this are not worth a more complex family: about the statistic's
    /// own resolution on a 20,000-value subsample, and invisible in a histogram.
    static let parsimonyMargin = 0.005

    /// Every applicable family that could be fitted: the chosen one first, then the others by KS.
    static func rank(_ sample: FitSample) -> [Scored] {
        var scored: [Scored] = []
        for family in ParametricFamily.allCases where family.applies(to: sample) {
            guard let distribution = try? family.fit(sample) else { continue }
            let ks = score(distribution, on: sample)
            if ks.isFinite { scored.append(Scored(distribution: distribution, ks: ks)) }
        }
        // Stable: equal statistics keep the order of `ParametricFamily.allCases`.
        scored = scored.enumerated().sorted { ($0.element.ks, $0.offset) < ($1.element.ks, $1.offset) }.map(\.element)
        guard let best = scored.first else { return [] }
        let contenders = scored.indices.filter { scored[$0].ks <= best.ks + parsimonyMargin }
        let chosen = contenders.min { scored[$0].distribution.family.parameterCount < scored[$1].distribution.family.parameterCount }!
        let winner = scored.remove(at: chosen)
        return [winner] + scored
    }

    static func score(_ distribution: ParametricDistribution, on sample: FitSample) -> Double {
        sample.steps.statistic { distribution.cdf($0) }
    }

    /// Why the chosen family won, e.g. "gamma (KS 0.021) beat lognormal (0.034), normal (0.081)",
    /// or "poisson (KS 0.012): as close as negbinom (0.011) with fewer parameters; then gamma (0.050)".
    static func explanation(_ candidates: [FamilyCandidate], automatic: Bool) -> String {
        guard let chosen = candidates.first else { return "no family could be fitted" }
        let head = "\(chosen.family.rawValue) (KS \(ks(chosen.ks)))"
        guard automatic else { return head + ", the family set in the plan" }
        let others = candidates.dropFirst()
        guard !others.isEmpty else { return head + ", the only family that applies" }
        let list = { (items: ArraySlice<FamilyCandidate>) in items.map { "\($0.family.rawValue) (\(ks($0.ks)))" }.joined(separator: ", ") }
        let closer = others.prefix { $0.ks < chosen.ks }
        guard !closer.isEmpty else { return head + " beat " + list(others) }
        let rest = others.dropFirst(closer.count)
        return head + ": as close as " + list(closer) + " (within \(ks(parsimonyMargin))) with fewer parameters"
            + (rest.isEmpty ? "" : "; then " + list(rest))
    }

    private static func ks(_ value: Double) -> String { FamilyText.ks(value) }
}

extension FamilyText {
    static func ks(_ value: Double) -> String { String(format: "%.3f", value) }
}
