/// The knobs of the quality report. The defaults are SDMetrics 0.32's QualityReport defaults,
/// so that Doppel's figures compare with the ones people already know.
public struct QualitySettings: Sendable, Codable, Equatable {
    /// A numeric pair counts toward Column Pair Trends when its real `|ρ|` exceeds this.
    public var correlationThreshold: Double
    /// A categorical or mixed pair counts when its real Cramér's V exceeds this.
    public var associationThreshold: Double
    /// Contingency pairs of tables larger than this are computed on this many rows of each
    /// table; nil computes every row.
    public var subsampleRows: Int?
    /// The seed of that sample (SDMetrics draws at random; Doppel's sample is fixed).
    public var subsampleSeed: UInt64
    /// Equal-width bins a continuous column is cut into when paired with a categorical one.
    public var binCount: Int
    /// Text and code columns (not near-unique) are scored as categories, as SDMetrics scores
    /// them with SDV's detected metadata. Off, only the kinds of `FidelityData.columns` are.
    public var scoresTextAndCodes: Bool

    public init(correlationThreshold: Double = 0.5, associationThreshold: Double = 0.3,
                subsampleRows: Int? = 50_000, subsampleSeed: UInt64 = 20_240_601, binCount: Int = 10,
                scoresTextAndCodes: Bool = true) {
        self.correlationThreshold = correlationThreshold
        self.associationThreshold = associationThreshold
        self.subsampleRows = subsampleRows
        self.subsampleSeed = subsampleSeed
        self.binCount = binCount
        self.scoresTextAndCodes = scoresTextAndCodes
    }

    /// SDMetrics 0.32's defaults.
    public static let sdmetrics = QualitySettings()
}
