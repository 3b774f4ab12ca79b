/// How one column pair's relationship was compared.
public enum PairTrendMetric: String, Sendable, Codable {
    /// `1 − |ρ_real − ρ_synthetic| / 2`, Pearson, for two continuous columns.
    case correlationSimilarity = "CorrelationSimilarity"
    /// `1 − TVD` of the joint frequencies, for categorical or mixed pairs (continuous columns cut
    /// into equal-width bins).
    case contingencySimilarity = "ContingencySimilarity"
}

/// One column pair's Column Pair Trends score.
public struct PairTrendScore: Sendable, Codable, Equatable {
    public let column1: String
    public let column2: String
    public let metric: PairTrendMetric
    /// The similarity, whether or not the pair meets the threshold; nil when undefined (a constant
    /// column, too few complete rows, an empty side).
    public let score: Double?
    /// Pearson's ρ of the real and synthetic pair (correlation pairs only).
    public let realCorrelation: Double?
    public let syntheticCorrelation: Double?
    /// Cramér's V of the real contingency table (contingency pairs only).
    public let realAssociation: Double?
    /// True when the real data show a relationship strong enough for the pair to count toward
    /// `QualityReport.columnPairTrends`.
    public let meetsThreshold: Bool

    public init(column1: String, column2: String, metric: PairTrendMetric, score: Double?,
                realCorrelation: Double?, syntheticCorrelation: Double?, realAssociation: Double?,
                meetsThreshold: Bool) {
        self.column1 = column1
        self.column2 = column2
        self.metric = metric
        self.score = score
        self.realCorrelation = realCorrelation
        self.syntheticCorrelation = syntheticCorrelation
        self.realAssociation = realAssociation
        self.meetsThreshold = meetsThreshold
    }
}

/// Column Pair Trends as SDMetrics 0.32 computes it.
enum ColumnPairTrends {
    /// The rows each side's contingency tables count: a fixed sample when either table is larger
    /// than the settings' limit (nil means every row).
    struct Rows: Sendable {
        let real: [Int]?
        let synthetic: [Int]?

        init(realCount: Int, syntheticCount: Int, settings: QualitySettings) {
            if let limit = settings.subsampleRows, max(realCount, syntheticCount) > limit {
                real = RowSample.choose(limit, of: Array(0..<realCount), seed: settings.subsampleSeed, purpose: Self.realPurpose)
                synthetic = RowSample.choose(limit, of: Array(0..<syntheticCount), seed: settings.subsampleSeed,
                                             purpose: Self.syntheticPurpose)
            } else {
                real = nil
                synthetic = nil
            }
        }

        /// Sample streams of their own, apart from the other metrics' samples.
        static let realPurpose: UInt64 = 0x5041_4952_5245_414C
        static let syntheticPurpose: UInt64 = 0x5041_4952_5359_4E54
    }

    static func score(_ first: PreparedColumn, _ second: PreparedColumn, rows: Rows,
                      settings: QualitySettings) -> PairTrendScore {
        if first.isContinuous && second.isContinuous {
            return correlation(first, second, settings: settings)
        }
        return contingency(first, second, rows: rows, settings: settings)
    }

    private static func correlation(_ first: PreparedColumn, _ second: PreparedColumn,
                                    settings: QualitySettings) -> PairTrendScore {
        // SDMetrics refuses a pair with a constant column on either side before anything else.
        let constant = [first.realValues, second.realValues, first.syntheticValues, second.syntheticValues]
            .contains(where: PearsonCorrelation.isConstant)
        let real = constant ? nil : PearsonCorrelation.coefficient(first.realValues, second.realValues)
        let synthetic = constant ? nil : PearsonCorrelation.coefficient(first.syntheticValues, second.syntheticValues)
        let score = real.flatMap { real in synthetic.map { 1 - abs(real - $0) / 2 } }
        return PairTrendScore(column1: first.name, column2: second.name, metric: .correlationSimilarity,
                              score: score, realCorrelation: real, syntheticCorrelation: synthetic,
                              realAssociation: nil,
                              meetsThreshold: real.map { abs($0) > settings.correlationThreshold } ?? false)
    }

    private static func contingency(_ first: PreparedColumn, _ second: PreparedColumn, rows: Rows,
                                    settings: QualitySettings) -> PairTrendScore {
        let real = Contingency(first.realCodes, widthA: first.codeWidth, second.realCodes, widthB: second.codeWidth,
                               rows: rows.real)
        let synthetic = Contingency(first.syntheticCodes, widthA: first.codeWidth, second.syntheticCodes,
                                    widthB: second.codeWidth, rows: rows.synthetic)
        let association = real.cramersV
        return PairTrendScore(column1: first.name, column2: second.name, metric: .contingencySimilarity,
                              score: Contingency.similarity(real: real, synthetic: synthetic),
                              realCorrelation: nil, syntheticCorrelation: nil, realAssociation: association,
                              meetsThreshold: association.map { $0 > settings.associationThreshold } ?? false)
    }
}
