import Tabular

/// The privacy figures a model choice needs, without the rest of the privacy report: the DCR
/// share against held-back rows, the exact copy rate, and the holdout's own copy rate (the floor
/// for data whose real rows repeat).
public struct PrivacyCheck: Sendable, Equatable {
    public var dcrShare: DCRShare?
    /// Synthetic rows equal to a training row.
    public var exactCopyRate: Double
    /// Holdout rows equal to a training row.
    public var holdoutCopyRate: Double

    /// Rows per DCR sample in a check: a standard error of at most 0.007, in a fraction of the
    /// report's time.
    public static let defaultLimit = 5_000

    public static func measure(training: Table, holdout: Table, synthetic: Table, seed: UInt64,
                               limit: Int = defaultLimit) -> PrivacyCheck {
        let encoding = PrivacyEncoding(FidelityData(real: training, synthetic: synthetic, holdout: holdout))
        func rate(_ rows: PrivacyRows) -> Double {
            rows.count == 0 ? 0 : Double(ExactCopies.flags(rows, in: encoding.real).count { $0 }) / Double(rows.count)
        }
        return PrivacyCheck(dcrShare: DCRShare.compute(encoding, seed: seed, limit: limit),
                            exactCopyRate: rate(encoding.synthetic),
                            holdoutCopyRate: encoding.holdout.map(rate) ?? 0)
    }
}
