import Tabular

/// Every feature's rows sorted by value (ties by row), the one O(n log n) step of growing a tree.
/// Trees grown on the same features with other labels (the propensity null's permutations)
/// share one `PresortedFeatures` and only copy it.
struct PresortedFeatures: Sendable {
    let rows: Int
    let featureCount: Int
    /// `order[f * rows + i]`: the row with the i-th smallest value of feature f.
    let order: [Int32]
    /// `sorted[f * rows + i]`: that value.
    let sorted: [Double]

    init(_ x: FeatureMatrix) {
        rows = x.rows
        featureCount = x.columnCount
        let columns = x.columns
        let perFeature = Parallel.map(featureCount) { Self.sort(columns[$0]) }
        order = perFeature.flatMap(\.order)
        sorted = perFeature.flatMap(\.sorted)
    }

    /// Dummy columns (only 0 and 1) take one linear pass instead of a sort.
    private static func sort(_ column: [Double]) -> (order: [Int32], sorted: [Double]) {
        if column.allSatisfy({ $0 == 0 || $0 == 1 }) {
            var order: [Int32] = []
            order.reserveCapacity(column.count)
            for row in column.indices where column[row] == 0 { order.append(Int32(row)) }
            let zeros = order.count
            for row in column.indices where column[row] == 1 { order.append(Int32(row)) }
            return (order, [Double](repeating: 0, count: zeros) + [Double](repeating: 1, count: column.count - zeros))
        }
        var pairs = column.indices.map { (column[$0], Int32($0)) }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        return (pairs.map(\.1), pairs.map(\.0))
    }
}
