import Tabular

/// SDMetrics' CardinalityShapeSimilarity: the number of children of each parent (parents with
/// none count as 0), real against synthetic, scored as 1 − the two-sample KS statistic.
public enum CardinalityShape {
    /// Children per parent row, in parent order.
    public static func counts(parent: Table, parentKey: String, child: Table, childKey: String) -> [Int] {
        guard let keys = parent.column(named: parentKey), let references = child.column(named: childKey) else { return [] }
        let index = KeyValues.index(keys)
        var counts = Array(repeating: 0, count: parent.rowCount)
        for key in KeyValues.texts(references) {
            if let key, let row = index[key] { counts[row] += 1 }
        }
        return counts
    }

    /// 1 − KS between the two count distributions; nil when either side has no parent.
    public static func similarity(real: [Int], synthetic: [Int]) -> Double? {
        KolmogorovSmirnov.statistic(sortedReal: real.map(Double.init).sorted(), sortedSynthetic: synthetic.map(Double.init).sorted()).map { 1 - $0 }
    }
}
