import Tabular

/// How closely a synthetic table follows the real one, with SDMetrics 0.32's single-table
/// QualityReport definitions, plus the diagnostics.
///
/// - Column Shapes: the mean over scored columns (`QualityColumns`) of `1 − KS` (numbers,
///   datetimes) or `1 − TVD` (categories, booleans, text and codes), nulls dropped.
/// - Column Pair Trends: the mean over pairs whose real data show a relationship
///   (`|ρ| > 0.5`, or Cramér's V `> 0.3`) of `1 − |Δρ| / 2` (two continuous columns) or
///   `1 − TVD` of the joint frequencies (other pairs; continuous columns in 10 equal-width bins,
///   each table on its own edges; null a cell of its own).
/// - Overall: the mean of the two that exist (when no pair meets its threshold, Column Pair
///   Trends has no value and the overall score is Column Shapes alone, as in SDMetrics).
///
/// Contingency pairs of tables over 50,000 rows are counted on a fixed sample of 50,000 rows of
/// each table (SDMetrics samples at random, per pair).
public struct QualityReport: Sendable, Codable, Equatable {
    /// The overall score in [0, 1] (nil when nothing could be evaluated).
    public let score: Double?
    public let columnShapes: Double?
    /// Over the pairs that meet their threshold: the figure SDMetrics reports.
    public let columnPairTrends: Double?
    /// Over every pair with a score, whatever its real relationship.
    public let columnPairTrendsAll: Double?
    /// Per scored column, in the real table's order.
    public let columns: [ColumnShapeScore]
    /// Per pair of scored columns, in the order of the real table's columns.
    public let pairs: [PairTrendScore]
    public let diagnostics: DataDiagnostics
    /// Rows of the real and synthetic tables behind the contingency pairs (smaller than the
    /// tables when they were sampled).
    public let pairSampleRows: SampleSizes
    public let settings: QualitySettings
    /// Columns of both tables that are not scored, and why.
    public let leftOut: [LeftOutColumn]
    /// Columns SDMetrics with SDV's detected metadata would treat otherwise (scored vs skipped).
    public let detectionDifferences: [DetectionDifference]

    /// Row counts of the two tables as used.
    public struct SampleSizes: Sendable, Codable, Equatable {
        public let real: Int
        public let synthetic: Int

        public init(real: Int, synthetic: Int) {
            self.real = real
            self.synthetic = synthetic
        }
    }

    public init(score: Double?, columnShapes: Double?, columnPairTrends: Double?, columnPairTrendsAll: Double?,
                columns: [ColumnShapeScore], pairs: [PairTrendScore], diagnostics: DataDiagnostics,
                pairSampleRows: SampleSizes, settings: QualitySettings = .sdmetrics,
                leftOut: [LeftOutColumn] = [], detectionDifferences: [DetectionDifference] = []) {
        self.score = score
        self.columnShapes = columnShapes
        self.columnPairTrends = columnPairTrends
        self.columnPairTrendsAll = columnPairTrendsAll
        self.columns = columns
        self.pairs = pairs
        self.diagnostics = diagnostics
        self.pairSampleRows = pairSampleRows
        self.settings = settings
        self.leftOut = leftOut
        self.detectionDifferences = detectionDifferences
    }

    /// Computes the report on all cores.
    public static func compute(_ data: FidelityData, settings: QualitySettings = .sdmetrics) -> QualityReport {
        let selection = QualityColumns(data, settings: settings)
        let prepared = PreparedColumn.all(data, columns: selection.scored, binCount: settings.binCount)
        let rows = ColumnPairTrends.Rows(realCount: data.real.rowCount, syntheticCount: data.synthetic.rowCount,
                                         settings: settings)
        let pairIndices = prepared.indices.flatMap { first in (first + 1..<prepared.count).map { (first, $0) } }
        // Columns and pairs are independent: one parallel batch of both, columns first.
        let columnCount = prepared.count
        let results = Parallel.map(columnCount + pairIndices.count) { task -> Result in
            if task < columnCount { return .column(ColumnShapes.score(prepared[task])) }
            let (first, second) = pairIndices[task - columnCount]
            return .pair(ColumnPairTrends.score(prepared[first], prepared[second], rows: rows, settings: settings))
        }
        let columns = results.compactMap { if case .column(let score) = $0 { score } else { nil } }
        let pairs = results.compactMap { if case .pair(let score) = $0 { score } else { nil } }

        let columnShapes = ScoreAverage.mean(columns.compactMap(\.score))
        let pairTrends = ScoreAverage.mean(pairs.filter(\.meetsThreshold).compactMap(\.score))
        return QualityReport(
            score: ScoreAverage.mean([columnShapes, pairTrends].compactMap { $0 }),
            columnShapes: columnShapes,
            columnPairTrends: pairTrends,
            columnPairTrendsAll: ScoreAverage.mean(pairs.compactMap(\.score)),
            columns: columns,
            pairs: pairs,
            diagnostics: DataDiagnostics.compute(data, prepared: prepared),
            pairSampleRows: SampleSizes(real: rows.real?.count ?? data.real.rowCount,
                                        synthetic: rows.synthetic?.count ?? data.synthetic.rowCount),
            settings: settings,
            leftOut: selection.leftOut,
            detectionDifferences: DetectionDifference.all(data, columns: selection))
    }

    private enum Result: Sendable {
        case column(ColumnShapeScore)
        case pair(PairTrendScore)
    }
}
