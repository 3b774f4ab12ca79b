/// Pearson's correlation over the rows where both values are present (NaN is null), as
/// SDMetrics' CorrelationSimilarity computes it after dropping rows with a null in either column.
enum PearsonCorrelation {
    /// Nil for fewer than two complete rows or a constant side (scipy then gives no value).
    static func coefficient(_ x: [Double], _ y: [Double]) -> Double? {
        precondition(x.count == y.count)
        var count = 0, sumX = 0.0, sumY = 0.0
        for row in 0..<x.count where !x[row].isNaN && !y[row].isNaN {
            count += 1
            sumX += x[row]
            sumY += y[row]
        }
        guard count >= 2 else { return nil }
        // Two passes (means first) keep the sums of squares accurate for large offsets such as
        // epoch seconds.
        let meanX = sumX / Double(count), meanY = sumY / Double(count)
        var xx = 0.0, yy = 0.0, xy = 0.0
        for row in 0..<x.count where !x[row].isNaN && !y[row].isNaN {
            let dx = x[row] - meanX, dy = y[row] - meanY
            xx += dx * dx
            yy += dy * dy
            xy += dx * dy
        }
        guard xx > 0, yy > 0 else { return nil }
        return min(1, max(-1, xy / (xx * yy).squareRoot()))
    }

    /// True when the column's non-null values are all one value: SDMetrics refuses to score a
    /// pair with such a column (before dropping the pair's incomplete rows).
    static func isConstant(_ values: [Double]) -> Bool {
        var first: Double?
        for value in values where !value.isNaN {
            if let first, first != value { return false }
            first = value
        }
        return first != nil
    }
}
