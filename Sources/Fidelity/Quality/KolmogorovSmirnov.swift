/// The two-sample Kolmogorov–Smirnov statistic: the largest gap between the two empirical CDFs,
/// as scipy's `ks_2samp` reports it (the statistic does not depend on its p-value method).
enum KolmogorovSmirnov {
    /// `D` for two ascending-sorted samples without NaN; nil when either is empty (SDMetrics then
    /// reports no score for the column).
    static func statistic(sortedReal a: [Double], sortedSynthetic b: [Double]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let n = Double(a.count), m = Double(b.count)
        var i = 0, j = 0, largest = 0.0
        // Step through the distinct values of both samples; after all copies of a value are
        // passed on both sides the CDFs are at that value's right limit, where the gap is read.
        while i < a.count || j < b.count {
            let value = j == b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            while i < a.count && a[i] == value { i += 1 }
            while j < b.count && b[j] == value { j += 1 }
            largest = max(largest, abs(Double(i) / n - Double(j) / m))
        }
        return largest
    }
}
