import Tabular

/// Event tables (see `EventOrder`): whether the synthetic children of each parent keep the real
/// order, and how alike the gaps between one parent's consecutive children are (1 − KS between
/// the real and synthetic gaps, as cardinality is scored). The order column is found in the
/// real child, so the report needs no session.
public struct EventGaps: Sendable {
    public var column: String
    /// Share of consecutive pairs of one parent's synthetic children that do not go back.
    public var syntheticOrderedShare: Double?
    public var gapSimilarity: Double?

    public static func compute(realChild: Table, syntheticChild: Table, key: ForeignKey, keyColumns: Set<String>) -> EventGaps? {
        guard let column = EventOrder.detect(realChild, parentKey: key.childColumn, excluding: keyColumns),
              syntheticChild.column(named: column) != nil else { return nil }
        let real = EventOrder.gaps(realChild, parentKey: key.childColumn, orderBy: column)
        let synthetic = EventOrder.gaps(syntheticChild, parentKey: key.childColumn, orderBy: column)
        let ordered = synthetic.isEmpty ? nil : Double(synthetic.filter { $0 >= 0 }.count) / Double(synthetic.count)
        let similarity = KolmogorovSmirnov.statistic(sortedReal: real.sorted(), sortedSynthetic: synthetic.sorted()).map { 1 - $0 }
        return EventGaps(column: column, syntheticOrderedShare: ordered, gapSimilarity: similarity)
    }
}
