import Tabular

import Foundation

/// The privacy budget of an `mst` fit, in zero-concentrated differential privacy (zCDP, Bun and
/// Steinke 2016), and how it is spent.
///
/// The user states (ε, δ). Part of δ pays for choosing category levels by thresholded noisy
/// counts (`thresholdDelta`); the rest converts ρ-zCDP to (ε, δ)-DP through
/// ε = ρ + 2·√(ρ·ln(1/δ)), so ρ = (√(ln(1/δ) + ε) − √(ln(1/δ)))². ρ is split in three equal
/// parts, as MST does: one-way marginals (with the domains they need), the choice of pairs, the
/// two-way marginals. zCDP composes by adding ρ, so the parts add up to the whole.
public struct ZCDPBudget: Hashable, Sendable, Codable {
    public var epsilon: Double
    public var delta: Double
    /// The share of δ spent on level thresholds; the rest converts ρ to (ε, δ).
    public var thresholdDelta: Double
    /// ρ for the whole fit.
    public var rho: Double
    /// ρ of the one-way marginals and domain discovery, of the pair selection, of the two-way marginals.
    public var oneWayRho: Double
    public var selectionRho: Double
    public var twoWayRho: Double
    /// Gaussian σ of each one-way measurement and of each two-way measurement (0 before fitting).
    public var oneWaySigma: Double
    public var twoWaySigma: Double
    /// Measurements each part made: one-way (and domain) histograms, pair choices, two-way tables.
    public var oneWayMeasurements: Int
    public var selections: Int
    public var twoWayMeasurements: Int

    private enum CodingKeys: String, CodingKey {
        case epsilon, delta, rho
        case thresholdDelta = "threshold_delta"
        case oneWayRho = "one_way_rho"
        case selectionRho = "selection_rho"
        case twoWayRho = "two_way_rho"
        case oneWaySigma = "one_way_sigma"
        case twoWaySigma = "two_way_sigma"
        case oneWayMeasurements = "one_way_measurements"
        case selections
        case twoWayMeasurements = "two_way_measurements"
    }

    /// ρ-zCDP that gives (ε, δ)-DP: the largest ρ with ρ + 2√(ρ ln(1/δ)) ≤ ε.
    public static func rho(epsilon: Double, delta: Double) -> Double {
        let log = Foundation.log(1 / delta)
        let root = (log + epsilon).squareRoot() - log.squareRoot()
        return root * root
    }

    /// ε of ρ-zCDP at δ (the conversion the split is checked against).
    public static func epsilon(rho: Double, delta: Double) -> Double {
        rho + 2 * (rho * Foundation.log(1 / delta)).squareRoot()
    }

    /// σ of the Gaussian mechanism that is ρ-zCDP for a query of L2 sensitivity Δ: ρ = Δ²/(2σ²).
    public static func gaussianSigma(rho: Double, sensitivity: Double = 1) -> Double {
        sensitivity / (2 * rho).squareRoot()
    }

    /// ε of the exponential mechanism that is ρ-zCDP: it is ε²/8-zCDP (bounded range,
    /// Cesar and Rogers 2021), so ε = √(8ρ).
    public static func exponentialEpsilon(rho: Double) -> Double { (8 * rho).squareRoot() }

    /// The split of (ε, δ): half of δ for level thresholds, half for the conversion.
    public init(epsilon: Double, delta: Double) {
        self.epsilon = epsilon
        self.delta = delta
        thresholdDelta = delta / 2
        rho = Self.rho(epsilon: epsilon, delta: delta - thresholdDelta)
        oneWayRho = rho / 3
        selectionRho = rho / 3
        twoWayRho = rho - oneWayRho - selectionRho
        oneWaySigma = 0
        twoWaySigma = 0
        oneWayMeasurements = 0
        selections = 0
        twoWayMeasurements = 0
    }

    /// Lines for `doppel fit`: the split, each part's mechanism and noise.
    public var description: [String] {
        func f(_ value: Double) -> String { String(format: "%.4g", value) }
        return [
            "differential privacy: (ε = \(f(epsilon)), δ = \(f(delta)))-DP through ρ-zCDP with ρ = \(f(rho)) (δ/2 converts ρ to ε, δ/2 pays the level thresholds)",
            "  one-way marginals and domains: ρ = \(f(oneWayRho)), \(oneWayMeasurements) Gaussian measurements of σ = \(f(oneWaySigma))",
            "  pair selection: ρ = \(f(selectionRho)), \(selections) exponential-mechanism choices of ε = \(f(selections > 0 ? Self.exponentialEpsilon(rho: selectionRho / Double(selections)) : 0)) each",
            "  two-way marginals: ρ = \(f(twoWayRho)), \(twoWayMeasurements) Gaussian measurements of σ = \(f(twoWaySigma))",
        ]
    }

    /// A loaded budget must be a budget: positive, finite, parts that add up to ρ.
    func validate() throws {
        try Check.positive(epsilon, "epsilon")
        guard delta > 0 && delta < 1 else { throw Check.fail(["delta"], "δ must be between 0 and 1, got \(delta)") }
        for (value, key) in [(rho, "rho"), (oneWayRho, "one_way_rho"), (selectionRho, "selection_rho"), (twoWayRho, "two_way_rho"),
                             (oneWaySigma, "one_way_sigma"), (twoWaySigma, "two_way_sigma"), (thresholdDelta, "threshold_delta")] {
            try Check.nonNegative(value, key)
        }
        guard abs(oneWayRho + selectionRho + twoWayRho - rho) <= 1e-9 * max(1, rho) else {
            throw Check.fail(["rho"], "the parts of ρ do not add up to ρ")
        }
    }
}
