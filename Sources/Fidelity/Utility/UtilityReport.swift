import Tabular

/// How useful the synthetic data are for analysis: the propensity score utility (pMSE, S_pMSE)
/// always, and train-on-synthetic, test-on-real (TSTR) when a target column is named.
public struct UtilityReport: Sendable, Codable, Equatable {
    /// The propensity mean squared error: 0 when a model cannot tell real rows from synthetic.
    public var pmse: Double
    /// pMSE over its null expectation: ≈ 1 for data drawn from a correct model of the real data,
    /// larger the more the sides differ; nil when the null expectation is 0.
    public var sPMSE: Double?
    /// How pMSE was computed: model, null, sample sizes.
    public var propensity: PropensityResult
    /// nil when no target was given.
    public var tstr: TSTRResult?
    /// The seed behind every subsample, split and permutation.
    public var seed: UInt64
    public var options: UtilityOptions

    /// Computes the utility metrics of `data`. The same data, options and seed give the same
    /// report. Throws a `UtilityError` for a target that is not a real column, is missing from the
    /// synthetic data (or the holdout), or is an identifier, text or personal-data column.
    public static func compute(_ data: FidelityData, target: String? = nil, options: UtilityOptions = UtilityOptions(), seed: UInt64 = 0) throws -> UtilityReport {
        // A bad target fails before any model is fitted.
        if let target { _ = try TrainSyntheticTestReal.task(for: target, in: data) }
        // The two parts are independent: one per core.
        let parts = Parallel.map(target == nil ? 1 : 2) { index -> Part in
            if index == 0 {
                return .propensity(Result { try PropensityScore.compute(data, options: options, seed: seed) })
            }
            return .tstr(Result { try TrainSyntheticTestReal.compute(data, target: target!, options: options, seed: seed) })
        }
        var propensity: PropensityResult?
        var tstr: TSTRResult?
        for part in parts {
            switch part {
            case .propensity(let result): propensity = try result.get()
            case .tstr(let result): tstr = try result.get()
            }
        }
        return UtilityReport(pmse: propensity!.pmse, sPMSE: propensity!.sPMSE, propensity: propensity!, tstr: tstr, seed: seed, options: options)
    }

    private enum Part: Sendable {
        case propensity(Result<PropensityResult, any Error>)
        case tstr(Result<TSTRResult, any Error>)
    }
}
