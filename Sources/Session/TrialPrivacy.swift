import Fidelity
import Synthesis

/// A candidate's privacy against the held-back rows, and whether it meets the setting.
public struct TrialPrivacy: Sendable, Equatable {
    public var dcrShare: Double?
    public var dcrStandardError: Double?
    public var copyRate: Double
    public var holdoutCopyRate: Double
    public var meets: Bool

    /// Whether the DCR share rests on enough rows for a verdict.
    public var supportsVerdict: Bool { (dcrStandardError ?? 1) <= DCRShare.verdictStandardError }

    /// How far the copy rate exceeds the holdout's.
    public var copyExcess: Double { copyRate - holdoutCopyRate }

    public init(dcrShare: Double?, dcrStandardError: Double?, copyRate: Double, holdoutCopyRate: Double, meets: Bool) {
        self.dcrShare = dcrShare
        self.dcrStandardError = dcrStandardError
        self.copyRate = copyRate
        self.holdoutCopyRate = holdoutCopyRate
        self.meets = meets
    }

    init(_ check: PrivacyCheck, setting: PrivacySetting) {
        self.init(dcrShare: check.dcrShare?.share, dcrStandardError: check.dcrShare?.standardError,
                  copyRate: check.exactCopyRate, holdoutCopyRate: check.holdoutCopyRate, setting: setting)
    }

    /// The figures, judged against `setting`.
    public init(dcrShare: Double?, dcrStandardError: Double?, copyRate: Double, holdoutCopyRate: Double, setting: PrivacySetting) {
        self.dcrShare = dcrShare
        self.dcrStandardError = dcrStandardError
        self.copyRate = copyRate
        self.holdoutCopyRate = holdoutCopyRate
        var meets = true
        // A share from too few held-back rows cannot support a verdict (DCRShare's own rule):
        // only the copy rate judges then.
        // A share over the limit by less than its standard error is not evidence of copying
        // (on credit_data's 712 held-back rows, marginals alone measure 0.513 ± 0.019), so
        // it counts as meeting the limit; rejecting on it would choose by noise.
        let error = dcrStandardError ?? 1
        if let limit = setting.maxDCRShare, let share = dcrShare, share > limit + error, error <= DCRShare.verdictStandardError {
            meets = false
        }
        if let allowance = setting.copyRateAllowance, copyRate > holdoutCopyRate + allowance + 1e-12 { meets = false }
        self.meets = meets
    }

    /// Over several groups: the highest share and copy excess, met only if every group met.
    static func worst(_ all: [TrialPrivacy]) -> TrialPrivacy? {
        guard var result = all.first else { return nil }
        for other in all.dropFirst() {
            if let share = other.dcrShare, share > (result.dcrShare ?? -1) {
                result.dcrShare = share
                result.dcrStandardError = other.dcrStandardError
            }
            if other.copyExcess > result.copyExcess {
                result.copyRate = other.copyRate
                result.holdoutCopyRate = other.holdoutCopyRate
            }
            result.meets = result.meets && other.meets
        }
        return result
    }

    /// "DCR share 0.534 ± 0.007, copies 0.03% (holdout 0.51%)".
    public var summary: String {
        var share = dcrShare.map { String(format: "DCR share %.3f", $0) + (dcrStandardError.map { String(format: " +/- %.3f", $0) } ?? "") } ?? "DCR share n/a"
        if dcrShare != nil && !supportsVerdict { share += " (too few rows held back for a verdict)" }
        return share + String(format: ", copies %.2f%% (holdout %.2f%%)", 100 * copyRate, 100 * holdoutCopyRate)
    }
}

/// No candidate met the setting; the most private one was kept.
public struct PrivacyShortfall: Sendable, Equatable {
    public var setting: PrivacySetting
    public var kept: JointModelChoice.Trial

    /// One plain sentence naming the setting, its limits and the figures.
    public var message: String {
        let name = kept.model ?? "marginals alone"
        return "no candidate met --privacy \(setting.rawValue) (\(setting.limits)); kept the most private, \(name): "
            + (kept.privacy?.summary ?? "not measured")
    }
}
