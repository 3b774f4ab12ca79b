import Declaration

/// How private `doppel plan` wants its chosen model to be, measured on rows it holds back:
/// the DCR share (how much closer synthetic rows sit to training rows than to unseen real rows;
/// 0.5 is ideal) and the exact copy rate against the holdout's own copy rate (the floor for data
/// with repeated rows). A measured share counts as over its limit only when it is over by more
/// than its standard error, and only when that error supports a verdict (at most 0.02).
public enum PrivacySetting: String, Hashable, Sendable, CaseIterable, DeclaredChoice {
    /// DCR share at most 0.51, copy rate at most the holdout's.
    case strict
    /// DCR share at most 0.52, copy rate at most the holdout's + 0.5 percentage points.
    case balanced
    /// Quality alone decides.
    case off

    public static let `default` = PrivacySetting.balanced

    public static var choiceDoc: String? {
        "How doppel plan weighs privacy when it chooses the joint model, measured on held-back rows: strict (DCR share <= 0.51, copy rate <= the holdout's), balanced (DCR share <= 0.52, copy rate <= the holdout's + 0.5 pp), off (quality alone)."
    }

    /// The most a candidate's DCR share may be (nil: not checked).
    public var maxDCRShare: Double? {
        switch self {
        case .strict: return 0.51
        case .balanced: return 0.52
        case .off: return nil
        }
    }

    /// How far a candidate's exact copy rate may exceed the holdout's (nil: not checked).
    public var copyRateAllowance: Double? {
        switch self {
        case .strict: return 0
        case .balanced: return 0.005
        case .off: return nil
        }
    }

    /// The limits in words, for messages: "DCR share <= 0.52 and copy rate <= the holdout's + 0.5 pp".
    public var limits: String {
        switch self {
        case .strict: return "DCR share <= 0.51 and copy rate <= the holdout's"
        case .balanced: return "DCR share <= 0.52 and copy rate <= the holdout's + 0.5 pp"
        case .off: return "none (quality alone)"
        }
    }
}
