/// How one column's distribution was compared.
public enum ColumnShapeMetric: String, Sendable, Codable {
    /// `1 − KS statistic`, for numbers and datetimes (nulls dropped).
    case ksComplement = "KSComplement"
    /// `1 − total variation distance`, for categories and booleans (nulls dropped).
    case tvComplement = "TVComplement"
}

/// One column's Column Shapes score.
public struct ColumnShapeScore: Sendable, Codable, Equatable {
    public let column: String
    public let metric: ColumnShapeMetric
    /// Nil when a side has no non-null value (SDMetrics reports NaN and leaves it out of the mean).
    public let score: Double?

    public init(column: String, metric: ColumnShapeMetric, score: Double?) {
        self.column = column
        self.metric = metric
        self.score = score
    }
}

/// Column Shapes as SDMetrics defines it: each column's marginal distribution, real against
/// synthetic.
enum ColumnShapes {
    static func score(_ column: PreparedColumn) -> ColumnShapeScore {
        if column.isContinuous {
            var real = NumberLine.sortedNonNull(column.realValues)
            var synthetic = NumberLine.sortedNonNull(column.syntheticValues)
            if column.kind != .datetime {
                // SDMetrics rounds numbers to 14 decimals first (datetimes are integer nanoseconds
                // there, which rounding leaves alone). The rounding is monotone, so the order holds.
                real = real.map(roundedTo14Decimals)
                synthetic = synthetic.map(roundedTo14Decimals)
            }
            let statistic = KolmogorovSmirnov.statistic(sortedReal: real, sortedSynthetic: synthetic)
            return ColumnShapeScore(column: column.name, metric: .ksComplement, score: statistic.map { 1 - $0 })
        }
        let levels = column.categories!.levels.count
        let score = TotalVariation.complement(realCounts: TotalVariation.counts(column.realCodes, levelCount: levels),
                                              syntheticCounts: TotalVariation.counts(column.syntheticCodes, levelCount: levels))
        return ColumnShapeScore(column: column.name, metric: .tvComplement, score: score)
    }

    /// numpy's `round(x, 14)`: `rint(x · 1e14) / 1e14`. It can only merge values closer than
    /// 1e-14, which changes the statistic only through ties, but it is kept to match exactly.
    static func roundedTo14Decimals(_ value: Double) -> Double {
        let scaled = value * 1e14
        return scaled.isFinite ? scaled.rounded(.toNearestOrEven) / 1e14 : value
    }
}
