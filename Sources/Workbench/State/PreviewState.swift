import Fidelity
import Synthesis
import Tabular

/// Synthetic rows of the current plan: rows 0..<n of chunk 0, exactly what `doppel run` writes
/// first, with the fitted units cached (`FitCache`) so that an edit refits only what it touched.
public struct PreviewState: Sendable {
    /// A fitted column and the plan column it was fitted from.
    public struct Fitted: Sendable {
        public var plan: ColumnPlan
        public var column: FittedColumn
    }

    /// A generated column, and what it was generated from.
    public struct Generated: Sendable {
        public var plan: ColumnPlan
        public var seed: UInt64
        public var totalRows: Int
        public var values: SyntheticColumn
    }

    /// The newest request; results of older ones are dropped.
    public var generation = 0
    /// A request is running.
    public var pending = false
    public var fitted: [String: Fitted] = [:]
    public var generated: [String: Generated] = [:]
    /// Fit or generation errors by column.
    public var errors: [String: String] = [:]
    /// Fits of earlier previews (columns and joint groups, keyed by their part of the plan).
    public var cache = FitCache()
    /// The rows come from a joint group fitted on a sample; the fit on all rows is running.
    public var approximate = false
    /// Columns whose rows are the last good ones, kept on screen while the newest preview
    /// failed for them (drawn muted, the title says so).
    public var stale: Set<String> = []

    /// Rows the preview holds (chunk 0 of the output).
    public var rowCount: Int {
        generated.values.first.map { $0.values.values.count } ?? 0
    }
}

/// Quality and privacy of the preview against the real rows.
public struct FidelityState: Sendable {
    /// The preview generation the figures belong to.
    public var generation = -1
    public var qualityPending = false
    public var privacyPending = false
    public var quality: QualityReport?
    public var histograms: [String: HistogramComparison] = [:]
    public var categories: [String: CategoryComparison] = [:]
    public var correlations: CorrelationMatrices?
    public var privacy: PrivacyReport?
    /// The preview checked against the rules found in the real data.
    public var rules: RuleAdherence?
    /// Privacy of the newest preview, not asked for yet: it is the slow part, so it runs only
    /// while the fidelity page or the column panel (which shows disclosure hints) is open.
    public var privacyJob: FidelityJob?
    public var error: String?
}
