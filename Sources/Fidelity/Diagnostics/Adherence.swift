/// Which validity check a column had.
public enum AdherenceMetric: String, Sendable, Codable {
    /// Share of synthetic values within the real minimum and maximum (numbers, datetimes).
    case boundaryAdherence = "BoundaryAdherence"
    /// Share of synthetic values that are real categories (categories, booleans).
    case categoryAdherence = "CategoryAdherence"
}

/// One column's validity score.
public struct AdherenceScore: Sendable, Codable, Equatable {
    public let column: String
    public let metric: AdherenceMetric
    /// Nil when there is no synthetic value to judge.
    public let score: Double?

    public init(column: String, metric: AdherenceMetric, score: Double?) {
        self.column = column
        self.metric = metric
        self.score = score
    }
}

/// SDMetrics' BoundaryAdherence and CategoryAdherence, with their rule for nulls: when the real
/// column has nulls, a synthetic null is fine (boundary: left out; category: counted valid);
/// when it has none, a synthetic null counts as a violation.
enum Adherence {
    static func score(_ column: PreparedColumn) -> AdherenceScore {
        column.isContinuous
            ? AdherenceScore(column: column.name, metric: .boundaryAdherence,
                             score: boundary(real: column.realValues, synthetic: column.syntheticValues))
            : AdherenceScore(column: column.name, metric: .categoryAdherence,
                             score: category(column.categories!))
    }

    static func boundary(real: [Double], synthetic: [Double]) -> Double? {
        var low = Double.infinity, high = -Double.infinity, realHasNull = false
        for value in real {
            if value.isNaN { realHasNull = true; continue }
            low = min(low, value)
            high = max(high, value)
        }
        var judged = 0, inside = 0
        for value in synthetic {
            if value.isNaN && realHasNull { continue }
            judged += 1
            if value >= low && value <= high { inside += 1 }
        }
        return judged == 0 ? nil : Double(inside) / Double(judged)
    }

    static func category(_ categories: SharedCategories) -> Double? {
        guard !categories.synthetic.isEmpty else { return nil }
        var isReal = [Bool](repeating: false, count: categories.codeCount)
        for code in categories.real { isReal[Int(code)] = true }
        // The null code is "real" exactly when the real column has nulls.
        let valid = categories.synthetic.reduce(0) { $0 + (isReal[Int($1)] ? 1 : 0) }
        return Double(valid) / Double(categories.synthetic.count)
    }
}
