/// Settings of the privacy report; the defaults are the ones `doppel report` uses.
public struct PrivacyOptions: Codable, Sendable, Equatable {
    /// Most rows of each table used for nearest-record distances (DCR, NNDR). Larger tables are
    /// sampled without replacement from the report's seed, as SDMetrics' `num_rows_subsample`
    /// samples, and the report states the sizes used.
    public var maxRows: Int
    /// Search work after which no more synthetic rows are compared, in cells compared (see
    /// `NearestRecordIndex`). Structured data such as diamonds never reaches it; wide data with no
    /// structure (where any exact search scans most records) stops on a smaller, still uniform,
    /// sample of synthetic rows, so the report keeps to seconds. Counted, not timed, so the
    /// result stays reproducible.
    public var workBudget: Int
    /// A real level seen in fewer rows than this is rare (SDMetrics' and k-anonymity's usual 5).
    public var rareCategoryThreshold: Int
    /// The quasi-identifier columns; nil picks every categorical column with at most
    /// `quasiIdentifierMaxLevels` real levels and every numeric or datetime column.
    public var quasiIdentifiers: [String]?
    public var quasiIdentifierMaxLevels: Int
    /// Equal-width bins over the real range for numeric quasi-identifiers.
    public var quasiIdentifierBins: Int
    /// Most examples listed per hint.
    public var exampleLimit: Int

    public init(maxRows: Int = 50_000, workBudget: Int = 2_000_000_000, rareCategoryThreshold: Int = 5, quasiIdentifiers: [String]? = nil,
                quasiIdentifierMaxLevels: Int = 20, quasiIdentifierBins: Int = 10, exampleLimit: Int = 10) {
        self.maxRows = maxRows
        self.workBudget = workBudget
        self.rareCategoryThreshold = rareCategoryThreshold
        self.quasiIdentifiers = quasiIdentifiers
        self.quasiIdentifierMaxLevels = quasiIdentifierMaxLevels
        self.quasiIdentifierBins = quasiIdentifierBins
        self.exampleLimit = exampleLimit
    }
}
