import Tabular
/// Deterministic row choices: subsamples of large tables, the holdout split, permutations.
/// Everything depends only on the row count and the seed.
enum RowSample {
    /// The rows 0..<rows in an order drawn by Fisher–Yates.
    static func permutation(_ rows: Int, seed: UInt64, purpose: UInt64) -> [Int] {
        var order = Array(0..<rows)
        var random = SplitMix64(seed: seed, purpose: purpose)
        var index = rows - 1
        while index > 0 {
            order.swapAt(index, random.next(below: index + 1))
            index -= 1
        }
        return order
    }

    /// At most `limit` distinct rows of `rows`, ascending (all of them when there are no more than
    /// `limit`), so that a subsample reads the table front to back.
    static func choose(_ limit: Int, of rows: [Int], seed: UInt64, purpose: UInt64) -> [Int] {
        guard rows.count > limit else { return rows }
        var pool = rows
        var random = SplitMix64(seed: seed, purpose: purpose)
        for index in 0..<limit {
            pool.swapAt(index, index + random.next(below: pool.count - index))
        }
        return pool[0..<limit].sorted()
    }

    /// Splits 0..<rows into a training part and a test part holding `testFraction` of the rows
    /// (rounded, at least one row of each when there are two rows or more). Both ascending.
    static func split(_ rows: Int, testFraction: Double, seed: UInt64, purpose: UInt64) -> (train: [Int], test: [Int]) {
        let order = permutation(rows, seed: seed, purpose: purpose)
        var testCount = Int((Double(rows) * testFraction).rounded())
        if rows >= 2 { testCount = min(max(testCount, 1), rows - 1) }
        return (Array(order[testCount...]).sorted(), Array(order[..<testCount]).sorted())
    }
}
