import Tabular

/// SDMetrics' Intertable Trends (the fourth property of its multi-table QualityReport, 0.32):
/// for each relationship, the child table joined to its parent on the foreign key (an inner join,
/// so orphan child rows drop out), then Column Pair Trends over every pair (parent column, child
/// column): CorrelationSimilarity for two continuous columns, ContingencySimilarity otherwise,
/// with the single-table report's thresholds (real `|ρ| > 0.5` or Cramér's V `> 0.3`).
///
/// Key columns (a table's columns on either end of any foreign key) are left out, as SDV's
/// metadata gives keys the `id` sdtype; the other columns are the ones the table's own quality
/// report scores, with its kinds.
public enum IntertableTrends {
    /// One relationship's pairs, with the parent column first.
    public struct Relationship: Sendable {
        public var key: ForeignKey
        /// The mean over pairs meeting their threshold (nil when none does, as SDMetrics' NaN).
        public var score: Double? { ScoreAverage.mean(pairs.filter(\.meetsThreshold).compactMap(\.score)) }
        /// The mean over every pair with a score, whatever its real relationship.
        public var scoreAll: Double? { ScoreAverage.mean(pairs.compactMap(\.score)) }
        /// `column1` is the parent's column, `column2` the child's, both without table prefix.
        public var pairs: [PairTrendScore]
        /// Rows of the joined real and synthetic tables.
        public var joinedRows: QualityReport.SampleSizes
    }

    /// The pairs of `key`'s parent columns `parentColumns` with child columns `childColumns`.
    public static func compute(key: ForeignKey, realParent: Table, realChild: Table, syntheticParent: Table,
                               syntheticChild: Table, parentColumns: [String], childColumns: [String],
                               kinds: (parent: [String: ColumnKind], child: [String: ColumnKind]),
                               settings: QualitySettings = .sdmetrics) -> Relationship {
        let realJoin = join(parent: realParent, parentKey: key.parentColumn, child: realChild, childKey: key.childColumn)
        let syntheticJoin = join(parent: syntheticParent, parentKey: key.parentColumn, child: syntheticChild, childKey: key.childColumn)
        let parentNames = parentColumns.filter {
            kinds.parent[$0] != nil && syntheticParent.column(named: $0) != nil && realParent.column(named: $0) != nil
        }
        let childNames = childColumns.filter {
            kinds.child[$0] != nil && syntheticChild.column(named: $0) != nil && realChild.column(named: $0) != nil
        }
        // Each column of the joined tables, prepared once (parents' columns first).
        let sides = parentNames.map { (name: $0, parent: true) } + childNames.map { (name: $0, parent: false) }
        let prepared = Parallel.map(sides.count) { index -> PreparedColumn in
            let (name, isParent) = sides[index]
            let real = isParent ? realParent.column(named: name)!.taking(realJoin.parentRows)
                                : realChild.column(named: name)!.taking(realJoin.childRows)
            let synthetic = isParent ? syntheticParent.column(named: name)!.taking(syntheticJoin.parentRows)
                                     : syntheticChild.column(named: name)!.taking(syntheticJoin.childRows)
            return PreparedColumn(name: name, kind: (isParent ? kinds.parent : kinds.child)[name]!,
                                  real: real, synthetic: synthetic, binCount: settings.binCount)
        }
        let rows = ColumnPairTrends.Rows(realCount: realJoin.childRows.count, syntheticCount: syntheticJoin.childRows.count,
                                         settings: settings)
        let parentCount = parentNames.count
        let pairIndices = (0..<parentCount).flatMap { first in (parentCount..<prepared.count).map { (first, $0) } }
        let pairs = Parallel.map(pairIndices.count) { task in
            let (first, second) = pairIndices[task]
            return ColumnPairTrends.score(prepared[first], prepared[second], rows: rows, settings: settings)
        }
        return Relationship(key: key, pairs: pairs,
                            joinedRows: .init(real: realJoin.childRows.count, synthetic: syntheticJoin.childRows.count))
    }

    /// SDMetrics' property score: the mean over every relationship's pairs that meet their
    /// threshold, pooled (not a mean of the relationships' means); nil when none does.
    public static func overall(_ relationships: [Relationship]) -> Double? {
        ScoreAverage.mean(relationships.flatMap { $0.pairs.filter(\.meetsThreshold).compactMap(\.score) })
    }

    /// The inner join of child rows to their parent row: matching row numbers, in child order.
    static func join(parent: Table, parentKey: String, child: Table, childKey: String) -> (parentRows: [Int], childRows: [Int]) {
        guard let keys = parent.column(named: parentKey), let references = child.column(named: childKey) else { return ([], []) }
        let index = KeyValues.index(keys)
        var parentRows: [Int] = [], childRows: [Int] = []
        for (row, key) in KeyValues.texts(references).enumerated() {
            if let key, let parentRow = index[key] {
                parentRows.append(parentRow)
                childRows.append(row)
            }
        }
        return (parentRows, childRows)
    }
}
