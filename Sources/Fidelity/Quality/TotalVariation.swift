/// SDMetrics' TVComplement: `1 − ½ Σ |synthetic share − real share|` over the non-null values.
///
/// SDMetrics adds a pseudo-count of 1e-6 to the real counts of values only the synthetic data
/// has (to avoid dividing by zero in its frequency helper); the real shares are then taken over
/// the counts including those pseudo-counts. The effect is below 1e-6, but it is kept so that
/// figures match to the last digits.
enum TotalVariation {
    static let pseudoCount = 1e-6

    /// Nil when either side has no non-null value.
    static func complement(realCounts: [Int], syntheticCounts: [Int]) -> Double? {
        precondition(realCounts.count == syntheticCounts.count)
        let realTotal = realCounts.reduce(0, +), syntheticTotal = syntheticCounts.reduce(0, +)
        guard realTotal > 0, syntheticTotal > 0 else { return nil }
        var syntheticOnly = 0
        for index in realCounts.indices where realCounts[index] == 0 && syntheticCounts[index] > 0 { syntheticOnly += 1 }
        let regularizedTotal = Double(realTotal) + Double(syntheticOnly) * pseudoCount
        var variation = 0.0
        for index in realCounts.indices where realCounts[index] > 0 || syntheticCounts[index] > 0 {
            let real = realCounts[index] > 0 ? Double(realCounts[index]) : pseudoCount
            variation += abs(Double(syntheticCounts[index]) / Double(syntheticTotal) - real / regularizedTotal)
        }
        return 1 - 0.5 * variation
    }

    /// Counts of codes `0..<levelCount` (codes at or past `levelCount`, such as null, are skipped).
    static func counts(_ codes: [Int32], levelCount: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: levelCount)
        for code in codes where Int(code) < levelCount { counts[Int(code)] += 1 }
        return counts
    }
}
