/// Small helpers shared by the report computations.
enum ScoreAverage {
    /// The mean, or nil for no values (SDMetrics' mean of an empty selection is NaN).
    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
