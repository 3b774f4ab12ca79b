import Tabular

/// The data of an overlaid histogram of one continuous column: real and synthetic values counted
/// in the same equal-width bins, which span the range of both tables together.
public struct HistogramComparison: Sendable, Codable, Equatable {
    public let column: String
    public let kind: ColumnKind
    /// `bins + 1` ascending edges (epoch seconds for datetimes). Bin `i` holds values in
    /// `edges[i] ..< edges[i + 1]`; the last bin also holds its upper edge.
    public let edges: [Double]
    /// Each bin's share of the side's non-null values (each side sums to 1, or 0 when empty).
    public let real: [Double]
    public let synthetic: [Double]
    /// Each side's share of null rows.
    public let realNullShare: Double
    public let syntheticNullShare: Double

    public init(column: String, kind: ColumnKind, edges: [Double], real: [Double], synthetic: [Double],
                realNullShare: Double = 0, syntheticNullShare: Double = 0) {
        precondition(real.count == edges.count - 1 && synthetic.count == edges.count - 1, "one share per bin")
        self.column = column
        self.kind = kind
        self.edges = edges
        self.real = real
        self.synthetic = synthetic
        self.realNullShare = realNullShare
        self.syntheticNullShare = syntheticNullShare
    }

    /// The histogram of one column; nil when neither side has a value.
    public static func compute(column: String, kind: ColumnKind, real: Column, synthetic: Column,
                               bins: Int = 20) -> HistogramComparison? {
        precondition(bins > 0, "a histogram needs at least one bin")
        let realValues = NumberLine.values(real), syntheticValues = NumberLine.values(synthetic)
        var low = Double.infinity, high = -Double.infinity
        for value in realValues where !value.isNaN { low = min(low, value); high = max(high, value) }
        for value in syntheticValues where !value.isNaN { low = min(low, value); high = max(high, value) }
        guard low <= high else { return nil }
        let edges = EqualWidthBins(low: low, high: high, count: bins).edges
        func shares(_ values: [Double]) -> (bins: [Double], nullShare: Double) {
            var counts = [Int](repeating: 0, count: bins)
            var present = 0
            for value in values where !value.isNaN {
                counts[bin(value, edges)] += 1
                present += 1
            }
            let nullShare = values.isEmpty ? 0 : Double(values.count - present) / Double(values.count)
            return (counts.map { present == 0 ? 0 : Double($0) / Double(present) }, nullShare)
        }
        let realShares = shares(realValues), syntheticShares = shares(syntheticValues)
        return HistogramComparison(column: column, kind: kind, edges: edges, real: realShares.bins,
                                   synthetic: syntheticShares.bins, realNullShare: realShares.nullShare,
                                   syntheticNullShare: syntheticShares.nullShare)
    }

    /// One histogram per continuous evaluated column, in the real table's order.
    public static func all(_ data: FidelityData, bins: Int = 20) -> [HistogramComparison] {
        let names = data.columns.filter { FidelityData.isContinuous(data.kinds[$0]!) }
        return Parallel.map(names.count) { index in
            compute(column: names[index], kind: data.kinds[names[index]]!,
                    real: data.real.column(named: names[index])!,
                    synthetic: data.synthetic.column(named: names[index])!, bins: bins)
        }.compactMap { $0 }
    }

    /// numpy.histogram's bin: half-open bins, the last one closed.
    private static func bin(_ value: Double, _ edges: [Double]) -> Int {
        var low = 0, high = edges.count - 1
        // The last edge `e` with e <= value, clamped into 0..<bins.
        while low < high {
            let middle = (low + high + 1) >> 1
            if edges[middle] <= value { low = middle } else { high = middle - 1 }
        }
        return min(low, edges.count - 2)
    }
}
