/// Equal-width bins with numpy's `histogram_bin_edges` + `digitize` semantics, which SDMetrics'
/// Column Pair Trends uses to turn a continuous column into a discrete one.
///
/// - Edges span the non-null minimum to maximum (`0...1` when there is no value, `±0.5` around a
///   constant), computed as numpy's `linspace` does: `edge[i] = i·step + first`, last edge exact.
/// - A value's bin is the number of edges at or below it (`digitize`, `right=False`): values in
///   the first interval get 1, and the maximum lands in bin `count + 1`, a bin of its own.
/// - NaN (null) also lands in bin `count + 1`, sharing the maximum's cell: numpy's sort order puts
///   NaN after every number. Matching SDMetrics means keeping both quirks.
struct EqualWidthBins: Sendable, Equatable {
    let edges: [Double]

    /// Bins over the non-NaN values of `values`.
    init(values: [Double], count: Int = 10) {
        var low = Double.infinity, high = -Double.infinity
        for value in values where !value.isNaN {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        if low > high { (low, high) = (0, 1) }
        self.init(low: low, high: high, count: count)
    }

    init(low: Double, high: Double, count: Int) {
        var first = low, last = high
        if first == last {
            first -= 0.5
            last += 0.5
        }
        let step = (last - first) / Double(count)
        var edges = (0...count).map { Double($0) * step + first }
        edges[count] = last
        self.edges = edges
    }

    /// The largest code `bin` returns.
    var maximumCode: Int { edges.count }

    /// numpy's `digitize(value, edges)`: 0 below the first edge, `edges.count` at or above the
    /// last edge and for NaN.
    @inline(__always)
    func bin(_ value: Double) -> Int {
        if value.isNaN { return edges.count }
        var low = 0, high = edges.count
        while low < high {
            let middle = (low + high) >> 1
            if edges[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Bin codes of every value.
    func codes(_ values: [Double]) -> [Int32] {
        values.map { Int32(bin($0)) }
    }
}
